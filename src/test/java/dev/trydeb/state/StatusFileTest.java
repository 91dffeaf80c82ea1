package dev.trydeb.state;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StatusFileTest {
    /** Two stanzas as dpkg writes them: fields, continuation lines, a blank line after each stanza. */
    private static final String DPKG_WRITTEN = """
            Package: hello
            Status: install ok installed
            Priority: optional
            Section: devel
            Installed-Size: 280
            Maintainer: Santiago Vila <sanvila@debian.org>
            Architecture: amd64
            Version: 2.10-3
            Depends: libc6 (>= 2.34)
            Conffiles:
             /etc/hello.conf 0123456789abcdef0123456789abcdef
             /etc/hello.d/obsolete fedcba9876543210fedcba9876543210 obsolete
            Description: example package based on GNU hello
             The GNU hello program produces a familiar, friendly greeting.
             .
             Seriously, though: this is an example.
            Homepage: https://www.gnu.org/software/hello/

            Package: libc6
            Status: install ok installed
            Architecture: i386
            Multi-Arch: same
            Version: 2.36-9+deb12u4
            Description: GNU C Library: Shared libraries
             Contains the standard libraries.

            """;

    @TempDir
    Path tmp;

    @Test
    void key_nameAndArchitecture_joinedWithColon() {
        assertEquals("libc6:i386", StatusFile.key("libc6", "i386"));
        assertEquals("cowsay:all", StatusFile.key("cowsay", "all"));
    }

    @Test
    void parse_dpkgWrittenText_stanzasByNameAndArchitectureInFileOrder() {
        Map<String, String> stanzas = StatusFile.parse(DPKG_WRITTEN);

        assertEquals(List.of("hello:amd64", "libc6:i386"), new ArrayList<>(stanzas.keySet()));
        assertTrue(stanzas.get("hello:amd64").startsWith("Package: hello\n"));
        assertTrue(stanzas.get("hello:amd64").endsWith("Homepage: https://www.gnu.org/software/hello/"),
                "a stanza is kept without its trailing newline");
        assertTrue(stanzas.get("hello:amd64").contains(
                "Description: example package based on GNU hello\n The GNU hello program produces a familiar,"
                        + " friendly greeting.\n .\n Seriously, though: this is an example.\n"),
                "continuation lines, ' .' included, stay in their stanza");
    }

    @Test
    void format_parsedDpkgWrittenText_isByteForByteTheSame() {
        assertEquals(DPKG_WRITTEN, StatusFile.format(StatusFile.parse(DPKG_WRITTEN)));
    }

    @Test
    void format_parsedTextWithNonAsciiBytes_isByteForByteTheSame() {
        // UTF-8 in a Description and a byte that is no UTF-8 at all: dpkg promises neither.
        byte[] stanza1 = "Package: caf\u00e9-tools\nArchitecture: all\nDescription: na\u00efve \u2013 tools\n"
                .getBytes(StandardCharsets.UTF_8);
        byte[] stanza2 = {'P', 'a', 'c', 'k', 'a', 'g', 'e', ':', ' ', 'x', '\n', 'D', ':', ' ', (byte) 0xff, (byte) 0xfe,
                '\n'};
        byte[] file = new byte[stanza1.length + 1 + stanza2.length + 1];
        System.arraycopy(stanza1, 0, file, 0, stanza1.length);
        file[stanza1.length] = '\n';
        System.arraycopy(stanza2, 0, file, stanza1.length + 1, stanza2.length);
        file[file.length - 1] = '\n';

        String text = new String(file, StatusFile.CHARSET);
        byte[] again = StatusFile.format(StatusFile.parse(text)).getBytes(StatusFile.CHARSET);

        assertArrayEquals(file, again);
    }

    @Test
    void parse_severalBlankAndWhitespaceOnlyLinesBetweenStanzas_separateStanzasOnly() {
        String loose = "\n\nPackage: a\nArchitecture: amd64\nVersion: 1\n\n\n\nPackage: b\nArchitecture: all\n"
                + " \t\n\n   \nPackage: c\nArchitecture: amd64\n\n\n";

        Map<String, String> stanzas = StatusFile.parse(loose);

        assertEquals(List.of("a:amd64", "b:all", "c:amd64"), new ArrayList<>(stanzas.keySet()));
        assertEquals("Package: a\nArchitecture: amd64\nVersion: 1", stanzas.get("a:amd64"));
        assertEquals("Package: a\nArchitecture: amd64\nVersion: 1\n\nPackage: b\nArchitecture: all\n\n"
                + "Package: c\nArchitecture: amd64\n\n", StatusFile.format(stanzas),
                "formatting writes dpkg's layout: one blank line after every stanza");
    }

    @Test
    void formatThenParse_afterNormalising_isStable() {
        String loose = "Package: a\nArchitecture: amd64\n\n\n\nPackage: b\nArchitecture: all";
        String once = StatusFile.format(StatusFile.parse(loose));

        assertEquals(once, StatusFile.format(StatusFile.parse(once)));
    }

    @Test
    void parse_sameKeyTwice_laterStanzaWinsAtTheFirstPosition() {
        Map<String, String> stanzas = StatusFile.parse(
                "Package: a\nArchitecture: amd64\nVersion: 1\n\nPackage: b\nArchitecture: amd64\n\n"
                        + "Package: a\nArchitecture: amd64\nVersion: 2\n");

        assertEquals(List.of("a:amd64", "b:amd64"), new ArrayList<>(stanzas.keySet()));
        assertEquals(Optional.of("2"), StatusFile.field(stanzas.get("a:amd64"), "Version"));
    }

    @Test
    void parse_sameNameOtherArchitectures_areSeparateStanzas() {
        Map<String, String> stanzas = StatusFile.parse(
                "Package: libc6\nArchitecture: amd64\n\nPackage: libc6\nArchitecture: i386\n");

        assertEquals(List.of("libc6:amd64", "libc6:i386"), new ArrayList<>(stanzas.keySet()));
    }

    @Test
    void parse_stanzaWithoutPackageField_isDropped() {
        Map<String, String> stanzas = StatusFile.parse("Status: install ok installed\nVersion: 1\n\n"
                + "Package: a\nArchitecture: amd64\n");

        assertEquals(List.of("a:amd64"), new ArrayList<>(stanzas.keySet()));
    }

    @Test
    void parse_stanzaWithoutArchitecture_keyEndsWithColon() {
        assertEquals(List.of("old:"), new ArrayList<>(StatusFile.parse("Package: old\nVersion: 1\n").keySet()));
    }

    @Test
    void parse_empty_isEmpty() {
        assertEquals(Map.of(), StatusFile.parse(""));
        assertEquals(Map.of(), StatusFile.parse("\n\n\n"));
        assertEquals("", StatusFile.format(new LinkedHashMap<>()));
    }

    @Test
    void field_nameInAnyCase_isFound() {
        String stanza = "package: hello\nSTATUS: install ok installed\nArchitecture: amd64";

        assertEquals(Optional.of("hello"), StatusFile.field(stanza, "Package"));
        assertEquals(Optional.of("install ok installed"), StatusFile.field(stanza, "status"));
        assertEquals(Optional.of("amd64"), StatusFile.field(stanza, "ARCHITECTURE"));
    }

    @Test
    void field_valueWithSurroundingBlanks_isStripped() {
        assertEquals(Optional.of("2.10-3"), StatusFile.field("Package: a\nVersion:   2.10-3  \n", "Version"));
        assertEquals(Optional.of("1"), StatusFile.field("Version:1", "Version"));
    }

    @Test
    void field_onlyInContinuationLine_isNotAField() {
        String stanza = "Package: a\nDescription: x\n Version: 9\n\tStatus: install ok installed";

        assertEquals(Optional.empty(), StatusFile.field(stanza, "Version"));
        assertEquals(Optional.empty(), StatusFile.field(stanza, "Status"));
    }

    @Test
    void field_longerNameWithSamePrefix_isNotMatched() {
        String stanza = "Package-Type: udeb\nPackage: a";

        assertEquals(Optional.of("a"), StatusFile.field(stanza, "Package"));
        assertEquals(Optional.empty(), StatusFile.field("Package-Type: udeb", "Package"));
    }

    @Test
    void field_absent_isEmpty() {
        assertEquals(Optional.empty(), StatusFile.field("Package: a", "Version"));
        assertEquals(Optional.empty(), StatusFile.field("", "Package"));
    }

    @Test
    void field_multiLineField_isItsFirstLine() {
        assertEquals(Optional.of(""), StatusFile.field("Conffiles:\n /etc/a 0123", "Conffiles"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"install ok installed", "install ok half-configured", "install ok unpacked",
            "install reinstreq half-installed", "install ok triggers-pending", "hold ok installed",
            "deinstall ok installed"})
    void isInstalled_filesOnDisk_isTrue(String status) {
        assertTrue(StatusFile.isInstalled("Package: a\nStatus: " + status + "\nVersion: 1"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"deinstall ok config-files", "purge ok not-installed", "install ok not-installed",
            "unknown ok not-installed"})
    void isInstalled_noFilesOnDisk_isFalse(String status) {
        assertFalse(StatusFile.isInstalled("Package: a\nStatus: " + status + "\nVersion: 1"));
    }

    @Test
    void isInstalled_noStatusField_isFalse() {
        assertFalse(StatusFile.isInstalled("Package: a\nVersion: 1"));
    }

    @Test
    void isInstalled_statusFieldInOtherCase_isRead() {
        assertTrue(StatusFile.isInstalled("Package: a\nstatus: install ok installed"));
    }

    @Test
    void formatParse_hostsOwnStatusFile_isByteForByteTheSame() throws IOException {
        Path status = Path.of("/var/lib/dpkg/status");
        assumeTrue(Files.isReadable(status), "needs a Debian host's dpkg status");
        byte[] bytes = Files.readAllBytes(status);
        Path copy = Files.write(tmp.resolve("status"), bytes);

        String text = Files.readString(copy, StatusFile.CHARSET);

        assertArrayEquals(bytes, StatusFile.format(StatusFile.parse(text)).getBytes(StatusFile.CHARSET));
    }
}
