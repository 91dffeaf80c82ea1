package dev.trydeb.desktop;

import dev.trydeb.core.ChildProcesses;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Warns before a program starts when a copy of it already runs on the caller's desktop: a
 * single-instance program (GApplication, D-Bus activated) that finds its bus name owned on
 * the session bus hands its command line over to that owner and exits, so the trial copy
 * would silently never run. The bus is asked with dbus-send (package dbus-bin) or busctl;
 * without either, or without a session bus, there is nothing to check.
 */
public final class RunningCopies {
    private static final Pattern LISTED_NAME = Pattern.compile("^\\s*string \"([^\"]+)\"\\s*$", Pattern.MULTILINE);
    private static final long TIMEOUT_SECONDS = 5;

    private final Consumer<String> warnings;

    public RunningCopies(Consumer<String> warnings) {
        this.warnings = warnings;
    }

    public void warnAbout(Set<String> names, Map<String, String> environment) {
        if (names.isEmpty()) {
            return;
        }
        Set<String> owned = new TreeSet<>(names);
        owned.retainAll(ownedNames(environment));
        for (String name : owned) {
            warnings.accept(name + " is already running on your desktop; the trial copy would hand over to it and exit."
                    + " Close it first, or run with --private-bus");
        }
    }

    /** The names on the session bus, or none when it cannot be asked. */
    static Set<String> ownedNames(Map<String, String> environment) {
        Map<String, String> env = new HashMap<>(environment);
        if (env.getOrDefault("DBUS_SESSION_BUS_ADDRESS", "").isEmpty()) {
            // Without an address the tools would start a bus of their own (autolaunch); use the systemd one if any.
            Optional<Path> bus = Optional.ofNullable(env.get("XDG_RUNTIME_DIR")).filter(d -> d.startsWith("/"))
                    .map(d -> Path.of(d, "bus")).filter(Files::exists);
            if (bus.isEmpty()) {
                return Set.of();
            }
            env.put("DBUS_SESSION_BUS_ADDRESS", "unix:path=" + bus.get());
        }
        Optional<Path> dbusSend = onPath("dbus-send", env);
        if (dbusSend.isPresent()) {
            return parseDbusSend(output(List.of(dbusSend.get().toString(), "--session", "--print-reply",
                    "--reply-timeout=" + TIMEOUT_SECONDS * 1000, "--dest=org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus.ListNames"), env));
        }
        Optional<Path> busctl = onPath("busctl", env);
        if (busctl.isPresent()) {
            return parseBusctl(output(List.of(busctl.get().toString(), "--user", "--no-legend", "--no-pager",
                    "--timeout=" + TIMEOUT_SECONDS, "--acquired", "list"), env));
        }
        return Set.of();
    }

    static Set<String> parseDbusSend(String output) {
        Set<String> names = new TreeSet<>();
        Matcher m = LISTED_NAME.matcher(output);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    static Set<String> parseBusctl(String output) {
        Set<String> names = new TreeSet<>();
        for (String line : output.split("\n")) {
            String[] columns = line.trim().split("\\s+");
            if (!columns[0].isEmpty()) {
                names.add(columns[0]);
            }
        }
        return names;
    }

    private static Optional<Path> onPath(String program, Map<String, String> env) {
        for (String dir : env.getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, program);
            if (dir.startsWith("/") && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** The command's standard output, or "" when it fails (both tools give up after TIMEOUT_SECONDS). */
    private static String output(List<String> command, Map<String, String> env) {
        ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command))
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().clear();
        builder.environment().putAll(env);
        try {
            Process process = ChildProcesses.start(builder);
            try (InputStream out = process.getInputStream()) {
                String text = new String(out.readAllBytes(), StandardCharsets.UTF_8);
                return process.waitFor() == 0 ? text : "";
            }
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}
