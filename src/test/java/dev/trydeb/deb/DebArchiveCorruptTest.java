package dev.trydeb.deb;

import dev.trydeb.core.ExitCode;
import dev.trydeb.core.TrydebException;
import dev.trydeb.deb.TestDebBuilder.ArMember;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Every way a .deb can be unusable gives a one-line BAD_INPUT error naming the file. */
class DebArchiveCorruptTest {
    @TempDir
    Path dir;

    /** Asserts DebArchive.read refuses the file with a one-line BAD_INPUT message "FILE: ..." containing the fragments. */
    static TrydebException assertBadInput(Path deb, String... fragments) {
        TrydebException e = assertThrows(TrydebException.class, () -> DebArchive.read(deb));
        assertEquals(ExitCode.BAD_INPUT, e.exitCode(), e.getMessage());
        assertTrue(e.getMessage().startsWith(deb + ": "), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        assertTrue(e.getMessage().contains("; "), "message must say what to do: " + e.getMessage());
        for (String fragment : fragments) {
            assertTrue(e.getMessage().contains(fragment), "expected '" + fragment + "' in: " + e.getMessage());
        }
        return e;
    }

    private Path write(byte[] bytes) {
        return TestDebBuilder.write(dir, "x.deb", bytes);
    }

    private Path writeMembers(List<ArMember> members) {
        return write(TestDebBuilder.ar(members));
    }

    private static ArMember member(String name, String content) {
        return new ArMember(name, content.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void read_missingFile_noSuchFile() {
        assertBadInput(dir.resolve("missing.deb"), "no such file; check the path");
    }

    @Test
    void read_directory_isADirectory() {
        assertBadInput(dir, "is a directory; pass a .deb file");
    }

    @Test
    void read_characterDevice_notARegularFile() {
        Path devNull = Path.of("/dev/null");
        assumeTrue(Files.exists(devNull));
        assertBadInput(devNull, "not a regular file; pass a .deb file");
    }

    @Test
    void read_unreadableFile_permissionDenied() throws IOException {
        Path deb = TestDebBuilder.hello().writeTo(dir);
        Files.setPosixFilePermissions(deb, PosixFilePermissions.fromString("---------"));
        assumeTrue(!Files.isReadable(deb), "running as root: every file is readable");
        assertBadInput(deb, "not readable (permission denied)");
    }

    @Test
    void read_emptyFile_notAnArArchive() {
        assertBadInput(write(new byte[0]), "not a Debian package (not an ar archive); pass a .deb file");
    }

    @Test
    void read_textFile_notAnArArchive() {
        assertBadInput(write("Package: hello\n".getBytes(StandardCharsets.US_ASCII)), "not an ar archive");
    }

    @Test
    void read_tarFileInsteadOfDeb_notAnArArchive() {
        assertBadInput(write(TestDebBuilder.tar(List.of(TestDebBuilder.TarItem.dir("./", 0755)))), "not an ar archive");
    }

    @Test
    void read_arWithoutMembers_noDebianBinary() {
        assertBadInput(write("!<arch>\n".getBytes(StandardCharsets.US_ASCII)), "not a Debian package (no 'debian-binary' member)");
    }

    @Test
    void read_firstMemberNotDebianBinary_noDebianBinary() {
        List<ArMember> members = new ArrayList<>(TestDebBuilder.hello().members());
        members.add(members.remove(0));
        assertBadInput(writeMembers(members), "no 'debian-binary' member");
    }

    @ParameterizedTest
    @ValueSource(strings = {"3.0\n", "1.0\n", "2\n", "2.x\n", "garbage\n", "\n2.0\n", " 2.0\n"})
    void read_wrongDebianBinary_unsupportedFormat(String content) {
        assertBadInput(TestDebBuilder.hello().debianBinary(content).writeTo(dir), "unsupported package format", "'debian-binary'");
    }

    @Test
    void read_debianBinaryWithoutNewline_malformed() {
        assertBadInput(TestDebBuilder.hello().debianBinary("2.0").writeTo(dir), "malformed 'debian-binary' member (no newline");
    }

    @Test
    void read_hugeDebianBinary_refused() {
        assertBadInput(TestDebBuilder.hello().debianBinary("2.0\n" + "x".repeat(5000)).writeTo(dir), "'debian-binary' member is");
    }

    @Test
    void read_noControlTar_missingControl() {
        List<ArMember> members = new ArrayList<>(TestDebBuilder.hello().members());
        members.remove(1);
        assertBadInput(writeMembers(members), "no control.tar.* member before 'data.tar.xz'");
    }

    @Test
    void read_noDataTar_missingData() {
        List<ArMember> members = new ArrayList<>(TestDebBuilder.hello().members());
        members.remove(2);
        assertBadInput(writeMembers(members), "not a valid Debian package (no data.tar.* member)");
    }

    @Test
    void read_onlyDebianBinary_missingControl() {
        assertBadInput(writeMembers(List.of(member("debian-binary", "2.0\n"))), "(no control.tar.* member)");
    }

    @Test
    void read_dataBeforeControl_refused() {
        List<ArMember> members = new ArrayList<>(TestDebBuilder.hello().members());
        members.add(1, members.remove(2));
        assertBadInput(writeMembers(members), "no control.tar.* member before 'data.tar.xz'");
    }

    @Test
    void read_twoControlTars_unexpectedMember() {
        List<ArMember> members = new ArrayList<>(TestDebBuilder.hello().members());
        members.add(2, new ArMember("control.tar.gz", TestDebBuilder.compress(".gz", new byte[1024])));
        assertBadInput(writeMembers(members), "unexpected member 'control.tar.gz' after control.tar.xz");
    }

    @Test
    void read_unknownMember_unexpectedMember() {
        List<ArMember> members = new ArrayList<>(TestDebBuilder.hello().members());
        members.add(1, member("README", "hi"));
        assertBadInput(writeMembers(members), "unexpected member 'README'");
    }

    @ParameterizedTest
    @ValueSource(strings = {".lzma", ".lz4", ".Z", "_gz"})
    void read_unsupportedDataCompression_named(String suffix) {
        assertBadInput(TestDebBuilder.hello().dataCompression(suffix).writeTo(dir),
                "member 'data.tar" + suffix + "' uses an unsupported compression", "dpkg-deb");
    }

    @ParameterizedTest
    @ValueSource(strings = {".bz2", ".lzma"})
    void read_unsupportedControlCompression_named(String suffix) {
        assertBadInput(TestDebBuilder.hello().controlCompression(suffix).writeTo(dir),
                "member 'control.tar" + suffix + "' uses an unsupported compression");
    }

    /** A cut inside each part of the file, for every data.tar compression. */
    static Stream<Arguments> truncations() {
        List<Arguments> cases = new ArrayList<>();
        for (String suffix : List.of("", ".gz", ".xz", ".zst", ".bz2")) {
            byte[] deb = TestDebBuilder.hello().dataCompression(suffix).build();
            int control = TestDebBuilder.contentOffset(deb, "control.tar.xz");
            int controlSize = TestDebBuilder.contentSize(deb, "control.tar.xz");
            String data = "data.tar" + suffix;
            int dataStart = TestDebBuilder.contentOffset(deb, data);
            int dataSize = TestDebBuilder.contentSize(deb, data);
            cases.add(Arguments.of(suffix, deb, 5, "not an ar archive"));
            cases.add(Arguments.of(suffix, deb, 8 + 30, "truncated or corrupt ar archive"));
            cases.add(Arguments.of(suffix, deb, 8 + 60 + 2, "truncated or corrupt debian-binary member"));
            cases.add(Arguments.of(suffix, deb, control + controlSize / 2, "truncated or corrupt control.tar.xz"));
            cases.add(Arguments.of(suffix, deb, control + controlSize - 1, "truncated or corrupt control.tar.xz"));
            cases.add(Arguments.of(suffix, deb, dataStart - 20, "truncated or corrupt ar archive"));
            cases.add(Arguments.of(suffix, deb, dataStart, "truncated or corrupt " + data));
            cases.add(Arguments.of(suffix, deb, dataStart + dataSize / 2, "truncated or corrupt " + data));
            cases.add(Arguments.of(suffix, deb, dataStart + dataSize - 1, "truncated or corrupt " + data));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "data.tar{0} cut at {2}")
    @MethodSource("truncations")
    void read_truncatedFile_truncatedOrCorrupt(String suffix, byte[] deb, int length, String expected) {
        TrydebException e = assertBadInput(write(Arrays.copyOf(deb, length)), expected);
        assertTrue(e.getMessage().endsWith("download it again") || expected.equals("not an ar archive"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".gz", ".xz", ".zst", ".bz2"})
    void read_corruptedDataBytes_truncatedOrCorrupt(String suffix) {
        byte[] deb = TestDebBuilder.hello().dataCompression(suffix).build();
        String data = "data.tar" + suffix;
        int start = TestDebBuilder.contentOffset(deb, data);
        int size = TestDebBuilder.contentSize(deb, data);
        // The middle of a compressed stream, or the first tar header of an uncompressed one.
        int from = suffix.isEmpty() ? start + 100 : start + size / 3;
        for (int i = from; i < from + 16; i++) {
            deb[i] ^= 0x55;
        }
        assertBadInput(write(deb), "truncated or corrupt " + data + " (", "); download it again");
    }

    /** Bytes counted from the end: the gzip CRC-32, the xz stream footer magic, the bzip2 stream CRC. */
    @ParameterizedTest
    @CsvSource({".gz,8", ".xz,1", ".bz2,3"})
    void read_corruptedChecksumAfterLastTarRecord_truncatedOrCorrupt(String suffix, int fromEnd) {
        byte[] deb = TestDebBuilder.hello().dataCompression(suffix).build();
        String data = "data.tar" + suffix;
        int end = TestDebBuilder.contentOffset(deb, data) + TestDebBuilder.contentSize(deb, data);
        deb[end - fromEnd] ^= 0x01;
        assertBadInput(write(deb), "truncated or corrupt " + data + " (");
    }

    @Test
    void read_corruptedChecksumAfterZeroPaddingBeyondTarEnd_truncatedOrCorrupt() {
        // Zero blocks after the end-of-archive marker leave the gzip trailer unread unless the reader drains the stream.
        byte[] tar = TestDebBuilder.tar(List.of(TestDebBuilder.TarItem.dir("./", 0755)));
        byte[] data = TestDebBuilder.compress(".gz", Arrays.copyOf(tar, tar.length + 64 * 1024));
        data[data.length - 8] ^= 0x01;
        List<ArMember> members = new ArrayList<>(TestDebBuilder.hello().members());
        members.set(2, new ArMember("data.tar.gz", data));
        assertBadInput(writeMembers(members), "truncated or corrupt data.tar.gz (");
    }

    @Test
    void read_corruptedControlBytes_truncatedOrCorrupt() {
        byte[] deb = TestDebBuilder.hello().controlCompression(".gz").build();
        int start = TestDebBuilder.contentOffset(deb, "control.tar.gz");
        int size = TestDebBuilder.contentSize(deb, "control.tar.gz");
        for (int i = start + size / 2; i < start + size / 2 + 8; i++) {
            deb[i] ^= 0x55;
        }
        assertBadInput(write(deb), "truncated or corrupt control.tar.gz");
    }

    @Test
    void read_garbageArHeader_corruptArArchive() {
        byte[] deb = TestDebBuilder.hello().build();
        int header = TestDebBuilder.contentOffset(deb, "control.tar.xz") - 60;
        deb[header + 58] = 'X';
        assertBadInput(write(deb), "truncated or corrupt ar archive");
    }

    @Test
    void read_garbageDataMember_truncatedOrCorrupt() {
        List<ArMember> members = new ArrayList<>(TestDebBuilder.hello().members());
        members.set(2, member("data.tar.gz", "this is not gzip data at all"));
        assertBadInput(writeMembers(members), "truncated or corrupt data.tar.gz");
    }

    @Test
    void read_controlTarWithoutControlFile_noControl() {
        assertBadInput(TestDebBuilder.hello().withoutControlFile().writeTo(dir), "control.tar.xz has no ./control file");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Package", "Version", "Architecture"})
    void read_controlWithoutRequiredField_namesTheField(String field) {
        String control = TestDebBuilder.DEFAULT_CONTROL.replaceAll("(?m)^" + field + ":.*\n", "");
        assertBadInput(TestDebBuilder.hello().control(control).writeTo(dir),
                "invalid control file (missing '" + field + "' field)", "DEBIAN/control");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "Version: 1.0 beta\n", "Version: 1.0-\n", "Version: a:1\n", "Package: Hello_World\n",
            "Depends: libc6 (>= 2.34,\n", "Pre-Depends: a1,,b1\n", "Provides: virt (>= x y)\n"})
    void read_controlWithInvalidField_invalidControlFile(String badLine) {
        String field = badLine.substring(0, badLine.indexOf(':'));
        String control = TestDebBuilder.DEFAULT_CONTROL.replaceAll("(?m)^" + field + ":.*\n", "") + badLine;
        assertBadInput(TestDebBuilder.hello().control(control).writeTo(dir), "invalid control file (");
    }

    @Test
    void read_malformedControlLine_namesTheLine() {
        String control = "Package: hello\nthis line has no colon\nVersion: 1\nArchitecture: all\n";
        assertBadInput(TestDebBuilder.hello().control(control).writeTo(dir), "invalid control file (line 2: ");
    }

    @Test
    void read_twoControlStanzas_invalidControlFile() {
        String control = TestDebBuilder.DEFAULT_CONTROL + "\nPackage: second\n";
        assertBadInput(TestDebBuilder.hello().control(control).writeTo(dir), "expected exactly one stanza, found 2");
    }

    @Test
    void read_hugeControlFile_refused() {
        String control = TestDebBuilder.DEFAULT_CONTROL + "X-Padding: " + "p".repeat(ControlTarReader.MAX_CONTROL_SIZE) + "\n";
        assertBadInput(TestDebBuilder.hello().control(control).writeTo(dir), "the control file is", "bytes");
    }

    @Test
    void read_utf8ControlFile_decodedAsUtf8() {
        String control = TestDebBuilder.DEFAULT_CONTROL.replace("Maintainer: Test", "Maintainer: Jos\u00e9 \u00c5str\u00f6m");
        assertEquals("Jos\u00e9 \u00c5str\u00f6m <test@example.org>",
                DebArchive.read(TestDebBuilder.hello().control(control).writeTo(dir)).control().required("Maintainer"));
    }
}
