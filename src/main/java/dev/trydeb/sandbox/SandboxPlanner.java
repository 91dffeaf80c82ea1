package dev.trydeb.sandbox;

import dev.trydeb.core.GuestPath;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Builds the mount plan of a sandbox from the host's top level, the environment's layers
 * and the mode. Install mode: namespaced root (its mounts locked by the helper), no network
 * unless asked, private /run, no real home (an empty /home),
 * no other host directory and only the basic devices, writes into the transaction's new layer. Run mode: the user's own uid without
 * capabilities, the real home and /run, writes into the environment's runtime layer. In
 * both, /tmp is private and the trydeb store is hidden.
 */
public final class SandboxPlanner {
    /** Top-level directories every sandbox overlays, whether or not a package touches them. */
    static final Set<String> ALWAYS_OVERLAID = Set.of("usr", "etc", "var", "opt", "srv");
    /** Top-level directories that are never overlaid: kernel file systems and private scratch space. */
    static final Set<String> NEVER_OVERLAID = Set.of("proc", "sys", "dev", "run", "tmp", "home", "root", "lost+found");

    /**
     * The top-level directory every sandbox overlays that holds {@code path}, if any: a store
     * there cannot work, since overlayfs refuses an upper directory inside a lower one (ELOOP).
     */
    public static Optional<String> overlaidTopLevelOf(Path path) {
        return path.getNameCount() > 0 && ALWAYS_OVERLAID.contains(path.getName(0).toString())
                ? Optional.of("/" + path.getName(0)) : Optional.empty();
    }

    private final HostRoot host;
    private final Path storeRoot;
    private final Path emptyDir;

    public SandboxPlanner(HostRoot host, Path storeRoot, Path emptyDir) {
        this.host = host;
        this.storeRoot = storeRoot;
        this.emptyDir = emptyDir;
    }

    /** The top-level directories mounted as overlays for these layers plus {@code touched}. */
    public Set<String> overlaidTopLevels(LayerStack layers, Set<String> touched) {
        Set<String> tops = new TreeSet<>(ALWAYS_OVERLAID);
        tops.addAll(layers.topLevelDirectories());
        tops.addAll(touched);
        tops.removeAll(NEVER_OVERLAID);
        // A host symlink such as /lib -> usr/lib stays a symlink: dpkg writes through it.
        tops.removeIf(top -> host.entry(top).map(e -> e.kind() == HostRoot.Kind.SYMLINK).orElse(false));
        return tops;
    }

    /**
     * @param network whether maintainer scripts reach the host's network; without it (the
     *     default: everything is downloaded before) they have a loopback interface of their own
     */
    public SandboxPlan install(LayerStack layers, WritableLayer target, Set<String> touchedTopLevels,
                               List<MountOp> extraOperations, UidMapping mapping, Path mountPoint, boolean network,
                               List<String> command, Map<String, String> environment) {
        List<MountOp> ops = topLevel(layers, target, touchedTopLevels, false, false);
        ops.addAll(extraOperations);
        ops.add(new MountOp.Tmpfs(guest(storeRoot), 0755));
        return SandboxPlan.builder(mapping, mountPoint, command).operations(ops).network(network)
                .environment(environment).build();
    }

    public SandboxPlan run(RunPlanRequest request) {
        List<MountOp> ops = topLevel(request.layers(), request.writable(), Set.of(), true, request.shareIpc());
        for (GuestPath dir : request.untouchedHostDirectories()) {
            ops.add(new MountOp.HostDirectory(host.path().resolve(dir.relative()), dir));
        }
        HomeView home = request.home();
        GuestPath guestHome = guest(home.home());
        if (home instanceof HomeView.Private cow) {
            ops.add(new MountOp.Overlay(List.of(cow.home()), cow.upper(), cow.layerWork(), guestHome));
        } else if (home instanceof HomeView.Empty) {
            ops.add(new MountOp.Dir(guestHome, 0700));
        } else {
            ops.add(new MountOp.Bind(home.home(), guestHome, false));
        }
        if (!(home instanceof HomeView.Empty && storeRoot.startsWith(home.home()))) {
            ops.add(new MountOp.Tmpfs(guest(storeRoot), 0755));
        }
        ops.addAll(SessionBinds.missing(ops, host.path(), storeRoot, request.session()));
        return SandboxPlan.builder(new UidMapping.CurrentUser(), request.mountPoint(), request.command()).operations(ops)
                .sharedLock(Optional.of(request.lockFile())).network(request.network()).shareIpc(request.shareIpc())
                .workingDirectory(request.workingDirectory()).dropCapabilities(true).removeAfter(request.removeAfter())
                .environment(request.environment()).build();
    }

