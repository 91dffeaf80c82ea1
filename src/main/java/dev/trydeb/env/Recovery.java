package dev.trydeb.env;

import dev.trydeb.sandbox.SandboxLauncher;
import dev.trydeb.sandbox.UidMapping;
import dev.trydeb.store.EnvironmentLayout;
import dev.trydeb.store.EnvironmentRecord;
import dev.trydeb.store.TransactionRecord;
import java.util.HashSet;
import java.util.Set;

/** Cleans up after a trydeb that was killed mid-transaction: runs under the exclusive lock. */
final class Recovery {
    private final Workspace workspace;
    private final SandboxLauncher launcher;
    private final UidMapping mapping;

    Recovery(Workspace workspace, SandboxLauncher launcher, UidMapping mapping) {
        this.workspace = workspace;
        this.launcher = launcher;
        this.mapping = mapping;
    }

    void recover(EnvironmentRecord env, EnvironmentLayout layout) {
        new Compaction(workspace, launcher, mapping, layout).recover(env);
        for (TransactionRecord pending : workspace.store().pendingTransactions(env.id())) {
            workspace.store().failTransaction(pending.id(), "aborted", "trydeb was killed during the transaction");
        }
        Set<Long> committed = new HashSet<>(workspace.store().committedLayerIds(env.id()));
        for (long id : layout.layerDirIds()) {
            if (!committed.contains(id)) {
                launcher.removeTree(layout.layerDir(id), mapping);
            }
        }
    }
}
