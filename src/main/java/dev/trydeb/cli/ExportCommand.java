package dev.trydeb.cli;

import dev.trydeb.env.MenuEntries;
import dev.trydeb.env.Warnings;
import dev.trydeb.env.Workspace;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "export",
        description = {
            "Put the applications of installed packages into your menu.",
            "",
            "As 'install' does: entries in $XDG_DATA_HOME/applications named",
            "'trydeb-ENV-ID.desktop' that start the program through 'trydeb run', with their",
            "names marked '(trydeb)' and their icons copied out of the environment. Exporting",
            "again replaces the package's entries."},
        mixinStandardHelpOptions = true)
final class ExportCommand implements Callable<Integer> {
    @ParentCommand
    TrydebCommand parent;

    @Parameters(paramLabel = "PKG", arity = "1..*", description = "Installed packages.")
    List<String> packages;

    @Override
    public Integer call() {
        try (Workspace workspace = Workspace.forCurrentUser()) {
            MenuEntries menu = MenuEntries.forCurrentUser(workspace);
            for (String pkg : packages) {
                MenuExportOutput.print(pkg, menu.export(parent.global.environment(), pkg), System.out, Warnings.to(System.err));
            }
        }
        return 0;
    }
}
