package dev.trydeb.doctor;

import dev.trydeb.sandbox.DesktopSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a graphical program started with {@code trydeb run} will find of the caller's desktop
 * session: the variables it inherits and whether the sockets and files they name exist
 * (trydeb shows each at its own path inside, {@link DesktopSession}). A variable that is not
 * set is no fault: programs then do without that service.
 */
public final class SessionChecks {
    /** ":0", ":0.1", "unix:0": a local X server, whose socket is /tmp/.X11-unix/X0. */
    private static final Pattern LOCAL_DISPLAY = Pattern.compile("^(?:unix)?:(\\d+)(?:\\.\\d+)?$");
    private static final String FROM_SESSION = "run trydeb from a terminal of your desktop session, whose variables name its running servers";

    private final Path root;
    private final Map<String, String> env;
    private final Map<Path, String> named;

    public SessionChecks(Path root, Map<String, String> env) {
        this.root = root;
        this.env = env;
        this.named = DesktopSession.namedPaths(env);
    }

    public List<Finding> all() {
        return List.of(display(), xauthority(), waylandDisplay(), runtimeDir(), sessionBus(), pulseServer());
    }

    Finding display() {
        String value = env.get("DISPLAY");
        if (value == null || value.isEmpty()) {
            return Finding.ok("DISPLAY", "not set: X11 programs will not open windows");
        }
        Matcher local = LOCAL_DISPLAY.matcher(value);
        if (!local.matches()) {
            return Finding.ok("DISPLAY", value + ": an X server over the network, reachable inside unless --no-network");
        }
        Path socket = root.resolve("tmp/.X11-unix/X" + local.group(1));
        return Files.exists(socket)
                ? Finding.ok("DISPLAY", value + ": a run uses the X server socket /tmp/.X11-unix/X" + local.group(1))
                : Finding.warning("DISPLAY", value + ": no X server socket /tmp/.X11-unix/X" + local.group(1)
                        + ", so X11 programs will not open windows", FROM_SESSION);
    }

    Finding xauthority() {
        Optional<Path> file = pathOf("XAUTHORITY");
        if (file.isEmpty()) {
            return Finding.ok("XAUTHORITY", env.containsKey("XAUTHORITY") ? "set to a relative path, which X clients ignore"
                    : "not set" + (env.containsKey("DISPLAY") ? " and HOME not absolute" : ""));
        }
        String what = env.containsKey("XAUTHORITY") ? file.get().toString() : "not set: Xlib reads " + file.get();
        if (Files.isReadable(file.get())) {
            return Finding.ok("XAUTHORITY", what + ": shown read-only inside, even with --no-home");
        }
        return env.containsKey("XAUTHORITY")
                ? Finding.warning("XAUTHORITY", what + " does not exist or is unreadable: X servers that ask for a"
                        + " cookie will refuse the programs", FROM_SESSION)
                : Finding.ok("XAUTHORITY", what + ", which does not exist: only X servers that ask for no cookie"
                        + " will accept the programs");
    }

    Finding waylandDisplay() {
        String value = env.get("WAYLAND_DISPLAY");
        if (value == null || value.isEmpty()) {
            return Finding.ok("WAYLAND_DISPLAY", "not set: programs use X11, if anything");
        }
        Optional<Path> socket = pathOf("WAYLAND_DISPLAY");
        if (socket.isEmpty()) {
            return Finding.warning("WAYLAND_DISPLAY", value + " names a socket in XDG_RUNTIME_DIR, which is not set",
                    FROM_SESSION);
        }
        return socketFinding("WAYLAND_DISPLAY", value, socket.get(), "the Wayland compositor's socket");
    }

    Finding runtimeDir() {
        Optional<Path> dir = pathOf("XDG_RUNTIME_DIR");
        if (dir.isEmpty()) {
            return Finding.ok("XDG_RUNTIME_DIR", "not set: programs find no Wayland, PulseAudio or PipeWire socket there");
        }
        return Files.isDirectory(dir.get())
                ? Finding.ok("XDG_RUNTIME_DIR", dir.get() + ": shown at its path inside")
                : Finding.warning("XDG_RUNTIME_DIR", dir.get() + " is not a directory", FROM_SESSION);
    }

    Finding sessionBus() {
        String value = env.get("DBUS_SESSION_BUS_ADDRESS");
        if (value == null || value.isEmpty()) {
            return Finding.ok("DBUS_SESSION_BUS_ADDRESS", "not set: programs that need a session bus start without"
                    + " one (or fail)");
        }
        Optional<Path> socket = pathOf("DBUS_SESSION_BUS_ADDRESS");
        if (socket.isEmpty()) {
            return Finding.ok("DBUS_SESSION_BUS_ADDRESS", value + ": an abstract socket or a network address, reachable"
                    + " inside unless --no-network");
        }
        return socketFinding("DBUS_SESSION_BUS_ADDRESS", value, socket.get(), "the session bus's socket");
    }

    Finding pulseServer() {
        String value = env.get("PULSE_SERVER");
        if (value != null && !value.isBlank()) {
            Optional<Path> socket = pathOf("PULSE_SERVER");
            return socket.isEmpty()
                    ? Finding.ok("PULSE_SERVER", value + ": a network server, reachable inside unless --no-network")
                    : socketFinding("PULSE_SERVER", value, socket.get(), "the sound server's socket");
        }
        Optional<Path> runtime = pathOf("XDG_RUNTIME_DIR");
        if (runtime.isEmpty()) {
            return Finding.ok("PULSE_SERVER", "not set, nor XDG_RUNTIME_DIR: programs play no sound");
        }
        Path socket = runtime.get().resolve("pulse/native");
        return Files.exists(socket)
                ? Finding.ok("PULSE_SERVER", "not set: a run uses the sound server's socket " + socket
                        + " (PulseAudio or PipeWire's pulse server)")
                : Finding.ok("PULSE_SERVER", "not set, and no sound server at " + socket + ": programs play no sound");
    }

    private static Finding socketFinding(String variable, String value, Path socket, String what) {
        return Files.exists(socket)
                ? Finding.ok(variable, value + ": a run uses " + what + " " + socket)
                : Finding.warning(variable, value + ": " + socket + " does not exist", FROM_SESSION);
    }

    /** The path the variable names, as DesktopSession resolves it for the sandbox. */
    private Optional<Path> pathOf(String variable) {
        return named.entrySet().stream().filter(e -> e.getValue().equals(variable)).map(Map.Entry::getKey).findFirst();
    }
}
