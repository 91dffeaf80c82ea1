package dev.trydeb.deb;

import dev.trydeb.core.GuestPath;
import dev.trydeb.deb.DataEntry.Type;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Reads .deb files made by the real dpkg-deb, checked against what dpkg-deb and tar say about them. */
class DebArchiveRealPackagesTest {
    private static final Path APT_ARCHIVES = Path.of("/var/cache/apt/archives");

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({"gzip,gzip", "xz,xz", "zstd,zstd", "none,none"})
    void read_packageBuiltByDpkgDeb_matchesTheTree(String dpkgCompression, String expectedLabel) throws IOException {
        assumeTrue(TestCommands.onPath("dpkg-deb"), "dpkg-deb is not installed");
        Path root = dir.resolve("root");
        writeTree(root);
        Path deb = dir.resolve("hello_1.0-1_all.deb");
        TestCommands.output("dpkg-deb", "--root-owner-group", "-Z" + dpkgCompression, "--build", root.toString(), deb.toString());

        DebPackage pkg = DebArchive.read(deb);

        assertEquals(PackageName.of("hello"), pkg.packageName());
        assertEquals(DebianVersion.parse("1:1.0-1"), pkg.version());
        assertEquals("hello world\nKeep a copy\nof this.", pkg.control().required("Description"));
        assertEquals(Set.of("control", "postinst", "conffiles"), pkg.controlMembers());
        assertEquals(expectedLabel, pkg.dataCompression());
        assertEquals(sha256sum(deb), pkg.sha256());
        assertEquals(List.of(
                        entry("/", Type.DIRECTORY, 0755, null, 0),
                        entry("/etc", Type.DIRECTORY, 0755, null, 0),
                        entry("/etc/hello.conf", Type.FILE, 0644, null, 6),
                        entry("/usr", Type.DIRECTORY, 0755, null, 0),
                        entry("/usr/bin", Type.DIRECTORY, 0755, null, 0),
                        entry("/usr/bin/hello", Type.FILE, 04755, null, 12),
                        entry("/usr/bin/hello-again", Type.HARDLINK, 04755, "/usr/bin/hello", 0),
                        entry("/usr/bin/hi", Type.SYMLINK, 0777, "hello", 0),
                        entry("/usr/bin/sh-link", Type.SYMLINK, 0777, "/bin/sh", 0),
                        entry("/var", Type.DIRECTORY, 0755, null, 0),
                        entry("/var/shared", Type.DIRECTORY, 03775, null, 0)),
                pkg.entries().stream().sorted(Comparator.comparing(DataEntry::path)).toList());
    }

    private static DataEntry entry(String path, Type type, int mode, String linkTarget, long size) {
        return new DataEntry(GuestPath.of(path), type, mode, 0, 0, linkTarget, size);
    }

    private static void writeTree(Path root) throws IOException {
        Files.createDirectories(root.resolve("DEBIAN"));
        Files.writeString(root.resolve("DEBIAN/control"), """
                Package: hello
                Version: 1:1.0-1
                Architecture: all
                Maintainer: Test <test@example.org>
                Depends: libc6 (>= 2.34)
                Description: hello world
                 Keep a copy
                 of this.
                """);
        Files.writeString(root.resolve("DEBIAN/postinst"), "#!/bin/sh\nexit 0\n");
        Files.writeString(root.resolve("DEBIAN/conffiles"), "/etc/hello.conf\n");
        Files.createDirectories(root.resolve("etc"));
        Files.writeString(root.resolve("etc/hello.conf"), "x=1\n\n\n");
        Files.createDirectories(root.resolve("usr/bin"));
        Files.writeString(root.resolve("usr/bin/hello"), "#!/bin/sh\n:\n");
        Files.createLink(root.resolve("usr/bin/hello-again"), root.resolve("usr/bin/hello"));
        Files.createSymbolicLink(root.resolve("usr/bin/hi"), Path.of("hello"));
        Files.createSymbolicLink(root.resolve("usr/bin/sh-link"), Path.of("/bin/sh"));
        Files.createDirectories(root.resolve("var/shared"));
        // chmod(1) because Java cannot set setuid/setgid/sticky bits; the temp dir itself is 0700.
        TestCommands.output("chmod", "-R", "u=rwX,go=rX", root.toString());
        TestCommands.output("chmod", "0755", root.resolve("DEBIAN/postinst").toString());
        TestCommands.output("chmod", "4755", root.resolve("usr/bin/hello").toString());
        TestCommands.output("chmod", "3775", root.resolve("var/shared").toString());
    }

    private static String sha256sum(Path file) {
        return TestCommands.output("sha256sum", file.toString()).split("\\s+")[0];
    }

    @Test
    void read_packagesFromAptCache_agreeWithDpkgDebAndTar() throws IOException {
        assumeTrue(TestCommands.onPath("dpkg-deb") && Files.isDirectory(APT_ARCHIVES), "no dpkg-deb or apt cache");
        List<Path> debs;
        try (Stream<Path> files = Files.list(APT_ARCHIVES)) {
            debs = files.filter(p -> p.toString().endsWith(".deb") && Files.isRegularFile(p))
                    .sorted(Comparator.comparingLong(DebArchiveRealPackagesTest::size))
                    .limit(3)
                    .toList();
        }
        assumeTrue(!debs.isEmpty(), "no .deb in " + APT_ARCHIVES);
        for (Path deb : debs) {
            DebPackage pkg = DebArchive.read(deb);
            assertEquals(dpkgDebField(deb, "Package"), pkg.packageName().value(), deb.toString());
            assertEquals(DebianVersion.parse(dpkgDebField(deb, "Version")), pkg.version(), deb.toString());
            assertEquals(dpkgDebField(deb, "Architecture"), pkg.architecture(), deb.toString());
            assertEquals(sha256sum(deb), pkg.sha256(), deb.toString());
            List<GuestPath> tarNames = tarListing("--fsys-tarfile", deb).stream().map(GuestPath::fromArchiveName).toList();
            assertFalse(tarNames.isEmpty());
            assertEquals(tarNames, pkg.entries().stream().map(DataEntry::path).toList(), deb.toString());
            Set<String> controlFiles = tarListing("--ctrl-tarfile", deb).stream()
                    .map(GuestPath::fromArchiveName).filter(p -> !p.isRoot()).map(GuestPath::fileName)
                    .collect(Collectors.toCollection(LinkedHashSet::new));
            assertEquals(controlFiles, pkg.controlMembers(), deb.toString());
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return Long.MAX_VALUE;
        }
    }

    private static String dpkgDebField(Path deb, String field) {
        return TestCommands.output("dpkg-deb", "--field", deb.toString(), field).strip();
    }

    /** Member names of the data or control tar, as GNU tar lists them. */
    private static List<String> tarListing(String which, Path deb) {
        String script = "set -o pipefail; dpkg-deb " + which + " \"$1\" | tar -t --quoting-style=literal";
        TestCommands.Result result = TestCommands.run(List.of("bash", "-c", script, "bash", deb.toString()), new byte[0]);
        assertEquals(0, result.status(), result.stderr());
        return result.stdout().lines().toList();
    }
}
