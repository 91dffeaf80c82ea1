package dev.trydeb.deb;

import dev.trydeb.core.ChildProcesses;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * xz data decompressed by the host's xz in a child process. Most .debs are xz-compressed,
 * and XZ for Java under the launcher's C1-only JIT takes 8 times as long as xz itself
 * (ncurses-term's data.tar: 215 ms against 27 ms). A thread feeds the compressed bytes
 * to xz's stdin; xz's verdict (its integrity check included) comes with the end of its output.
 */
final class XzProcessInputStream extends InputStream {
    private static final Path XZ = Path.of("/usr/bin/xz");

    private final Process process;
    private final InputStream decompressed;
    private final Thread feeder;
    private volatile IOException feedFailure;
    private boolean checked;

    private XzProcessInputStream(Process process, InputStream compressed) {
        this.process = process;
        this.decompressed = process.getInputStream();
        this.feeder = new Thread(() -> feed(compressed), "xz-feeder");
        feeder.setDaemon(true);
        feeder.start();
    }

    /** Empty when the host has no xz (it is Priority: standard, not required): XZ for Java then. */
    static Optional<InputStream> start(InputStream compressed, long memoryLimitKib) throws IOException {
        return start(XZ, compressed, memoryLimitKib);
    }

    static Optional<InputStream> start(Path xz, InputStream compressed, long memoryLimitKib) throws IOException {
        if (!Files.isExecutable(xz)) {
            return Optional.empty();
        }
        Process process = ChildProcesses.start(new ProcessBuilder(xz.toString(), "--decompress", "--stdout", "--quiet",
                "--memlimit-decompress=" + memoryLimitKib + "KiB"));
        return Optional.of(new XzProcessInputStream(process, compressed));
    }

    private void feed(InputStream compressed) {
        try (OutputStream stdin = process.getOutputStream()) {
            compressed.transferTo(stdin);
        } catch (IOException e) {
            feedFailure = e; // xz ended early (bad data, reported by its exit status) or reading failed
        }
    }

    @Override
    public int read() throws IOException {
        int b = decompressed.read();
        if (b < 0) {
            requireSuccess();
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = decompressed.read(buffer, offset, length);
        if (n < 0) {
            requireSuccess();
        }
        return n;
    }

    /**
     * Reads xz's output to its end, so that xz checks the whole stream and the feeder has
     * consumed the whole member before the caller reads what follows it.
     */
    @Override
    public void close() throws IOException {
        try {
            if (!checked) {
                decompressed.transferTo(OutputStream.nullOutputStream());
                requireSuccess();
            }
        } finally {
            process.destroy();
            decompressed.close();
        }
    }

    private void requireSuccess() throws IOException {
        if (checked) {
            return;
        }
        checked = true;
        try {
            feeder.join();
            int status = process.waitFor();
            String complaint = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            // 128+N: xz was killed by signal N; INT, TERM or HUP come with the group's Ctrl-C or kill.
            if (status == 128 + 1 || status == 128 + 2 || status == 128 + 15) {
                throw new InterruptedIOException("xz was stopped by signal " + (status - 128));
            }
            if (status != 0) {
                throw new IOException("xz: " + (complaint.isEmpty() ? "exit status " + status : complaint));
            }
            if (feedFailure != null) {
                throw feedFailure;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while xz decompressed", e);
        }
    }
}
