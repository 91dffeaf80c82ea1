package dev.trydeb.apt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trydeb.apt.AptPlan.Install;
import dev.trydeb.apt.AptPlan.Removal;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * apt-get --simulate output captured from apt 2.6 on Debian 12, run as an unprivileged user
 * (hence the NOTE header) with {@code -o Debug::NoLocking=1 -o Dir::Cache::pkgcache=
 * -o Dir::Cache::srcpkgcache=} and, where it says so, a hand-edited copy of the host's status.
 */
class AptPlanParserTest {
    private static final String NOTE = """
            NOTE: This is only a simulation!
                  apt-get needs root privileges for real execution.
                  Keep also in mind that locking is deactivated,
                  so don't depend on the relevance to the real current situation!
            """;

    /** {@code apt-get -s install cowsay}. */
    private static final String INSTALL_COWSAY = NOTE + """
            Reading package lists...
            Building dependency tree...
            Reading state information...
            The following additional packages will be installed:
              libtext-charwidth-perl
            Suggested packages:
              filters cowsay-off
            The following NEW packages will be installed:
              cowsay libtext-charwidth-perl
            0 upgraded, 2 newly installed, 0 to remove and 121 not upgraded.
            Inst libtext-charwidth-perl (0.04-11 Debian:12.15/oldstable [amd64])
            Inst cowsay (3.03+dfsg2-8 Debian:12.15/oldstable [all])
            Conf libtext-charwidth-perl (0.04-11 Debian:12.15/oldstable [amd64])
            Conf cowsay (3.03+dfsg2-8 Debian:12.15/oldstable [all])
            """;

    /** {@code apt-get -s remove dpkg-dev} (the "no longer required" list shortened). */
    private static final String REMOVE_DPKG_DEV = NOTE + """
            Reading package lists...
            Building dependency tree...
            Reading state information...
            The following packages were automatically installed and are no longer required:
              autoconf automake autopoint autotools-dev bzip2 dh-autoreconf
            Use 'apt autoremove' to remove them.
            The following packages will be REMOVED:
              build-essential debhelper dpkg-dev lintian tcl-dev tcl8.6-dev tk-dev tk8.6-dev
            0 upgraded, 0 newly installed, 8 to remove and 121 not upgraded.
            Remv build-essential [12.9]
            Remv debhelper [13.11.4]
            Remv tk-dev [8.6.13]
            Remv tk8.6-dev [8.6.13-2]
            Remv tcl-dev [8.6.13]
            Remv tcl8.6-dev [8.6.13+dfsg-2]
            Remv dpkg-dev [1.21.23] [lintian:amd64 ]
            Remv lintian [2.116.3+deb12u1]
            """;

    /** {@code apt-get -s install jq} against a status with jq and libjq1 at 1.6-2.1. */
    private static final String UPGRADE_JQ = NOTE + """
            Reading package lists...
            Building dependency tree...
            Reading state information...
            The following additional packages will be installed:
              libjq1
            The following packages will be upgraded:
              jq libjq1
            2 upgraded, 0 newly installed, 0 to remove and 121 not upgraded.
            Inst jq [1.6-2.1] (1.6-2.1+deb12u3 Debian-Security:12/oldstable-security [amd64]) []
            Inst libjq1 [1.6-2.1] (1.6-2.1+deb12u3 Debian-Security:12/oldstable-security [amd64])
            Conf jq (1.6-2.1+deb12u3 Debian-Security:12/oldstable-security [amd64])
            Conf libjq1 (1.6-2.1+deb12u3 Debian-Security:12/oldstable-security [amd64])
            """;

    /** Lines of {@code apt-get -s upgrade}: epochs, two origins, trailing dependency brackets. */
    private static final String UPGRADE_LINES = """
            Calculating upgrade...
            The following packages will be upgraded:
              base-files libcap2 libgcrypt20 libpam-modules-bin
            Inst base-files [12.4+deb12u11] (12.4+deb12u15 Debian:12.15/oldstable [amd64])
            Conf base-files (12.4+deb12u15 Debian:12.15/oldstable [amd64])
            Inst libgcrypt20 [1.10.1-3] (1.10.1-3+deb12u1 Debian:12.15/oldstable, Debian-Security:12/oldstable-security [amd64])
            Inst libcap2 [1:2.66-4+deb12u2+b2] (1:2.66-4+deb12u3+b1 Debian:12.15/oldstable [amd64]) []
            Conf libcap2 (1:2.66-4+deb12u3+b1 Debian:12.15/oldstable [amd64]) []
            Inst libpam-modules-bin [1.5.2-6+deb12u1] (1.5.2-6+deb12u3 Debian-Security:12/oldstable-security [amd64]) [libpam-modules:amd64 on libpam-modules-bin:amd64] [libpam-modules:amd64 ]
            Conf libpam-modules-bin (1.5.2-6+deb12u3 Debian-Security:12/oldstable-security [amd64]) [libpam-modules:amd64 ]
            """;

