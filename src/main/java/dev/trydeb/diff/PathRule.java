package dev.trydeb.diff;

import dev.trydeb.core.GuestPath;

/**
 * One row of {@link SuspiciousRules}: a path, or everything strictly below a directory
 * (optionally only names with a suffix), and what a change there means.
 */
record PathRule(GuestPath path, boolean below, String suffix, String reason, String removedReason) {
    static PathRule exact(String path, String reason) {
        return new PathRule(GuestPath.of(path), false, "", reason, reason + " removed");
    }

    static PathRule below(String dir, String reason) {
        return new PathRule(GuestPath.of(dir), true, "", reason, reason + " removed");
    }

    static PathRule belowWithSuffix(String dir, String suffix, String reason) {
        return new PathRule(GuestPath.of(dir), true, suffix, reason, reason + " removed");
    }

    /** The same rule with its own wording for a deletion. */
    PathRule removedAs(String text) {
        return new PathRule(path, below, suffix, reason, text);
    }

    boolean matches(GuestPath candidate) {
        boolean placed = below ? candidate.startsWith(path) && !candidate.equals(path) : candidate.equals(path);
        return placed && candidate.fileName().endsWith(suffix);
    }
}
