package dev.trydeb.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DesktopSessionTest {
    @TempDir
    Path tmp;

    @Test
    void namedPaths_everyDesktopVariable_pathAndVariable() {
        Map<String, String> env = Map.of(
                "XAUTHORITY", "/tmp/xauth_AbC",
                "XDG_RUNTIME_DIR", "/run/user/1000",
                "WAYLAND_DISPLAY", "wayland-0",
                "PIPEWIRE_REMOTE", "/tmp/pw-sock",
                "PULSE_SERVER", "{0123abcd}unix:/tmp/pulse/native tcp:localhost:4713",
                "DBUS_SESSION_BUS_ADDRESS", "unix:abstract=/tmp/dbus-x,guid=1;unix:path=/tmp/dbus-%41BC,guid=1");
        Map<Path, String> expected = new LinkedHashMap<>();
        expected.put(Path.of("/tmp/xauth_AbC"), "XAUTHORITY");
        expected.put(Path.of("/run/user/1000"), "XDG_RUNTIME_DIR");
        expected.put(Path.of("/run/user/1000/wayland-0"), "WAYLAND_DISPLAY");
        expected.put(Path.of("/tmp/pw-sock"), "PIPEWIRE_REMOTE");
        expected.put(Path.of("/tmp/pulse/native"), "PULSE_SERVER");
        expected.put(Path.of("/tmp/dbus-ABC"), "DBUS_SESSION_BUS_ADDRESS");
        assertEquals(expected, DesktopSession.namedPaths(env));
    }

    @Test
    void namedPaths_displayWithoutXauthority_theHomesXauthority() {
        assertEquals(Map.of(Path.of("/home/u/.Xauthority"), "XAUTHORITY"),
                DesktopSession.namedPaths(Map.of("DISPLAY", ":0", "HOME", "/home/u")));
        assertEquals(Map.of(), DesktopSession.namedPaths(Map.of("HOME", "/home/u")));
    }

    @Test
    void namedPaths_relativeOrMissingValues_ignored() {
        assertEquals(Map.of(), DesktopSession.namedPaths(Map.of("XAUTHORITY", ".Xauthority", "WAYLAND_DISPLAY", "wayland-0",
                "PULSE_SERVER", "tcp:host", "DBUS_SESSION_BUS_ADDRESS", "tcp:host=localhost,port=1")));
        assertEquals(Map.of(), DesktopSession.namedPaths(Map.of("WAYLAND_DISPLAY", "sub/dir",
                "XDG_RUNTIME_DIR", "relative")));
    }

    @Test
    void existing_kindsFromTheFileSystem_symlinksResolved() throws IOException {
        Path file = Files.writeString(tmp.resolve("Xauthority"), "cookie");
        Path runtime = Files.createDirectory(tmp.resolve("runtime"));
        Path socket = runtime.resolve("wayland-1");
        try (ServerSocketChannel server = ServerSocketChannel.open(java.net.StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));
            Path link = Files.createSymbolicLink(tmp.resolve("xauth-link"), file);
            List<SessionPath> found = DesktopSession.existing(Map.of("XAUTHORITY", link.toString(),
                    "XDG_RUNTIME_DIR", runtime.toString(), "WAYLAND_DISPLAY", "wayland-1",
                    "PULSE_SERVER", tmp.resolve("absent").toString()));
            assertEquals(List.of(
                    new SessionPath(file.toRealPath(), SessionPath.Kind.FILE, "XAUTHORITY"),
                    new SessionPath(runtime.toRealPath(), SessionPath.Kind.DIRECTORY, "XDG_RUNTIME_DIR"),
                    new SessionPath(socket.toRealPath(), SessionPath.Kind.SOCKET, "WAYLAND_DISPLAY")), found);
        }
    }

    @Test
    void lostWithoutNetwork_abstractBusAndTcpDisplay_named() {
        List<String> lost = DesktopSession.lostWithoutNetwork(Map.of(
                "DBUS_SESSION_BUS_ADDRESS", "unix:abstract=/tmp/dbus-q,guid=2", "DISPLAY", "localhost:10.0"));
        assertEquals(2, lost.size());
        assertTrue(lost.get(0).contains("unix:abstract=/tmp/dbus-q"), lost.get(0));
        assertTrue(lost.get(1).contains("localhost:10.0"), lost.get(1));
    }

    @Test
    void lostWithoutNetwork_pathBusAndLocalDisplay_nothing() {
        assertEquals(List.of(), DesktopSession.lostWithoutNetwork(Map.of(
                "DBUS_SESSION_BUS_ADDRESS", "unix:abstract=/tmp/a;unix:path=/run/user/1/bus", "DISPLAY", ":0")));
        assertEquals(List.of(), DesktopSession.lostWithoutNetwork(Map.of("DISPLAY", "unix:0")));
        assertEquals(List.of(), DesktopSession.lostWithoutNetwork(Map.of()));
    }
}
