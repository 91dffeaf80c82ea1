package dev.trydeb.deb;

import dev.trydeb.core.FileMode;
import dev.trydeb.core.GuestPath;

/**
 * The header of one data.tar member: where it goes in the guest, what it is, and its ownership.
 * {@code mode} holds the permission bits including setuid, setgid and sticky. {@code linkTarget}
 * is the symlink target as written in the archive (possibly absolute or relative, interpreted
 * inside the sandbox), or the hardlink target as a guest path; null for other types.
 * {@code size} is the content size of a regular file, 0 otherwise.
 */
public record DataEntry(GuestPath path, DataEntry.Type type, int mode, long uid, long gid, String linkTarget, long size) {

    public enum Type { DIRECTORY, FILE, SYMLINK, HARDLINK, OTHER }

    public DataEntry {
        if (path == null || type == null) {
            throw new IllegalArgumentException("data entry needs a path and a type");
        }
        if ((mode & ~FileMode.PERMISSIONS) != 0) {
            throw new IllegalArgumentException("mode must only hold permission bits: " + Integer.toOctalString(mode));
        }
        boolean isLink = type == Type.SYMLINK || type == Type.HARDLINK;
        if (isLink != (linkTarget != null)) {
            throw new IllegalArgumentException("a link target is required for links and only for links: " + path);
        }
        if (size < 0) {
            throw new IllegalArgumentException("negative size for " + path);
        }
    }
}
