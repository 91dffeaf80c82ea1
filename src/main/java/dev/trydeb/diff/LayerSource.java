package dev.trydeb.diff;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One layer to diff: its overlay upper directory (which mirrors the guest root), who wrote it,
 * and how its writer's ids map to the guest.
 */
public record LayerSource(Path upper, LayerOrigin origin, IdMapping mapping) {
    public LayerSource {
        Objects.requireNonNull(upper, "upper");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(mapping, "mapping");
    }
}
