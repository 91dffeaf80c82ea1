package dev.trydeb.cli;

import dev.trydeb.env.MenuEntries;
import dev.trydeb.env.Workspace;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "unexport",
        description = {"Take the menu entries of packages out of your menu.",
            "",
            "Removes the entries and icons that 'install' or 'export' wrote. The packages stay",
            "installed; 'trydeb export' puts the entries back."},
        mixinStandardHelpOptions = true)
final class UnexportCommand implements Callable<Integer> {
    @ParentCommand
    TrydebCommand parent;

    @Parameters(paramLabel = "PKG", arity = "1..*", description = "Packages whose entries to remove.")
    List<String> packages;

    @Override
    public Integer call() {
        try (Workspace workspace = Workspace.forCurrentUser()) {
            MenuEntries menu = MenuEntries.forCurrentUser(workspace);
            for (String pkg : packages) {
                List<Path> removed = menu.unexport(parent.global.environment(), pkg);
                if (removed.isEmpty()) {
                    System.out.println("No menu entries of " + pkg + " in environment '"
                            + parent.global.environment() + "'.");
                }
                removed.forEach(file -> System.out.println("Removed " + file));
            }
        }
        return 0;
    }
}
