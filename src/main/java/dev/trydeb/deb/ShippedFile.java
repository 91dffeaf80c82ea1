package dev.trydeb.deb;

import dev.trydeb.core.GuestPath;
import java.util.Objects;

/**
 * A non-directory a package's data.tar holds, as dpkg leaves it on disk: what a later change
 * by a maintainer script or a program is measured against.
 *
 * @param mode the permission bits, setuid, setgid and sticky included
 * @param mtime seconds since the epoch, as dpkg sets it from the archive (regular files)
 * @param sha256 the content's SHA-256 in lowercase hex (regular files and hardlinks to them)
 * @param linkTarget a symlink's target as written in the archive
 */
public record ShippedFile(GuestPath path, Kind kind, int mode, long size, long mtime, String sha256, String linkTarget) {
    public enum Kind { FILE, SYMLINK }

    public ShippedFile {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(kind, "kind");
        if ((kind == Kind.FILE) != (sha256 != null) || (kind == Kind.SYMLINK) != (linkTarget != null)) {
            throw new IllegalArgumentException("a shipped file needs a digest, a symlink a target: " + path);
        }
    }
}
