package dev.trydeb.sandbox;

import dev.trydeb.core.TrydebException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserDefinedFileAttributeView;

/**
 * An unprivileged overlay (mounted with userxattr) keeps its whiteouts and opaque markers
 * in user.* extended attributes of the upper directory, so the store's file system must
 * support them (ext4, xfs, btrfs and tmpfs do; NFS and some FUSE file systems do not).
 */
public final class OverlayUpperCheck {
    private static final String PROBE = "trydeb.probe";

    private OverlayUpperCheck() {}

    public static void require(Path dir) {
        String type = "unknown";
        try {
            FileStore store = Files.getFileStore(dir);
            type = store.type();
            UserDefinedFileAttributeView xattrs = Files.getFileAttributeView(dir, UserDefinedFileAttributeView.class);
            if (xattrs == null || !store.supportsFileAttributeView(UserDefinedFileAttributeView.class)) {
                throw unusable(dir, type);
            }
            xattrs.write(PROBE, ByteBuffer.wrap(new byte[] {1}));
            xattrs.delete(PROBE);
        } catch (IOException e) {
            throw unusable(dir, type);
        }
    }

    private static TrydebException unusable(Path dir, String type) {
        return TrydebException.hostSetup("the trydeb store " + dir + " is on a " + type
                + " file system without user extended attributes, which overlays need; set XDG_DATA_HOME to a"
                + " directory on ext4, xfs, btrfs or tmpfs");
    }
}
