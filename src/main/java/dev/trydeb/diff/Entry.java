package dev.trydeb.diff;

import dev.trydeb.core.FileMode;
import dev.trydeb.layer.OverlayMarks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.Optional;

/**
 * One directory entry on disk, read without following symlinks.
 *
 * @param mode the full st_mode, file type bits included
 * @param uid the owner as the host sees it
 * @param opaque a layer directory marked {@code user.overlay.opaque=y}
 * @param capabilities a regular file's capabilities, if it has any
 */
record Entry(Path path, EntryType type, int mode, long uid, long gid, long size, long rdev, boolean opaque,
        Optional<FileCapabilities> capabilities, FileTime mtime) {
    /**
     * The entry at {@code path}, or empty if there is none. Whiteouts and opaque directories
     * exist only in layers: on the host a 0:0 device is just a device.
     */
    static Optional<Entry> read(Path path, boolean inLayer) throws IOException {
        Map<String, Object> a;
        try {
            a = Files.readAttributes(path, "unix:mode,uid,gid,size,rdev,lastModifiedTime", LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        int mode = (Integer) a.get("mode");
        long rdev = (Long) a.get("rdev");
        EntryType type = switch (mode & FileMode.TYPE_MASK) {
            case FileMode.REGULAR -> EntryType.FILE;
            case FileMode.DIRECTORY -> EntryType.DIRECTORY;
            case FileMode.SYMLINK -> EntryType.SYMLINK;
            case FileMode.CHARACTER_DEVICE -> inLayer && OverlayMarks.isWhiteout(mode, rdev) ? EntryType.WHITEOUT : EntryType.OTHER;
            default -> EntryType.OTHER;
        };
        boolean opaque = inLayer && type == EntryType.DIRECTORY && OverlayMarks.isOpaque(path);
        Optional<FileCapabilities> capabilities = type == EntryType.FILE
                ? SecurityXattrs.capabilities(path) : Optional.empty();
        return Optional.of(new Entry(path, type, mode, ((Integer) a.get("uid")).longValue(),
                ((Integer) a.get("gid")).longValue(), (Long) a.get("size"), rdev, opaque, capabilities,
                (FileTime) a.get("lastModifiedTime")));
    }

    int permissions() {
        return mode & FileMode.PERMISSIONS;
    }

    boolean isDirectory() {
        return type == EntryType.DIRECTORY;
    }
}
