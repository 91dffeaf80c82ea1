package dev.trydeb.diff;

import dev.trydeb.core.GuestPath;
import java.util.Objects;
import java.util.Optional;

/**
 * One path where the environment differs from the host.
 *
 * @param suspicious why an auditor should look at it, if they should
 * @param layerIndex the layer the change is attributed to, as an index into the bottom-to-top
 *                   list given to {@link DiffEngine#diff}
 */
public record Change(GuestPath path, ChangeKind kind, Attribution attribution, Optional<String> suspicious,
        long layerIndex) {
    public Change {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(attribution, "attribution");
        Objects.requireNonNull(suspicious, "suspicious");
    }
}
