package dev.trydeb.diff;

import dev.trydeb.core.GuestPath;

/**
 * A layer directory the diff could not list (typically owned by a subordinate id with no
 * access for others): changes below it are missing from the diff.
 */
public record UnreadableDirectory(GuestPath path, long layerIndex, String reason) {}
