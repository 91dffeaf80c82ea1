package dev.trydeb.doctor;

import dev.trydeb.sandbox.UidMapping;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What the doctor cannot learn from files alone and so tries for real; faked in unit tests.
 * Each returns empty when it worked, else what went wrong, in one line.
 */
public interface LiveProbes {
    /**
     * Starts the sandbox helper with {@code mapping} and an overlay whose layers lie in a
     * scratch directory made (and removed) in {@code scratchParent}, as every sandbox does.
     */
    Optional<String> sandbox(UidMapping mapping, Path scratchParent);

    /** Sets and removes the xattr user.trydeb.probe on a scratch file in {@code dir}. */
    Optional<String> userXattr(Path dir);

    /** Whether the file carries file capabilities (security.capability). */
    boolean hasFileCapabilities(Path file);
}
