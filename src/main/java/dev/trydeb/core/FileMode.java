package dev.trydeb.core;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/** The bits of st_mode, as the "unix:mode" attribute gives it (file type included). */
public final class FileMode {
    public static final int TYPE_MASK = 0170000;
    public static final int REGULAR = 0100000;
    public static final int DIRECTORY = 0040000;
    public static final int SYMLINK = 0120000;
    public static final int CHARACTER_DEVICE = 0020000;
    public static final int PERMISSIONS = 07777;

    private FileMode() {}

    /** lstat(2)'s st_mode of {@code path}, or {@code unreadable} if that fails (gone, or not searchable). */
    public static int read(Path path, int unreadable) {
        try {
            return lstat(path);
        } catch (IOException e) {
            return unreadable;
        }
    }

    /** lstat(2)'s st_mode of {@code path}. */
    public static int lstat(Path path) throws IOException {
        return (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS);
    }

    public static boolean isType(int mode, int type) {
        return (mode & TYPE_MASK) == type;
    }
}
