package dev.trydeb.core;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Replacing a file so that a reader, and whoever looks after a crash, finds the old content
 * or the new, never a part: written to a temporary file of a unique name beside it, flushed
 * to disk, then renamed over it.
 */
public final class AtomicFile {
    private AtomicFile() {
    }

    /**
     * Writes CONTENT as TARGET with MODE (as "rw-r--r--", whatever the umask), creating its
     * directory; on failure TARGET is as it was and no temporary file stays.
     */
    public static void write(Path target, byte[] content, String mode) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Set<PosixFilePermission> permissions = PosixFilePermissions.fromString(mode);
        Path temporary = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            Files.setPosixFilePermissions(temporary, permissions);
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
