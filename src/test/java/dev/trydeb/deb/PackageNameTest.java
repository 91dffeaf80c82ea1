package dev.trydeb.deb;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PackageNameTest {
    @ParameterizedTest
    @ValueSource(strings = {"hello", "libc6", "g++", "libstdc++6", "0ad", "python3.11", "lib32z1-dev", "xz-utils", "ab"})
    void of_policyName_accepted(String name) {
        assertEquals(name, PackageName.of(name).value());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a", "Hello", "-dash", "+plus", ".dot", "under_score", "with space", "colon:any", "ümlaut"})
    void of_nonPolicyName_throws(String name) {
        assertThrows(IllegalArgumentException.class, () -> PackageName.of(name));
    }

    @Test
    void toString_name_isTheName() {
        assertEquals("libc6", PackageName.of("libc6").toString());
    }
}
