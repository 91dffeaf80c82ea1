package dev.trydeb.deb;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class DebianVersionTest {

    record Case(String a, String b, int expected) {
        @Override
        public String toString() {
            return a + (expected < 0 ? " < " : expected == 0 ? " = " : " > ") + b;
        }
    }

    private static Case c(String a, String b, int expected) {
        return new Case(a, b, expected);
    }

    /** Ordering cases; every one is also checked against the host's dpkg. */
    static final List<Case> ORDER = List.of(
            // dpkg's scripts/t/Dpkg_Version.t table; "0foo-" became "0foo-0" because dpkg 1.21
            // refuses an empty revision, and "-0.6.5" (empty upstream) is among the invalid versions.
            c("1.0-1", "2.0-2", -1),
            c("2.2~rc-4", "2.2-1", -1),
            c("2.2-1", "2.2~rc-4", 1),
            c("1.0000-1", "1.0-1", 0),
            c("1", "0:1", 0),
            c("0", "0:0-0", 0),
            c("2:2.5", "1:7.5", 1),
            c("1:0foo", "0foo", 1),
            c("0:0foo", "0foo", 0),
            c("0foo", "0foo", 0),
            c("0foo-0", "0foo", 0),
            c("0foo", "0fo", 1),
            c("0foo-0", "0foo+", -1),
            c("0foo~1", "0foo", -1),
            c("0foo~foo+Bar", "0foo~foo+bar", -1),
            c("0foo~~", "0foo~", -1),
            c("1~", "1", -1),
            c("12345+that-really-is-some-ver-0", "12345+that-really-is-some-ver-10", -1),
            c("0foo-0", "0foo-01", -1),
            c("0foo.bar", "0foobar", 1),
            c("0foo.bar", "0foo1bar", 1),
            c("0foo.bar", "0foo0bar", 1),
            c("0foo1bar-1", "0foobar-1", -1),
            c("0foo2.0", "0foo2", 1),
            c("0foo2.0.0", "0foo2.10.0", -1),
            c("0foo2.0", "0foo2.0.0", -1),
            c("0foo2.0", "0foo2.10", -1),
            c("0foo2.1", "0foo2.10", -1),
            c("1.09", "1.9", 0),
            c("1.0.8+nmu1", "1.0.8", 1),
            c("3.11", "3.10+nmu1", 1),
            c("0.9j-20080306-4", "0.9i-20070324-2", 1),
            c("1.2.0~b7-1", "1.2.0~b6-1", 1),
            c("1.011-1", "1.06-2", 1),
            c("0.0.9+dfsg1-1", "0.0.8+dfsg1-3", 1),
            c("4.6.99+svn6582-1", "4.6.99+svn6496-1", 1),
            c("53", "52", 1),
            c("0.9.9~pre122-1", "0.9.9~pre111-1", 1),
            c("2:2.3.2-2+lenny2", "2:2.3.2-2", 1),
            c("1:3.8.1-1", "3.8.GA-1", 1),
            c("1.0.1+gpl-1", "1.0.1-2", 1),
            c("1a", "1000a", -1),
            // dpkg's lib/dpkg/t/t-version.c comparisons, written as strings.
            c("0-0", "0-0", 0),
            c("0-00", "00-0", 0),
            c("1:2-3", "1:2-3", 0),
            c("1:0-0", "2:0-0", -1),
            c("0-0", "1:0-0", -1),
            c("1-1", "2-1", -1),
            c("1-1", "1-2", -1),
            c("a-0", "b-0", -1),
            c("0-a", "0-b", -1),
            // Tildes sort before everything, even the end of the string.
            c("1.0~rc1", "1.0", -1),
            c("1.0~~", "1.0~~a", -1),
            c("1.0~~a", "1.0~", -1),
            c("1.0~", "1.0", -1),
            c("~~", "~", -1),
            c("~", "0", -1),
            c("2.0.0~alpha1", "2.0.0~beta", -1),
            c("1.0~dfsg", "1.0", -1),
            c("1.0-1~bpo11+1", "1.0-1", -1),
            // Letters sort before other characters, and the end before letters.
            c("1.0", "1.0a", -1),
            c("1.0a", "1.0+", -1),
            c("1.0a", "1.0.", -1),
            c("1.0.a", "1.0a", 1),
            c("1A", "1a", -1),
            c("1-1a", "1-1.", -1),
            c("1.0-1+b1", "1.0-1.1", -1),
            c("1.0+dfsg", "1.0", 1),
            c("7.6p2-4", "7.6-0", 1),
            // Digit runs compare numerically, leading zeros ignored.
            c("1.2.3", "1.2.10", -1),
            c("2.30-1", "2.4-1", 1),
            c("1.10", "1.010", 0),
            c("0001", "1", 0),
            c("10", "9", 1),
            c("1.0", "1.0.0", -1),
            c("1.123456789012345678901234567890", "1.123456789012345678901234567891", -1),
            c("99999999999999999999", "100000000000000000000", -1),
            c("1-3.4", "1-3.10", -1),
            // Absent revision is "" which equals "0".
            c("1.0-0", "1.0", 0),
            c("1.0-1", "1.0", 1),
            // Epochs dominate.
            c("1:0.1", "9.9", 1),
            c("5:1", "4:99", 1),
            c("0:1.0", "1.0", 0),
            c("2147483647:1", "2147483646:9", 1),
            // Hyphens and colons inside the upstream version.
            c("1.0-a-b", "1.0-a-c", -1),
            c("1:1.0-a-1", "1:1.0-1", 1),
            c("1:2:3-1", "1:2:4-1", -1),
            c("0:0:0-0", "0:0-0", 1),
            // Versions seen in Debian 12.
            c("2.36-9+deb12u4", "2.36-9", 1),
            c("1.21.22", "1.21.9", 1),
            c("1:9.18.28-1~deb12u2", "1:9.18.19-1~deb12u1", 1),
            c("5.36.0-7+deb12u1", "5.36.0-7", 1),
            c("252.30-1~deb12u2", "252.30-1", -1),
            c("2.4.68-1~deb12u1", "2.4.57-2", 1),
            c("1:1.16.5-1.3", "1.16.5-1.3", 1),
            c("20220109.1", "20220109", 1));

    static Stream<Case> orderCases() {
        return ORDER.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("orderCases")
    void compareTo_tableCase_givesExpectedOrder(Case c) {
        assertEquals(c.expected(), Integer.signum(DebianVersion.parse(c.a()).compareTo(DebianVersion.parse(c.b()))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("orderCases")
    void compareTo_tableCaseReversed_givesOppositeOrder(Case c) {
        assertEquals(-c.expected(), Integer.signum(DebianVersion.parse(c.b()).compareTo(DebianVersion.parse(c.a()))));
    }

    @Test
    void compareTo_everyTablePair_agreesWithDpkg() {
        assumeTrue(TestCommands.onPath("dpkg"), "dpkg is not installed");
        StringBuilder input = new StringBuilder();
        for (Case c : ORDER) {
            input.append(c.a()).append('\0').append(c.b()).append('\0');
        }
        String script = """
                while IFS= read -r -d '' a && IFS= read -r -d '' b; do
                  if dpkg --compare-versions -- "$a" lt "$b"; then echo -1
                  elif dpkg --compare-versions -- "$a" eq "$b"; then echo 0
                  elif dpkg --compare-versions -- "$a" gt "$b"; then echo 1
                  else echo error; fi
                done
                """;
        TestCommands.Result result = TestCommands.run(List.of("bash", "-c", script),
                input.toString().getBytes(StandardCharsets.UTF_8));
        List<String> dpkgSays = result.stdout().lines().toList();
        assertEquals(ORDER.size(), dpkgSays.size(), "one answer per pair; stderr: " + result.stderr());
        List<String> disagreements = new ArrayList<>();
        for (int i = 0; i < ORDER.size(); i++) {
            if (!dpkgSays.get(i).equals(Integer.toString(ORDER.get(i).expected()))) {
                disagreements.add(ORDER.get(i) + " but dpkg says " + dpkgSays.get(i));
            }
        }
        assertEquals(List.of(), disagreements);
    }

    @Test
    void compareTo_shuffledVersions_sortIntoDpkgOrder() {
        List<String> expected = List.of("~~", "~", "0~", "0", "1.0~~", "1.0~~a", "1.0~", "1.0~rc1", "1.0", "1.0-1~bpo11+1",
                "1.0-1", "1.0-1+b1", "1.0-1.1", "1.0a", "1.0+dfsg", "1.0.0", "1.2", "1.10", "2", "1:0.1", "2:0");
        List<DebianVersion> shuffled = new ArrayList<>(expected.stream().map(DebianVersion::parse).toList());
        Collections.shuffle(shuffled, new Random(42));
        Collections.sort(shuffled);
        assertEquals(expected, shuffled.stream().map(DebianVersion::toString).toList());
    }

    record Parsed(String text, int epoch, String upstream, String revision) {
        @Override
        public String toString() {
            return "'" + text + "'";
        }
    }

    /** Valid versions and their components, from dpkg's t-version.c parse tests and more. */
    static Stream<Parsed> validVersions() {
        return Stream.of(
                new Parsed("0", 0, "0", ""),
                new Parsed("0:0", 0, "0", ""),
                new Parsed("0:0-0", 0, "0", "0"),
                new Parsed("0:0.0-0.0", 0, "0.0", "0.0"),
                new Parsed("1:0", 1, "0", ""),
                new Parsed("5:1", 5, "1", ""),
                new Parsed("0:0-0-0", 0, "0-0", "0"),
                new Parsed("0:0-0-0-0", 0, "0-0-0", "0"),
                new Parsed("0:0:0-0", 0, "0:0", "0"),
                new Parsed("0:0:0:0-0", 0, "0:0:0", "0"),
                new Parsed("0:0:0-0-0", 0, "0:0-0", "0"),
                new Parsed("0:0-0:0-0", 0, "0-0:0", "0"),
                new Parsed("0:09azAZ.-+~:-0", 0, "09azAZ.-+~:", "0"),
                new Parsed("0:0-azAZ09.+~", 0, "0", "azAZ09.+~"),
                new Parsed("  \t0:0-1", 0, "0", "1"),
                new Parsed("0:0-1\t  ", 0, "0", "1"),
                new Parsed("\t  0:0-1  \t", 0, "0", "1"),
                new Parsed("0:abc3-0", 0, "abc3", "0"),
                new Parsed("2147483647:1", Integer.MAX_VALUE, "1", ""),
                new Parsed("1:2.36-9+deb12u4", 1, "2.36", "9+deb12u4"),
                new Parsed("00:1", 0, "1", ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validVersions")
    void parse_validVersion_splitsIntoComponents(Parsed p) {
        assertEquals(new DebianVersion(p.epoch(), p.upstream(), p.revision()), DebianVersion.parse(p.text()));
    }

    @Test
    void parse_validVersionsWithoutWarnings_acceptedByDpkgWithoutWarnings() {
        assumeTrue(TestCommands.onPath("dpkg"), "dpkg is not installed");
        List<String> versions = validVersions().map(Parsed::text).filter(v -> !v.strip().startsWith("0:abc")).toList();
        assertEquals(List.of(), versionsDpkgComplainsAbout(versions));
    }

    /** From dpkg's t-version.c: dpkg refuses these or warns that they are invalid. */
    static Stream<String> invalidVersions() {
        List<String> invalid = new ArrayList<>(List.of("", "  ", "0:", "1:", "0:0 0-1", "-1:0-1",
                "999999999999999999999999:0-1", "2147483648:1", "a:0-0", "A:0-0", "-0", "0:-0", "1.0-", "0:0-0:0", "-0.6.5"));
        for (char bad : "!#@$%&/|\\<>()[]{};,_=*^'".toCharArray()) {
            invalid.add("0:0" + bad + "-0");
        }
        for (char bad : "!#@$%&/|\\<>()[]{}:;,_=*^'".toCharArray()) {
            invalid.add("0:0-" + bad);
        }
        return invalid.stream();
    }

    @ParameterizedTest(name = "''{0}''")
    @MethodSource("invalidVersions")
    void parse_invalidVersion_throwsIllegalArgument(String text) {
        assertThrows(IllegalArgumentException.class, () -> DebianVersion.parse(text));
    }

    @Test
    void parse_invalidVersions_refusedOrWarnedAboutByDpkg() {
        assumeTrue(TestCommands.onPath("dpkg"), "dpkg is not installed");
        // dpkg --compare-versions takes "" to mean "no version", which is not a parse of "".
        List<String> versions = invalidVersions().filter(v -> !v.isEmpty()).toList();
        List<String> complaints = versionsDpkgComplainsAbout(versions);
        assertEquals(versions, complaints);
    }

    /** The versions for which "dpkg --compare-versions v eq v" fails or prints a warning. */
    private static List<String> versionsDpkgComplainsAbout(List<String> versions) {
        List<String> complaints = new ArrayList<>();
        for (String v : versions) {
            TestCommands.Result result = TestCommands.run("dpkg", "--compare-versions", "--", v, "eq", v);
            if (result.status() != 0 || !result.stderr().isEmpty()) {
                complaints.add(v);
            }
        }
        return complaints;
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.0", "1:1.0", "1.0-1", "1:1.0-1", "0:0:1-1", "1.0-a-1"})
    void toString_canonicalVersion_isUnchanged(String text) {
        assertEquals(text, DebianVersion.parse(text).toString());
    }

    @Test
    void toString_zeroEpochAndBlanks_areDropped() {
        assertEquals("1.0-1", DebianVersion.parse(" 0:1.0-1 ").toString());
        assertEquals("1.0", DebianVersion.parse("00:1.0").toString());
    }

    @Test
    void equals_versionsDpkgConsidersEqual_differButCompareAsZero() {
        DebianVersion a = DebianVersion.parse("1.0");
        DebianVersion b = DebianVersion.parse("1.00");
        assertNotEquals(a, b);
        assertEquals(0, a.compareTo(b));
    }

    @Test
    void constructor_hyphenInUpstreamWithoutRevision_throws() {
        assertThrows(IllegalArgumentException.class, () -> new DebianVersion(0, "1.0-1", ""));
    }

    @Test
    void constructor_negativeEpoch_throws() {
        assertThrows(IllegalArgumentException.class, () -> new DebianVersion(-1, "1.0", ""));
    }
}
