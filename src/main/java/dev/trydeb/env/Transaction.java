package dev.trydeb.env;

import dev.trydeb.sandbox.SandboxLauncher;
import dev.trydeb.sandbox.UidMapping;
import dev.trydeb.store.EnvironmentLayout;
import java.util.function.Supplier;

/**
 * Runs the body of a transaction so that it either commits or leaves nothing. There is one
 * commit point, {@link #commit}: one SQLite transaction. Before it, an exception or a signal
 * (through {@link Cancellation}) drops the layer, once the sandbox has ended, and marks the
 * record failed or aborted; after it nothing is dropped. A SIGKILL leaves a pending record
 * and a layer directory, which {@link Recovery} removes before the next change.
 */
final class Transaction {
    private final Workspace workspace;
    private final SandboxLauncher launcher;
    private final UidMapping mapping;
    private final EnvironmentLayout layout;
    private final long id;
    private final Cancellation cancellation;

    Transaction(Workspace workspace, SandboxLauncher launcher, UidMapping mapping, EnvironmentLayout layout, long id,
                Cancellation cancellation) {
        this.workspace = workspace;
        this.launcher = launcher;
        this.mapping = mapping;
        this.layout = layout;
        this.id = id;
        this.cancellation = cancellation;
        cancellation.transactionBegun();
    }

    <T> T run(Supplier<T> body) {
        try {
            T result = body.get();
            cancellation.finished();
            return result;
        } catch (RuntimeException | Error e) {
            if (cancellation.isCommitted()) {
                cancellation.finished();
                throw e;
            }
            boolean cancelled = cancellation.wasCancelled();
            cancellation.dropping();
            try {
                drop(cancelled ? "aborted" : "failed", cancelled ? "interrupted" : String.valueOf(e.getMessage()));
            } catch (RuntimeException dropFailure) {
                e.addSuppressed(dropFailure);
            }
            if (cancelled) {
                cancellation.awaitExit();
            }
            cancellation.finished();
            throw e;
        }
    }

    /** The commit point: records the transaction unless a signal cancelled it first. */
    void commit(Runnable storeCommit) {
        if (!cancellation.enterCommit()) {
            throw new IllegalStateException("cancelled before the commit");
        }
        storeCommit.run();
        cancellation.committed();
    }

    private void drop(String outcome, String error) {
        launcher.removeTree(layout.layerDir(id), mapping);
        workspace.store().failTransaction(id, outcome, error);
    }
}
