package dev.trydeb.cli;

import dev.trydeb.env.Compactor;
import dev.trydeb.env.Workspace;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

@Command(name = "compact",
        description = {"Merge the environment's layers into one.", "",
            "Each transaction adds a layer, and every sandbox mounts them all: merging them keeps "
                + "'run' and 'install' as fast after a thousand transactions as after one. Installs do "
                + "it by themselves past 40 layers, leaving the newest 10 alone. What the packages "
                + "installed, 'list', 'info' and 'diff' stay as they were; 'rollback' then reaches back "
                + "only to the transactions after the merged ones ('reset' still drops everything)."},
        mixinStandardHelpOptions = true)
final class CompactCommand implements Callable<Integer> {
    @ParentCommand
    TrydebCommand parent;

    @Override
    public Integer call() {
        try (Workspace workspace = Workspace.forCurrentUser()) {
            int merged = new Compactor(workspace).compact(parent.global.environment());
            String env = parent.global.environment().value();
            System.out.println(merged == 0 ? "Environment '" + env + "' has fewer than two layers: nothing to compact."
                    : "Merged " + merged + " layers of environment '" + env + "' into one.");
        }
        return 0;
    }
}
