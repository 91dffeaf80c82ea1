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
    /** What dropping a transaction does: remove its layer, and record OUTCOME with ERROR. */
    interface Drop {
        void drop(String outcome, String error);
    }

    private final Cancellation cancellation;
    private final Drop drop;

    Transaction(Workspace workspace, SandboxLauncher launcher, UidMapping mapping, EnvironmentLayout layout, long id,
                Cancellation cancellation) {
        this(cancellation, (outcome, error) -> {
            launcher.removeTree(layout.layerDir(id), mapping);
            workspace.store().failTransaction(id, outcome, error);
        });
    }

    Transaction(Cancellation cancellation, Drop drop) {
        this.cancellation = cancellation;
        this.drop = drop;
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
                drop.drop(cancelled ? "aborted" : "failed", cancelled ? "interrupted" : String.valueOf(e.getMessage()));
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
}
