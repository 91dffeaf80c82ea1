package dev.trydeb.diff;

/**
 * What happened to one guest path, compared with the host. One closed set shared by every
 * consumer (diff, and later remove and export); the labels are stable: scripts read them in
 * {@code trydeb diff} output and JSON.
 */
public enum ChangeKind {
    /** A non-directory (file, symlink, fifo, device) where the host has nothing. */
    ADDED("added"),
    /** A regular file with other content, or a non-directory of another non-symlink type. */
    MODIFIED("modified"),
    /** The host has the path, the guest does not. A deleted directory is one line. */
    DELETED("deleted"),
    /** A directory where the host has nothing; its contents are listed too. */
    NEW_DIRECTORY("new-directory"),
    /** A directory on the host, a file, symlink or other non-directory in the guest. */
    DIRECTORY_REPLACED_BY_FILE("dir-to-file"),
    /** A non-directory (file, symlink, ...) on the host, a directory in the guest. */
    FILE_REPLACED_BY_DIRECTORY("file-to-dir"),
    /**
     * A symlink on either side and not the same symlink: its target changed, or a symlink
     * replaced a non-directory, or a non-directory replaced a symlink. Kept apart from
     * MODIFIED because redirecting a path is a different act from editing a file.
     */
    SYMLINK_CHANGED("symlink-changed"),
    /** Same type and content, different permission bits, file capabilities or guest owner. */
    METADATA_ONLY("metadata");

    private final String label;

    ChangeKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public boolean isDirectory() {
        return this == NEW_DIRECTORY || this == FILE_REPLACED_BY_DIRECTORY;
    }
}
