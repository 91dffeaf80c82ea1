package dev.trydeb.diff;

import dev.trydeb.core.FileMode;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Compares what the guest sees at a path with what lies below it (the host, or a lower
 * layer): the cells of the table in {@link DiffEngine}. Whiteouts are never passed in: a
 * whited-out path is absent.
 */
final class EntryComparer {
    private EntryComparer() {}

    /** The change from {@code lower} to {@code upper}, or empty if the guest would not notice one. */
    static Optional<ChangeKind> compare(Optional<StackEntry> upper, Optional<StackEntry> lower) {
        if (upper.isEmpty()) {
            return lower.map(l -> ChangeKind.DELETED);
        }
        StackEntry u = upper.get();
        if (lower.isEmpty()) {
            return Optional.of(u.entry().isDirectory() ? ChangeKind.NEW_DIRECTORY : ChangeKind.ADDED);
        }
        StackEntry l = lower.get();
        return Optional.ofNullable(kindOfChange(u, l));
    }

    /**
     * {@link #compare}, and two regular files that differ only in mtime are METADATA_ONLY:
     * for a layer's entry against the one below it, as overlayfs copy-up keeps the mtime.
     * Not against what dpkg unpacked over it, which has the archive's. Microseconds: Java's
     * copy, which trydeb's layer preparation uses, keeps no more.
     */
    static Optional<ChangeKind> compareIncludingMtime(Optional<StackEntry> upper, Optional<StackEntry> lower) {
        Optional<ChangeKind> kind = compare(upper, lower);
        if (kind.isPresent() || upper.isEmpty() || lower.isEmpty()) {
            return kind;
        }
        Entry u = upper.get().entry();
        Entry l = lower.get().entry();
        boolean files = u.type() == EntryType.FILE && l.type() == EntryType.FILE;
        boolean sameMtime = u.mtime().to(TimeUnit.MICROSECONDS) == l.mtime().to(TimeUnit.MICROSECONDS);
        return files && !sameMtime ? Optional.of(ChangeKind.METADATA_ONLY) : Optional.empty();
    }

    private static ChangeKind kindOfChange(StackEntry u, StackEntry l) {
        boolean upperDir = u.entry().isDirectory();
        boolean lowerDir = l.entry().isDirectory();
        if (upperDir && lowerDir) {
            return metadataKind(u, l);
        }
        if (upperDir) {
            return ChangeKind.FILE_REPLACED_BY_DIRECTORY;
        }
        if (lowerDir) {
            return ChangeKind.DIRECTORY_REPLACED_BY_FILE;
        }
        if (u.type() == EntryType.SYMLINK || l.type() == EntryType.SYMLINK) {
            boolean sameLink = u.type() == l.type() && sameTarget(u.entry(), l.entry());
            return sameLink ? metadataKind(u, l) : ChangeKind.SYMLINK_CHANGED;
        }
        if (u.type() == EntryType.FILE && l.type() == EntryType.FILE) {
            return FileContents.same(u.entry(), l.entry()) ? metadataKind(u, l) : ChangeKind.MODIFIED;
        }
        boolean sameNode = (u.entry().mode() & FileMode.TYPE_MASK) == (l.entry().mode() & FileMode.TYPE_MASK)
                && u.entry().rdev() == l.entry().rdev();
        return sameNode ? metadataKind(u, l) : ChangeKind.MODIFIED;
    }

    /** Same type and content: METADATA_ONLY if permissions, capabilities or the guest owner differ, else no change. */
    private static ChangeKind metadataKind(StackEntry u, StackEntry l) {
        if (u.entry().permissions() != l.entry().permissions()
                || !u.entry().capabilities().equals(l.entry().capabilities())) {
            return ChangeKind.METADATA_ONLY;
        }
        boolean sameOwner = u.guestUid() == l.guestUid() && u.guestGid() == l.guestGid();
        return sameOwner || preparedByTrydeb(u) ? null : ChangeKind.METADATA_ONLY;
    }

    /**
     * trydeb creates directories and copies state files into a layer as the user, with the
     * mode of what lies below, so they show as owned by the user (root inside an install
     * sandbox) whoever owned the original: that owner difference is trydeb's, not a change.
     * The price: a maintainer script that only chowns such a directory or file to root
     * goes unreported.
     */
    private static boolean preparedByTrydeb(StackEntry u) {
        return u.ownedByUser() && (u.type() == EntryType.DIRECTORY || u.type() == EntryType.FILE);
    }

    private static boolean sameTarget(Entry a, Entry b) {
        try {
            return Files.readSymbolicLink(a.path()).equals(Files.readSymbolicLink(b.path()));
        } catch (IOException e) {
            return false;
        }
    }
}
