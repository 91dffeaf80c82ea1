package dev.trydeb.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trydeb.core.ExitCode;
import dev.trydeb.core.TrydebException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class XdgDirectoriesTest {
    @Test
    void dataHome_xdgDataHomeUnset_isHomeLocalShare() {
        XdgDirectories dirs = XdgDirectories.from(Map.of("HOME", "/home/ada"));

        assertEquals(Path.of("/home/ada/.local/share"), dirs.dataHome());
    }

    @Test
    void dataHome_xdgDataHomeAbsolute_isUsed() {
        XdgDirectories dirs = XdgDirectories.from(Map.of("HOME", "/home/ada", "XDG_DATA_HOME", "/data/ada"));

        assertEquals(Path.of("/data/ada"), dirs.dataHome());
    }

    @Test
    void dataHome_xdgDataHomeRelative_isIgnored() {
        XdgDirectories dirs = XdgDirectories.from(Map.of("HOME", "/home/ada", "XDG_DATA_HOME", "data"));

        assertEquals(Path.of("/home/ada/.local/share"), dirs.dataHome());
    }

    @Test
    void dataHome_xdgDataHomeEmpty_isIgnored() {
        XdgDirectories dirs = XdgDirectories.from(Map.of("HOME", "/home/ada", "XDG_DATA_HOME", ""));

        assertEquals(Path.of("/home/ada/.local/share"), dirs.dataHome());
    }

    @Test
    void cacheHome_xdgCacheHomeUnset_isHomeCache() {
        XdgDirectories dirs = XdgDirectories.from(Map.of("HOME", "/home/ada"));

        assertEquals(Path.of("/home/ada/.cache"), dirs.cacheHome());
    }

    @Test
    void cacheHome_xdgCacheHomeAbsolute_isUsed() {
        XdgDirectories dirs = XdgDirectories.from(Map.of("HOME", "/home/ada", "XDG_CACHE_HOME", "/var/tmp/ada"));

        assertEquals(Path.of("/var/tmp/ada"), dirs.cacheHome());
    }

    @Test
    void storeRootAndCacheRoot_always_areTrydebSubdirectories() {
        XdgDirectories dirs = XdgDirectories.from(
                Map.of("XDG_DATA_HOME", "/data/ada", "XDG_CACHE_HOME", "/cache/ada"));

        assertEquals(Path.of("/data/ada/trydeb"), dirs.storeRoot());
        assertEquals(Path.of("/cache/ada/trydeb"), dirs.cacheRoot());
    }

    @Test
    void from_homeUnsetAndXdgUnset_throwsEnvironmentUnusable() {
        TrydebException e = assertThrows(TrydebException.class, () -> XdgDirectories.from(Map.of()));

        assertEquals(ExitCode.ENVIRONMENT_UNUSABLE, e.exitCode());
        assertTrue(e.getMessage().startsWith("HOME is not set"), e.getMessage());
    }

    @Test
    void from_homeRelative_throwsEnvironmentUnusable() {
        TrydebException e = assertThrows(TrydebException.class,
                () -> XdgDirectories.from(Map.of("HOME", "ada", "XDG_CACHE_HOME", "/cache")));

        assertEquals(ExitCode.ENVIRONMENT_UNUSABLE, e.exitCode());
        assertTrue(e.getMessage().contains("XDG_DATA_HOME"), e.getMessage());
    }

    @Test
    void from_homeUnsetButBothXdgSet_needsNoHome() {
        XdgDirectories dirs = XdgDirectories.from(Map.of("XDG_DATA_HOME", "/d", "XDG_CACHE_HOME", "/c"));

        assertEquals(Path.of("/d"), dirs.dataHome());
        assertEquals(Path.of("/c"), dirs.cacheHome());
    }

    @Test
    void savedRunPlans_compareEveryVariableTheDirectoriesComeFrom() {
        assertTrue(dev.trydeb.sandbox.SavedRun.VARIABLES.containsAll(java.util.List.of("HOME", "XDG_DATA_HOME",
                "XDG_CACHE_HOME")));
    }
}
