package dev.trydeb.store;

import dev.trydeb.core.ErrorText;
import dev.trydeb.core.ExitCode;
import dev.trydeb.core.TrydebException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A non-blocking lock on an environment's lock file. Installing takes it exclusively; running a
 * program takes it shared.
 *
 * <p>On Linux, FileChannel locks are POSIX fcntl record locks over the whole file. The sandbox
 * helper holds an OFD read lock (F_OFD_SETLK, F_RDLCK) on the same file while a program runs;
 * OFD and fcntl locks conflict with each other, so an install is refused while a program runs.
 * The flip side: a process holding the exclusive lock cannot start the helper in a mode that
 * takes its read lock.
 *
 * <p>fcntl locks belong to the process: closing any descriptor of the lock file drops them all,
 * even the ones taken through another descriptor. So only this class opens lock files, and it
 * refuses a second lock on a file this JVM already holds (even two shared ones) before opening
 * a second descriptor whose closing would silently release the first lock. The one other
 * descriptor is SandboxLauncher.exec's, which hands a shared lock over to the helper across
 * its execve and is never closed by this JVM.
 */
public final class EnvironmentLock implements AutoCloseable {
    private static final Set<Path> HELD_IN_THIS_PROCESS = ConcurrentHashMap.newKeySet();

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;
    private boolean closed;

    private EnvironmentLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock exclusively, or fails at once with {@link ExitCode#BUSY}. The environment
     * directory must exist ({@link EnvironmentLayout#createDirectories()}). The saved run plans
     * go with it: whoever takes it may change what they were computed from, and the helper
     * checks under the shared lock that the plan it was given is still there.
     */
    public static EnvironmentLock exclusive(EnvironmentLayout env, String envName) {
        EnvironmentLock lock = acquire(env.lockFile(), envName, false);
        try {
            deleteSavedRuns(env.runCacheDir());
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
        return lock;
    }

    /** Takes the lock shared, or fails at once with {@link ExitCode#BUSY}. */
    public static EnvironmentLock shared(EnvironmentLayout env, String envName) {
        return acquire(env.lockFile(), envName, true);
    }

    /** Releases the lock. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            channel.close();
        } catch (IOException e) {
            throw TrydebException.failure("cannot release lock " + file + ": " + ErrorText.describe(e), e);
        } finally {
            HELD_IN_THIS_PROCESS.remove(file);
        }
    }

    private static EnvironmentLock acquire(Path lockFile, String envName, boolean shared) {
        Path file = lockFile.toAbsolutePath().normalize();
        if (!HELD_IN_THIS_PROCESS.add(file)) {
            throw busy(file, envName);
        }
        FileChannel channel = null;
        boolean locked = false;
        try {
            channel = open(file);
            // Long.MAX_VALUE is how FileChannel spells "the whole file" (l_len = 0).
            FileLock lock = channel.tryLock(0, Long.MAX_VALUE, shared);
            if (lock == null) {
                throw busy(file, envName);
            }
            locked = true;
            return new EnvironmentLock(file, channel, lock);
        } catch (OverlappingFileLockException e) {
            throw busy(file, envName);
        } catch (IOException e) {
            throw TrydebException.failure("cannot lock " + file + ": " + ErrorText.describe(e), e);
        } finally {
            if (!locked) {
                closeQuietly(channel);
                HELD_IN_THIS_PROCESS.remove(file);
            }
        }
    }

    /** PKG and exec/NAME files (EnvironmentLayout#runCacheDir); the directories stay. */
    private static void deleteSavedRuns(Path dir) {
        try (DirectoryStream<Path> saved = Files.newDirectoryStream(dir)) {
            for (Path file : saved) {
                if (Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
                    deleteSavedRuns(file);
                } else {
                    Files.delete(file);
                }
            }
        } catch (NoSuchFileException e) {
            // Nothing saved yet.
        } catch (IOException e) {
            throw TrydebException.failure("cannot delete the saved run plans in " + dir + ": " + ErrorText.describe(e), e);
        }
    }

    private static FileChannel open(Path file) {
        try {
            // Read and write access, so that both shared (F_RDLCK) and exclusive (F_WRLCK) work.
            return FileChannel.open(file,
                    StandardOpenOption.READ, StandardOpenOption.WRITE, StandardOpenOption.CREATE);
        } catch (IOException e) {
            throw TrydebException.failure(
                    "cannot open lock file " + file + ": " + ErrorText.describe(e), e);
        }
    }

    private static TrydebException busy(Path file, String envName) {
        String why = RunningSandbox.find(file.getParent())
                .map(RunningSandbox::programs)
                .filter(names -> !names.isEmpty())
                .map(names -> "programs are running in it (" + String.join(", ", names) + ") (lock " + file
                        + "); try again when they have finished")
                .orElse("another trydeb is installing into it or a program is running in it (lock " + file
                        + "); try again when it has finished");
        return new TrydebException(ExitCode.BUSY, "environment '" + envName + "' is in use: " + why);
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException ignored) {
            // Already failing; the lock was not taken.
        }
    }
}
