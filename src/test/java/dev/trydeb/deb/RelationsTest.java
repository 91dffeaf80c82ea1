package dev.trydeb.deb;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RelationsTest {
    private static Relation rel(String text) {
        return Relations.parseRelation(text);
    }

    @Test
    void parse_groupsAndAlternatives_keepsStructureAndOrder() {
        List<List<Relation>> groups = Relations.parse("libc6 (>= 2.34), perl:any | python3, debconf (>= 0.5) | debconf-2.0");
        assertEquals(3, groups.size());
        assertEquals(List.of("libc6 (>= 2.34)"), groups.get(0).stream().map(Relation::toString).toList());
        assertEquals(List.of("perl:any", "python3"), groups.get(1).stream().map(Relation::toString).toList());
        assertEquals(List.of("debconf (>= 0.5)", "debconf-2.0"), groups.get(2).stream().map(Relation::toString).toList());
    }

    @Test
    void parse_versionedRelation_hasComponents() {
        Relation r = rel("libc6 (>= 2.34)");
        assertEquals(PackageName.of("libc6"), r.name());
        assertNull(r.archQualifier());
        assertEquals(Relation.Op.GE, r.op());
        assertEquals(DebianVersion.parse("2.34"), r.version());
    }

    @Test
    void parse_archQualifier_kept() {
        Relation r = rel("python3:any (>= 3.11~)");
        assertEquals("any", r.archQualifier());
        assertEquals("python3:any (>= 3.11~)", r.toString());
    }

    @ParameterizedTest
    @CsvSource({"<<,LT", "<=,LE", "=,EQ", ">=,GE", ">>,GT", "<,LE", ">,GE"})
    void parse_operator_mapsLikeDpkg(String symbol, Relation.Op op) {
        assertEquals(op, rel("foo (" + symbol + " 1.0)").op());
    }

    @Test
    void toString_obsoleteOperator_rendersModernForm() {
        assertEquals("foo (<= 1.0)", rel("foo (< 1.0)").toString());
    }

    @Test
    void parse_noSpacesAndExtraSpaces_accepted() {
        assertEquals("foo (>= 1.0)", rel("foo(>=1.0)").toString());
        assertEquals("foo (>= 1.0)", rel("  foo   (  >=   1.0  )  ").toString());
    }

    @Test
    void parse_multiLineField_newlinesAreWhitespace() {
        List<List<Relation>> groups = Relations.parse("a1,\nb1 (>= 1)\n | c1");
        assertEquals("a1", Relations.format(groups.get(0)));
        assertEquals("b1 (>= 1) | c1", Relations.format(groups.get(1)));
    }

    @Test
    void parse_archRestrictionsAndProfiles_dropped() {
        List<List<Relation>> groups = Relations.parse("foo [amd64 i386] <!nocheck> <cross>, bar (>= 1) [!hurd-any]");
        assertEquals("foo", Relations.format(groups.get(0)));
        assertEquals("bar (>= 1)", Relations.format(groups.get(1)));
    }

    @Test
    void parse_blankField_noGroups() {
        assertEquals(List.of(), Relations.parse(""));
        assertEquals(List.of(), Relations.parse("  \n "));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "a1, b1,", "a1, , b1", "a1 | | b1", "| a1", "a1 (>= 1", "a1 >= 1", "a1 (~ 1)", "a1 (>= 1.0 beta)",
            "a1 (>=)", "A1", "a1 b1", "a1 [amd64", "a1 <nocheck", "a1:", "a1:ANY", "a1 (>= 1_0)"})
    void parse_malformedField_throws(String field) {
        assertThrows(IllegalArgumentException.class, () -> Relations.parse(field));
    }

    @Test
    void parse_malformedField_messageNamesTheRelation() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Relations.parse("ok1, bad (>= x y)"));
        assertTrue(e.getMessage().contains("bad (>= x y)"), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource({
            "foo (<< 2.0), 1.9, true", "foo (<< 2.0), 2.0, false",
            "foo (<= 2.0), 2.0, true", "foo (<= 2.0), 2.0.1, false",
            "foo (= 2.0), 2.0, true", "foo (= 2.0), 2.00, true", "foo (= 2.0), 2.0-1, false",
            "foo (>= 2.0), 2.0~rc1, false", "foo (>= 2.0), 2.0, true",
            "foo (>> 2.0), 2.0, false", "foo (>> 2.0), 2.0+b1, true",
            "foo, 0.1, true", "foo (>= 1:1.0), 9.9, false"})
    void satisfiedBy_version_followsOperator(String relation, String version, boolean expected) {
        assertEquals(expected, rel(relation).satisfiedBy(DebianVersion.parse(version)));
    }

    @Test
    void satisfiedBy_noVersion_onlyUnversionedRelation() {
        assertTrue(rel("foo").satisfiedBy(null));
        assertFalse(rel("foo (>= 1)").satisfiedBy(null));
    }

    @Test
    void constructor_operatorWithoutVersion_throws() {
        assertThrows(IllegalArgumentException.class,
                () -> new Relation(PackageName.of("foo"), null, Relation.Op.GE, null));
    }
}
