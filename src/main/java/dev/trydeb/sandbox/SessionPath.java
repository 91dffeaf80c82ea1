package dev.trydeb.sandbox;

import java.nio.file.Path;

/**
 * A socket, file or directory of the caller's desktop session that a program must reach at
 * the same path inside the sandbox, as the environment variable {@code variable} names it.
 * {@code hostPath} has no symbolic links (the sandbox shows some host directories as links).
 */
public record SessionPath(Path hostPath, Kind kind, String variable) {
    public enum Kind {
        /** Read through overlays as well as binds; shown read-only when bound. */
        FILE,
        /** A unix socket: connect() does not pass through overlayfs, only through binds. */
        SOCKET,
        /** A directory of sockets, such as XDG_RUNTIME_DIR. */
        DIRECTORY
    }

    public SessionPath {
        if (!hostPath.isAbsolute()) {
            throw new IllegalArgumentException("session path must be absolute: " + hostPath);
        }
    }
}
