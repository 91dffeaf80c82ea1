package dev.trydeb.cli;

import dev.trydeb.core.GuestPath;
import dev.trydeb.core.TrydebException;
import dev.trydeb.diff.Change;
import dev.trydeb.diff.DiffFilter;
import dev.trydeb.diff.DiffJson;
import dev.trydeb.diff.DiffText;
import dev.trydeb.env.DiffResult;
import dev.trydeb.env.Differ;
import dev.trydeb.env.Workspace;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "diff",
        description = {"Show what the environment changed compared with this system.", "",
            "One line per path with its "
                + "kind (added, modified, deleted, new-directory, dir-to-file, file-to-dir, "
                + "symlink-changed, metadata) and who did it: the package that ships the file, the "
                + "maintainer scripts of a package (during its install), or a program (runtime). Changes an "
                + "auditor should see (setuid files, apt sources and keys, services, cron jobs, sudoers, "
                + "users, ...) are listed again at the end, with a reason."},
        mixinStandardHelpOptions = true)
final class DiffCommand implements Callable<Integer> {
    @ParentCommand
    TrydebCommand parent;

    @Parameters(paramLabel = "PKG", arity = "0..1",
            description = "Only what this package shipped or its maintainer scripts changed.")
    String packageName;

    @Option(names = "--transaction", paramLabel = "N", description = "Only what transaction N changed.")
    Long transaction;

    @Option(names = "--path", paramLabel = "PREFIX", description = "Only paths under PREFIX, e.g. /etc.")
    String pathPrefix;

    @Option(names = "--runtime", description = "Only what programs changed while running.")
    boolean runtime;

    @Option(names = "--suspicious", description = "Only the changes an auditor should look at.")
    boolean suspicious;

    @Option(names = "--json", description = "Print a JSON array, for scripts.")
    boolean json;

    @Override
    public Integer call() {
        DiffFilter filter = new DiffFilter(Optional.ofNullable(packageName), Optional.ofNullable(transaction),
                Optional.ofNullable(pathPrefix).map(DiffCommand::guestPrefix), runtime, suspicious);
        DiffResult result;
        try (Workspace workspace = Workspace.forCurrentUser()) {
            result = new Differ(workspace).diff(parent.global.environment());
        }
        DiffWarnings.print(result);
        List<Change> changes = result.changes().stream().filter(filter::accepts).toList();
        if (json) {
            System.out.println(DiffJson.render(changes));
        } else if (changes.isEmpty()) {
            System.out.println("no changes");
        } else {
            System.out.print(DiffText.render(changes));
        }
        return 0;
    }

    private static GuestPath guestPrefix(String prefix) {
        String trimmed = prefix.length() > 1 && prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
        try {
            return GuestPath.of(trimmed);
        } catch (IllegalArgumentException e) {
            throw TrydebException.badInput("--path " + prefix + ": give an absolute path inside the environment, e.g. /etc");
        }
    }
}
