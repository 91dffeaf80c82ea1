package dev.trydeb.deb;

import dev.trydeb.core.GuestPath;
import dev.trydeb.deb.DataEntry.Type;
import dev.trydeb.deb.TestDebBuilder.ArMember;
import dev.trydeb.deb.TestDebBuilder.TarItem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Reading valid .deb files built with Commons Compress. */
class DebArchiveTest {
    @TempDir
    Path dir;

    private static final List<DataEntry> HELLO_ENTRIES = List.of(
            dir("/"),
            dir("/etc"),
            file("/etc/hello.conf", 0644, "greeting=hello\n".length()),
            dir("/usr"),
            dir("/usr/bin"),
            file("/usr/bin/hello", 0755, "#!/bin/sh\necho hello\n".length()),
            new DataEntry(GuestPath.of("/usr/bin/hi"), Type.SYMLINK, 0777, 0, 0, "hello", 0),
            new DataEntry(GuestPath.of("/usr/bin/hello-again"), Type.HARDLINK, 0755, 0, 0, "/usr/bin/hello", 0),
            dir("/usr/share"),
            dir("/usr/share/doc"),
            dir("/usr/share/doc/hello"),
            file("/usr/share/doc/hello/copyright", 0644, "public domain\n".length()));

    private static DataEntry dir(String path) {
        return new DataEntry(GuestPath.of(path), Type.DIRECTORY, 0755, 0, 0, null, 0);
    }

    private static DataEntry file(String path, int mode, long size) {
        return new DataEntry(GuestPath.of(path), Type.FILE, mode, 0, 0, null, size);
    }

    @ParameterizedTest
    @CsvSource({"'',none", ".gz,gzip", ".xz,xz", ".zst,zstd", ".bz2,bzip2"})
    void read_eachDataCompression_readsAllEntryHeaders(String suffix, String label) {
        Path deb = TestDebBuilder.hello().dataCompression(suffix).writeTo(dir);
        DebPackage pkg = DebArchive.read(deb);
        assertEquals(HELLO_ENTRIES, pkg.entries());
        assertEquals(label, pkg.dataCompression());
    }

    @Test
    void read_hello_recordsEachNonDirectoryAsDpkgUnpacksIt() throws NoSuchAlgorithmException {
        DebPackage pkg = DebArchive.read(TestDebBuilder.hello().writeTo(dir));

        List<String> shipped = pkg.shipped().stream()
                .map(f -> f.path() + " " + f.kind() + " " + Integer.toOctalString(f.mode()) + " " + f.size() + " "
                        + f.sha256() + " " + f.linkTarget())
                .toList();
        String hello = sha256("#!/bin/sh\necho hello\n");
        assertEquals(List.of(
                "/etc/hello.conf FILE 644 15 " + sha256("greeting=hello\n") + " null",
                "/usr/bin/hello FILE 755 21 " + hello + " null",
                "/usr/bin/hi SYMLINK 777 0 null hello",
                "/usr/bin/hello-again FILE 755 21 " + hello + " null",
                "/usr/share/doc/hello/copyright FILE 644 14 " + sha256("public domain\n") + " null"), shipped);
        assertEquals(pkg.shipped().get(1).mtime(), pkg.shipped().get(3).mtime(), "a hardlink is its target's inode");
    }

