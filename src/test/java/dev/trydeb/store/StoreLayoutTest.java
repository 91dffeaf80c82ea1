package dev.trydeb.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trydeb.core.ExitCode;
import dev.trydeb.core.TrydebException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StoreLayoutTest {
    private final StoreLayout layout = new StoreLayout(Path.of("/data/trydeb"));

    @TempDir
    Path tmp;

    @Test
    void paths_absoluteRoot_areTheDocumentedOnes() {
        assertEquals(Path.of("/data/trydeb"), layout.root());
        assertEquals(Path.of("/data/trydeb/trydeb.db"), layout.database());
        assertEquals(Path.of("/data/trydeb/empty"), layout.emptyDir());
    }

    @Test
    void root_notNormalized_isNormalized() {
        assertEquals(Path.of("/data/trydeb"), new StoreLayout(Path.of("/data/x/../trydeb/")).root());
    }

    @Test
    void constructor_rootWithColon_throwsEnvironmentUnusableNamingPathAndFix() {
        TrydebException e = assertThrows(TrydebException.class, () -> new StoreLayout(Path.of("/home/a:b/trydeb")));

        assertEquals(ExitCode.ENVIRONMENT_UNUSABLE, e.exitCode());
        assertEquals("store directory '/home/a:b/trydeb' contains ':', which overlayfs mount options cannot carry;"
                + " set XDG_DATA_HOME to a path without ':', ',', '\\' or newlines", e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/home/a,b", "/home/a\\b", "/home/a\nb"})
    void constructor_rootWithUnsafeCharacter_throwsEnvironmentUnusable(String root) {
        TrydebException e = assertThrows(TrydebException.class, () -> new StoreLayout(Path.of(root)));

        assertEquals(ExitCode.ENVIRONMENT_UNUSABLE, e.exitCode());
        assertFalse(e.getMessage().contains("\n"), "the message must stay on one line");
    }

    @Test
    void constructor_rootWithSpaces_isAccepted() {
        assertEquals(Path.of("/home/a b/trydeb"), new StoreLayout(Path.of("/home/a b/trydeb")).root());
    }

    @Test
    void createDirectories_freshRoot_createsPrivateRootAndEmptyDir() throws Exception {
        StoreLayout fresh = new StoreLayout(tmp.resolve("share/trydeb"));

        fresh.createDirectories();

        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(fresh.root())));
        assertTrue(Files.isDirectory(fresh.emptyDir()));
    }

    @Test
    void createDirectories_fileInTheWay_throwsEnvironmentUnusableNamingIt() throws Exception {
        Files.writeString(tmp.resolve("share"), "not a directory");
        StoreLayout blocked = new StoreLayout(tmp.resolve("share/trydeb"));

        TrydebException e = assertThrows(TrydebException.class, blocked::createDirectories);

        assertEquals(ExitCode.ENVIRONMENT_UNUSABLE, e.exitCode());
        assertTrue(e.getMessage().startsWith("cannot create directory " + blocked.root()), e.getMessage());
    }
}
