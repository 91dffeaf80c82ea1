package dev.trydeb.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.trydeb.core.GuestPath;
import dev.trydeb.deb.ShippedFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A maintainer script's (or a program's) change to a file a package shipped, told apart from
 * the package's content by what its data.tar held; and a touch, which changes only the mtime.
 */
class ScriptChangesToPackageFilesTest {
    static final String CONTENT = "data\n";
    static final long ARCHIVE_MTIME = FakeStack.MTIME.toMillis() / 1000;

    @TempDir
    Path tmp;
    FakeStack stack;
    Path layer;

    @BeforeEach
    void fixture() throws IOException {
        stack = new FakeStack(tmp);
        stack.dir(stack.host, "usr/share", 0755);
        stack.dir(stack.host, "etc", 0755);
        layer = stack.upper(0);
    }

    static ShippedFile shippedFile(String path, String content, int mode, long mtime) {
        try {
            byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
            String digest = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
            return new ShippedFile(GuestPath.of(path), ShippedFile.Kind.FILE, mode, bytes.length, mtime, digest, null);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static PackageFiles pkg(String version, ShippedFile... shipped) {
        return new PackageFiles("pkg", version, Set.of("/usr/share/pkg", "/usr/share/pkg/file", "/usr/share/pkg/link"),
                List.of(shipped));
    }

    static final PackageFiles PKG = pkg("1.0", shippedFile("/usr/share/pkg/file", CONTENT, 0644, ARCHIVE_MTIME),
            new ShippedFile(GuestPath.of("/usr/share/pkg/link"), ShippedFile.Kind.SYMLINK, 0777, 0, ARCHIVE_MTIME,
                    null, "file"));

    private List<String> lines(List<Change> changes) {
        return changes.stream().map(c -> c.path() + " " + c.kind().label() + " (" + c.attribution().describe() + ")")
                .toList();
    }

    @Test
    void diff_packageFileAsUnpacked_addedByThePackage() throws IOException {
        stack.file(layer, "usr/share/pkg/file", CONTENT, 0644);

        assertEquals(List.of("/usr/share/pkg new-directory (package pkg 1.0)",
                "/usr/share/pkg/file added (package pkg 1.0)"), lines(stack.diff(stack.install(layer, 2, PKG))));
    }

    @Test
    void diff_packageFileAppendedTo_modifiedByTheScripts() throws IOException {
        stack.file(layer, "usr/share/pkg/file", CONTENT + "x\n", 0644);

        assertEquals(List.of("/usr/share/pkg new-directory (package pkg 1.0)",
                "/usr/share/pkg/file modified (maintainer scripts of pkg (transaction 2))"),
                lines(stack.diff(stack.install(layer, 2, PKG))));
    }

    @Test
    void diff_packageFileTouched_metadataByTheScripts() throws IOException {
        Path file = stack.file(layer, "usr/share/pkg/file", CONTENT, 0644);
        Files.setLastModifiedTime(file, FileTime.fromMillis(FakeStack.MTIME.toMillis() + 60_000));

        assertEquals(List.of("/usr/share/pkg new-directory (package pkg 1.0)",
                "/usr/share/pkg/file metadata (maintainer scripts of pkg (transaction 2))"),
                lines(stack.diff(stack.install(layer, 2, PKG))));
    }

    @Test
    void diff_packageFileChmodded_metadataByTheScripts() throws IOException {
        stack.file(layer, "usr/share/pkg/file", CONTENT, 0666);

        assertEquals(List.of("/usr/share/pkg new-directory (package pkg 1.0)",
                "/usr/share/pkg/file metadata (maintainer scripts of pkg (transaction 2))"),
                lines(stack.diff(stack.install(layer, 2, PKG))));
    }

    @Test
    void diff_packageSymlinkRetargeted_symlinkChangedByTheScripts() throws IOException {
        stack.file(layer, "usr/share/pkg/file", CONTENT, 0644);
        stack.symlink(layer, "usr/share/pkg/link", "/etc/shadow");

        assertEquals(List.of("/usr/share/pkg new-directory (package pkg 1.0)",
                "/usr/share/pkg/file added (package pkg 1.0)",
                "/usr/share/pkg/link symlink-changed (maintainer scripts of pkg (transaction 2))"),
                lines(stack.diff(stack.install(layer, 2, PKG))));
    }

    @Test
    void diff_laterTransactionAppendsToAnEarlierPackagesFile_modifiedByItsScripts() throws IOException {
        stack.file(layer, "usr/share/pkg/file", CONTENT, 0644);
        Path second = stack.upper(1);
        stack.file(second, "usr/share/pkg/file", CONTENT + "x\n", 0644);
        PackageFiles other = new PackageFiles("other", "3", Set.of("/usr/bin/other"));

        assertEquals(List.of("/usr/share/pkg new-directory (package pkg 1.0)",
                "/usr/share/pkg/file modified (maintainer scripts of other (transaction 5))"),
                lines(stack.diff(stack.install(layer, 2, PKG), stack.install(second, 5, other))));
    }

    @Test
    void diff_hostFileTouched_metadataByTheScripts() throws IOException {
        stack.file(stack.host, "etc/hostname", "box\n", 0644);
        Path copy = stack.file(layer, "etc/hostname", "box\n", 0644);
        Files.setLastModifiedTime(copy, FileTime.fromMillis(FakeStack.MTIME.toMillis() + 60_000));

        assertEquals(List.of("/etc/hostname metadata (maintainer scripts of pkg (transaction 2))"),
                lines(stack.diff(stack.install(layer, 2, PKG))));
    }

    @Test
    void diff_hostFileCopiedUpUnchanged_noLine() throws IOException {
        stack.file(stack.host, "etc/hostname", "box\n", 0644);
        stack.file(layer, "etc/hostname", "box\n", 0644);

        assertEquals(List.of(), lines(stack.diff(stack.install(layer, 2, PKG))));
    }

    @Test
    void diff_upgradeOverHostWithSameContentAndNewerArchiveMtime_noLine() throws IOException {
        stack.file(stack.host, "usr/share/pkg/file", CONTENT, 0644);
        Path unpacked = stack.file(layer, "usr/share/pkg/file", CONTENT, 0644);
        Files.setLastModifiedTime(unpacked, FileTime.fromMillis((ARCHIVE_MTIME + 3600) * 1000));
        PackageFiles newer = pkg("2.0", shippedFile("/usr/share/pkg/file", CONTENT, 0644, ARCHIVE_MTIME + 3600));

        assertEquals(List.of(), lines(stack.diff(stack.install(layer, 2, newer))));
    }

    @Test
    void diff_upgradeOverHostWithSameContentUnrecorded_noLine() throws IOException {
        stack.file(stack.host, "usr/share/pkg/file", CONTENT, 0644);
        Path unpacked = stack.file(layer, "usr/share/pkg/file", CONTENT, 0644);
        Files.setLastModifiedTime(unpacked, FileTime.fromMillis((ARCHIVE_MTIME + 3600) * 1000));
        PackageFiles recordedBeforeSchema3 = new PackageFiles("pkg", "2.0", Set.of("/usr/share/pkg/file"));

        assertEquals(List.of(), lines(stack.diff(stack.install(layer, 2, recordedBeforeSchema3))));
    }

    @Test
    void diff_upgradeOverHostThenAppendedTo_modifiedByTheScripts() throws IOException {
        stack.file(stack.host, "usr/share/pkg/file", "old\n", 0644);
        stack.file(layer, "usr/share/pkg/file", CONTENT + "x\n", 0644);

        assertEquals(List.of("/usr/share/pkg/file modified (maintainer scripts of pkg (transaction 2))"),
                lines(stack.diff(stack.install(layer, 2, PKG))));
    }
}