    private static String sha256(String content) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".gz", ".xz", ".zst"})
    void read_eachControlCompression_readsControlAndMemberNames(String suffix) {
        Path deb = TestDebBuilder.hello().controlCompression(suffix).writeTo(dir);
        DebPackage pkg = DebArchive.read(deb);
        assertEquals(Deb822.parseOne(TestDebBuilder.DEFAULT_CONTROL), pkg.control());
        assertEquals(Set.of("control", "postinst", "conffiles"), pkg.controlMembers());
    }

    @Test
    void read_validPackage_exposesNameVersionArchitectureAndSource() {
        Path deb = TestDebBuilder.hello().writeTo(dir);
        DebPackage pkg = DebArchive.read(deb);
        assertEquals(PackageName.of("hello"), pkg.packageName());
        assertEquals(DebianVersion.parse("1.0-1"), pkg.version());
        assertEquals("all", pkg.architecture());
        assertEquals(deb, pkg.source());
        assertEquals("greets\nA longer description.\n\nSecond paragraph.", pkg.control().required("Description"));
    }

    @Test
    void read_validPackage_sha256IsThatOfTheWholeFile() throws IOException, NoSuchAlgorithmException {
        Path deb = TestDebBuilder.hello().writeTo(dir);
        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(deb)));
        assertEquals(expected, DebArchive.read(deb).sha256());
        assertEquals(expected, DebArchive.sha256(deb));
    }

    @Test
    void read_specialModesAndOwners_kept() {
        Path deb = TestDebBuilder.withData(
                TarItem.dir("./tmp/", 01777),
                TarItem.file("./su", 04755, "x").ownedBy(0, 0),
                TarItem.file("./sg", 02755, "y").ownedBy(1000, 50),
                TarItem.file("./big-ids", 0600, "z").ownedBy(3_000_000_000L, 4_000_000_000L)).writeTo(dir);
        List<DataEntry> entries = DebArchive.read(deb).entries();
        assertEquals(List.of(
                dir("/"),
                new DataEntry(GuestPath.of("/tmp"), Type.DIRECTORY, 01777, 0, 0, null, 0),
                new DataEntry(GuestPath.of("/su"), Type.FILE, 04755, 0, 0, null, 1),
                new DataEntry(GuestPath.of("/sg"), Type.FILE, 02755, 1000, 50, null, 1),
                new DataEntry(GuestPath.of("/big-ids"), Type.FILE, 0600, 3_000_000_000L, 4_000_000_000L, null, 1)), entries);
    }

    @Test
    void read_fifo_isOther() {
        Path deb = TestDebBuilder.withData(TarItem.fifo("./run/pipe")).writeTo(dir);
        assertEquals(Type.OTHER, DebArchive.read(deb).entries().get(1).type());
    }

    @Test
    void read_longMemberAndLinkNames_readInFull() {
        String longDir = "./usr/share/" + "d".repeat(120) + "/";
        String longFile = longDir + "f".repeat(120);
        Path deb = TestDebBuilder.withData(
                TarItem.dir(longDir, 0755),
                TarItem.file(longFile, 0644, "content"),
                TarItem.hardlink("./usr/short", longFile),
                TarItem.symlink("./usr/link", "/" + "t".repeat(150))).writeTo(dir);
        List<DataEntry> entries = DebArchive.read(deb).entries();
        assertEquals(GuestPath.fromArchiveName(longFile), entries.get(2).path());
        assertEquals(GuestPath.fromArchiveName(longFile).value(), entries.get(3).linkTarget());
        assertEquals("/" + "t".repeat(150), entries.get(4).linkTarget());
    }

    @Test
    void read_absoluteAndRelativeSymlinkTargets_allowedAsWritten() {
        Path deb = TestDebBuilder.withData(
                TarItem.symlink("./usr/bin/editor", "/etc/alternatives/editor"),
                TarItem.symlink("./usr/lib/libx.so", "../../lib/libx.so.1")).writeTo(dir);
        List<DataEntry> entries = DebArchive.read(deb).entries();
        assertEquals("/etc/alternatives/editor", entries.get(1).linkTarget());
        assertEquals("../../lib/libx.so.1", entries.get(2).linkTarget());
    }

    @Test
    void read_namesWithoutDotSlash_normalized() {
        Path deb = TestDebBuilder.withData(TarItem.dir("usr/", 0755), TarItem.file("usr//./x", 0644, "")).writeTo(dir);
        List<DataEntry> entries = DebArchive.read(deb).entries();
        assertEquals(List.of(GuestPath.ROOT, GuestPath.of("/usr"), GuestPath.of("/usr/x")),
                entries.stream().map(DataEntry::path).toList());
    }

    @ParameterizedTest
    @ValueSource(strings = {"2.0\n", "2.1\n", "2.10\n", "2.0\nextra line ignored by dpkg\n"})
    void read_debianBinaryOfFormat2_accepted(String content) {
        Path deb = TestDebBuilder.hello().debianBinary(content).writeTo(dir);
        assertEquals(PackageName.of("hello"), DebArchive.read(deb).packageName());
    }

    @Test
    void read_gnuStyleMemberNamesAndUnderscoreMembers_accepted() {
        List<ArMember> members = new ArrayList<>();
        for (ArMember m : TestDebBuilder.hello().members()) {
            members.add(new ArMember(m.name() + "/", m.content()));
            if (m.name().equals("debian-binary")) {
                members.add(new ArMember("_gpgorigin", "signature".getBytes(StandardCharsets.US_ASCII)));
            }
        }
        Path deb = TestDebBuilder.write(dir, "gnu.deb", TestDebBuilder.ar(members));
        assertEquals(HELLO_ENTRIES, DebArchive.read(deb).entries());
    }

    @Test
    void read_membersAfterDataTar_ignored() {
        List<ArMember> members = new ArrayList<>(TestDebBuilder.hello().members());
        members.add(new ArMember("trailing", "ignored".getBytes(StandardCharsets.US_ASCII)));
        Path deb = TestDebBuilder.write(dir, "trailing.deb", TestDebBuilder.ar(members));
        assertEquals(HELLO_ENTRIES, DebArchive.read(deb).entries());
    }

    @Test
    void read_emptyDataTar_noEntries() {
        Path deb = TestDebBuilder.withData().writeTo(dir);
        assertEquals(List.of(dir("/")), DebArchive.read(deb).entries());
    }
}
