package dev.trydeb.diff;

import com.sun.jna.Library;
import com.sun.jna.Native;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/**
 * Reads a file's {@code security.capability} xattr. Java's UserDefinedFileAttributeView
 * only reaches {@code user.*} names; reading {@code security.*} needs no privilege, only
 * lgetxattr(2). A file in a layer is owned by a subordinate id and readable by the user.
 */
public final class SecurityXattrs {
    private static final String CAPABILITY = "security.capability";
    private static final int ENODATA = 61;
    private static final int EOPNOTSUPP = 95;
    /** The largest value the kernel writes is 24 bytes (v3); more means a format it does not know. */
    private static final int MAX_SIZE = 256;
    /** The charset Java itself uses for file names. */
    private static final Charset FILE_NAMES = Charset.forName(System.getProperty("sun.jnu.encoding", "UTF-8"));

    private interface Xattr extends Library {
        Xattr INSTANCE = Native.load("c", Xattr.class);

        long lgetxattr(byte[] path, String name, byte[] value, long size);
    }

    private SecurityXattrs() {}

    /** Whether the file carries capabilities at all (false when they cannot be read). */
    public static boolean hasCapabilities(Path file) {
        try {
            return capabilities(file).isPresent();
        } catch (IOException e) {
            return false;
        }
    }

    /** The file's capabilities, or empty if it has none (or its file system keeps no xattrs). */
    static Optional<FileCapabilities> capabilities(Path file) throws IOException {
        byte[] name = (file.toString() + "\0").getBytes(FILE_NAMES);
        byte[] value = new byte[MAX_SIZE];
        long size = Xattr.INSTANCE.lgetxattr(name, CAPABILITY, value, value.length);
        if (size >= 0) {
            return Optional.of(FileCapabilities.decode(Arrays.copyOf(value, (int) size)));
        }
        int errno = Native.getLastError();
        if (errno == ENODATA || errno == EOPNOTSUPP) {
            return Optional.empty();
        }
        throw new IOException("cannot read the " + CAPABILITY + " attribute of " + file + " (errno " + errno + ")");
    }
}
