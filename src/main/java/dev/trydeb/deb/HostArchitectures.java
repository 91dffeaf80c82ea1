package dev.trydeb.deb;

import dev.trydeb.core.ChildProcesses;
import dev.trydeb.core.ErrorText;
import dev.trydeb.core.ExitCode;
import dev.trydeb.core.TrydebException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** The architectures the host's dpkg installs: its native one and the foreign ones added with --add-architecture. */
public final class HostArchitectures {
    private final String nativeArch;
    private final Set<String> foreign;

    public HostArchitectures(String nativeArch, Set<String> foreign) {
        if (nativeArch == null || nativeArch.isBlank()) {
            throw new IllegalArgumentException("native architecture must not be empty");
        }
        this.nativeArch = nativeArch;
        this.foreign = Set.copyOf(foreign);
    }

    /** Asks the host's dpkg; ENVIRONMENT_UNUSABLE if it cannot be run. */
    public static HostArchitectures query() {
        return query("dpkg");
    }

    static HostArchitectures query(String dpkg) {
        String nativeArch = run(dpkg, "--print-architecture").strip();
        if (nativeArch.isEmpty()) {
            throw unusable(dpkg + " --print-architecture printed nothing");
        }
        List<String> foreign = new ArrayList<>(Arrays.asList(run(dpkg, "--print-foreign-architectures").strip().split("\\s+")));
        foreign.removeIf(String::isEmpty);
        return new HostArchitectures(nativeArch, Set.copyOf(foreign));
    }

    private static String run(String dpkg, String option) {
        String command = dpkg + " " + option;
        try {
            Process process = ChildProcesses.start(new ProcessBuilder(dpkg, option).redirectErrorStream(true));
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int status = process.waitFor();
            if (status != 0) {
                throw unusable(command + " failed with status " + status + ": " + ErrorText.oneLine(output));
            }
            return output;
        } catch (IOException e) {
            throw unusable("cannot run " + command + ": " + ErrorText.describe(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unusable(command + " was interrupted");
        }
    }

    private static TrydebException unusable(String problem) {
        return new TrydebException(ExitCode.ENVIRONMENT_UNUSABLE,
                "cannot determine the host's architectures (" + problem + "); trydeb needs a working dpkg on the host");
    }

    public String nativeArch() {
        return nativeArch;
    }

    public Set<String> foreign() {
        return foreign;
    }

    /** Whether a package of this Architecture can be installed: "all", the native or a foreign architecture. */
    public boolean accepts(String arch) {
        return arch.equals("all") || arch.equals(nativeArch) || foreign.contains(arch);
    }

    /** For messages, e.g. "amd64 (foreign: i386)" or just "amd64". */
    public String describe() {
        return foreign.isEmpty() ? nativeArch : nativeArch + " (foreign: " + String.join(", ", new TreeSet<>(foreign)) + ")";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HostArchitectures other && nativeArch.equals(other.nativeArch) && foreign.equals(other.foreign);
    }

    @Override
    public int hashCode() {
        return nativeArch.hashCode() * 31 + foreign.hashCode();
    }

    @Override
    public String toString() {
        return describe();
    }
}
