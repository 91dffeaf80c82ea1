package dev.trydeb.diff;

/** The type of a directory entry, as far as the diff cares. */
enum EntryType {
    FILE, DIRECTORY, SYMLINK,
    /** An overlayfs whiteout (character device 0:0) in a layer: the path is deleted. */
    WHITEOUT,
    /** A fifo, socket or device. */
    OTHER
}
