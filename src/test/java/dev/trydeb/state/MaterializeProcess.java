package dev.trydeb.state;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A child JVM that materializes a host root's merged state under a given umask, which a JVM
 * cannot change for itself: the parent checks the modes the child's files and directories got.
 */
final class MaterializeProcess {
    private MaterializeProcess() {}

    /** Entry point of the child: HOST_ROOT STATE_ROOT; prints the materialized directory. */
    public static void main(String[] args) {
        System.out.println(MergedState.build(Path.of(args[0]), List.of(), List.of()).materialize(Path.of(args[1])));
    }

    /** Runs the child with {@code umask} set by a shell and returns the directory it wrote. */
    static Path runWithUmask(String umask, Path hostRoot, Path stateRoot) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder("/bin/sh", "-c", "umask " + umask + " && exec \"$@\"", "sh",
                java.toString(), "-cp", System.getProperty("java.class.path"), MaterializeProcess.class.getName(),
                hostRoot.toString(), stateRoot.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("child process did not exit");
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException("child process failed with status " + process.exitValue() + ": " + output);
        }
        return Path.of(output);
    }
}
