package dev.trydeb.deb;

import dev.trydeb.core.ExitCode;
import dev.trydeb.core.TrydebException;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class HostArchitecturesTest {
    private final HostArchitectures amd64WithI386 = new HostArchitectures("amd64", Set.of("i386"));

    @Test
    void accepts_nativeForeignAndAll_true() {
        assertTrue(amd64WithI386.accepts("amd64"));
        assertTrue(amd64WithI386.accepts("i386"));
        assertTrue(amd64WithI386.accepts("all"));
    }

    @Test
    void accepts_otherArchitecture_false() {
        assertFalse(amd64WithI386.accepts("arm64"));
        assertFalse(new HostArchitectures("amd64", Set.of()).accepts("i386"));
    }

    @Test
    void describe_withAndWithoutForeign_listsThem() {
        assertEquals("amd64 (foreign: i386)", amd64WithI386.describe());
        assertEquals("amd64 (foreign: armhf, i386)", new HostArchitectures("amd64", Set.of("i386", "armhf")).describe());
        assertEquals("arm64", new HostArchitectures("arm64", Set.of()).describe());
    }

    @Test
    void query_hostDpkg_matchesDpkgOutput() {
        assumeTrue(TestCommands.onPath("dpkg"), "dpkg is not installed");
        HostArchitectures host = HostArchitectures.query();
        assertEquals(TestCommands.output("dpkg", "--print-architecture").strip(), host.nativeArch());
        Set<String> foreign = Arrays.stream(TestCommands.output("dpkg", "--print-foreign-architectures").split("\\s+"))
                .filter(arch -> !arch.isEmpty()).collect(Collectors.toSet());
        assertEquals(foreign, host.foreign());
        assertTrue(host.accepts(host.nativeArch()));
    }

    @Test
    void query_missingDpkg_environmentUnusable() {
        TrydebException e = assertThrows(TrydebException.class, () -> HostArchitectures.query("/nonexistent/dpkg"));
        assertEquals(ExitCode.ENVIRONMENT_UNUSABLE, e.exitCode());
        assertTrue(e.getMessage().contains("/nonexistent/dpkg --print-architecture"), e.getMessage());
    }

    @Test
    void query_failingDpkg_environmentUnusable() {
        assumeTrue(TestCommands.onPath("false"), "no false(1)");
        TrydebException e = assertThrows(TrydebException.class, () -> HostArchitectures.query("false"));
        assertEquals(ExitCode.ENVIRONMENT_UNUSABLE, e.exitCode());
        assertTrue(e.getMessage().contains("failed with status 1"), e.getMessage());
    }
}
