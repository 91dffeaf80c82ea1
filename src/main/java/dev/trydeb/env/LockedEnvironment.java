package dev.trydeb.env;

import dev.trydeb.sandbox.SandboxLauncher;
import dev.trydeb.sandbox.UidMapping;
import dev.trydeb.store.EnvironmentLayout;
import dev.trydeb.store.EnvironmentLock;
import dev.trydeb.store.EnvironmentName;
import dev.trydeb.store.EnvironmentRecord;

/**
 * An existing environment opened to change it: its record, layout, id mapping and launcher,
 * under its exclusive lock, with whatever an interrupted change left recovered first.
 */
record LockedEnvironment(EnvironmentRecord record, EnvironmentLayout layout, UidMapping mapping,
                         SandboxLauncher launcher, EnvironmentLock lock) implements AutoCloseable {
    static LockedEnvironment open(Workspace workspace, EnvironmentName name) {
        EnvironmentRecord env = workspace.store().findEnvironment(name.value()).orElseThrow(() ->
                workspace.noSuchEnvironment(name));
        EnvironmentLayout layout = workspace.usableEnvironment(name);
        UidMapping mapping = workspace.installMapping();
        SandboxLauncher launcher = workspace.launcher();
        EnvironmentLock lock = EnvironmentLock.exclusive(layout, name.value());
        try {
            new Recovery(workspace, launcher, mapping).recover(env, layout);
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
        return new LockedEnvironment(env, layout, mapping, launcher, lock);
    }

    @Override
    public void close() {
        lock.close();
    }
}
