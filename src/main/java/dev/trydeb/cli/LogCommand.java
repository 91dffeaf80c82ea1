package dev.trydeb.cli;

import dev.trydeb.core.TrydebException;
import dev.trydeb.env.Workspace;
import dev.trydeb.store.EnvironmentName;
import dev.trydeb.store.EnvironmentRecord;
import dev.trydeb.store.Store;
import dev.trydeb.store.TransactionRecord;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "log",
        description = {"Show what apt and dpkg printed during a transaction.", "",
            "install and remove show a line per package step and the problems; the whole output of "
                + "apt, dpkg and the maintainer scripts is kept with the transaction, failed ones included, "
                + "until rollback or reset removes it. Transactions run with --interactive keep none."},
        mixinStandardHelpOptions = true)
final class LogCommand implements Callable<Integer> {
    @ParentCommand
    TrydebCommand parent;

    @Parameters(paramLabel = "N", arity = "0..1",
            description = "The transaction's number (install shows it); default: the newest that kept its output.")
    Long transaction;

    @Override
    public Integer call() {
        EnvironmentName name = parent.global.environment();
        String output;
        try (Workspace workspace = Workspace.forCurrentUser()) {
            Store store = workspace.store();
            EnvironmentRecord env = store.findEnvironment(name.value()).orElseThrow(() -> workspace.noSuchEnvironment(name));
            output = transaction == null ? newest(store, env) : of(store, store.transactions(env.id()), env, transaction);
        }
        System.out.print(output);
        System.out.flush();
        return 0;
    }

    private static String newest(Store store, EnvironmentRecord env) {
        return store.newestOutput(env.id()).orElseThrow(() ->
                TrydebException.badInput("environment '" + env.name() + "' has no transaction that kept its output"));
    }

    private static String of(Store store, List<TransactionRecord> transactions, EnvironmentRecord env, long id) {
        if (transactions.stream().noneMatch(tx -> tx.id() == id)) {
            throw TrydebException.badInput("environment '" + env.name() + "' has no transaction " + id
                    + (transactions.isEmpty() ? "" : "; its transactions are " + transactions.get(0).id() + " to "
                            + transactions.get(transactions.size() - 1).id()));
        }
        return store.output(id).orElseThrow(() -> TrydebException.badInput("transaction " + id + " of environment '"
                + env.name() + "' kept no output (it ran with --interactive, or before trydeb kept output)"));
    }
}
