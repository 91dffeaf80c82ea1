package dev.trydeb.cli;

import dev.trydeb.env.InstallResult;
import dev.trydeb.env.MenuEntries;
import dev.trydeb.env.RemoveRequest;
import dev.trydeb.env.Workspace;
import dev.trydeb.store.EnvironmentName;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "remove",
        description = {"Remove packages from the environment.", "",
            "The real apt and dpkg remove them in a transaction of its "
                + "own (a new layer, kept only if dpkg succeeds; 'trydeb rollback' undoes it). Packages "
                + "that depend on them go too, after confirmation. A host package removed this way is "
                + "hidden in the environment only."},
        mixinStandardHelpOptions = true)
final class RemoveCommand implements Callable<Integer> {
    @ParentCommand
    TrydebCommand parent;

    @Mixin
    ChangeOptions change;

    @Option(names = "--purge", description = "Remove their configuration files too.")
    boolean purge;

    @Parameters(paramLabel = "NAME", arity = "1..*", description = "The packages to remove.")
    List<String> names;

    @Override
    public Integer call() {
        try (Workspace workspace = Workspace.forCurrentUser()) {
            EnvironmentName environment = parent.global.environment();
            InstallResult result = change.installer(workspace, environment.value())
                    .remove(new RemoveRequest(environment, names, purge));
            MenuEntries.forCurrentUser(workspace).unexportGone(environment);
            change.printJson(result);
        }
        return 0;
    }
}
