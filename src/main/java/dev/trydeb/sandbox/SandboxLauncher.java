package dev.trydeb.sandbox;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import dev.trydeb.core.ChildProcesses;
import dev.trydeb.core.ErrorText;
import dev.trydeb.core.ExitCode;
import dev.trydeb.core.TrydebException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Starts sandboxes through the single-threaded helper (trydeb-sandbox), since the kernel
 * refuses a user namespace to the multithreaded JVM. Installs wait for the helper; runs
 * replace the JVM with it so the program owns the terminal, signals and exit status.
 */
public final class SandboxLauncher {
    static final Path INSTALLED_HELPER = Path.of("/usr/libexec/trydeb/trydeb-sandbox");

    private final Path helper;
    private volatile Process running;

    SandboxLauncher(Path helper) {
        this.helper = helper;
    }

    /** The helper named by the launcher script (-Dtrydeb.helper), else the packaged one. */
    public static SandboxLauncher locate() {
        Path helper = configuredHelper();
        if (!Files.isExecutable(helper)) {
            throw new TrydebException(ExitCode.ENVIRONMENT_UNUSABLE,
                    "the sandbox helper " + helper + " is missing or not executable; reinstall trydeb");
        }
        return new SandboxLauncher(helper);
    }

    /** Where the helper should be, whether or not it is there. */
    public static Path configuredHelper() {
        String configured = System.getProperty("trydeb.helper");
        return configured != null ? Path.of(configured) : INSTALLED_HELPER;
    }

    public Path helper() {
        return helper;
    }

    /** The library that puts maintainer scripts under the copy-up supervisor (copy-up.c), next to the helper. */
    public Optional<Path> copyUpLibrary() {
        Path library = helper.resolveSibling("trydeb-copy-up.so");
        return Files.isRegularFile(library) ? Optional.of(library) : Optional.empty();
    }

    /** Runs the sandbox as a child and returns its exit status; the child dies with the JVM. */
    public int runAndWait(SandboxPlan plan) {
        return runAndWait(plan, null);
    }

    /**
     * {@link #runAndWait(SandboxPlan)} with the sandbox's output (stdout and stderr, in the order
     * written) given to OUTPUT line by line instead of the terminal; null leaves it on the terminal.
     */
    public int runAndWait(SandboxPlan plan, Consumer<String> output) {
        createWritableDirectories(plan);
        List<String> command = new ArrayList<>();
        command.add(helper.toString());
        command.add("--die-with-parent");
        command.addAll(plan.helperArguments());
        return startAndWait(command, plan.environment(), output);
    }

    /**
     * Replaces this JVM with the sandbox; returns only by throwing. The caller holds the
     * plan's lock shared and {@code releaseLock} releases it: the lock is handed over, not
     * dropped, so that no install or rollback can change the environment (prune the layers
     * the plan names) before the helper holds the lock itself. An OFD read lock is taken on
     * a descriptor that stays open across the execve before {@code releaseLock} runs (the
     * caller's fcntl lock belongs to this process and ends with the execve); the helper marks
     * the descriptor close-on-exec, so the program never gets it, and keeps it beside its own
     * lock while the sandbox runs.
     */
    public void exec(SandboxPlan plan, Runnable releaseLock) {
        createWritableDirectories(plan);
        List<String> argv = new ArrayList<>();
        argv.add(helper.toString());
        argv.addAll(plan.helperArguments());
        String[] envp = plan.environment().entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        Libc libc = Libc.INSTANCE;
        int handedOver = plan.sharedLock().map(SandboxLauncher::lockAcrossExec).orElse(-1);
        releaseLock.run();
        System.out.flush();
        System.err.flush();
        // Only stdin/stdout/stderr may reach the program; the JVM's own descriptors must not.
        libc.close_range(3, -1, Libc.CLOSE_RANGE_CLOEXEC);
        if (handedOver >= 0) {
            libc.fcntl(handedOver, Libc.F_SETFD, 0);
        }
        libc.execve(helper.toString(), argv.toArray(String[]::new), envp);
        throw new TrydebException(ExitCode.ENVIRONMENT_UNUSABLE,
                "cannot start the sandbox helper " + helper + " (execve failed)");
    }

    /**
     * A new descriptor of FILE holding an OFD read lock. Never closed here: closing any
     * descriptor of the file would also end this process's fcntl lock on it, which the
     * caller still holds ({@code EnvironmentLock}).
     */
    private static int lockAcrossExec(Path file) {
        Libc libc = Libc.INSTANCE;
        int fd = libc.open(file.toString(), Libc.O_RDONLY | Libc.O_CLOEXEC);
        if (fd < 0) {
            throw TrydebException.failure("cannot open lock file " + file + ": " + errnoText());
        }
        Memory readLockOnWholeFile = new Memory(Libc.FLOCK_SIZE);
        readLockOnWholeFile.clear();
        if (libc.fcntl(fd, Libc.F_OFD_SETLK, readLockOnWholeFile) < 0) {
            throw TrydebException.failure("cannot lock " + file + " for the sandbox helper: " + errnoText());
        }
        return fd;
    }

