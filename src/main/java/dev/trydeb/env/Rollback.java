package dev.trydeb.env;

import dev.trydeb.core.TrydebException;
import dev.trydeb.store.EnvironmentLayout;
import dev.trydeb.store.EnvironmentName;
import dev.trydeb.store.EnvironmentRecord;
import dev.trydeb.store.TransactionRecord;
import java.util.ArrayList;
import java.util.List;

/**
 * Undoes an environment's newest transactions: their layers and records go, so what they
 * installed disappears and what they removed or replaced is back. Changes programs made at
 * run time (the runtime layer) stay.
 */
public final class Rollback {
    private final Workspace workspace;

    public Rollback(Workspace workspace) {
        this.workspace = workspace;
    }

    /** Returns the transactions dropped, newest first. */
    public List<TransactionRecord> rollback(EnvironmentName name, int count) {
        if (count < 1) {
            throw TrydebException.badInput("--steps must be at least 1, not " + count);
        }
        try (LockedEnvironment locked = LockedEnvironment.open(workspace, name)) {
            EnvironmentRecord env = locked.record();
            EnvironmentLayout layout = locked.layout();
            List<TransactionRecord> committed = workspace.store().transactions(env.id()).stream()
                    .filter(tx -> tx.outcome().equals(TransactionRecord.COMMITTED))
                    .toList();
            if (committed.size() < count) {
                throw TrydebException.badInput("environment '" + name.value() + "' has " + committed.size()
                        + " transaction(s) to roll back, not " + count);
            }
            for (int i = committed.size() - 1; i >= committed.size() - count; i--) {
                if (!workspace.store().compactedTransactionIds(committed.get(i).id()).isEmpty()) {
                    throw TrydebException.badInput("environment '" + name.value() + "' can roll back "
                            + (committed.size() - 1 - i) + " transaction(s): transaction " + committed.get(i).id()
                            + " and the ones before it were compacted into one layer; 'trydeb reset' drops everything");
                }
            }
            List<TransactionRecord> dropped = new ArrayList<>();
            for (int i = committed.size() - 1; i >= committed.size() - count; i--) {
                TransactionRecord tx = committed.get(i);
                // Records first: a layer left behind by a kill is then an uncommitted one, which Recovery removes.
                workspace.store().deleteTransaction(tx.id());
                locked.launcher().removeTree(layout.layerDir(tx.id()), locked.mapping());
                dropped.add(tx);
            }
            StateLayers.refresh(workspace, env, layout);
            return dropped;
        }
    }
}
