package dev.trydeb.diff;

import dev.trydeb.core.GuestPath;
import dev.trydeb.deb.ShippedFile;
import java.util.List;
import java.util.Optional;

/**
 * Where in a path's stack a change was made: the topmost layer whose entry differs from what
 * lies just below it. Below an install layer's entry lies first what its own package's
 * data.tar put there (when one shipped a file or symlink there), then the next layer: so a
 * maintainer script's append, touch or chmod of its package's file is told apart from the
 * package's content. Layers that only prepared a directory or had a file copied up unchanged
 * (overlayfs keeps its mtime) made no change.
 */
final class ChangeOrigin {
    /**
     * @param level the layer that made the change
     * @param afterUnpack the layer changed what its own package had unpacked there
     * @param kindOverShipped when some package shipped the path at or below {@code level}:
     *        the change's kind against what lay just below it
     */
    record Point(int level, boolean afterUnpack, Optional<ChangeKind> kindOverShipped) {}

    private ChangeOrigin() {}

    /** @param holders the layers' entries at the path, top first, possibly ending with the host's */
    static Optional<Point> find(GuestPath path, List<StackEntry> holders, Attributor attributor) {
        for (int k = 0; k < holders.size() && !holders.get(k).isHost(); k++) {
            int level = holders.get(k).level();
            Optional<StackEntry> self = visible(holders.get(k));
            Optional<StackEntry> below = k + 1 < holders.size() ? visible(holders.get(k + 1)) : Optional.empty();
            Optional<ShippedFile> shipped = attributor.shippedAt(path, level);
            if (shipped.isPresent()) {
                Optional<ChangeKind> sinceUnpack = ShippedComparer.compare(self, shipped.get());
                if (sinceUnpack.isPresent()) {
                    return Optional.of(new Point(level, true, sinceUnpack));
                }
                // As dpkg left it: the package changed the path if it differs from below, the archive's mtime aside.
                if (EntryComparer.compare(self, below).isPresent()) {
                    return Optional.of(new Point(level, false, Optional.empty()));
                }
                continue;
            }
            Optional<ChangeKind> kind = EntryComparer.compareIncludingMtime(self, below);
            if (kind.isPresent()) {
                boolean overShipped = shippedBelow(path, holders, k + 1, attributor);
                return Optional.of(new Point(level, false, overShipped ? kind : Optional.empty()));
            }
        }
        return Optional.empty();
    }

    private static boolean shippedBelow(GuestPath path, List<StackEntry> holders, int from, Attributor attributor) {
        for (int k = from; k < holders.size() && !holders.get(k).isHost(); k++) {
            if (attributor.shippedAt(path, holders.get(k).level()).isPresent()) {
                return true;
            }
        }
        return false;
    }

    private static Optional<StackEntry> visible(StackEntry entry) {
        return entry.type() == EntryType.WHITEOUT ? Optional.empty() : Optional.of(entry);
    }
}
