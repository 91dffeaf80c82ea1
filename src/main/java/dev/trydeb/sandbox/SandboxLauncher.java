package dev.trydeb.sandbox;

import dev.trydeb.core.ErrorText;
import dev.trydeb.core.ExitCode;
import dev.trydeb.core.TrydebException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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
        String configured = System.getProperty("trydeb.helper");
        Path helper = configured != null ? Path.of(configured) : INSTALLED_HELPER;
        if (!Files.isExecutable(helper)) {
            throw new TrydebException(ExitCode.ENVIRONMENT_UNUSABLE,
                    "the sandbox helper " + helper + " is missing or not executable; reinstall trydeb");
        }
        return new SandboxLauncher(helper);
    }

    public Path helper() {
        return helper;
    }

    /** Runs the sandbox as a child and returns its exit status; the child dies with the JVM. */
    public int runAndWait(SandboxPlan plan) {
        createWritableDirectories(plan);
        List<String> command = new ArrayList<>();
        command.add(helper.toString());
        command.add("--die-with-parent");
        command.addAll(plan.helperArguments());
        return startAndWait(command, plan.environment());
    }

    /** Replaces this JVM with the sandbox; returns only by throwing. */
    public void exec(SandboxPlan plan) {
        createWritableDirectories(plan);
        List<String> argv = new ArrayList<>();
        argv.add(helper.toString());
        argv.addAll(plan.helperArguments());
        String[] envp = plan.environment().entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        System.out.flush();
        System.err.flush();
        Libc libc = Libc.INSTANCE;
        // Only stdin/stdout/stderr may reach the program; the JVM's own descriptors must not.
        libc.close_range(3, -1, Libc.CLOSE_RANGE_CLOEXEC);
        libc.execve(helper.toString(), argv.toArray(String[]::new), envp);
        throw new TrydebException(ExitCode.ENVIRONMENT_UNUSABLE,
                "cannot start the sandbox helper " + helper + " (execve failed)");
    }

    /**
     * Removes a directory tree written inside a sandbox. Files owned by subordinate ids can
     * only be removed from a user namespace with the same mapping, and overlayfs work
     * directories are mode 000, so the removal runs inside one.
     */
    public void removeTree(Path dir, UidMapping mapping) {
        if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        List<String> command = List.of(helper.toString(), "--die-with-parent", "--map", mapping.helperArgument(),
                "--", "/bin/rm", "-rf", "--one-file-system", "--", dir.toString());
        int status = startAndWait(command, Map.of("PATH", "/usr/bin:/bin"));
        if (status != 0 || Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            throw TrydebException.failure("could not remove " + dir + " (exit status " + status + ")");
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
        ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
        builder.environment().clear();
        builder.environment().putAll(environment);
        try {
            Process process = builder.start();
            running = process;
            try {
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
                    "cannot start the sandbox helper " + command.get(0) + ": " + ErrorText.describe(e));
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
