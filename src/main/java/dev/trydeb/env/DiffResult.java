package dev.trydeb.env;

import dev.trydeb.diff.Change;
import dev.trydeb.diff.UnreadableDirectory;
import java.util.List;

/** A diff, and the layer directories it could not read (their contents are not in it). */
public record DiffResult(List<Change> changes, List<UnreadableDirectory> unreadable) {
    public DiffResult {
        changes = List.copyOf(changes);
        unreadable = List.copyOf(unreadable);
    }
}
