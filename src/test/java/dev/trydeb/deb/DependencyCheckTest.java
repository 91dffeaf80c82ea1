package dev.trydeb.deb;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DependencyCheckTest {
    private static final InstalledPackages INSTALLED = InstalledPackages.parseStatus(InstalledPackagesTest.STATUS);

    @Test
    void unsatisfied_mixedDependencies_listsUnmetGroupsPreDependsFirstInOrder() {
        ControlStanza pkg = Deb822.parseOne("""
                Package: newpkg
                Version: 1.0
                Architecture: amd64
                Depends: libc6 (>= 2.36), libtext-charwidth-perl, awk, libfoo (>= 1.2) | libbar, dpkg (>= 2.0) | perl-base
                Pre-Depends: dpkg (>= 9.0)
                Recommends: not-checked
                """);
        assertEquals(List.of("dpkg (>= 9.0)", "libtext-charwidth-perl", "libfoo (>= 1.2) | libbar"),
                DependencyCheck.unsatisfied(pkg, INSTALLED));
    }

    @Test
    void unsatisfied_allMet_empty() {
        ControlStanza pkg = Deb822.parseOne("Package: p1\nVersion: 1\nArchitecture: all\nDepends: perlapi-5.36.0, libc6:any\n");
        assertEquals(List.of(), DependencyCheck.unsatisfied(pkg, INSTALLED));
    }

    @Test
    void unsatisfied_noDependencyFields_empty() {
        ControlStanza pkg = Deb822.parseOne("Package: p1\nVersion: 1\nArchitecture: all\n");
        assertEquals(List.of(), DependencyCheck.unsatisfied(pkg, INSTALLED));
    }

    @Test
    void unsatisfied_dependencyOnPackageAddedWithPlus_met() {
        ControlStanza lib = Deb822.parseOne("Package: libnew1\nVersion: 2.0-1\nArchitecture: amd64\n");
        ControlStanza app = Deb822.parseOne("Package: app1\nVersion: 1\nArchitecture: amd64\nDepends: libnew1 (>= 2.0)\n");
        assertEquals(List.of("libnew1 (>= 2.0)"), DependencyCheck.unsatisfied(app, INSTALLED));
        assertEquals(List.of(), DependencyCheck.unsatisfied(app, INSTALLED.plus(lib)));
    }

    @Test
    void unsatisfied_malformedDepends_throws() {
        ControlStanza pkg = Deb822.parseOne("Package: p1\nVersion: 1\nArchitecture: all\nDepends: a1,,b1\n");
        assertThrows(IllegalArgumentException.class, () -> DependencyCheck.unsatisfied(pkg, INSTALLED));
    }
}
