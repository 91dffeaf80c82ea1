package dev.trydeb.apt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trydeb.apt.AptPlan.Install;
import dev.trydeb.apt.AptPlan.Removal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AptPlanTest {
    private static Install install(String name, String arch, String version) {
        return new Install(name, arch, version, Optional.empty(), false);
    }

    @Test
    void archiveFileName_noEpoch_isNameVersionArchitecture() {
        assertEquals("cowsay_3.03+dfsg2-8_all.deb", install("cowsay", "all", "3.03+dfsg2-8").archiveFileName());
        assertEquals("jq_1.6-2.1+deb12u3_amd64.deb", install("jq", "amd64", "1.6-2.1+deb12u3").archiveFileName());
    }

    @Test
    void archiveFileName_epoch_colonQuotedAsAptDoes() {
        // As in /var/cache/apt/archives: automake_1%3a1.16.5-1.3_all.deb.
        assertEquals("automake_1%3a1.16.5-1.3_all.deb", install("automake", "all", "1:1.16.5-1.3").archiveFileName());
        assertEquals("libcap2_1%3a2.66-4+deb12u3+b1_amd64.deb",
                install("libcap2", "amd64", "1:2.66-4+deb12u3+b1").archiveFileName());
    }

    @Test
    void archiveFileName_tildeAndForeignArchitecture_keptAsTheyAre() {
        assertEquals("libsystemd0_252.39-1~deb12u2_i386.deb",
                install("libsystemd0", "i386", "252.39-1~deb12u2").archiveFileName());
    }

    @Test
    void install_missingField_throwsNullPointer() {
        assertThrows(NullPointerException.class, () -> new Install(null, "all", "1", Optional.empty(), false));
        assertThrows(NullPointerException.class, () -> new Install("a", null, "1", Optional.empty(), false));
        assertThrows(NullPointerException.class, () -> new Install("a", "all", null, Optional.empty(), false));
        assertThrows(NullPointerException.class, () -> new Install("a", "all", "1", null, false));
    }

    @Test
    void isEmpty_nothingOrSomething() {
        assertTrue(new AptPlan(List.of(), List.of()).isEmpty());
        assertFalse(new AptPlan(List.of(install("a", "all", "1")), List.of()).isEmpty());
        assertFalse(new AptPlan(List.of(), List.of(new Removal("a", "", "1"))).isEmpty());
    }

    @Test
    void plan_listsAreCopies() {
        List<Install> installs = new ArrayList<>(List.of(install("a", "all", "1")));
        AptPlan plan = new AptPlan(installs, new ArrayList<>());

        installs.clear();

        assertEquals(1, plan.installs().size());
        assertThrows(UnsupportedOperationException.class, () -> plan.removals().add(new Removal("b", "", "1")));
    }
}
