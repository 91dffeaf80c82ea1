package dev.trydeb.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The sockets and files of the caller's desktop session that its environment variables
 * name: the X authority file, XDG_RUNTIME_DIR, the Wayland, PulseAudio and PipeWire sockets
 * and the D-Bus session bus. Programs find them through the same variables inside, so the
 * sandbox must show each at the same path ({@link SessionBinds} binds those it would hide).
 * The X11 sockets in /tmp/.X11-unix are shown by the planner itself.
 */
public final class DesktopSession {
    private DesktopSession() {}

    /** The paths the variables name, whether or not they exist, with the variable naming each. */
    public static Map<Path, String> namedPaths(Map<String, String> env) {
        Map<Path, String> paths = new LinkedHashMap<>();
        if (env.containsKey("XAUTHORITY")) {
            absolute(env.get("XAUTHORITY")).ifPresent(p -> paths.put(p, "XAUTHORITY"));
        } else if (env.containsKey("DISPLAY")) {
            // Xlib's default, which an empty home (--no-home) would hide.
            absolute(env.get("HOME")).ifPresent(home -> paths.put(home.resolve(".Xauthority"), "XAUTHORITY"));
        }
        Optional<Path> runtime = absolute(env.get("XDG_RUNTIME_DIR"));
        runtime.ifPresent(p -> paths.put(p, "XDG_RUNTIME_DIR"));
        // Both are a socket name in XDG_RUNTIME_DIR or an absolute path.
        for (String variable : List.of("WAYLAND_DISPLAY", "PIPEWIRE_REMOTE")) {
            inRuntimeDir(env.get(variable), runtime).ifPresent(p -> paths.putIfAbsent(p, variable));
        }
        for (String server : words(env.get("PULSE_SERVER"))) {
            pulseSocket(server).ifPresent(p -> paths.putIfAbsent(p, "PULSE_SERVER"));
        }
        for (DbusAddress address : DbusAddress.parseAll(env.getOrDefault("DBUS_SESSION_BUS_ADDRESS", ""))) {
            address.socketPath().ifPresent(p -> paths.putIfAbsent(p, "DBUS_SESSION_BUS_ADDRESS"));
        }
        return paths;
    }

    /** The named paths that exist, symbolic links resolved, with their kind. */
    public static List<SessionPath> existing(Map<String, String> env) {
        List<SessionPath> found = new ArrayList<>();
        namedPaths(env).forEach((path, variable) -> kindOf(path, variable).ifPresent(found::add));
        return found;
    }

    /**
     * What --no-network cuts off, as sentences: a D-Bus session bus with no unix:path=
     * address (an abstract socket or TCP), and an X display reached over TCP. Abstract unix
     * sockets belong to the network namespace, so a new one cannot see the host's.
     */
    public static List<String> lostWithoutNetwork(Map<String, String> env) {
        List<String> lost = new ArrayList<>();
        String bus = env.getOrDefault("DBUS_SESSION_BUS_ADDRESS", "");
        List<DbusAddress> addresses = DbusAddress.parseAll(bus);
        if (!addresses.isEmpty() && addresses.stream().allMatch(a -> a.socketPath().isEmpty())) {
            lost.add("the D-Bus session bus " + bus + " is an abstract socket or a TCP address, which --no-network"
                    + " cuts off; programs that need the bus will fail");
        }
        String display = env.getOrDefault("DISPLAY", "");
        int colon = display.lastIndexOf(':');
        if (colon > 0 && !display.startsWith("unix:") && !display.startsWith("/")) {
            lost.add("the X display " + display + " is a network connection, which --no-network cuts off;"
                    + " graphical programs will not start");
        }
        return lost;
    }

    private static Optional<SessionPath> kindOf(Path path, String variable) {
        try {
            Path real = path.toRealPath();
            BasicFileAttributes attributes = Files.readAttributes(real, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            SessionPath.Kind kind = attributes.isRegularFile() ? SessionPath.Kind.FILE
                    : attributes.isDirectory() ? SessionPath.Kind.DIRECTORY
                    : attributes.isOther() ? SessionPath.Kind.SOCKET : null;
            return Optional.ofNullable(kind).map(k -> new SessionPath(real, k, variable));
        } catch (IOException e) {
            return Optional.empty(); // absent or unreadable: nothing to show
        }
    }

    private static Optional<Path> inRuntimeDir(String value, Optional<Path> runtime) {
        if (value == null || value.isEmpty()) {
            return Optional.empty();
        }
        if (value.startsWith("/")) {
            return absolute(value);
        }
        return value.contains("/") ? Optional.empty() : runtime.map(dir -> dir.resolve(value));
    }

    /** One PULSE_SERVER entry: "[{machine-id}]unix:/path", "/path", or a network server (nothing). */
    private static Optional<Path> pulseSocket(String server) {
        String s = server.startsWith("{") && server.indexOf('}') > 0 ? server.substring(server.indexOf('}') + 1) : server;
        if (s.startsWith("unix:")) {
            s = s.substring("unix:".length());
        }
        return s.startsWith("/") ? absolute(s) : Optional.empty();
    }

    private static List<String> words(String value) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        return List.of(value.trim().split("\\s+"));
    }

    private static Optional<Path> absolute(String value) {
        if (value == null || !value.startsWith("/") || value.indexOf('\0') >= 0) {
            return Optional.empty();
        }
        return Optional.of(Path.of(value).normalize());
    }
}
