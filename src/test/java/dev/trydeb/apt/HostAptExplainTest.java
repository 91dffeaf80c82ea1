package dev.trydeb.apt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

/** apt-get's failure output (apt 2.6, Debian 12, run as an unprivileged user) reduced to one line. */
class HostAptExplainTest {
    private static final String NOTE = """
            NOTE: This is only a simulation!
                  apt-get needs root privileges for real execution.
                  Keep also in mind that locking is deactivated,
                  so don't depend on the relevance to the real current situation!
            """;

    /** {@code apt-get -s install ./hu-broken.deb}, a .deb depending on a missing package and on libc6 (>= 99). */
    private static final String UNMET_LOCAL_DEB = NOTE + """
            Reading package lists...
            Building dependency tree...
            Reading state information...
            Some packages could not be installed. This may mean that you have
            requested an impossible situation or if you are using the unstable
            distribution that some required packages have not yet been created
            or been moved out of Incoming.
            The following information may help to resolve the situation:

            The following packages have unmet dependencies:
             hu-broken : Depends: no-such-package-xyz (>= 2) but it is not installable
                         Depends: libc6 (>= 99) but 2.36-9+deb12u14 is to be installed
            E: Unable to correct problems, you have held broken packages.
            """;

    /** {@code apt-get -s install jq} against a status whose jq depends on a libjq1 version it lacks. */
    private static final String UNMET_BROKEN_STATUS = NOTE + """
            Reading package lists...
            Building dependency tree...
            Reading state information...
            You might want to run 'apt --fix-broken install' to correct these.
            The following packages have unmet dependencies:
             jq : Depends: libjq1 (= 1.6-2.1+deb12u3) but 1.6-2.1 is to be installed
            E: Unmet dependencies. Try 'apt --fix-broken install' with no packages (or specify a solution).
            """;

    @Test
    void explain_unmetDependencies_oneLineWithEveryUnmetDependency() {
        assertEquals("hu-broken : Depends: no-such-package-xyz (>= 2) but it is not installable;"
                + " Depends: libc6 (>= 99) but 2.36-9+deb12u14 is to be installed",
                HostApt.explain(UNMET_LOCAL_DEB));
    }

    @Test
    void explain_unmetDependenciesAndError_bothInAptsOrder() {
        assertEquals("jq : Depends: libjq1 (= 1.6-2.1+deb12u3) but 1.6-2.1 is to be installed;"
                + " Unmet dependencies. Try 'apt --fix-broken install' with no packages (or specify a solution).",
                HostApt.explain(UNMET_BROKEN_STATUS));
    }

    @Test
    void explain_unknownPackage_isTheErrorLine() {
        assertEquals("Unable to locate package nosuchpkg-xyz", HostApt.explain(NOTE + """
                Reading package lists...
                Building dependency tree...
                Reading state information...
                E: Unable to locate package nosuchpkg-xyz
                """));
    }

    @Test
    void explain_unsupportedFile_isTheErrorLine() {
        assertEquals("Unsupported file ./hu-local.deb given on commandline", HostApt.explain(NOTE + """
                Reading package lists...
                E: Unsupported file ./hu-local.deb given on commandline
                """));
    }

    @Test
    void explain_severalErrors_joinedAndDeduplicated() {
        assertEquals("Unable to locate package a; Unable to locate package b", HostApt.explain("""
                E: Unable to locate package a
                E: Unable to locate package b
                E: Unable to locate package a
                """));
    }

    @Test
    void explain_result_isOneLine() {
        for (String output : new String[] {UNMET_LOCAL_DEB, UNMET_BROKEN_STATUS}) {
            String explained = HostApt.explain(output);
            assertFalse(explained.contains("\n"), explained);
            assertFalse(explained.contains("  "), "runs of blanks are collapsed: " + explained);
        }
    }

    @Test
    void explain_heldBrokenPackagesError_isLeftOutAsNoReason() {
        assertEquals("apt-get failed", HostApt.explain("E: Unable to correct problems, you have held broken packages.\n"));
    }

    @Test
    void explain_noErrorsOrUnmetDependencies_isGeneric() {
        assertEquals("apt-get failed", HostApt.explain(NOTE + "Reading package lists...\n"));
        assertEquals("apt-get failed", HostApt.explain(""));
    }

    @Test
    void explain_warningsAndIndentedLinesOutsideTheBlock_areIgnored() {
        assertEquals("Unable to locate package x", HostApt.explain("""
                W: Target Packages (main/binary-amd64/Packages) is configured multiple times
                The following NEW packages will be installed:
                  cowsay
                E: Unable to locate package x
                """));
    }
}
