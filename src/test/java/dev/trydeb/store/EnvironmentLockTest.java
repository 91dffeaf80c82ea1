package dev.trydeb.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trydeb.core.ExitCode;
import dev.trydeb.core.TrydebException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvironmentLockTest {
    @TempDir
    Path tmp;

    private StoreLayout store;
    private EnvironmentLayout env;

    @BeforeEach
    void createEnvironment() {
        store = new StoreLayout(tmp.resolve("store"));
        env = store.environment(EnvironmentName.of("demo"));
        env.createDirectories();
    }

    @Test
    void exclusive_heldExclusivelyByAnotherProcess_throwsBusyNamingEnvironmentAndLockFile() throws Exception {
        try (LockHolderProcess other = LockHolderProcess.start(store, "demo", "exclusive")) {
            TrydebException e = assertThrows(TrydebException.class, () -> EnvironmentLock.exclusive(env, "demo"));

            assertEquals(ExitCode.BUSY, e.exitCode());
            assertEquals("environment 'demo' is in use: another trydeb is installing into it or a program"
                    + " is running in it (lock " + env.lockFile() + "); try again when it has finished",
                    e.getMessage());
        }
    }

    @Test
    void exclusive_heldSharedByAnotherProcess_throwsBusy() throws Exception {
        try (LockHolderProcess other = LockHolderProcess.start(store, "demo", "shared")) {
            TrydebException e = assertThrows(TrydebException.class, () -> EnvironmentLock.exclusive(env, "demo"));

            assertEquals(ExitCode.BUSY, e.exitCode());
        }
    }

    @Test
    void shared_heldExclusivelyByAnotherProcess_throwsBusy() throws Exception {
        try (LockHolderProcess other = LockHolderProcess.start(store, "demo", "exclusive")) {
            TrydebException e = assertThrows(TrydebException.class, () -> EnvironmentLock.shared(env, "demo"));

            assertEquals(ExitCode.BUSY, e.exitCode());
        }
    }

    @Test
    void shared_heldSharedByAnotherProcess_isGranted() throws Exception {
        LockHolderProcess other = LockHolderProcess.start(store, "demo", "shared");
        try (EnvironmentLock lock = EnvironmentLock.shared(env, "demo")) {
            other.close();

            assertFalse(LockHolderProcess.canLock(store, "demo", "exclusive"), "this process holds it");
            assertTrue(LockHolderProcess.canLock(store, "demo", "shared"), "shared, not exclusive");
        } finally {
            other.close();
        }
    }

    @Test
    void exclusive_afterAnotherProcessReleased_isGranted() throws Exception {
        LockHolderProcess.start(store, "demo", "exclusive").close();

        try (EnvironmentLock lock = EnvironmentLock.exclusive(env, "demo")) {
            assertFalse(LockHolderProcess.canLock(store, "demo", "shared"), "this process holds it exclusively");
        }
    }

    @Test
    void exclusive_alreadyHeldInThisProcess_throwsBusyAndKeepsTheFirstLock() throws Exception {
        try (EnvironmentLock first = EnvironmentLock.exclusive(env, "demo")) {
            TrydebException e = assertThrows(TrydebException.class, () -> EnvironmentLock.exclusive(env, "demo"));
            assertEquals(ExitCode.BUSY, e.exitCode());

            // Closing a second descriptor of the lock file would have dropped the first lock.
            assertFalse(LockHolderProcess.canLock(store, "demo", "shared"));
        }
    }

    @Test
    void close_exclusiveLock_letsAnotherProcessLock() throws Exception {
        EnvironmentLock lock = EnvironmentLock.exclusive(env, "demo");
        assertFalse(LockHolderProcess.canLock(store, "demo", "exclusive"));

        lock.close();

        assertTrue(LockHolderProcess.canLock(store, "demo", "exclusive"));
    }

    @Test
    void close_calledTwice_doesNotReleaseALaterLock() throws Exception {
        EnvironmentLock first = EnvironmentLock.exclusive(env, "demo");
        first.close();
        try (EnvironmentLock second = EnvironmentLock.exclusive(env, "demo")) {
            first.close();

            assertThrows(TrydebException.class, () -> EnvironmentLock.exclusive(env, "demo"));
        }
    }

    @Test
    void exclusive_environmentDirectoryMissing_throwsFailureNamingLockFile() {
        EnvironmentLayout missing = store.environment(EnvironmentName.of("missing"));

        TrydebException e = assertThrows(TrydebException.class, () -> EnvironmentLock.exclusive(missing, "missing"));

        assertEquals(ExitCode.FAILURE, e.exitCode());
        assertEquals("cannot open lock file " + missing.lockFile() + ": no such file or directory", e.getMessage());
    }

    @Test
    void exclusive_deletesTheSavedRunPlans() throws Exception {
        Files.createDirectories(env.runCacheDir().resolve("exec"));
        Files.writeString(env.runCacheDir().resolve("hello"), "plan");
        Files.writeString(env.runCacheDir().resolve("exec/xeyes"), "plan");

        try (EnvironmentLock lock = EnvironmentLock.exclusive(env, "demo")) {
            assertEquals(List.of("exec"), savedRuns());
            try (Stream<Path> left = Files.list(env.runCacheDir().resolve("exec"))) {
                assertEquals(0, left.count());
            }
        }
    }

    @Test
    void shared_keepsTheSavedRunPlans() throws Exception {
        Files.createDirectories(env.runCacheDir());
        Files.writeString(env.runCacheDir().resolve("hello"), "plan");

        try (EnvironmentLock lock = EnvironmentLock.shared(env, "demo")) {
            assertEquals(List.of("hello"), savedRuns());
        }
    }

    @Test
    void exclusive_busy_keepsTheSavedRunPlans() throws Exception {
        Files.createDirectories(env.runCacheDir());
        Files.writeString(env.runCacheDir().resolve("hello"), "plan");
        try (LockHolderProcess other = LockHolderProcess.start(store, "demo", "shared")) {
            assertThrows(TrydebException.class, () -> EnvironmentLock.exclusive(env, "demo"));
        }

        assertEquals(List.of("hello"), savedRuns());
    }

    private List<String> savedRuns() throws Exception {
        try (Stream<Path> files = Files.list(env.runCacheDir())) {
            return files.map(f -> f.getFileName().toString()).toList();
        }
    }
}
