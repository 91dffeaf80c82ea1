package dev.trydeb.layer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.trydeb.core.GuestPath;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** UntouchedHostDirectories against a fake host and layers in a temporary directory. */
class UntouchedHostDirectoriesTest {
    @TempDir
    Path tmp;
    Path host;
    Path top;
    Path bottom;

    @BeforeEach
    void hostWithUsr() throws IOException {
        host = tmp.resolve("host");
        for (String dir : List.of("usr/bin", "usr/include", "usr/lib/x86_64-linux-gnu", "usr/share/doc/base",
                "usr/share/fonts/truetype", "usr/share/man/man1", "usr/share/zoneinfo")) {
            Files.createDirectories(host.resolve(dir));
        }
        Files.createSymbolicLink(host.resolve("usr/lib64"), Path.of("lib"));
        Files.writeString(host.resolve("usr/share/README"), "a file, not a directory");
        top = Files.createDirectories(tmp.resolve("top"));
        bottom = Files.createDirectories(tmp.resolve("bottom"));
    }

    /** The fake host's directories when /usr/share/doc is hidden or left to the overlay. */
    private static final List<String> ALL_BUT_DOC = List.of("/usr/bin", "/usr/include", "/usr/lib",
            "/usr/share/fonts", "/usr/share/man", "/usr/share/zoneinfo");
    /** Not the uid the test runs as, who owns the fake host. */
    private static final long USER = 4242;

    private List<String> below() {
        return below(USER);
    }

    private List<String> below(long userUid) {
        return new UntouchedHostDirectories(host, List.of(top, bottom), userUid).below("usr").stream()
                .map(GuestPath::value).toList();
    }

    private static void file(Path layer, String path) throws IOException {
        Files.createDirectories(layer.resolve(path).getParent());
        Files.writeString(layer.resolve(path), path);
    }

    @Test
    void below_noLayerHasUsr_everyHostSubdirectoryOfIt() {
        assertEquals(List.of("/usr/bin", "/usr/include", "/usr/lib", "/usr/share"), below());
    }

    @Test
    void below_layersTouchBinAndDoc_theirSiblingsAtEveryLevelShallowestFirst() throws IOException {
        file(top, "usr/bin/hello");
        file(bottom, "usr/share/doc/hello/copyright");
        assertEquals(List.of("/usr/include", "/usr/lib", "/usr/share/fonts", "/usr/share/man", "/usr/share/zoneinfo",
                "/usr/share/doc/base"), below());
    }

    @Test
    void below_aDirectoryOnlyALayerHas_neitherShownNorEnteredAndTheHostsSiblingsStay() throws IOException {
        file(top, "usr/share/hello/data");
        assertEquals(List.of("/usr/bin", "/usr/include", "/usr/lib", "/usr/share/doc", "/usr/share/fonts",
                "/usr/share/man", "/usr/share/zoneinfo"), below());
    }

    @Test
    void below_layersWithMoreNamesThanTheHostHasDirectories_sameAnswerFromTheHostsNames() throws IOException {
        // a long history: each package adds a directory the host lacks to /usr/share (4 on the host)
        for (int i = 0; i < 20; i++) {
            file(i % 2 == 0 ? top : bottom, "usr/share/tiny" + i + "/f");
        }
        file(top, "usr/share/doc/hello/copyright");
        file(bottom, "usr/share/README");
        assertEquals(List.of("/usr/bin", "/usr/include", "/usr/lib", "/usr/share/fonts", "/usr/share/man",
                "/usr/share/zoneinfo", "/usr/share/doc/base"), below());
    }

    @Test
    void below_aFileInALayerWhereTheHostHasADirectory_hidesItAndWhatIsBelow() throws IOException {
        file(bottom, "usr/share/doc");
        assertEquals(ALL_BUT_DOC, below());
    }

    @Test
    void below_aFileInOneLayerAndADirectoryInTheOther_notEntered() throws IOException {
        file(bottom, "usr/share/doc");
        Files.createDirectories(top.resolve("usr/share/doc/hello"));
        assertEquals(ALL_BUT_DOC, below());
    }

    @Test
    void below_anOpaqueDirectoryInALayer_notEntered() throws IOException {
        Path doc = Files.createDirectories(top.resolve("usr/share/doc"));
        try {
            OverlayMarks.markOpaque(doc);
        } catch (IOException | UnsupportedOperationException e) {
            Assumptions.abort("no user xattrs on this file system: " + e);
        }
        assertEquals(ALL_BUT_DOC, below());
    }

    @Test
    void below_directoriesAGroupOrEveryoneMayWrite_leftToTheOverlay() throws IOException {
        Files.setPosixFilePermissions(host.resolve("usr/include"), PosixFilePermissions.fromString("rwxrwxrwx"));
        Files.setPosixFilePermissions(host.resolve("usr/lib"), PosixFilePermissions.fromString("rwxrwxr-x"));
        assertEquals(List.of("/usr/bin", "/usr/share"), below());
    }

    @Test
    void below_directoriesTheUserOwns_leftToTheOverlay() throws IOException {
        long testUid = ((Number) Files.getAttribute(host.resolve("usr/lib"), "unix:uid")).longValue();
        assertEquals(List.of(), below(testUid));
    }

    @Test
    void below_usrAFileInALayer_nothing() throws IOException {
        file(top, "usr");
        assertEquals(List.of(), below());
    }

    @Test
    void below_usrASymlinkOnTheHost_nothing() throws IOException {
        Path real = Files.move(host.resolve("usr"), host.resolve("real-usr"));
        Files.createSymbolicLink(host.resolve("usr"), real.getFileName());
        assertEquals(List.of(), below());
    }

    @Test
    void below_aLayerDirectoryThatCannotBeRead_nothingBelowIt() throws IOException {
        file(top, "usr/share/doc/hello/copyright");
        Path unreadable = top.resolve("usr/share");
        Files.setPosixFilePermissions(unreadable, PosixFilePermissions.fromString("---------"));
        try {
            Assumptions.assumeFalse(Files.isReadable(unreadable), "root reads any directory");
            assertEquals(List.of("/usr/bin", "/usr/include", "/usr/lib"), below());
        } finally {
            Files.setPosixFilePermissions(unreadable, PosixFilePermissions.fromString("rwx------"));
        }
    }

    @Test
    void below_moreThanTheLimitInOneDirectory_noneOfThemButTheOthers() throws IOException {
        file(top, "usr/share/doc/hello/copyright");
        for (int i = 0; i < UntouchedHostDirectories.MOST; i++) {
            Files.createDirectories(host.resolve("usr/share/doc/pkg" + i));
        }
        assertEquals(ALL_BUT_DOC, below());
    }
}
