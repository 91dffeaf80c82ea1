package dev.trydeb.deb;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class InstalledPackagesTest {
    /** Abridged from a Debian 12 /var/lib/dpkg/status, plus packages in states that do not count. */
    static final String STATUS = """
            Package: dpkg
            Essential: yes
            Status: install ok installed
            Priority: required
            Section: admin
            Installed-Size: 6409
            Maintainer: Dpkg Developers <debian-dpkg@lists.debian.org>
            Architecture: amd64
            Multi-Arch: foreign
            Version: 1.21.22
            Depends: tar (>= 1.28-1)
            Pre-Depends: libbz2-1.0, libc6 (>= 2.34), liblzma5 (>= 5.4.0), libmd0 (>= 0.0.0), libselinux1 (>= 3.1~), libzstd1 (>= 1.5.2), zlib1g (>= 1:1.1.4)
            Conffiles:
             /etc/alternatives/README 7be88b21f7e386c8d5a8790c2461c92b
             /etc/dpkg/dpkg.cfg f4413ffb515f8f753624ae3bb365b81b
            Description: Debian package management system
             This package provides the low-level infrastructure for handling the
             installation and removal of Debian software packages.
             .
             For Debian package development tools, install dpkg-dev.
            Homepage: https://wiki.debian.org/Teams/Dpkg

            Package: perl-base
            Essential: yes
            Status: install ok installed
            Priority: required
            Section: perl
            Maintainer: Niko Tyni <ntyni@debian.org>
            Architecture: amd64
            Source: perl
            Version: 5.36.0-7+deb12u2
            Provides: libfile-path-perl (= 2.18), libfile-temp-perl (= 0.2311), libscalar-list-utils-perl (= 1:1.62), perlapi-5.36.0
            Pre-Depends: libc6 (>= 2.35), libcrypt1 (>= 1:4.1.0), dpkg (>= 1.17.17)
            Description: minimal Perl system
             Perl is a scripting language used in many system scripts and utilities.

            Package: libc6
            Status: install ok installed
            Priority: optional
            Section: libs
            Maintainer: GNU Libc Maintainers <debian-glibc@lists.debian.org>
            Architecture: amd64
            Multi-Arch: same
            Source: glibc
            Version: 2.36-9+deb12u10
            Depends: libgcc-s1
            Description: GNU C Library: Shared libraries

            Package: libc6
            Status: hold ok installed
            Priority: optional
            Section: libs
            Architecture: i386
            Multi-Arch: same
            Source: glibc
            Version: 2.36-9+deb12u10
            Description: GNU C Library: Shared libraries

            Package: mawk
            Status: install ok installed
            Architecture: amd64
            Multi-Arch: foreign
            Version: 1.3.4.20200120-3.1
            Provides: awk
            Description: Pattern scanning and text processing language

            Package: libfoo1
            Status: install ok half-configured
            Architecture: amd64
            Version: 1.0-1
            Provides: foo-abi-1
            Description: half configured

            Package: libbar1
            Status: install ok unpacked
            Architecture: amd64
            Version: 1.0-1
            Description: unpacked only

            Package: oldpkg
            Status: deinstall ok config-files
            Architecture: amd64
            Version: 0.9-1
            Conffiles:
             /etc/oldpkg.conf 0123456789abcdef0123456789abcdef
            Description: removed, configuration kept

            Package: brokenpkg
            Status: install reinstreq installed
            Architecture: amd64
            Version: 1.0
            Description: needs reinstallation

            Package: trig
            Status: install ok triggers-pending
            Architecture: all
            Version: 3
            Description: waiting for a trigger
            """;

    private static final InstalledPackages INSTALLED = InstalledPackages.parseStatus(STATUS);

    private static boolean satisfies(String relation) {
        return INSTALLED.satisfies(Relations.parseRelation(relation));
    }

    @Test
    void parseStatus_realisticStatus_keepsOnlyInstalledPackages() {
        assertEquals(List.of("dpkg", "perl-base", "libc6", "libc6", "mawk", "trig"),
                INSTALLED.all().stream().map(p -> p.name().value()).toList());
    }

    @Test
    void find_installedPackage_hasVersionArchitectureMultiArchAndProvides() {
        InstalledPackage perl = INSTALLED.find(PackageName.of("perl-base")).orElseThrow();
        assertEquals(DebianVersion.parse("5.36.0-7+deb12u2"), perl.version());
        assertEquals("amd64", perl.architecture());
        assertEquals("no", perl.multiArch());
        assertEquals(List.of("libfile-path-perl (= 2.18)", "libfile-temp-perl (= 0.2311)",
                        "libscalar-list-utils-perl (= 1:1.62)", "perlapi-5.36.0"),
                perl.provides().stream().map(Relation::toString).toList());
        assertEquals("foreign", INSTALLED.find(PackageName.of("dpkg")).orElseThrow().multiArch());
    }

    @Test
    void findAll_multiArchPackage_givesEveryArchitecture() {
        assertEquals(List.of("amd64", "i386"),
                INSTALLED.findAll(PackageName.of("libc6")).stream().map(InstalledPackage::architecture).toList());
    }

    @Test
    void find_notInstalledStates_empty() {
        for (String name : List.of("libfoo1", "libbar1", "oldpkg", "brokenpkg", "nosuchpkg")) {
            assertTrue(INSTALLED.find(PackageName.of(name)).isEmpty(), name);
        }
    }

    @ParameterizedTest
    @CsvSource({
            "dpkg, true",
            "dpkg (>= 1.21), true",
            "dpkg (>= 1.22), false",
            "dpkg (<< 1.21.22), false",
            "dpkg:any (>= 1.0), true",
            "libc6:i386, true",
            "libc6:arm64, false",
            "trig, true",
            // Half-configured, unpacked, config-files and reinstreq packages do not count.
            "libfoo1, false",
            "libbar1, false",
            "oldpkg, false",
            "brokenpkg, false",
            "foo-abi-1, false",
            // Provides: unversioned satisfies unversioned only, versioned by its version.
            "awk, true",
            "awk (>= 1.0), false",
            "perlapi-5.36.0, true",
            "libfile-temp-perl, true",
            "libfile-temp-perl (>= 0.2311), true",
            "libfile-temp-perl (>> 0.2311), false",
            "libscalar-list-utils-perl (>= 1:1.50), true",
            "libscalar-list-utils-perl (>= 1.99), true",
            "libscalar-list-utils-perl (>= 2:1.0), false"})
    void satisfies_relation_matchesDpkgRules(String relation, boolean expected) {
        assertEquals(expected, satisfies(relation));
    }

    @Test
    void satisfiesAny_oneAlternativeInstalled_true() {
        assertTrue(INSTALLED.satisfiesAny(Relations.parse("nosuchpkg | awk").get(0)));
        assertFalse(INSTALLED.satisfiesAny(Relations.parse("nosuchpkg | libfoo1").get(0)));
    }

    @Test
    void plus_extraPackage_satisfiesItsNameAndProvidesInTheCopyOnly() {
        ControlStanza extra = Deb822.parseOne("Package: libnew1\nVersion: 2.0-1\nArchitecture: amd64\n"
                + "Provides: new-abi (= 2)\n");
        InstalledPackages more = INSTALLED.plus(extra);
        assertTrue(more.satisfies(Relations.parseRelation("libnew1 (>= 2.0)")));
        assertTrue(more.satisfies(Relations.parseRelation("new-abi (>= 2)")));
        assertFalse(INSTALLED.satisfies(Relations.parseRelation("libnew1")));
        assertTrue(more.satisfies(Relations.parseRelation("dpkg")));
    }

    @Test
    void plus_sameNameAndArchitecture_replacesThePackage() {
        ControlStanza newer = Deb822.parseOne("Package: dpkg\nVersion: 1.22.6\nArchitecture: amd64\n");
        InstalledPackages more = INSTALLED.plus(newer);
        assertEquals(List.of(DebianVersion.parse("1.22.6")),
                more.findAll(PackageName.of("dpkg")).stream().map(InstalledPackage::version).toList());
        assertFalse(more.satisfies(Relations.parseRelation("dpkg (<< 1.22)")));
    }

    @Test
    void parseStatus_providesWithOtherOperator_throws() {
        String status = "Package: bad1\nStatus: install ok installed\nArchitecture: all\nVersion: 1\nProvides: x1 (>= 2)\n";
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> InstalledPackages.parseStatus(status));
        assertTrue(e.getMessage().contains("bad1"), e.getMessage());
    }

    @Test
    void parseStatus_installedPackageWithoutVersion_throwsNamingPackageAndField() {
        String status = "Package: bad1\nStatus: install ok installed\nArchitecture: all\n";
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> InstalledPackages.parseStatus(status));
        assertTrue(e.getMessage().contains("bad1") && e.getMessage().contains("'Version'"), e.getMessage());
    }

    @Test
    void parseStatus_malformedStanza_throwsNamingTheLine() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> InstalledPackages.parseStatus("Package: a1\ngarbage\n"));
        assertTrue(e.getMessage().contains("line 2"), e.getMessage());
    }

    @Test
    void parseStatus_hostStatusFile_findsDpkgAtItsInstalledVersion() throws IOException {
        Path host = Path.of("/var/lib/dpkg/status");
        assumeTrue(Files.isReadable(host), "no dpkg status file on this host");
        InstalledPackages installed = InstalledPackages.parseStatus(Files.readString(host));
        InstalledPackage dpkg = installed.find(PackageName.of("dpkg")).orElseThrow();
        String version = TestCommands.output("dpkg-query", "-W", "-f=${Version}", "dpkg");
        assertEquals(DebianVersion.parse(version), dpkg.version());
        assertTrue(installed.satisfies(Relations.parseRelation("dpkg (>= 1.0)")));
        assertFalse(installed.satisfies(Relations.parseRelation("dpkg (>> " + version + ")")));
    }
}
