package dev.trydeb.cli;

import dev.trydeb.diff.Change;
import dev.trydeb.diff.DiffText;
import dev.trydeb.env.DiffResult;
import dev.trydeb.env.Differ;
import dev.trydeb.env.EphemeralDiff;
import dev.trydeb.env.Workspace;
import dev.trydeb.store.EnvironmentName;
import java.nio.file.Path;
import java.util.List;

/** Prints what a throwaway run changed, on stderr, so the program's own output stays clean. */
final class DiffOnExit implements EphemeralDiff {
    private final Workspace workspace;

    DiffOnExit(Workspace workspace) {
        this.workspace = workspace;
    }

    @Override
    public void show(EnvironmentName environment, Path throwawayDir) {
        DiffResult result = new Differ(workspace).diffThrowaway(environment, throwawayDir);
        DiffWarnings.print(result);
        List<Change> changes = result.changes();
        if (changes.isEmpty()) {
            System.err.println("no changes");
        }
        System.err.print(DiffText.render(changes));
        System.err.flush();
    }
}
