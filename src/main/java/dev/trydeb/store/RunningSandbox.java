package dev.trydeb.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * An environment's running sandbox, from the pid file its helper keeps ("PID USERNS"): valid
 * only while that PID still has that user namespace, so a stale file (the sandbox ended, or
 * the PID was reused) is never mistaken for a live sandbox.
 */
public record RunningSandbox(long pid, String userNamespace) {
    static final String PID_FILE = "sandbox.pid";
    private static final Path PROC = Path.of("/proc");
    /** TASK_COMM_LEN less its terminating NUL. */
    private static final int COMM_MAX_BYTES = 15;

    public static Optional<RunningSandbox> find(EnvironmentLayout layout) {
        return find(layout.dir());
    }

    /** The same, for the environment directory {@code environmentDir}. */
    static Optional<RunningSandbox> find(Path environmentDir) {
        try {
            String[] fields = Files.readString(environmentDir.resolve(PID_FILE), StandardCharsets.UTF_8).strip()
                    .split(" ", 2);
            if (fields.length != 2) {
                return Optional.empty();
            }
            RunningSandbox sandbox = new RunningSandbox(Long.parseLong(fields[0]), fields[1]);
            return namespace(PROC.resolve(fields[0]), "user").filter(sandbox.userNamespace()::equals).map(ns -> sandbox);
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The names of the programs running in the sandbox (its PID namespace), sorted. */
    public Set<String> programs() {
        Set<String> names = new TreeSet<>();
        Optional<String> pidNamespace = namespace(PROC.resolve(Long.toString(pid)), "pid");
        if (pidNamespace.isEmpty()) {
            return names;
        }
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(PROC, "[0-9]*")) {
            for (Path process : processes) {
                if (!process.getFileName().toString().equals(Long.toString(pid))
                        && namespace(process, "pid").equals(pidNamespace)) {
                    try {
                        String comm = Files.readString(process.resolve("comm"), StandardCharsets.UTF_8).strip();
                        names.add(programName(comm, arguments(process)));
                    } catch (IOException gone) {
                        // exited meanwhile
                    }
                }
            }
        } catch (IOException e) {
            return names;
        }
        return names;
    }

    /**
     * The program's name: the kernel's comm, which it cuts to 15 bytes ("trydeb-itest-cl"),
     * completed from the command line where that names it: the first argument whose file name
     * starts with the cut name (argv[0] of a binary, the script's path after its interpreter).
     */
    static String programName(String comm, List<String> arguments) {
        if (comm.getBytes(StandardCharsets.UTF_8).length < COMM_MAX_BYTES) {
            return comm;
        }
        for (String argument : arguments) {
            String fileName = argument.substring(argument.lastIndexOf('/') + 1);
            if (fileName.startsWith(comm)) {
                return fileName;
            }
        }
        return comm;
    }

    private static List<String> arguments(Path process) {
        try {
            String cmdline = Files.readString(process.resolve("cmdline"), StandardCharsets.UTF_8);
            return cmdline.isEmpty() ? List.of() : List.of(cmdline.split("\0"));
        } catch (IOException e) {
            return List.of();
        }
    }

    private static Optional<String> namespace(Path process, String kind) {
        try {
            return Optional.of(Files.readSymbolicLink(process.resolve("ns").resolve(kind)).toString());
        } catch (IOException | UnsupportedOperationException e) {
            return Optional.empty();
        }
    }
}
