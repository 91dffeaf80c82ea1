package dev.trydeb.layer;

import dev.trydeb.core.FileMode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.UserDefinedFileAttributeView;

/**
 * How overlayfs marks an upper layer on disk, for everything that reads or prepares
 * layers from outside the sandbox: a whiteout (a deleted path) is a character device 0:0;
 * an opaque directory (hiding the lower layers below it) carries an "opaque" xattr, in the
 * user.overlay.* namespace because unprivileged overlays are mounted with userxattr.
 */
public final class OverlayMarks {
    private static final String OPAQUE_XATTR = "overlay.opaque";

    private OverlayMarks() {}

    /** From a layer entry's st_mode and st_rdev. */
    public static boolean isWhiteout(int mode, long rdev) {
        return FileMode.isType(mode, FileMode.CHARACTER_DEVICE) && rdev == 0;
    }

    public static boolean isOpaque(Path dir) {
        UserDefinedFileAttributeView xattrs =
                Files.getFileAttributeView(dir, UserDefinedFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
        if (xattrs == null) {
            return false;
        }
        try {
            if (!xattrs.list().contains(OPAQUE_XATTR)) {
                return false;
            }
            ByteBuffer value = ByteBuffer.allocate(xattrs.size(OPAQUE_XATTR));
            xattrs.read(OPAQUE_XATTR, value);
            value.flip();
            return StandardCharsets.US_ASCII.decode(value).toString().equals("y");
        } catch (IOException | UnsupportedOperationException e) {
            return false; // no user xattrs on this file system: nothing is opaque
        }
    }

    public static void markOpaque(Path dir) throws IOException {
        Files.getFileAttributeView(dir, UserDefinedFileAttributeView.class)
                .write(OPAQUE_XATTR, ByteBuffer.wrap("y".getBytes(StandardCharsets.US_ASCII)));
    }
}
