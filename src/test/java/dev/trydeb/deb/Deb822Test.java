package dev.trydeb.deb;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class Deb822Test {
    private static final String HELLO = """
            Package: hello
            Version: 2.10-3
            Architecture: amd64
            Maintainer: Santiago Vila <sanvila@debian.org>
            Depends: libc6 (>= 2.34)
            Description: example package based on GNU hello
             The GNU hello program produces a familiar, friendly greeting.
             .
               It is an example of how to write a program.
            """;

    @Test
    void parseOne_controlFile_keepsFieldsInOrder() {
        ControlStanza stanza = Deb822.parseOne(HELLO);
        assertEquals(List.of("Package", "Version", "Architecture", "Maintainer", "Depends", "Description"), stanza.names());
        assertEquals("libc6 (>= 2.34)", stanza.required("Depends"));
    }

    @Test
    void field_anyCase_findsField() {
        ControlStanza stanza = Deb822.parseOne(HELLO);
        assertEquals(Optional.of("hello"), stanza.field("package"));
        assertEquals(Optional.of("hello"), stanza.field("PACKAGE"));
        assertEquals(Optional.empty(), stanza.field("Pre-Depends"));
    }

    @Test
    void field_continuationLines_joinedWithNewlineWithoutLeadingSpaceAndDotAsEmptyLine() {
        assertEquals("example package based on GNU hello\n"
                        + "The GNU hello program produces a familiar, friendly greeting.\n"
                        + "\n"
                        + "  It is an example of how to write a program.",
                Deb822.parseOne(HELLO).required("Description"));
    }

    @Test
    void field_emptyFirstLine_valueStartsWithNewline() {
        ControlStanza stanza = Deb822.parseOne("Package: x1\nConffiles:\n /etc/x1.conf 0123abc\n /etc/x1.d/a 4567def\n");
        assertEquals("\n/etc/x1.conf 0123abc\n/etc/x1.d/a 4567def", stanza.required("Conffiles"));
    }

    @Test
    void field_blanksAroundValue_stripped() {
        assertEquals("1.0", Deb822.parseOne("Version: \t 1.0 \t\n").required("Version"));
    }

    @Test
    void field_tabContinuation_accepted() {
        assertEquals("a\nb", Deb822.parseOne("Depends: a\n\tb\n").required("Depends"));
    }

    @Test
    void required_missingField_namesTheField() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Deb822.parseOne(HELLO).required("Pre-Depends"));
        assertTrue(e.getMessage().contains("'Pre-Depends'"), e.getMessage());
    }

    @Test
    void convenienceAccessors_controlFile_parseNameVersionArchitecture() {
        ControlStanza stanza = Deb822.parseOne(HELLO);
        assertEquals(PackageName.of("hello"), stanza.packageName());
        assertEquals(DebianVersion.parse("2.10-3"), stanza.version());
        assertEquals("amd64", stanza.architecture());
    }

    @Test
    void parseAll_blankLinesAndComments_separateStanzasAndSkipComments() {
        String text = "\n\n# leading comment\nPackage: a1\n# inside\nVersion: 1\n \t \nPackage: b1\nVersion: 2\n\n\n";
        List<ControlStanza> stanzas = Deb822.parseAll(text);
        assertEquals(2, stanzas.size());
        assertEquals(List.of("Package", "Version"), stanzas.get(0).names());
        assertEquals("b1", stanzas.get(1).required("Package"));
    }

    @Test
    void parseAll_commentBetweenContinuationLines_continuesTheField() {
        ControlStanza stanza = Deb822.parseOne("Depends: a,\n# comment\n b\n");
        assertEquals("a,\nb", stanza.required("Depends"));
    }

    @Test
    void parseAll_emptyText_noStanzas() {
        assertEquals(List.of(), Deb822.parseAll(""));
        assertEquals(List.of(), Deb822.parseAll("\n\n# only a comment\n"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Package: a1\\nno colon here|2",
            "Package: a1\\n: empty name|2",
            "' continuation first'|1",
            "Package: a1\\n\\n continuation after blank|3",
            "Package: a1\\nPACKAGE: twice|2",
            "Package: a1\\nBad Name: x|2",
            "Package: a1\\n-Dash: x|2"})
    void parseAll_malformedLine_throwsWithLineNumber(String escaped, int line) {
        String text = escaped.replace("\\n", "\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Deb822.parseAll(text));
        assertTrue(e.getMessage().startsWith("line " + line + ": "), e.getMessage());
    }

    @Test
    void parseOne_twoStanzas_throws() {
        assertThrows(IllegalArgumentException.class, () -> Deb822.parseOne("Package: a1\n\nPackage: b1\n"));
    }

    @Test
    void parseOne_noStanza_throws() {
        assertThrows(IllegalArgumentException.class, () -> Deb822.parseOne("\n"));
    }

    @Test
    void text_parsedStanza_rendersDeb822() {
        String text = "Package: x1\nConffiles:\n /etc/x1.conf 0123abc\nDescription: short\n long\n .\n   indented\n";
        assertEquals(text, Deb822.parseOne(text).text());
    }

    @Test
    void text_reparsed_givesEqualStanza() {
        ControlStanza stanza = Deb822.parseOne(HELLO);
        assertEquals(stanza, Deb822.parseOne(stanza.text()));
    }

    @Test
    void of_orderedMap_keepsOrderAndRendersMultiLineValues() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("Package", "x1");
        fields.put("Description", "short\n\nlong");
        assertEquals("Package: x1\nDescription: short\n .\n long\n", ControlStanza.of(fields).text());
    }

    @Test
    void of_namesDifferingOnlyInCase_throws() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("Package", "x1");
        fields.put("package", "x2");
        assertThrows(IllegalArgumentException.class, () -> ControlStanza.of(fields));
    }

    @Test
    void packageName_invalidName_throws() {
        assertThrows(IllegalArgumentException.class, () -> Deb822.parseOne("Package: Hello_World\n").packageName());
    }

    @Test
    void parseAll_keptFields_holdsOnlyThoseInOrderWithTheirContinuationLines() {
        List<ControlStanza> stanzas = Deb822.parseAll(HELLO + "\n" + HELLO.replace("hello", "bye"), Set.of("package", "description"));
        assertEquals(2, stanzas.size());
        assertEquals(List.of("Package", "Description"), stanzas.get(0).names());
        assertEquals(Deb822.parseOne(HELLO).required("Description"), stanzas.get(0).required("Description"));
        assertEquals("bye", stanzas.get(1).required("Package"));
    }

    @Test
    void parseAll_keptFieldsOnly_stanzaWithoutThemIsStillAStanza() {
        List<ControlStanza> stanzas = Deb822.parseAll("Package: a\n\nDescription: b\n", Set.of("package"));
        assertEquals(2, stanzas.size());
        assertEquals(List.of(), stanzas.get(1).names());
    }

    @Test
    void parseAll_keptFields_malformedFieldNotKept_isStillRejectedWithItsLine() {
        IllegalArgumentException duplicate = assertThrows(IllegalArgumentException.class,
                () -> Deb822.parseAll("Package: a\nDescription: x\ndescription: y\n", Set.of("package")));
        assertTrue(duplicate.getMessage().startsWith("line 3: duplicate field"), duplicate.getMessage());
        IllegalArgumentException noColon = assertThrows(IllegalArgumentException.class,
                () -> Deb822.parseAll("Package: a\nnot a field\n", Set.of("package")));
        assertTrue(noColon.getMessage().startsWith("line 2: expected 'Field: value'"), noColon.getMessage());
    }

    @Test
    void parseAll_lastLineWithoutNewline_isRead() {
        assertEquals("2", Deb822.parseAll("Package: a\nVersion: 2").get(0).required("Version"));
    }
}
