package dev.trydeb.env;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ChangePlanTest {
    private static ChangePlan.Unpack unpack(String name, Optional<String> replaced, boolean replacesHost,
            boolean automatic) {
        return new ChangePlan.Unpack(name, "amd64", "2.0", Path.of("/cache/archives/" + name + "_2.0_amd64.deb"),
                replaced, replacesHost, automatic, true);
    }

    private static ChangePlan.Unpack asked(String name) {
        return unpack(name, Optional.empty(), false, false);
    }

    private static ChangePlan install(ChangePlan.Unpack... unpacks) {
        return new ChangePlan("install", List.of(unpacks), List.of(), true, List.of("hello"), 0, 0);
    }

    private static ChangePlan remove(ChangePlan.Removal... removals) {
        return new ChangePlan("remove", List.of(), List.of(removals), true, List.of("hello"), 0, 0);
    }

    @Test
    void needsConfirmation_emptyPlan_isFalse() {
        ChangePlan plan = install();

        assertTrue(plan.isEmpty());
        assertFalse(plan.needsConfirmation());
    }

    @Test
    void needsConfirmation_onlyWhatWasAskedForNewPackages_isFalse() {
        assertFalse(install(asked("hello"), asked("cowsay")).needsConfirmation());
    }

    @Test
    void needsConfirmation_upgradeOfTheEnvironmentsOwnPackage_isFalse() {
        assertFalse(install(unpack("hello", Optional.of("1.0"), false, false)).needsConfirmation());
    }

    @Test
    void needsConfirmation_dependencyPulledIn_isTrue() {
        assertTrue(install(asked("cowsay"), unpack("libtext-charwidth-perl", Optional.empty(), false, true))
                .needsConfirmation());
    }

    @Test
    void needsConfirmation_replacesHostPackage_isTrue() {
        assertTrue(install(unpack("jq", Optional.of("1.6-2.1"), true, false)).needsConfirmation());
    }

    @Test
    void needsConfirmation_removalAskedForOfEnvironmentPackage_isFalse() {
        assertFalse(remove(new ChangePlan.Removal("hello", "amd64", "2.10-3", false, true)).needsConfirmation());
    }

    @Test
    void needsConfirmation_removalNotAskedFor_isTrue() {
        assertTrue(remove(new ChangePlan.Removal("hello", "amd64", "2.10-3", false, true),
                new ChangePlan.Removal("hello-plugin", "amd64", "1.0", false, false)).needsConfirmation());
    }

    @Test
    void needsConfirmation_removalOfHostPackage_isTrueEvenWhenAskedFor() {
        assertTrue(remove(new ChangePlan.Removal("jq", "amd64", "1.6-2.1", true, true)).needsConfirmation());
    }

    @Test
    void needsConfirmation_installThatAlsoRemovesUnaskedPackage_isTrue() {
        ChangePlan plan = new ChangePlan("install", List.of(asked("hello")),
                List.of(new ChangePlan.Removal("hello-traditional", "amd64", "2.10-6", false, false)), true,
                List.of("hello"), 0, 0);

        assertTrue(plan.needsConfirmation());
    }

    @Test
    void unpack_nullReplacedVersion_throwsNullPointer() {
        assertThrows(NullPointerException.class, () -> unpack("hello", null, false, false));
    }
}