    /** @param shareIpc whether a run shares the caller's IPC, POSIX shared memory (/dev/shm) included */
    private List<MountOp> topLevel(LayerStack layers, WritableLayer writable, Set<String> touched, boolean runMode,
                                   boolean shareIpc) {
        Set<String> overlaid = overlaidTopLevels(layers, touched);
        Set<String> names = new TreeSet<>(overlaid);
        host.entries().forEach(e -> names.add(e.name()));
        List<MountOp> ops = new ArrayList<>();
        for (String name : names) {
            GuestPath dest = GuestPath.ROOT.resolve(name);
            Path hostPath = host.resolve(name);
            Optional<HostRoot.Entry> entry = host.entry(name);
            if (overlaid.contains(name)) {
                List<Path> lowers = new ArrayList<>(layers.lowersFor(name));
                lowers.add(host.isDirectory(name) ? hostPath : emptyDir);
                ops.add(new MountOp.Overlay(lowers, writable.upperFor(name), writable.workFor(name), dest));
                if (name.equals("var")) {
                    ops.addAll(scratch(dest));
                }
                continue;
            }
            HostRoot.Entry e = entry.orElseThrow();
            if (e.kind() == HostRoot.Kind.SYMLINK) {
                ops.add(new MountOp.Symlink(e.linkTarget(), dest));
                continue;
            }
            if (e.kind() != HostRoot.Kind.DIRECTORY) {
                continue;
            }
            switch (name) {
                case "proc" -> ops.add(new MountOp.Proc(dest));
                case "dev" -> ops.addAll(runMode ? hostDevices(hostPath, dest, shareIpc) : minimalDevices(dest));
                case "tmp" -> {
                    ops.add(new MountOp.Tmpfs(dest, 01777));
                    Path x11 = hostPath.resolve(".X11-unix");
                    if (runMode && x11.toFile().isDirectory()) {
                        ops.add(new MountOp.Bind(x11, dest.resolve(".X11-unix"), false));
                    }
                }
                case "run" -> ops.add(runMode ? new MountOp.Bind(hostPath, dest, false) : new MountOp.Tmpfs(dest, 0755));
                case "home" -> ops.add(new MountOp.Tmpfs(dest, 0755));
                case "root" -> ops.add(new MountOp.Tmpfs(dest, 0700));
                case "lost+found" -> { }
                // Maintainer scripts run as root inside, which is the user outside: any host
                // directory shown to them could lose the user's files, or their cgroups in /sys.
                default -> ops.add(runMode ? new MountOp.Bind(hostPath, dest, false) : new MountOp.Dir(dest, e.mode()));
            }
        }
        return ops;
    }

    /**
     * /var/tmp (and any directory under /var that anyone may write to) is private to each
     * sandbox, as /tmp is: the kernel refuses a non-root mounter the copy-up of a root-owned
     * world-writable directory (EOVERFLOW), and scratch files belong in no layer.
     */
    private List<MountOp> scratch(GuestPath var) {
        return host.varScratch().stream().<MountOp>map(e -> new MountOp.Tmpfs(var.resolve(e.name()), e.mode())).toList();
    }

    /**
     * The host's /dev, its /dev/shm included when the run shares the caller's IPC: POSIX shared
     * memory is IPC as System V's is (PulseAudio's shm transport, Chromium). A tmpfs over the
     * host's would be a second mount there (the host's cannot be unmounted: it came locked with
     * /dev), and scripts that ask findmnt about /dev/shm get two answers (Chromium's launcher).
     */
    private static List<MountOp> hostDevices(Path hostDev, GuestPath dest, boolean shareIpc) {
        MountOp dev = new MountOp.Bind(hostDev, dest, false);
        return shareIpc ? List.of(dev) : List.of(dev, new MountOp.Tmpfs(dest.resolve("shm"), 01777));
    }

    /** What dpkg and maintainer scripts need of /dev, and none of the user's devices or terminals. */
    private List<MountOp> minimalDevices(GuestPath dest) {
        List<MountOp> ops = new ArrayList<>();
        ops.add(new MountOp.Tmpfs(dest, 0755));
        for (String node : List.of("null", "zero", "full", "random", "urandom", "tty")) {
            ops.add(new MountOp.Bind(host.resolve("dev").resolve(node), dest.resolve(node), false));
        }
        ops.add(new MountOp.Symlink("/proc/self/fd", dest.resolve("fd")));
        ops.add(new MountOp.Symlink("/proc/self/fd/0", dest.resolve("stdin")));
        ops.add(new MountOp.Symlink("/proc/self/fd/1", dest.resolve("stdout")));
        ops.add(new MountOp.Symlink("/proc/self/fd/2", dest.resolve("stderr")));
        ops.add(new MountOp.Tmpfs(dest.resolve("shm"), 01777));
        return ops;
    }

    /** A host path under the host root, as the same path inside the sandbox. */
    private GuestPath guest(Path hostPath) {
        Path relative = host.path().relativize(hostPath.toAbsolutePath().normalize());
        return relative.toString().isEmpty() ? GuestPath.ROOT : GuestPath.of("/" + relative);
    }
}
