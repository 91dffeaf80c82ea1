package dev.trydeb.sandbox;

import dev.trydeb.core.AtomicFile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A run plan saved for the launcher's fast path: {@code bin/trydeb run PKG} hands the file to
 * the helper without starting Java, and the helper ({@code load_saved_run} in
 * trydeb-sandbox.c) uses the saved arguments only while everything the plan was computed
 * from is unchanged: the host files stamped here, the environment variables the plan reads,
 * the session paths they name, and (under the environment's shared lock) the file itself,
 * which every exclusive lock of the environment deletes.
 *
 * <p>Format: NUL-terminated fields. The magic line, then records: {@code file PATH STAMP}
 * (STAMP as {@link #stamp}), {@code real PATH REALPATH KIND} (REALPATH empty when absent;
 * KIND f, d or o), {@code env NAME VALUE}, {@code unset NAME}, {@code set NAME VALUE} (added
 * to the program's environment), {@code launcher PATH}, {@code helper STAMP}, {@code home PATH}
 * (the working directory is the caller's when inside it, else home), and last
 * {@code args N ARG...}: the helper's arguments, to which the program's are appended.
 */
public final class SavedRun {
    static final String MAGIC = "trydeb-run-cache 1";

    /** Every variable a run plan is computed from (XdgDirectories, DesktopSession). */
    public static final List<String> VARIABLES = List.of("HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "DISPLAY", "XAUTHORITY",
            "XDG_RUNTIME_DIR", "WAYLAND_DISPLAY", "PIPEWIRE_REMOTE", "PULSE_SERVER", "DBUS_SESSION_BUS_ADDRESS");

    /** The host files a run plan is computed from, besides trydeb's own launcher, jar and helper. */
    static final List<String> HOST_FILES = List.of("/", "/var", "/etc/passwd", "/etc/group", "/var/lib/dpkg/status",
            "/var/lib/dpkg/arch", "/tmp/.X11-unix");

    private SavedRun() {}

    /**
     * What a plan is about to be computed from, read before computing it: a change after
     * this point makes the saved plan stale rather than wrong.
     */
    public record Inputs(Map<Path, String> files, Map<Path, List<String>> sessionPaths, Map<String, Optional<String>> variables,
                         Path launcher, String helper) {
        public static Inputs capture(Map<String, String> environment, Path launcher, Path jar, Path helper) {
            Map<Path, String> files = new LinkedHashMap<>();
            for (String file : HOST_FILES) {
                files.put(Path.of(file), stamp(Path.of(file)));
            }
            files.put(launcher, stamp(launcher));
            files.put(jar, stamp(jar));
            Map<Path, List<String>> session = new LinkedHashMap<>();
            DesktopSession.namedPaths(environment).keySet().forEach(path -> session.put(path, realPathAndKind(path)));
            Map<String, Optional<String>> variables = new LinkedHashMap<>();
            VARIABLES.forEach(name -> variables.put(name, Optional.ofNullable(environment.get(name))));
            return new Inputs(files, session, variables, launcher, stamp(helper));
        }
    }

    /** "DEV:INO:SIZE:MTIME_NS:CTIME_NS" of what PATH names (links followed), or "-" if nothing. */
    static String stamp(Path path) {
        try {
            Map<String, Object> a = Files.readAttributes(path, "unix:dev,ino,size,lastModifiedTime,ctime");
            return a.get("dev") + ":" + a.get("ino") + ":" + a.get("size") + ":"
                    + ((FileTime) a.get("lastModifiedTime")).to(TimeUnit.NANOSECONDS) + ":"
                    + ((FileTime) a.get("ctime")).to(TimeUnit.NANOSECONDS);
        } catch (IOException e) {
            return "-";
        }
    }

    /** The two fields of a {@code real} record, as {@link DesktopSession#existing} sees the path. */
    private static List<String> realPathAndKind(Path path) {
        try {
            Path real = path.toRealPath();
            BasicFileAttributes attributes = Files.readAttributes(real, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            String kind = attributes.isRegularFile() ? "f" : attributes.isDirectory() ? "d" : "o";
            return List.of(real.toString(), kind);
        } catch (IOException e) {
            return List.of("", "-");
        }
    }

    /** The file's bytes: the plan's helper arguments (the program's own arguments left out). */
    static byte[] encode(Inputs inputs, Path home, Map<String, String> added, SandboxPlan plan) {
        List<String> fields = new ArrayList<>(List.of(MAGIC));
        inputs.files().forEach((path, stamp) -> fields.addAll(List.of("file", path.toString(), stamp)));
        inputs.sessionPaths().forEach((path, real) -> {
            fields.addAll(List.of("real", path.toString()));
            fields.addAll(real);
        });
        inputs.variables().forEach((name, value) -> {
            if (value.isPresent()) {
                fields.addAll(List.of("env", name, value.get()));
            } else {
                fields.addAll(List.of("unset", name));
            }
        });
        added.forEach((name, value) -> fields.addAll(List.of("set", name, value)));
        fields.addAll(List.of("launcher", inputs.launcher().toString(), "helper", inputs.helper(), "home", home.toString()));
        List<String> args = plan.helperArguments();
        fields.add("args");
        fields.add(Integer.toString(args.size()));
        fields.addAll(args);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String field : fields) {
            if (field.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("a saved run field cannot hold a NUL byte");
            }
            out.writeBytes(field.getBytes(StandardCharsets.UTF_8));
            out.write(0);
        }
        return out.toByteArray();
    }

    /**
     * Saves the plan as FILE (mode 0600), replacing any earlier one atomically. A plan that
     * cannot be saved is not an error: the next run computes it again.
     */
    public static void save(Path file, Inputs inputs, Path home, Map<String, String> added, SandboxPlan plan) {
        try {
            AtomicFile.write(file, encode(inputs, home, added, plan), "rw-------");
        } catch (IOException e) {
            // not saved: the next run plans again
        }
    }
}
