package dev.trydeb.env;

import dev.trydeb.core.TrydebException;
import dev.trydeb.sandbox.SandboxLauncher;
import dev.trydeb.sandbox.UidMapping;
import dev.trydeb.store.EnvironmentLayout;
import dev.trydeb.store.EnvironmentLock;
import dev.trydeb.store.EnvironmentName;
import dev.trydeb.store.EnvironmentRecord;

/** `trydeb compact`: all of an environment's layers become one. */
public final class Compactor {
    private final Workspace workspace;

    public Compactor(Workspace workspace) {
        this.workspace = workspace;
    }

    /** Returns how many layers were merged into one (0: there were fewer than two). */
    public int compact(EnvironmentName name) {
        EnvironmentRecord env = workspace.store().findEnvironment(name.value()).orElseThrow(() ->
                TrydebException.badInput("there is no environment '" + name.value() + "'"));
        EnvironmentLayout layout = workspace.usableEnvironment(name);
        UidMapping mapping = workspace.installMapping();
        SandboxLauncher launcher = workspace.launcher();
        try (EnvironmentLock lock = EnvironmentLock.exclusive(layout, name.value())) {
            new Recovery(workspace, launcher, mapping).recover(env, layout);
            return new Compaction(workspace, launcher, mapping, layout).compact(env, 0);
        }
    }
}
