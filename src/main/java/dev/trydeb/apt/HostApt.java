package dev.trydeb.apt;

import dev.trydeb.core.ChildProcesses;
import dev.trydeb.core.ErrorText;
import dev.trydeb.core.ExitCode;
import dev.trydeb.core.TrydebException;
import dev.trydeb.state.StatusFile;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The host's apt, run as the user with the host's sources, lists and configuration, but
 * against the environment's dpkg status and with the user's own download cache: it answers
 * what a transaction needs and downloads it, and never changes anything of the host's.
 */
public final class HostApt {
    /** Where apt's output goes to be captured, not shown. */
    public static final PrintStream CAPTURE = new PrintStream(OutputStream.nullOutputStream());
    /** The file name of apt's cache of the lists in {@link #listsCacheDirectory()}. */
    public static final String SOURCE_CACHE_FILE = "srcpkgcache.bin";

    private final Path status;
    private final Path cache;
    private boolean cachePrepared;

    /**
     * @param status the dpkg status file the environment's sandbox will see
     * @param cache the user's trydeb cache directory ($XDG_CACHE_HOME/trydeb)
     */
    public HostApt(Path status, Path cache) {
        this.status = status;
        this.cache = cache;
    }

    /** Where downloaded .deb files are kept and reused. */
    public Path archives() {
        return cache.resolve("archives");
    }

    /**
     * apt's cache of the host's lists, the user's own (the host's is root's): without it every
     * apt run parses all the lists again, ~0.6 s each, and a transaction has four of them. apt
     * checks it against the lists, sources and architectures on every use and rebuilds it when
     * any changed; the environment's dpkg status is not in it (that part is built in memory).
     * Shared by the user's environments, which all see the host's lists.
     */
    public Path listsCacheDirectory() {
        return cache.resolve("apt");
    }

    /** What {@code apt-get VERB ARGUMENTS} (install or remove) would do to the environment. */
    public AptPlan plan(String verb, List<String> arguments, List<String> extraOptions) {
        List<String> command = command(verb, extraOptions);
        command.add("--simulate");
        command.addAll(arguments);
        Result result = run(command, CAPTURE);
        if (result.status != 0) {
            throw TrydebException.badInput("apt cannot work out " + String.join(" ", arguments) + ": "
                    + explain(result.output));
        }
        return AptPlanParser.parse(result.output);
    }

    /** A package's sizes as the archive lists them: the .deb's bytes and its Installed-Size in KiB. */
    public record Sizes(long bytes, long installedKiB) {}

    /** The sizes of these {@code name:arch=version} packages, from the host's lists; absent when unknown. */
    public Map<String, Sizes> sizes(List<String> packageVersions) {
        Map<String, Sizes> sizes = new HashMap<>();
        if (packageVersions.isEmpty()) {
            return sizes;
        }
        List<String> command = new ArrayList<>(List.of("apt-cache"));
        command.addAll(sharedOptions());
        command.addAll(List.of("show", "--no-all-versions"));
        command.addAll(packageVersions);
        Result result = run(command, CAPTURE);
        for (String stanza : result.output.split("\n\n")) {
            String name = StatusFile.field(stanza, "Package").orElse(null);
            String arch = StatusFile.field(stanza, "Architecture").orElse(null);
            String version = StatusFile.field(stanza, "Version").orElse(null);
            if (name == null || arch == null || version == null) {
                continue;
            }
            long bytes = number(StatusFile.field(stanza, "Size").orElse("0"));
            long kib = number(StatusFile.field(stanza, "Installed-Size").orElse("0"));
            sizes.put(name + ":" + arch + "=" + version, new Sizes(bytes, kib));
        }
        return sizes;
    }

