package dev.trydeb.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.trydeb.sandbox.UidMapping;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/** A fake host root and fake layer uppers in a temporary directory, as overlayfs leaves them. */
final class FakeStack {
    static final UidMapping.Full SUBORDINATE = new UidMapping.Full(100000, 100000, 65536);
    static final FileTime MTIME = FileTime.from(Instant.parse("2024-01-02T03:04:05Z"));

    final Path host;
    final Path tmp;
    /** The test process's ids: the owner of everything the fixture creates. */
    final long uid;
    final long gid;

    FakeStack(Path tmp) throws IOException {
        this.tmp = tmp;
        this.host = Files.createDirectories(tmp.resolve("host"));
        this.uid = ((Integer) Files.getAttribute(tmp, "unix:uid")).longValue();
        this.gid = ((Integer) Files.getAttribute(tmp, "unix:gid")).longValue();
    }

    Path upper(int n) throws IOException {
        return Files.createDirectories(tmp.resolve("layers/" + n + "/upper"));
    }

    Path dir(Path root, String relative, int mode) throws IOException {
        Path dir = parents(root, relative).resolve(Path.of(relative).getFileName());
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            Files.createDirectory(dir);
        }
        Files.setAttribute(dir, "unix:mode", mode);
        return dir;
    }

    Path file(Path root, String relative, String content, int mode) throws IOException {
        return file(root, relative, content.getBytes(StandardCharsets.UTF_8), mode);
    }

    /**
     * Every file gets the same mtime, {@link #MTIME}: the same content at two levels is then a
     * copy-up, which keeps the mtime, unless a test touches one.
     */
    Path file(Path root, String relative, byte[] content, int mode) throws IOException {
        Path file = parents(root, relative).resolve(Path.of(relative).getFileName());
        Files.write(file, content);
        Files.setAttribute(file, "unix:mode", mode);
        Files.setLastModifiedTime(file, MTIME);
        return file;
    }

    Path symlink(Path root, String relative, String target) throws IOException {
        return Files.createSymbolicLink(parents(root, relative).resolve(Path.of(relative).getFileName()), Path.of(target));
    }

    Path whiteout(Path root, String relative) throws IOException {
        Path path = parents(root, relative).resolve(Path.of(relative).getFileName());
        run("cannot create a whiteout (mknod c 0 0) here", "mknod", path.toString(), "c", "0", "0");
        return path;
    }

    Path fifo(Path root, String relative) throws IOException {
        Path path = parents(root, relative).resolve(Path.of(relative).getFileName());
        run("cannot create a fifo here", "mkfifo", "-m", "644", path.toString());
        return path;
    }

    static void opaque(Path dir) {
        try {
            UserDefinedFileAttributeView xattrs = Files.getFileAttributeView(dir, UserDefinedFileAttributeView.class);
            xattrs.write("overlay.opaque", ByteBuffer.wrap("y".getBytes(StandardCharsets.US_ASCII)));
        } catch (IOException | UnsupportedOperationException e) {
            Assumptions.abort("no user xattrs on this file system: " + e);
        }
    }

    /** Sets file capabilities with setcap(8); needs CAP_SETFCAP, so other users skip the test. */
    static void setcap(Path file, String capabilities) throws IOException {
        run("cannot set file capabilities here", "setcap", capabilities, file.toString());
    }

    /** Changes the owner (lchown); only root can, so other users skip the test. */
    static void chown(Path path, long uid, long gid) {
        try {
            Files.setAttribute(path, "unix:uid", (int) uid, LinkOption.NOFOLLOW_LINKS);
            Files.setAttribute(path, "unix:gid", (int) gid, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            Assumptions.abort("cannot change owners (not root): " + e);
        }
    }

    LayerSource runtime(Path upper) {
        return new LayerSource(upper, new LayerOrigin.Runtime(), IdMapping.run(uid, gid));
    }

    /** An install layer written as namespaced root by the test process's user. */
    LayerSource install(Path upper, long transactionId, PackageFiles... packages) {
        return new LayerSource(upper, new LayerOrigin.Install(transactionId, Arrays.asList(packages)),
                IdMapping.install(uid, gid, Optional.of(SUBORDINATE)));
    }

    List<Change> diff(LayerSource... bottomToTop) {
        return new DiffEngine(host).diff(List.of(bottomToTop));
    }

    /** The one change of a diff (fails, showing them all, when there is another number). */
    static Change only(List<Change> changes) {
        assertEquals(1, changes.size(), changes::toString);
        return changes.get(0);
    }

    /** "PATH LABEL" per change. */
    static List<String> lines(List<Change> changes) {
        return changes.stream().map(c -> c.path() + " " + c.kind().label()).toList();
    }

    /** "PATH LABEL @LAYER" per change. */
    static List<String> linesWithLayers(List<Change> changes) {
        return changes.stream().map(c -> c.path() + " " + c.kind().label() + " @" + c.layerIndex()).toList();
    }

    private Path parents(Path root, String relative) throws IOException {
        Path parent = root;
        Path rel = Path.of(relative);
        for (int i = 0; i < rel.getNameCount() - 1; i++) {
            parent = parent.resolve(rel.getName(i));
            if (!Files.isDirectory(parent, LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectory(parent);
                Files.setAttribute(parent, "unix:mode", 0755);
            }
        }
        return parent;
    }

    private static void run(String failure, String... command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            if (process.waitFor() != 0) {
                Assumptions.abort(failure + ": " + new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
