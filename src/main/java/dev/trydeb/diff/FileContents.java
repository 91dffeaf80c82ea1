package dev.trydeb.diff;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;

/** Byte comparison of two regular files, or of one with a digest, streamed: files may be large. */
final class FileContents {
    private static final int BUFFER_SIZE = 64 * 1024;

    private FileContents() {}

    /**
     * Whether the files hold the same bytes. Sizes are compared first; two empty files are
     * equal even if unreadable (lock files the preparer could only create empty). A file that
     * cannot be read otherwise counts as different: the diff must not hide a change it
     * could not check.
     */
    static boolean same(Entry a, Entry b) {
        if (a.size() != b.size()) {
            return false;
        }
        if (a.size() == 0) {
            return true;
        }
        try (InputStream in1 = open(a.path()); InputStream in2 = open(b.path())) {
            byte[] buf1 = new byte[BUFFER_SIZE];
            byte[] buf2 = new byte[BUFFER_SIZE];
            while (true) {
                int n1 = in1.readNBytes(buf1, 0, BUFFER_SIZE);
                int n2 = in2.readNBytes(buf2, 0, BUFFER_SIZE);
                if (!Arrays.equals(buf1, 0, n1, buf2, 0, n2)) {
                    return false;
                }
                if (n1 < BUFFER_SIZE) {
                    return true;
                }
            }
        } catch (IOException e) {
            return false;
        }
    }

    /** The file's SHA-256 in lowercase hex, or empty if it cannot be read. */
    static Optional<String> sha256(Entry file) {
        try (InputStream in = open(file.path())) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            in.transferTo(new DigestOutputStream(OutputStream.nullOutputStream(), digest));
            return Optional.of(HexFormat.of().formatHex(digest.digest()));
        } catch (IOException e) {
            return Optional.empty();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static InputStream open(Path file) throws IOException {
        // O_NOFOLLOW: a file swapped for a symlink since it was examined is not followed.
        return Channels.newInputStream(Files.newByteChannel(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS));
    }
}
