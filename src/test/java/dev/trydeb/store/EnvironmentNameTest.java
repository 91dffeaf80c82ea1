package dev.trydeb.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.trydeb.core.ExitCode;
import dev.trydeb.core.TrydebException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EnvironmentNameTest {
    @ParameterizedTest
    @ValueSource(strings = {"a", "0", "default", "py3.11", "my_env-2", "x..y"})
    void of_validName_keepsValue(String value) {
        assertEquals(value, EnvironmentName.of(value).value());
    }

    @Test
    void of_sixtyFourCharacters_isAccepted() {
        String longest = "a".repeat(64);

        assertEquals(longest, EnvironmentName.of(longest).value());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Foo", "-x", ".", "..", ".hidden", "_x", "a/b", "a b", "caf\u00e9", "a:b"})
    void of_invalidName_throwsBadInput(String value) {
        TrydebException e = assertThrows(TrydebException.class, () -> EnvironmentName.of(value));

        assertEquals(ExitCode.BAD_INPUT, e.exitCode());
    }

    @Test
    void of_sixtyFiveCharacters_throwsBadInput() {
        assertThrows(TrydebException.class, () -> EnvironmentName.of("a".repeat(65)));
    }

    @Test
    void of_null_throwsBadInput() {
        assertThrows(TrydebException.class, () -> EnvironmentName.of(null));
    }

    @Test
    void of_invalidName_messageNamesItAndTheRules() {
        TrydebException e = assertThrows(TrydebException.class, () -> EnvironmentName.of("My Env"));

        assertEquals("invalid environment name 'My Env': use lower-case letters, digits, '.', '_' and '-'"
                + " (at most 64, starting with a letter or digit)", e.getMessage());
    }

    @Test
    void toString_always_isTheValue() {
        assertEquals("demo", EnvironmentName.of("demo").toString());
    }
}
