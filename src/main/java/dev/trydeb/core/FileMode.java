package dev.trydeb.core;

/** The bits of st_mode, as the "unix:mode" attribute gives it (file type included). */
public final class FileMode {
    public static final int TYPE_MASK = 0170000;
    public static final int REGULAR = 0100000;
    public static final int DIRECTORY = 0040000;
    public static final int SYMLINK = 0120000;
    public static final int CHARACTER_DEVICE = 0020000;
    public static final int PERMISSIONS = 07777;

    private FileMode() {}

    public static boolean isType(int mode, int type) {
        return (mode & TYPE_MASK) == type;
    }
}