    private static long number(String text) {
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /**
     * Downloads what {@code apt-get install ARGUMENTS} needs into {@link #archives()}, reusing
     * files already there whose hash matches. On a terminal apt draws its own progress bar
     * (percentage, bytes, rate); otherwise its one line per file is copied to {@code log}.
     */
    public void download(List<String> arguments, List<String> extraOptions, boolean terminal, PrintStream log) {
        List<String> command = command("install", extraOptions);
        // The plan was confirmed (or -y given) as apt simulated it, downgrades included.
        command.addAll(List.of("--download-only", "--yes", "--allow-downgrades"));
        if (!terminal) {
            command.add("-q");
        }
        command.addAll(arguments);
        Result result = run(command, terminal ? null : log);
        if (result.status != 0) {
            // On a terminal apt has shown its reasons; otherwise they are in the captured output.
            String reason = terminal ? "apt-get exit status " + result.status : explain(result.output);
            throw new TrydebException(ExitCode.FAILURE, "downloading failed (" + reason
                    + "); nothing was changed, and files already downloaded stay in " + archives()
                    + " for the next attempt");
        }
    }

    private List<String> command(String verb, List<String> extraOptions) {
        List<String> command = new ArrayList<>(List.of("apt-get"));
        command.addAll(sharedOptions());
        command.addAll(List.of("-o", "Dir::Cache::archives=" + archives() + "/",
                // The host's locks guard the host's dpkg database, which this never writes.
                "-o", "Debug::NoLocking=1"));
        command.addAll(extraOptions);
        command.add(verb);
        return command;
    }

    /** What apt-get and apt-cache both need: the environment's status, and no cache file of the host's. */
    private List<String> sharedOptions() {
        return List.of("-o", "Dir::State::status=" + status,
                // The host's caches are root's: the lists' one is the user's, the status part in memory.
                "-o", "Dir::Cache::pkgcache=",
                "-o", "Dir::Cache::srcpkgcache=" + listsCacheDirectory().resolve(SOURCE_CACHE_FILE));
    }

    private record Result(int status, String output) {}

    /** Runs apt: its output captured (CAPTURE), its download lines copied to a stream, or on the terminal (null). */
    private Result run(List<String> command, PrintStream copyTo) {
        try {
            if (!cachePrepared) {
                DownloadCache.prepare(archives());
                Files.createDirectories(listsCacheDirectory());
                cachePrepared = true;
            }
            ProcessBuilder builder = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            builder.environment().put("LC_ALL", "C.UTF-8");
            if (copyTo == null) {
                builder.inheritIO();
                return new Result(ChildProcesses.start(builder).waitFor(), "");
            }
            builder.redirectErrorStream(true);
            Process process = ChildProcesses.start(builder);
            StringBuilder output = new StringBuilder();
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    output.append(line).append('\n');
                    if (copyTo != CAPTURE && isDownloadLine(line)) {
                        copyTo.println(line);
                    }
                }
            }
            return new Result(process.waitFor(), output.toString());
        } catch (IOException e) {
            throw new TrydebException(ExitCode.ENVIRONMENT_UNUSABLE, "cannot run apt-get: " + ErrorText.describe(e)
                    + "; trydeb needs the host's apt", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw TrydebException.failure("interrupted while apt-get ran");
        }
    }

    /** What a download shows off a terminal: apt's line per file and its problems, not the plan trydeb has shown. */
    static boolean isDownloadLine(String line) {
        return line.startsWith("Get:") || line.startsWith("Fetched ") || line.startsWith("Err:") || line.startsWith("Ign:")
                || line.startsWith("E: ") || line.startsWith("W: ");
    }

    /** apt's reason in one line: its errors and the unmet dependencies it lists. */
    static String explain(String output) {
        List<String> reasons = new ArrayList<>();
        boolean inUnmet = false;
        for (String line : output.split("\n")) {
            if (line.startsWith("The following packages have unmet dependencies")) {
                inUnmet = true;
                continue;
            }
            if (inUnmet && line.startsWith(" ")) {
                reasons.add(line.strip().replaceAll("\\s+", " "));
                continue;
            }
            inUnmet = false;
            if (line.startsWith("E: ") && !line.startsWith("E: Unable to correct problems")) {
                reasons.add(line.substring(3).strip());
            }
        }
        return reasons.isEmpty() ? "apt-get failed" : reasons.stream().distinct().collect(Collectors.joining("; "));
    }
}
