package dev.trydeb.cli;

import dev.trydeb.env.MenuEntries;
import dev.trydeb.env.Rollback;
import dev.trydeb.env.Workspace;
import dev.trydeb.store.TransactionRecord;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "rollback",
        description = {"Undo the environment's newest transactions.", "",
            "The newest install or remove (or N of them): its layer and records are dropped, so "
                + "what it installed disappears and what it removed or replaced comes back. Changes "
                + "programs made while running stay ('trydeb reset' drops everything)."},
        mixinStandardHelpOptions = true)
final class RollbackCommand implements Callable<Integer> {
    @ParentCommand
    TrydebCommand parent;

    @Option(names = "--steps", paramLabel = "N", defaultValue = "1",
            description = "How many transactions to undo, newest first (default: ${DEFAULT-VALUE}).")
    int steps;

    @Override
    public Integer call() {
        try (Workspace workspace = Workspace.forCurrentUser()) {
            List<TransactionRecord> dropped = new Rollback(workspace).rollback(parent.global.environment(), steps);
            MenuEntries menu = MenuEntries.forCurrentUser(workspace);
            menu.unexportGone(parent.global.environment());
            menu.exportMissing(parent.global.environment());
            for (TransactionRecord tx : dropped) {
                System.out.println("Rolled back transaction " + tx.id() + " (" + tx.kind() + " of " + tx.startedAt()
                        + ") in environment '" + parent.global.environment().value() + "'.");
            }
        }
        return 0;
    }
}
