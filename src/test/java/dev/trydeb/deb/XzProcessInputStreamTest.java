package dev.trydeb.deb;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZOutputStream;

class XzProcessInputStreamTest {
    private static final Path XZ = Path.of("/usr/bin/xz");

    @Test
    void read_validStream_givesTheDataAndLeavesWhatFollowsTheMember() throws Exception {
        byte[] data = new byte[300_000];
        new Random(1).nextBytes(data);
        byte[] member = xz(data);
        ByteArrayInputStream archive = new ByteArrayInputStream(concat(member, "NEXT".getBytes()));

        byte[] read;
        try (InputStream in = start(new MemberInputStream(archive, member.length))) {
            read = in.readAllBytes();
        }

        assertArrayEquals(data, read);
        assertEquals("NEXT", new String(archive.readAllBytes()));
    }

    @Test
    void close_beforeTheEnd_stillConsumesTheWholeMember() throws Exception {
        byte[] member = xz(new byte[200_000]);
        ByteArrayInputStream archive = new ByteArrayInputStream(concat(member, "NEXT".getBytes()));

        try (InputStream in = start(new MemberInputStream(archive, member.length))) {
            in.readNBytes(10);
        }

        assertEquals("NEXT", new String(archive.readAllBytes()));
    }

    @Test
    void read_corruptStream_failsWithXzsComplaint() throws Exception {
        byte[] member = xz("hello".repeat(1000).getBytes());
        member[member.length - 3] ^= 0x55; // the stream footer

        IOException e = assertThrows(IOException.class, () -> {
            try (InputStream in = start(new ByteArrayInputStream(member))) {
                in.readAllBytes();
            }
        });

        assertTrue(e.getMessage().startsWith("xz: "), e.getMessage());
    }

    @Test
    void read_truncatedStream_fails() throws Exception {
        byte[] member = xz("hello".repeat(1000).getBytes());

        assertThrows(IOException.class, () -> {
            try (InputStream in = start(new ByteArrayInputStream(Arrays.copyOf(member, member.length / 2)))) {
                in.readAllBytes();
            }
        });
    }

    @Test
    void read_xzStoppedByTheGroupsSignal_anInterruptionNotACorruptFile(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        Path xz = dir.resolve("xz");
        java.nio.file.Files.writeString(xz, "#!/bin/sh\nkill -TERM $$\n");
        java.nio.file.Files.setPosixFilePermissions(xz, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));

        IOException e = assertThrows(IOException.class, () -> {
            try (InputStream in = XzProcessInputStream.start(xz, new ByteArrayInputStream(new byte[100]), 1024).orElseThrow()) {
                in.readAllBytes();
            }
        });

        assertTrue(e instanceof java.io.InterruptedIOException, e.toString());
        assertEquals("xz was stopped by signal 15", e.getMessage());
        assertTrue(BadDeb.corrupt(Path.of("x.deb"), "data.tar.xz", e).getMessage()
                .equals("x.deb: reading its data.tar.xz was interrupted (xz was stopped by signal 15)"));
    }

    @Test
    void start_noXzOnTheHost_isEmpty() throws Exception {
        assertEquals(Optional.empty(), XzProcessInputStream.start(Path.of("/nonexistent/xz"),
                new ByteArrayInputStream(new byte[0]), 1024));
    }

    private static InputStream start(InputStream compressed) throws IOException {
        return XzProcessInputStream.start(XZ, compressed, 256 * 1024).orElseThrow(
                () -> new org.opentest4j.TestAbortedException("no " + XZ + " on this machine"));
    }

    private static byte[] xz(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (XZOutputStream xz = new XZOutputStream(out, new LZMA2Options())) {
            xz.write(data);
        }
        return out.toByteArray();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
