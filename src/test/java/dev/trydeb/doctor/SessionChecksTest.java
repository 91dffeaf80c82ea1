package dev.trydeb.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionChecksTest {
    @TempDir
    Path root;

    private Finding check(String variable, Map<String, String> env) {
        return new SessionChecks(root, env).all().stream().filter(f -> f.check().equals(variable)).findFirst().orElseThrow();
    }

    private Path touch(String relative) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "");
        return file;
    }

    @Test
    void all_nothingSet_everyLineOk() {
        new SessionChecks(root, Map.of()).all().forEach(f -> assertEquals(Finding.Status.OK, f.status(), f.toString()));
        assertEquals(6, new SessionChecks(root, Map.of()).all().size());
    }

    @Test
    void display_localWithItsSocket_ok() throws IOException {
        touch("tmp/.X11-unix/X3");
        Finding f = check("DISPLAY", Map.of("DISPLAY", ":3.0"));
        assertEquals(Finding.Status.OK, f.status());
        assertTrue(f.detail().contains("/tmp/.X11-unix/X3"), f.detail());
    }

    @Test
    void display_localWithoutSocket_warning() {
        Finding f = check("DISPLAY", Map.of("DISPLAY", ":7"));
        assertEquals(Finding.Status.WARNING, f.status());
        assertTrue(f.fix().isPresent());
    }

    @Test
    void display_overTheNetwork_okWithTheNetworkCaveat() {
        Finding f = check("DISPLAY", Map.of("DISPLAY", "localhost:10.0"));
        assertEquals(Finding.Status.OK, f.status());
        assertTrue(f.detail().contains("--no-network"), f.detail());
    }

    @Test
    void xauthority_setButMissing_warning() {
        Finding f = check("XAUTHORITY", Map.of("DISPLAY", ":0", "XAUTHORITY", root.resolve("missing").toString()));
        assertEquals(Finding.Status.WARNING, f.status());
    }

    @Test
    void xauthority_unsetUsesTheHomesFile() throws IOException {
        touch("home/alice/.Xauthority");
        Finding f = check("XAUTHORITY", Map.of("DISPLAY", ":0", "HOME", root.resolve("home/alice").toString()));
        assertEquals(Finding.Status.OK, f.status());
        assertTrue(f.detail().contains("Xlib reads " + root.resolve("home/alice/.Xauthority")), f.detail());
    }

    @Test
    void waylandDisplay_socketInTheRuntimeDir_ok() throws IOException {
        Path socket = touch("run/user/1000/wayland-0");
        Finding f = check("WAYLAND_DISPLAY", Map.of("WAYLAND_DISPLAY", "wayland-0",
                "XDG_RUNTIME_DIR", root.resolve("run/user/1000").toString()));
        assertEquals(Finding.Status.OK, f.status());
        assertTrue(f.detail().endsWith(socket.toString()), f.detail());
    }

    @Test
    void waylandDisplay_missingSocketOrNoRuntimeDir_warning() throws IOException {
        Files.createDirectories(root.resolve("run/user/1000"));
        assertEquals(Finding.Status.WARNING, check("WAYLAND_DISPLAY", Map.of("WAYLAND_DISPLAY", "wayland-1",
                "XDG_RUNTIME_DIR", root.resolve("run/user/1000").toString())).status());
        assertEquals(Finding.Status.WARNING, check("WAYLAND_DISPLAY", Map.of("WAYLAND_DISPLAY", "wayland-1")).status());
    }

    @Test
    void runtimeDir_notADirectory_warning() throws IOException {
        Path file = touch("run/user/1000");
        assertEquals(Finding.Status.WARNING, check("XDG_RUNTIME_DIR", Map.of("XDG_RUNTIME_DIR", file.toString())).status());
    }

    @Test
    void sessionBus_pathSocket_okOrWarning() throws IOException {
        Path socket = touch("tmp/dbus-abc");
        assertEquals(Finding.Status.OK, check("DBUS_SESSION_BUS_ADDRESS",
                Map.of("DBUS_SESSION_BUS_ADDRESS", "unix:path=" + socket + ",guid=1")).status());
        assertEquals(Finding.Status.WARNING, check("DBUS_SESSION_BUS_ADDRESS",
                Map.of("DBUS_SESSION_BUS_ADDRESS", "unix:path=" + root.resolve("gone"))).status());
    }

    @Test
    void sessionBus_abstract_okWithTheNetworkCaveat() {
        Finding f = check("DBUS_SESSION_BUS_ADDRESS", Map.of("DBUS_SESSION_BUS_ADDRESS", "unix:abstract=/tmp/dbus-x"));
        assertEquals(Finding.Status.OK, f.status());
        assertTrue(f.detail().contains("--no-network"), f.detail());
    }

    @Test
    void pulseServer_unsetUsesTheRuntimeDirsSocket() throws IOException {
        Path socket = touch("run/user/1000/pulse/native");
        Finding f = check("PULSE_SERVER", Map.of("XDG_RUNTIME_DIR", root.resolve("run/user/1000").toString()));
        assertEquals(Finding.Status.OK, f.status());
        assertTrue(f.detail().contains("a run uses the sound server's socket " + socket), f.detail());
    }

    @Test
    void pulseServer_setToAMissingSocket_warning() {
        assertEquals(Finding.Status.WARNING, check("PULSE_SERVER",
                Map.of("PULSE_SERVER", "unix:" + root.resolve("pulse/native"))).status());
    }
}
