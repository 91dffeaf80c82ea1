package dev.trydeb.store;

import dev.trydeb.core.ExitCode;
import dev.trydeb.core.TrydebException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A child JVM that takes an environment lock, so tests can see how two processes interact.
 * The child prints "locked" and holds the lock until the parent closes its stdin, or prints
 * "busy" and exits if the lock was refused.
 */
final class LockHolderProcess implements AutoCloseable {
    private final Process process;

    private LockHolderProcess(Process process) {
        this.process = process;
    }

    /** Entry point of the child: STORE_ROOT ENV_NAME exclusive|shared. */
    public static void main(String[] args) throws IOException {
        EnvironmentLayout env = new StoreLayout(Path.of(args[0])).environment(EnvironmentName.of(args[1]));
        try (EnvironmentLock lock = args[2].equals("shared")
                ? EnvironmentLock.shared(env, args[1])
                : EnvironmentLock.exclusive(env, args[1])) {
            System.out.println("locked");
            System.out.flush();
            while (System.in.read() >= 0) {
                // Hold the lock until the parent closes our stdin.
            }
        } catch (TrydebException e) {
            System.out.println(e.exitCode() == ExitCode.BUSY ? "busy" : e.getMessage());
        }
    }

    /** Starts a child that holds the lock; fails the calling test if the child cannot take it. */
    static LockHolderProcess start(StoreLayout store, String envName, String mode) throws IOException {
        LockHolderProcess child = launch(store, envName, mode);
        String answer = child.firstLine();
        if (!answer.equals("locked")) {
            child.close();
            throw new IllegalStateException("child process could not take the lock: " + answer);
        }
        return child;
    }

    /** Whether a child process can take the lock right now; the child releases it at once. */
    static boolean canLock(StoreLayout store, String envName, String mode) throws IOException {
        try (LockHolderProcess child = launch(store, envName, mode)) {
            String answer = child.firstLine();
            if (answer.equals("locked") || answer.equals("busy")) {
                return answer.equals("locked");
            }
            throw new IllegalStateException("child process failed: " + answer);
        }
    }

    private static LockHolderProcess launch(StoreLayout store, String envName, String mode) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(java.toString(),
                "-cp", System.getProperty("java.class.path"),
                LockHolderProcess.class.getName(), store.root().toString(), envName, mode)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        return new LockHolderProcess(process);
    }

    private String firstLine() throws IOException {
        String line = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))
                .readLine();
        return line == null ? "(exited without answering)" : line;
    }

    /** Releases the lock and waits for the child to exit. */
    @Override
    public void close() {
        try {
            process.getOutputStream().close();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (IOException | InterruptedException e) {
            process.destroyForcibly();
        }
    }
}