    private static String errnoText() {
        return Libc.INSTANCE.strerror(Native.getLastError());
    }

    /**
     * Removes a directory tree written inside a sandbox. Files owned by subordinate ids can
     * only be removed from a user namespace with the same mapping, and overlayfs work
     * directories are mode 000, so the removal runs inside one.
     */
    public void removeTree(Path dir, UidMapping mapping) {
        removeTrees(List.of(dir), mapping);
    }

    /** {@link #removeTree} of several directories, in one sandbox. */
    public void removeTrees(List<Path> dirs, UidMapping mapping) {
        List<Path> present = dirs.stream().filter(dir -> Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)).toList();
        if (present.isEmpty()) {
            return;
        }
        List<String> command = new ArrayList<>(List.of(helper.toString(), "--die-with-parent", "--map",
                mapping.helperArgument(), "--", "/bin/rm", "-rf", "--one-file-system", "--"));
        present.forEach(dir -> command.add(dir.toString()));
        int status = startAndWait(command, Map.of("PATH", "/usr/bin:/bin"));
        for (Path dir : present) {
            if (status != 0 || Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                throw TrydebException.failure("could not remove " + dir + " (exit status " + status + ")");
            }
        }
    }

    /**
     * Builds {@code out} as one layer equivalent to {@code layers} (oldest first), from hard
     * links, in a user namespace with the mapping that wrote them; the layers stay as they are.
     */
    public void mergeLayers(Path out, List<Path> layers, UidMapping mapping) {
        List<String> command = new ArrayList<>(List.of(helper.toString(), "--die-with-parent", "--map",
                mapping.helperArgument(), "--merge-layers", out.toString()));
        layers.forEach(layer -> command.add(layer.toString()));
        int status = startAndWait(command, Map.of("PATH", "/usr/bin:/bin"));
        if (status != 0) {
            throw TrydebException.failure("could not merge the layers into " + out + " (exit status " + status + ")");
        }
    }

    /** Until the sandbox closes its output; malformed UTF-8 is replaced, never fatal. */
    private static void readLines(Process process, Consumer<String> output) throws IOException {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                output.accept(line);
            }
        }
    }

    /**
     * Stops the sandbox this launcher is waiting for (on Ctrl-C it has the signal already):
     * SIGTERM, which the helper forwards to the program, then SIGKILL after a grace period.
     */
    public void stopRunning() {
        Process process = running;
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private int startAndWait(List<String> command, Map<String, String> environment) {
        return startAndWait(command, environment, null);
    }

    private int startAndWait(List<String> command, Map<String, String> environment, Consumer<String> output) {
        ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
        if (output != null) {
            builder.redirectOutput(ProcessBuilder.Redirect.PIPE).redirectErrorStream(true);
        }
        builder.environment().clear();
        builder.environment().putAll(environment);
        try {
            Process process = ChildProcesses.start(builder);
            running = process;
            try {
                if (output != null) {
                    readLines(process, output);
                }
                while (true) {
                    try {
                        return process.waitFor();
                    } catch (InterruptedException e) {
                        // Keep waiting: the helper is told by its own signals when to stop.
                    }
                }
            } finally {
                running = null;
            }
        } catch (IOException e) {
            throw new TrydebException(ExitCode.ENVIRONMENT_UNUSABLE,
                    "cannot start the sandbox helper " + command.get(0) + ": " + ErrorText.describe(e), e);
        }
    }

    private static void createWritableDirectories(SandboxPlan plan) {
        try {
            for (MountOp op : plan.operations()) {
                if (op instanceof MountOp.Overlay overlay && !Files.isDirectory(overlay.upper())) {
                    // The merged directory takes its mode from the upper: give it the host's.
                    Path bottom = overlay.lowers().get(overlay.lowers().size() - 1);
                    Files.createDirectories(overlay.upper());
                    Files.setPosixFilePermissions(overlay.upper(), Files.getPosixFilePermissions(bottom));
                }
                if (op instanceof MountOp.Overlay overlay) {
                    Files.createDirectories(overlay.work());
                }
            }
        } catch (IOException e) {
            throw TrydebException.failure("cannot create the overlay directories in the trydeb store: " + ErrorText.describe(e));
        }
    }
}
