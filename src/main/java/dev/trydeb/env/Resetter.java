package dev.trydeb.env;

import dev.trydeb.desktop.ExportedFiles;
import dev.trydeb.sandbox.SandboxLauncher;
import dev.trydeb.store.EnvironmentLayout;
import dev.trydeb.store.EnvironmentLock;
import dev.trydeb.store.EnvironmentName;
import dev.trydeb.store.EnvironmentRecord;
import java.nio.file.Files;
import java.util.Optional;

/** Throws an environment away: its layers, runtime changes, records and menu entries. */
public final class Resetter {
    private final Workspace workspace;

    public Resetter(Workspace workspace) {
        this.workspace = workspace;
    }

    /** Returns false when there was nothing to reset. */
    public boolean reset(EnvironmentName name) {
        EnvironmentLayout layout = workspace.environment(name);
        Optional<EnvironmentRecord> env = workspace.store().findEnvironment(name.value());
        if (env.isEmpty() && !Files.exists(layout.dir())) {
            if (name.isDefault()) {
                return false;
            }
            throw workspace.noSuchEnvironment(name);
        }
        SandboxLauncher launcher = workspace.launcher();
        layout.createDirectories();
        try (EnvironmentLock lock = EnvironmentLock.exclusive(layout, name.value())) {
            new ExportedFiles(layout.menuExports()).removeAll();
            // Everything but the lock file first, so a concurrent trydeb keeps failing on the lock.
            launcher.removeTree(layout.layersDir(), workspace.installMapping());
            launcher.removeTree(layout.runtimeDir(), workspace.installMapping());
            env.ifPresent(e -> workspace.store().deleteEnvironment(e.id()));
            launcher.removeTree(layout.dir(), workspace.installMapping());
        }
        return true;
    }
}
