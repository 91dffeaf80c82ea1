package dev.trydeb.store;

import static dev.trydeb.deb.TestCommands.output;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvironmentLayoutTest {
    private final EnvironmentLayout env =
            new StoreLayout(Path.of("/data/trydeb")).environment(EnvironmentName.of("demo"));

    @TempDir
    Path tmp;

    @Test
    void paths_always_areTheDocumentedOnes() {
        assertEquals(EnvironmentName.of("demo"), env.name());
        assertEquals(Path.of("/data/trydeb/envs/demo"), env.dir());
        assertEquals(Path.of("/data/trydeb/envs/demo/lock"), env.lockFile());
        assertEquals(Path.of("/data/trydeb/envs/demo/layers"), env.layersDir());
        assertEquals(Path.of("/data/trydeb/envs/demo/runtime"), env.runtimeDir());
        assertEquals(Path.of("/data/trydeb/envs/demo/runtime/upper"), env.runtimeUpper());
        assertEquals(Path.of("/data/trydeb/envs/demo/runtime/work"), env.runtimeWork());
        assertEquals(Path.of("/data/trydeb/envs/demo/root"), env.mountPoint());
    }

    @Test
    void layerPaths_transactionId_areZeroPaddedToSixDigits() {
        assertEquals(Path.of("/data/trydeb/envs/demo/layers/000042"), env.layerDir(42));
        assertEquals(Path.of("/data/trydeb/envs/demo/layers/000042/upper"), env.upperDir(42));
        assertEquals(Path.of("/data/trydeb/envs/demo/layers/000042/work"), env.workDir(42));
        assertEquals(Path.of("/data/trydeb/envs/demo/layers/1234567"), env.layerDir(1234567));
    }

    @Test
    void createDirectories_freshStore_createsAllWithPrivateRootAndEnvironment() throws Exception {
        StoreLayout store = new StoreLayout(tmp.resolve("trydeb"));
        EnvironmentLayout fresh = store.environment(EnvironmentName.of("demo"));

        fresh.createDirectories();

        for (Path dir : List.of(store.emptyDir(), fresh.layersDir(), fresh.runtimeUpper(), fresh.runtimeWork(),
                fresh.ephemeralDir(), fresh.mountPoint())) {
            assertTrue(Files.isDirectory(dir), dir + " should exist");
        }
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(store.root())));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(fresh.dir())));
    }

    @Test
    void createDirectories_calledTwice_succeeds() {
        EnvironmentLayout fresh = new StoreLayout(tmp.resolve("trydeb")).environment(EnvironmentName.of("demo"));
        fresh.createDirectories();

        fresh.createDirectories();

        assertTrue(Files.isDirectory(fresh.mountPoint()));
    }

    @Test
    void createDirectories_onExt4_marksLayersTheTopOfUnrelatedHierarchies() throws Exception {
        assumeTrue(output("stat", "--file-system", "--format=%T", tmp.toString()).trim().equals("ext2/ext3"),
                "needs a temporary directory on ext4");
        EnvironmentLayout fresh = new StoreLayout(tmp.resolve("trydeb")).environment(EnvironmentName.of("demo"));

        fresh.createDirectories();

        // lsattr -d prints "FLAGS PATH"; T is the top-of-directory-hierarchies flag.
        String flags = output("lsattr", "-d", fresh.layersDir().toString()).split(" ")[0];
        assertTrue(flags.contains("T"), "layers directory flags: " + flags);
        assertFalse(output("lsattr", "-d", fresh.runtimeUpper().toString()).split(" ")[0].contains("T"));
    }

    @Test
    void layerDirIds_mixedEntries_returnsNumericDirectoriesAscending() throws Exception {
        EnvironmentLayout fresh = new StoreLayout(tmp.resolve("trydeb")).environment(EnvironmentName.of("demo"));
        fresh.createDirectories();
        Files.createDirectories(fresh.layerDir(12));
        Files.createDirectories(fresh.layerDir(3));
        Files.createDirectories(fresh.layerDir(1000000));
        Files.createDirectories(fresh.layersDir().resolve("000007.tmp"));
        Files.writeString(fresh.layersDir().resolve("000009"), "a file, not a layer");

        assertEquals(List.of(3L, 12L, 1000000L), fresh.layerDirIds());
    }

    @Test
    void layerDirIds_noLayersDirectory_isEmpty() {
        EnvironmentLayout missing = new StoreLayout(tmp.resolve("trydeb")).environment(EnvironmentName.of("demo"));

        assertEquals(List.of(), missing.layerDirIds());
    }
}
