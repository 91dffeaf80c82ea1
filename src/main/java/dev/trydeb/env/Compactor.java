package dev.trydeb.env;

import dev.trydeb.store.EnvironmentName;

/** `trydeb compact`: all of an environment's layers become one. */
public final class Compactor {
    private final Workspace workspace;

    public Compactor(Workspace workspace) {
        this.workspace = workspace;
    }

    /** Returns how many layers were merged into one (0: there were fewer than two). */
    public int compact(EnvironmentName name) {
        try (LockedEnvironment locked = LockedEnvironment.open(workspace, name)) {
            return new Compaction(workspace, locked.launcher(), locked.mapping(), locked.layout()).compact(locked.record(), 0);
        }
    }
}
