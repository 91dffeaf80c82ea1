package dev.trydeb.env;

import dev.trydeb.sandbox.SandboxLauncher;
import dev.trydeb.sandbox.UidMapping;
import dev.trydeb.store.EnvironmentLayout;
import java.util.function.Supplier;

/**
 * Runs the body of a transaction so that it either commits or leaves nothing: on an
 * exception, and on Ctrl-C or SIGTERM (through a shutdown hook), the transaction's layer
 * is removed and the record marked failed or aborted. A SIGKILL leaves a pending record
 * and a layer directory, which {@link Recovery} removes before the next change.
 */
final class Transaction {
    private final Workspace workspace;
    private final SandboxLauncher launcher;
    private final UidMapping mapping;
    private final EnvironmentLayout layout;
    private final long id;
    private boolean finished;

    Transaction(Workspace workspace, SandboxLauncher launcher, UidMapping mapping, EnvironmentLayout layout, long id) {
        this.workspace = workspace;
        this.launcher = launcher;
        this.mapping = mapping;
        this.layout = layout;
        this.id = id;
    }

    <T> T run(Supplier<T> body) {
        Thread hook = new Thread(this::abortOnExit, "trydeb-abort");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            T result = body.get();
            markFinished();
            return result;
        } catch (RuntimeException | Error e) {
            drop("failed", String.valueOf(e.getMessage()));
            throw e;
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // The hook is running or has run; it does the cleanup.
            }
        }
    }

    private synchronized void markFinished() {
        finished = true;
    }

    private void abortOnExit() {
        launcher.stopRunning();
        drop("aborted", "interrupted");
    }

    private synchronized void drop(String outcome, String error) {
        if (finished) {
            return;
        }
        finished = true;
        launcher.removeTree(layout.layerDir(id), mapping);
        workspace.store().failTransaction(id, outcome, error);
    }
}
