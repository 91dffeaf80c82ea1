package dev.trydeb.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GuestPathTest {
    @ParameterizedTest
    @ValueSource(strings = {"/", "/usr", "/usr/share/doc", "/.hidden", "/a/..b", "/a/b..", "/a/...", "/etc/.pwd.lock"})
    void of_normalizedAbsolutePath_isAccepted(String value) {
        assertEquals(value, GuestPath.of(value).value());
    }

    @ParameterizedTest
    @ValueSource(strings = {"usr", "", "/usr/", "/usr//bin", "/.", "/..", "/a/./b", "/a/../b", "/a/.", "/a/..", "/a\0b"})
    void of_relativeOrUnnormalizedPath_isRefused(String value) {
        assertThrows(IllegalArgumentException.class, () -> GuestPath.of(value));
    }

    @Test
    void of_null_isRefused() {
        assertThrows(IllegalArgumentException.class, () -> GuestPath.of(null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"./usr/bin/hello", "usr/bin/hello", "./usr//bin/./hello", "usr/bin/hello/"})
    void fromArchiveName_memberNames_areNormalized(String name) {
        assertEquals(GuestPath.of("/usr/bin/hello"), GuestPath.fromArchiveName(name));
    }

    @ParameterizedTest
    @ValueSource(strings = {".", "./", ""})
    void fromArchiveName_packageRoot_isRoot(String name) {
        assertEquals(GuestPath.ROOT, GuestPath.fromArchiveName(name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/etc/passwd", "./usr/../../etc", "..", "usr/.."})
    void fromArchiveName_absoluteOrEscapingName_isRefused(String name) {
        assertThrows(IllegalArgumentException.class, () -> GuestPath.fromArchiveName(name));
    }

    @Test
    void parentResolveAndNames_walkTheTree() {
        GuestPath doc = GuestPath.of("/usr/share/doc");
        assertEquals(GuestPath.of("/usr/share"), doc.parent());
        assertEquals(GuestPath.ROOT, GuestPath.of("/usr").parent());
        assertEquals(GuestPath.ROOT, GuestPath.ROOT.parent());
        assertEquals(GuestPath.of("/usr/share/doc/hello"), doc.resolve("hello"));
        assertEquals(GuestPath.of("/usr"), GuestPath.ROOT.resolve("usr"));
        assertEquals("doc", doc.fileName());
        assertEquals("usr", doc.topLevel());
        assertEquals(List.of("usr", "share", "doc"), doc.components());
        assertEquals("usr/share/doc", doc.relative());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".", "..", "a/b"})
    void resolve_notOneComponent_isRefused(String child) {
        assertThrows(IllegalArgumentException.class, () -> GuestPath.of("/usr").resolve(child));
    }

    @Test
    void startsWith_wholeComponentsOnly() {
        GuestPath lib = GuestPath.of("/usr/lib");
        assertTrue(GuestPath.of("/usr/lib/x").startsWith(lib));
        assertTrue(lib.startsWith(lib));
        assertTrue(lib.startsWith(GuestPath.ROOT));
        assertFalse(GuestPath.of("/usr/lib64").startsWith(lib));
    }
}
