package dev.trydeb.cli;

import dev.trydeb.diff.UnreadableDirectory;
import dev.trydeb.env.DiffResult;

/** Says, on stderr, which parts of a diff could not be read. */
final class DiffWarnings {
    private DiffWarnings() {}

    static void print(DiffResult result) {
        for (UnreadableDirectory dir : result.unreadable()) {
            System.err.println("trydeb: warning: cannot read " + dir.path() + " in layer " + dir.layerIndex()
                    + " (" + dir.reason() + "); changes inside it are not shown");
        }
    }
}