    /** {@code apt-get -s install ./hu-local.deb} (a .deb of version 1:2.0-1 that depends on cowsay). */
    private static final String INSTALL_LOCAL_DEB = NOTE + """
            Reading package lists...
            Building dependency tree...
            Reading state information...
            The following NEW packages will be installed:
              cowsay hu-local libtext-charwidth-perl
            0 upgraded, 3 newly installed, 0 to remove and 121 not upgraded.
            Inst libtext-charwidth-perl (0.04-11 Debian:12.15/oldstable [amd64])
            Inst cowsay (3.03+dfsg2-8 Debian:12.15/oldstable [all])
            Inst hu-local (1:2.0-1 local-deb [all])
            Conf libtext-charwidth-perl (0.04-11 Debian:12.15/oldstable [amd64])
            Conf cowsay (3.03+dfsg2-8 Debian:12.15/oldstable [all])
            Conf hu-local (1:2.0-1 local-deb [all])
            """;

    /** {@code apt-get -s remove zlib1g:i386} against a status with a foreign zlib1g:i386. */
    private static final String REMOVE_FOREIGN = NOTE + """
            Reading package lists...
            Building dependency tree...
            Reading state information...
            The following packages will be REMOVED:
              zlib1g:i386
            0 upgraded, 0 newly installed, 1 to remove and 122 not upgraded.
            Remv zlib1g:i386 [1:1.2.13.dfsg-1]
            """;

    @Test
    void parse_installWithDependency_installsInAptsOrderWithArchitectureFromTheBrackets() {
        AptPlan plan = AptPlanParser.parse(INSTALL_COWSAY);

        assertEquals(List.of(
                new Install("libtext-charwidth-perl", "amd64", "0.04-11", Optional.empty(), false),
                new Install("cowsay", "all", "3.03+dfsg2-8", Optional.empty(), false)), plan.installs());
        assertEquals(List.of(), plan.removals());
    }

    @Test
    void parse_remove_removalsWithVersionsAndNativeArchitectureEmpty() {
        AptPlan plan = AptPlanParser.parse(REMOVE_DPKG_DEV);

        assertEquals(List.of(
                new Removal("build-essential", "", "12.9"),
                new Removal("debhelper", "", "13.11.4"),
                new Removal("tk-dev", "", "8.6.13"),
                new Removal("tk8.6-dev", "", "8.6.13-2"),
                new Removal("tcl-dev", "", "8.6.13"),
                new Removal("tcl8.6-dev", "", "8.6.13+dfsg-2"),
                new Removal("dpkg-dev", "", "1.21.23"),
                new Removal("lintian", "", "2.116.3+deb12u1")), plan.removals());
        assertEquals(List.of(), plan.installs());
    }

    @Test
    void parse_upgrade_replacedVersionFromTheSquareBrackets() {
        AptPlan plan = AptPlanParser.parse(UPGRADE_JQ);

        assertEquals(List.of(
                new Install("jq", "amd64", "1.6-2.1+deb12u3", Optional.of("1.6-2.1"), false),
                new Install("libjq1", "amd64", "1.6-2.1+deb12u3", Optional.of("1.6-2.1"), false)), plan.installs());
    }

    @Test
    void parse_upgradeLineOfTheBrief_isAnUpgrade() {
        AptPlan plan = AptPlanParser.parse(
                "Inst jq [1.6-2.1] (1.6-2.1+deb12u1 Debian-Security:12/stable-security [amd64])\n");

        assertEquals(List.of(new Install("jq", "amd64", "1.6-2.1+deb12u1", Optional.of("1.6-2.1"), false)),
                plan.installs());
    }

    @Test
    void parse_upgradeLinesWithEpochsOriginsAndTrailingBrackets_allRead() {
        AptPlan plan = AptPlanParser.parse(UPGRADE_LINES);

        assertEquals(List.of(
                new Install("base-files", "amd64", "12.4+deb12u15", Optional.of("12.4+deb12u11"), false),
                new Install("libgcrypt20", "amd64", "1.10.1-3+deb12u1", Optional.of("1.10.1-3"), false),
                new Install("libcap2", "amd64", "1:2.66-4+deb12u3+b1", Optional.of("1:2.66-4+deb12u2+b2"), false),
                new Install("libpam-modules-bin", "amd64", "1.5.2-6+deb12u3", Optional.of("1.5.2-6+deb12u1"), false)),
                plan.installs());
    }

