package dev.trydeb.doctor;

import dev.trydeb.core.ChildProcesses;
import dev.trydeb.core.ErrorText;
import dev.trydeb.core.GuestPath;
import dev.trydeb.diff.SecurityXattrs;
import dev.trydeb.sandbox.MountOp;
import dev.trydeb.sandbox.SandboxPlan;
import dev.trydeb.sandbox.UidMapping;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The live probes on this host, through the sandbox helper: the JVM cannot create a user
 * namespace itself (the kernel refuses one to a multithreaded process), so the probe is a
 * small sandbox plan like a run's, whose program is /bin/true.
 */
public final class HelperProbes implements LiveProbes {
    /** The host's directories a program needs to start (merged /usr or not), shown read-only. */
    private static final List<String> PROGRAM_DIRECTORIES = List.of("usr", "bin", "sbin", "lib", "lib32", "lib64", "libx32");
    private static final String DOCTOR_POINTER = ErrorText.SEE_DOCTOR;

    private final Path helper;

    public HelperProbes(Path helper) {
        this.helper = helper;
    }

    @Override
    public Optional<String> sandbox(UidMapping mapping, Path scratchParent) {
        Path scratch;
        try {
            scratch = Files.createTempDirectory(scratchParent, ".trydeb-doctor-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (IOException e) {
            return Optional.of("cannot create a scratch directory in " + scratchParent + ": " + ErrorText.describe(e));
        }
        try {
            List<MountOp> ops = new ArrayList<>();
            for (String name : PROGRAM_DIRECTORIES) {
                Path host = Path.of("/", name);
                if (Files.isSymbolicLink(host)) {
                    ops.add(new MountOp.Symlink(Files.readSymbolicLink(host).toString(), GuestPath.of("/" + name)));
                } else if (Files.isDirectory(host)) {
                    ops.add(new MountOp.Bind(host, GuestPath.of("/" + name), true));
                }
            }
            for (String dir : List.of("root", "lower", "upper", "work")) {
                Files.createDirectory(scratch.resolve(dir));
            }
            ops.add(new MountOp.Overlay(List.of(scratch.resolve("lower")), scratch.resolve("upper"),
                    scratch.resolve("work"), GuestPath.of("/probe")));
            SandboxPlan plan = SandboxPlan.builder(mapping, scratch.resolve("root"), List.of("/bin/true"))
                    .operations(ops).network(true).shareIpc(true).dropCapabilities(true)
                    .environment(Map.of("PATH", "/usr/bin:/bin")).build();
            return run(plan);
        } catch (IOException e) {
            return Optional.of("cannot prepare the probe in " + scratch + ": " + ErrorText.describe(e));
        } finally {
            removeScratch(scratch);
        }
    }

    private Optional<String> run(SandboxPlan plan) throws IOException {
        List<String> command = new ArrayList<>(List.of(helper.toString(), "--die-with-parent"));
        command.addAll(plan.helperArguments());
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.PIPE)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().clear();
        builder.environment().putAll(plan.environment());
        Process process = ChildProcesses.start(builder);
        process.getOutputStream().close();
        String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return Optional.of("the helper did not finish within 30 s");
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            return Optional.of("interrupted");
        }
        return process.exitValue() == 0 ? Optional.empty() : Optional.of(message(stderr, process.exitValue()));
    }

    /** The helper's lines (and newuidmap's) as one, without the prefixes and the pointer to this very command. */
    static String message(String stderr, int status) {
        List<String> lines = new ArrayList<>();
        for (String line : stderr.split("\n")) {
            String text = line.strip().replaceFirst("^trydeb: ", "").replaceFirst("^sandbox setup failed: ", "")
                    .replace(" " + DOCTOR_POINTER, "").replace(DOCTOR_POINTER, "").strip();
            if (!text.isEmpty()) {
                lines.add(text);
            }
        }
        return lines.isEmpty() ? "exit status " + status : ErrorText.oneLine(String.join("; ", lines));
    }

    /** overlayfs leaves a mode-000 work directory behind: each directory is made readable before it is listed. */
    private static void removeScratch(Path scratch) {
        try {
            remove(scratch);
        } catch (IOException ignored) {
            // a scratch directory left behind is named .trydeb-doctor-*, harmless
        }
    }

    private static void remove(Path path) throws IOException {
        if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwx------"));
            try (DirectoryStream<Path> children = Files.newDirectoryStream(path)) {
                for (Path child : children) {
                    remove(child);
                }
            }
        }
        Files.deleteIfExists(path);
    }

    @Override
    public Optional<String> userXattr(Path dir) {
        Path file = null;
        try {
            file = Files.createTempFile(dir, ".trydeb-doctor-", null);
            UserDefinedFileAttributeView view = Files.getFileAttributeView(file, UserDefinedFileAttributeView.class);
            if (view == null) {
                return Optional.of("no user extended attributes");
            }
            view.write("trydeb.probe", ByteBuffer.wrap(new byte[] {1}));
            view.delete("trydeb.probe");
            return Optional.empty();
        } catch (IOException e) {
            String type = "";
            try {
                type = Files.getFileStore(dir).type() + ": ";
            } catch (IOException ignored) {
                // the type is only a hint
            }
            return Optional.of(type + ErrorText.describe(e));
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException ignored) {
                    // named .trydeb-doctor-*, harmless
                }
            }
        }
    }

    @Override
    public boolean hasFileCapabilities(Path file) {
        return SecurityXattrs.hasCapabilities(file);
    }
}
