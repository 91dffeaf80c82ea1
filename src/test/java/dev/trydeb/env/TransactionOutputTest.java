package dev.trydeb.env;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class TransactionOutputTest {
    /** apt-get -qq and dpkg installing two packages, as they print it inside (Debian 12). */
    private static final List<String> INSTALL = List.of(
            "Selecting previously unselected package libfoo1:amd64.",
            "(Reading database ... 122443 files and directories currently installed.)",
            "Preparing to unpack .../libfoo1_1.0-1_amd64.deb ...",
            "Unpacking libfoo1:amd64 (1.0-1) ...",
            "Selecting previously unselected package foo.",
            "Preparing to unpack .../archives/foo_1.0-1_amd64.deb ...",
            "Unpacking foo (1.0-1) ...",
            "Setting up libfoo1:amd64 (1.0-1) ...",
            "Setting up foo (1.0-1) ...",
            "update-alternatives: using /usr/bin/foo-foo to provide /usr/bin/foo (foo) in auto mode",
            "Adding system user `foo' (UID 101) ...",
            "foo: could not reach the license server; continuing",
            "Processing triggers for man-db (2.11.2-2) ...",
            "Not building database; man-db/auto-update is not 'true'.",
            "Processing triggers for libc-bin (2.36-9+deb12u9) ...");

    private final ByteArrayOutputStream screen = new ByteArrayOutputStream();

    private List<String> shown(TransactionOutput.Detail detail, List<String> lines, int unpacks, int removals) {
        TransactionOutput output = new TransactionOutput(detail, new PrintStream(screen, true, StandardCharsets.UTF_8),
                unpacks, removals);
        lines.forEach(output);
        assertEquals(String.join("\n", lines) + "\n", output.text(), "the log keeps every line");
        String text = screen.toString(StandardCharsets.UTF_8);
        return text.isEmpty() ? List.of() : List.of(text.split("\n"));
    }

    @Test
    void normal_aLinePerStepWithCounts_problemsNamedByPackage_chatterHidden() {
        assertEquals(List.of(
                "Unpacking libfoo1 (1/2)",
                "Unpacking foo (2/2)",
                "Setting up libfoo1 (1/2)",
                "Setting up foo (2/2)",
                "foo: could not reach the license server; continuing",
                "Processing triggers for man-db",
                "Processing triggers for libc-bin"), shown(TransactionOutput.Detail.NORMAL, INSTALL, 2, 0));
    }

    @Test
    void quiet_problemsOnly() {
        assertEquals(List.of("foo: could not reach the license server; continuing"),
                shown(TransactionOutput.Detail.QUIET, INSTALL, 2, 0));
    }

    @Test
    void verbose_everyLineAsPrinted() {
        assertEquals(INSTALL, shown(TransactionOutput.Detail.VERBOSE, INSTALL, 2, 0));
    }

    @Test
    void failingPostinst_scriptLineNamedByItsPackage_dpkgAndAptErrorsAsTheyAre() {
        List<String> lines = List.of(
                "Setting up bar (1.0) ...",
                "this postinst fails on purpose",
                "dpkg: error processing package bar (--configure):",
                " installed bar package post-installation script subprocess returned error exit status 1",
                "Errors were encountered while processing:",
                " bar",
                "E: Sub-process /usr/bin/dpkg returned an error code (1)");
        assertEquals(List.of(
                "Setting up bar (1/1)",
                "bar: this postinst fails on purpose",
                "dpkg: error processing package bar (--configure):",
                " installed bar package post-installation script subprocess returned error exit status 1",
                "Errors were encountered while processing:",
                " bar",
                "E: Sub-process /usr/bin/dpkg returned an error code (1)"),
                shown(TransactionOutput.Detail.NORMAL, lines, 1, 0));
    }

    @Test
    void removal_countsRemovals_anUnplannedStepHasNoCount() {
        assertEquals(List.of("Removing foo (1/1)", "Removing bar", "Purging configuration files for foo"),
                shown(TransactionOutput.Detail.NORMAL, List.of("(Reading database ... 5 files and directories currently installed.)",
                        "Removing foo (1.0-1) ...", "Removing bar (1.0) ...", "Purging configuration files for foo (1.0-1) ..."), 0, 1));
    }

    @Test
    void text_runawayOutput_keepsItsEndAndSaysSo() {
        TransactionOutput output = new TransactionOutput(TransactionOutput.Detail.QUIET,
                new PrintStream(screen, true, StandardCharsets.UTF_8), 1, 0);
        String line = "x".repeat(1023);
        for (int i = 0; i < 5000; i++) {
            output.accept(line);
        }
        output.accept("the end");
        String text = output.text();
        assertTrue(text.startsWith("[trydeb: "), text.substring(0, 40));
        assertTrue(text.endsWith(line + "\nthe end\n"));
        assertTrue(text.length() <= (2 << 20) + 100, "kept " + text.length());
    }
}