    @Test
    void parse_reinstall_replacedVersionIsTheSame() {
        AptPlan plan = AptPlanParser.parse("""
                0 upgraded, 0 newly installed, 1 reinstalled, 0 to remove and 121 not upgraded.
                Inst jq [1.6-2.1+deb12u3] (1.6-2.1+deb12u3 Debian-Security:12/oldstable-security [amd64])
                Conf jq (1.6-2.1+deb12u3 Debian-Security:12/oldstable-security [amd64])
                """);

        assertEquals(List.of(new Install("jq", "amd64", "1.6-2.1+deb12u3", Optional.of("1.6-2.1+deb12u3"), false)),
                plan.installs());
    }

    @Test
    void parse_localDeb_isLocalWithItsEpochVersion() {
        AptPlan plan = AptPlanParser.parse(INSTALL_LOCAL_DEB);

        assertEquals(List.of(
                new Install("libtext-charwidth-perl", "amd64", "0.04-11", Optional.empty(), false),
                new Install("cowsay", "all", "3.03+dfsg2-8", Optional.empty(), false),
                new Install("hu-local", "all", "1:2.0-1", Optional.empty(), true)), plan.installs());
    }

    @Test
    void parse_foreignArchitectureInstall_nameWithoutQualifierArchitectureFromBrackets() {
        // Hand-written in apt's format: this host has no foreign architecture configured.
        AptPlan plan = AptPlanParser.parse("""
                Inst libc6:i386 (2.36-9+deb12u4 Debian:12.5/stable [i386])
                Inst libgcc-s1:i386 [12.2.0-14] (12.2.0-14+deb12u1 Debian:12.5/stable [i386]) []
                Conf libc6:i386 (2.36-9+deb12u4 Debian:12.5/stable [i386])
                """);

        assertEquals(List.of(
                new Install("libc6", "i386", "2.36-9+deb12u4", Optional.empty(), false),
                new Install("libgcc-s1", "i386", "12.2.0-14+deb12u1", Optional.of("12.2.0-14"), false)),
                plan.installs());
    }

    @Test
    void parse_foreignArchitectureRemoval_architectureFromTheQualifier() {
        AptPlan plan = AptPlanParser.parse(REMOVE_FOREIGN);

        assertEquals(List.of(new Removal("zlib1g", "i386", "1:1.2.13.dfsg-1")), plan.removals());
    }

    @Test
    void parse_removalWithoutVersion_hasEmptyVersion() {
        AptPlan plan = AptPlanParser.parse("Remv hello\nRemv libfoo:i386\nRemv bar [1.0] [baz:amd64 ]\n");

        assertEquals(List.of(
                new Removal("hello", "", ""),
                new Removal("libfoo", "i386", ""),
                new Removal("bar", "", "1.0")), plan.removals());
    }

    @Test
    void parse_installsAndRemovalsMixed_bothInOrder() {
        AptPlan plan = AptPlanParser.parse("""
                Remv hello-traditional [2.10-6]
                Inst hello (2.10-3 Debian:12.5/stable [amd64])
                Conf hello (2.10-3 Debian:12.5/stable [amd64])
                """);

        assertEquals(List.of(new Removal("hello-traditional", "", "2.10-6")), plan.removals());
        assertEquals(List.of(new Install("hello", "amd64", "2.10-3", Optional.empty(), false)), plan.installs());
    }

    @Test
    void parse_nothingToDo_isEmpty() {
        AptPlan plan = AptPlanParser.parse(NOTE + """
                Reading package lists...
                Building dependency tree...
                Reading state information...
                jq is already the newest version (1.6-2.1+deb12u3).
                0 upgraded, 0 newly installed, 0 to remove and 121 not upgraded.
                """);

        assertTrue(plan.isEmpty());
    }

    @Test
    void parse_emptyOutput_isEmpty() {
        assertTrue(AptPlanParser.parse("").isEmpty());
    }

    @Test
    void parse_headerAndListLines_areNotActions() {
        AptPlan plan = AptPlanParser.parse(NOTE + """
                The following NEW packages will be installed:
                  Inst fake (1 x [amd64])
                Installed: Remv
                Conf cowsay (3.03+dfsg2-8 Debian:12.15/oldstable [all])
                """);

        assertTrue(plan.isEmpty());
    }

    @Test
    void parse_lastLineWithoutNewline_isRead() {
        AptPlan plan = AptPlanParser.parse("Inst cowsay (3.03+dfsg2-8 Debian:12.15/oldstable [all])");

        assertEquals(1, plan.installs().size());
    }
}
