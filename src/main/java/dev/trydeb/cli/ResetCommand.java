package dev.trydeb.cli;

import dev.trydeb.env.Resetter;
import dev.trydeb.env.Workspace;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

@Command(name = "reset",
        description = {"Throw the environment away.", "",
            "Every package installed into it, every change its programs "
                + "made outside your home, and its records. Refused while a program of the environment is "
                + "running."},
        mixinStandardHelpOptions = true)
final class ResetCommand implements Callable<Integer> {
    @ParentCommand
    TrydebCommand parent;

    @Override
    public Integer call() {
        String name = parent.global.environment().value();
        try (Workspace workspace = Workspace.forCurrentUser()) {
            boolean removed = new Resetter(workspace).reset(parent.global.environment());
            System.out.println(removed ? "Environment '" + name + "' removed." : "Environment '" + name + "' is already empty.");
        }
        return 0;
    }
}
