package dev.trydeb.sandbox;

import dev.trydeb.core.GuestPath;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The binds a run sandbox needs so that every path of the desktop session is reachable at
 * the same path: those the plan's mounts would hide (the private /tmp, an empty home, a
 * home other than the caller's) and sockets behind an overlay.
 */
final class SessionBinds {
    private SessionBinds() {}

    /**
     * Binds, to append after {@code ops}, for the session paths {@code ops} do not show as they
     * are on the host. Nothing inside the trydeb store is ever shown.
     */
    static List<MountOp> missing(List<MountOp> ops, Path hostRoot, Path storeRoot, List<SessionPath> session) {
        List<MountOp> all = new ArrayList<>(ops);
        List<MountOp> binds = new ArrayList<>();
        // Parents first: a socket inside a directory bound here (XDG_RUNTIME_DIR) needs no bind of its own.
        List<SessionPath> sorted = new ArrayList<>(session);
        sorted.sort(Comparator.comparing(SessionPath::hostPath));
        for (SessionPath path : sorted) {
            Path host = path.hostPath();
            if (!host.startsWith(hostRoot) || host.startsWith(storeRoot) || shows(all, hostRoot, path)) {
                continue;
            }
            MountOp bind = new MountOp.Bind(host, guest(hostRoot, host), path.kind() == SessionPath.Kind.FILE);
            binds.add(bind);
            all.add(bind);
        }
        return binds;
    }

    /** Whether the mount that ends up covering the path shows the host's own file there. */
    static boolean shows(List<MountOp> ops, Path hostRoot, SessionPath path) {
        GuestPath guest = guest(hostRoot, path.hostPath());
        Optional<MountOp> covering = Optional.empty();
        for (MountOp op : ops) {
            if (guest.startsWith(op.dest())) {
                covering = Optional.of(op);
            }
        }
        if (covering.isEmpty()) {
            return false;
        }
        MountOp op = covering.get();
        Path hostOfDest = hostRoot.resolve(op.dest().relative());
        if (op instanceof MountOp.Bind bind) {
            return bind.source().equals(hostOfDest);
        }
        if (op instanceof MountOp.HostDirectory) {
            return true;
        }
        if (op instanceof MountOp.Overlay overlay) {
            // connect() on a socket reached through overlayfs is refused (ECONNREFUSED).
            return path.kind() == SessionPath.Kind.FILE
                    && overlay.lowers().get(overlay.lowers().size() - 1).equals(hostOfDest);
        }
        return false;
    }

    private static GuestPath guest(Path hostRoot, Path host) {
        String relative = hostRoot.relativize(host).toString();
        return relative.isEmpty() ? GuestPath.ROOT : GuestPath.of("/" + relative);
    }
}
