package dev.trydeb.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trydeb.core.GuestPath;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.AbstractMap;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SavedRunTest {
    @TempDir
    Path tmp;

    private final SandboxPlan plan = SandboxPlan.builder(new UidMapping.CurrentUser(), Path.of("/store/envs/default/root"),
                    List.of("/usr/bin/hello"))
            .operations(List.of(new MountOp.Tmpfs(GuestPath.of("/tmp"), 01777)))
            .sharedLock(Optional.of(Path.of("/store/envs/default/lock"))).network(true).shareIpc(true)
            .workingDirectory(GuestPath.of("/home/ada")).dropCapabilities(true).environment(Map.of("A", "1")).build();

    @Test
    void stamp_existingFile_isDeviceInodeSizeAndBothTimesInNanoseconds() throws Exception {
        Path file = Files.writeString(tmp.resolve("status"), "abc");

        String[] parts = SavedRun.stamp(file).split(":");

        assertEquals(5, parts.length);
        assertEquals("3", parts[2]);
        Arrays.stream(parts).forEach(Long::parseLong);
    }

    @Test
    void stamp_fileRewritten_changes() throws Exception {
        Path file = Files.writeString(tmp.resolve("status"), "abc");
        String before = SavedRun.stamp(file);

        Files.writeString(tmp.resolve("status.new"), "abd");
        Files.move(tmp.resolve("status.new"), file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        assertNotEquals(before, SavedRun.stamp(file));
    }

    @Test
    void stamp_missingFile_isDash() {
        assertEquals("-", SavedRun.stamp(tmp.resolve("missing")));
    }

    @Test
    void encode_recordsInOrder_argsLastWithoutTheProgramsArguments() {
        Map<Path, String> files = new LinkedHashMap<>();
        files.put(Path.of("/etc/passwd"), "1:2:3:4:5");
        files.put(Path.of("/opt/trydeb/bin/trydeb"), "-");
        Map<Path, List<String>> session = Map.of(Path.of("/run/user/1000"), List.of("/run/user/1000", "d"));
        Map<String, Optional<String>> variables = new LinkedHashMap<>();
        variables.put("HOME", Optional.of("/home/ada"));
        variables.put("DISPLAY", Optional.empty());
        SavedRun.Inputs inputs = new SavedRun.Inputs(files, session, variables, Path.of("/opt/trydeb/bin/trydeb"), "9:9:9:9:9");

        List<String> fields = fields(SavedRun.encode(inputs, Path.of("/home/ada"), Map.of("TRYDEB_ENV", "default"),
                plan));

        List<String> expected = new java.util.ArrayList<>(List.of("trydeb-run-cache 1",
                "file", "/etc/passwd", "1:2:3:4:5", "file", "/opt/trydeb/bin/trydeb", "-",
                "real", "/run/user/1000", "/run/user/1000", "d",
                "env", "HOME", "/home/ada", "unset", "DISPLAY",
                "set", "TRYDEB_ENV", "default",
                "launcher", "/opt/trydeb/bin/trydeb", "helper", "9:9:9:9:9", "home", "/home/ada",
                "args", Integer.toString(plan.helperArguments().size())));
        expected.addAll(plan.helperArguments());
        assertEquals(expected, fields);
        assertEquals("/usr/bin/hello", fields.get(fields.size() - 1));
    }

    @Test
    void encode_fieldWithNul_isRefused() {
        SavedRun.Inputs inputs = new SavedRun.Inputs(Map.of(), Map.of(), Map.of("HOME", Optional.of("/a\0b")),
                Path.of("/l"), "-");

        assertThrows(IllegalArgumentException.class, () -> SavedRun.encode(inputs, Path.of("/h"), Map.of(), plan));
    }

    @Test
    void save_writesAPrivateFileAndReplacesAnEarlierOne() throws Exception {
        Path file = tmp.resolve("envs/default/run-cache/hello");
        SavedRun.Inputs inputs = SavedRun.Inputs.capture(Map.of("HOME", "/home/ada"), tmp.resolve("launcher"),
                tmp.resolve("jar"), tmp.resolve("helper"));

        SavedRun.save(file, inputs, Path.of("/home/ada"), Map.of(), plan);
        SavedRun.save(file, inputs, Path.of("/home/ada"), Map.of(), plan.withArguments(List.of("--greeting=hi")));

        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        List<String> fields = fields(Files.readAllBytes(file));
        assertEquals("--greeting=hi", fields.get(fields.size() - 1));
        try (var left = Files.list(file.getParent())) {
            assertEquals(List.of(file), left.toList());
        }
    }

    @Test
    void capture_hostFilesLauncherAndJarStamped_sessionPathsResolved() throws Exception {
        Path launcher = Files.writeString(tmp.resolve("trydeb"), "#!/bin/sh");
        Path runtime = Files.createDirectory(tmp.resolve("runtime"));

        SavedRun.Inputs inputs = SavedRun.Inputs.capture(Map.of("HOME", "/home/ada", "XDG_RUNTIME_DIR", runtime.toString()),
                launcher, tmp.resolve("missing.jar"), launcher);

        assertTrue(inputs.files().keySet().containsAll(List.of(Path.of("/"), Path.of("/var/lib/dpkg/status"), launcher)));
        assertEquals("-", inputs.files().get(tmp.resolve("missing.jar")));
        assertEquals(SavedRun.stamp(launcher), inputs.helper());
        assertEquals(List.of(runtime.toRealPath().toString(), "d"), inputs.sessionPaths().get(runtime));
        assertEquals(Optional.of("/home/ada"), inputs.variables().get("HOME"));
        assertEquals(Optional.empty(), inputs.variables().get("DISPLAY"));
    }

    /** A variable the run plan reads but the saved plan does not compare would leave it stale unnoticed. */
    @Test
    void variables_includeEveryVariableTheSessionReads() {
        Map<String, String> env = new HashMap<>();
        for (String name : List.of("XAUTHORITY", "DISPLAY", "HOME", "XDG_RUNTIME_DIR", "WAYLAND_DISPLAY",
                "PIPEWIRE_REMOTE", "PULSE_SERVER", "DBUS_SESSION_BUS_ADDRESS")) {
            env.put(name, "/x");
        }
        Set<String> read = new TreeSet<>();
        Map<String, String> recording = new AbstractMap<>() {
            @Override
            public Set<Entry<String, String>> entrySet() {
                read.add("*");
                return env.entrySet();
            }

            @Override
            public String get(Object key) {
                read.add((String) key);
                return env.get(key);
            }

            @Override
            public boolean containsKey(Object key) {
                read.add((String) key);
                return env.containsKey(key);
            }

            @Override
            public String getOrDefault(Object key, String fallback) {
                read.add((String) key);
                return env.getOrDefault(key, fallback);
            }
        };
        DesktopSession.existing(recording);
        env.remove("XAUTHORITY");
        DesktopSession.existing(recording);

        assertTrue(SavedRun.VARIABLES.containsAll(read), "read " + read + ", compared " + SavedRun.VARIABLES);
    }

    private static List<String> fields(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        assertTrue(text.endsWith("\0"));
        return List.of(text.substring(0, text.length() - 1).split("\0", -1));
    }
}
