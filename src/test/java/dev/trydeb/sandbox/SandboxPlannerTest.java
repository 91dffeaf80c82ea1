package dev.trydeb.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trydeb.core.GuestPath;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SandboxPlannerTest {
    private static final Path STORE = Path.of("/home/u/.local/share/trydeb");
    private static final Path EMPTY = STORE.resolve("empty");
    private static final Path HOME = Path.of("/home/u");
    private static final HostRoot HOST = new HostRoot(Path.of("/"), List.of(
            link("bin", "usr/bin"), link("lib", "usr/lib"), dir("dev"), dir("etc"),
            dir("home"), dir("media"), dir("opt"), dir("proc"), dir("root"), dir("run"), dir("srv"),
            dir("sys"), dir("tmp"), dir("usr"), dir("var"), new HostRoot.Entry("vmlinuz", HostRoot.Kind.OTHER, null, 0644)));
    private static final LayerStack TWO_LAYERS = new LayerStack(List.of(
            new LayerStack.Layer(Path.of("/s/layers/1/upper"), Set.of("usr", "etc")),
            new LayerStack.Layer(Path.of("/s/layers/2/upper"), Set.of("usr", "snap"))));
    private static final WritableLayer TARGET = new WritableLayer(Path.of("/s/layers/3/upper"), Path.of("/s/layers/3/work"));

    private static final List<GuestPath> UNTOUCHED = List.of(GuestPath.of("/usr/include"), GuestPath.of("/usr/share/fonts"));

    private final SandboxPlanner planner = new SandboxPlanner(HOST, STORE, EMPTY);

    private static HostRoot.Entry dir(String name) {
        return new HostRoot.Entry(name, HostRoot.Kind.DIRECTORY, null, 0755);
    }

    private static HostRoot.Entry link(String name, String target) {
        return new HostRoot.Entry(name, HostRoot.Kind.SYMLINK, target, 0777);
    }

    private SandboxPlan install() {
        return planner.install(TWO_LAYERS, TARGET, Set.of("usr", "lib", "newtop"), List.of(),
                new UidMapping.Full(100000, 100000, 65536), Path.of("/s/root"), false, List.of("dpkg", "-i", "x"), Map.of());
    }

    private SandboxPlan run() {
        return run(new HomeView.Real(HOME), true, Optional.empty());
    }

    private SandboxPlan run(HomeView home, boolean network, Optional<Path> removeAfter) {
        return run(home, network, removeAfter, true, List.of());
    }

    private SandboxPlan run(HomeView home, boolean network, Optional<Path> removeAfter, boolean shareIpc,
                            List<SessionPath> session) {
        return planner.run(new RunPlanRequest(TWO_LAYERS, TARGET, UNTOUCHED, home, network, shareIpc, session, Path.of("/s/root"),
                Path.of("/s/lock"), GuestPath.of("/home/u/src"), removeAfter, List.of("hello"), Map.of("DISPLAY", ":0")));
    }

    private static Optional<MountOp> opAt(SandboxPlan plan, String dest) {
        return plan.operations().stream().filter(op -> op.dest().value().equals(dest)).findFirst();
    }

    @Test
    void installAndRun_varScratch_privateTmpfsWithTheHostsModeAfterTheVarOverlay() {
        HostRoot host = new HostRoot(HOST.path(), HOST.entries(),
                List.of(new HostRoot.Entry("tmp", HostRoot.Kind.DIRECTORY, null, 01777)));
        SandboxPlanner withScratch = new SandboxPlanner(host, STORE, EMPTY);
        SandboxPlan install = withScratch.install(TWO_LAYERS, TARGET, Set.of(), List.of(),
                new UidMapping.Full(100000, 100000, 65536), Path.of("/s/root"), false, List.of("dpkg"), Map.of());
        SandboxPlan run = withScratch.run(new RunPlanRequest(TWO_LAYERS, TARGET, List.of(), new HomeView.Real(HOME), true,
                true, List.of(), Path.of("/s/root"), Path.of("/s/lock"), GuestPath.ROOT, Optional.empty(),
                List.of("hello"), Map.of()));
        for (SandboxPlan plan : List.of(install, run)) {
            List<MountOp> ops = plan.operations();
            MountOp varTmp = opAt(plan, "/var/tmp").orElseThrow();
            assertEquals(new MountOp.Tmpfs(GuestPath.of("/var/tmp"), 01777), varTmp);
            assertTrue(ops.indexOf(opAt(plan, "/var").orElseThrow()) < ops.indexOf(varTmp), ops.toString());
        }
        assertTrue(opAt(run(), "/var/tmp").isEmpty(), "only what the host has");
    }

    @Test
    void helperArguments_joinable_passesThePidFileBeforeTheCommand() {
        List<String> args = run().joinableThrough(Path.of("/s/sandbox.pid")).helperArguments();
        int pidFile = args.indexOf("--pid-file");
        assertEquals("/s/sandbox.pid", args.get(pidFile + 1));
        assertTrue(pidFile < args.indexOf("--"), args.toString());
        assertFalse(run().helperArguments().contains("--pid-file"));
    }

    @Test
    void run_untouchedHostDirectories_shownFromTheHostAfterTheirOverlay() {
        SandboxPlan plan = run();
        List<MountOp> ops = plan.operations();
        MountOp fonts = opAt(plan, "/usr/share/fonts").orElseThrow();
        assertEquals(new MountOp.HostDirectory(Path.of("/usr/share/fonts"), GuestPath.of("/usr/share/fonts")), fonts);
        assertTrue(ops.indexOf(opAt(plan, "/usr").orElseThrow()) < ops.indexOf(fonts), ops.toString());
        assertEquals(List.of("--ro-bind-dir-try", "/usr/include", "/usr/include"),
                opAt(plan, "/usr/include").orElseThrow().helperArguments());
    }

    @Test
    void install_untouchedHostDirectories_none() {
        assertTrue(install().operations().stream().noneMatch(op -> op instanceof MountOp.HostDirectory));
    }

    @Test
    void overlaidTopLevels_symlinkAndSpecialDirectories_excluded() {
        Set<String> tops = planner.overlaidTopLevels(TWO_LAYERS, Set.of("lib", "tmp", "home", "newtop"));
        assertEquals(Set.of("etc", "newtop", "opt", "snap", "srv", "usr", "var"), tops);
    }

    @Test
    void install_usrOverlay_stacksLayersTopFirstOverHost() {
        MountOp.Overlay usr = (MountOp.Overlay) opAt(install(), "/usr").orElseThrow();
        assertEquals(List.of(Path.of("/s/layers/2/upper/usr"), Path.of("/s/layers/1/upper/usr"), Path.of("/usr")), usr.lowers());
        assertEquals(Path.of("/s/layers/3/upper/usr"), usr.upper());
        assertEquals(Path.of("/s/layers/3/work/usr"), usr.work());
    }

    @Test
    void install_topLevelTheHostLacks_usesEmptyDirectoryAsBottom() {
        MountOp.Overlay snap = (MountOp.Overlay) opAt(install(), "/snap").orElseThrow();
        assertEquals(List.of(Path.of("/s/layers/2/upper/snap"), EMPTY), snap.lowers());
        MountOp.Overlay fresh = (MountOp.Overlay) opAt(install(), "/newtop").orElseThrow();
        assertEquals(List.of(EMPTY), fresh.lowers());
    }

    @Test
    void install_homeRunAndTmp_arePrivateTmpfs() {
        SandboxPlan plan = install();
        assertEquals(new MountOp.Tmpfs(GuestPath.of("/home"), 0755), opAt(plan, "/home").orElseThrow());
        assertEquals(new MountOp.Tmpfs(GuestPath.of("/run"), 0755), opAt(plan, "/run").orElseThrow());
        assertEquals(new MountOp.Tmpfs(GuestPath.of("/tmp"), 01777), opAt(plan, "/tmp").orElseThrow());
        assertFalse(plan.operations().stream().anyMatch(op -> op instanceof MountOp.Bind b && b.source().equals(HOME)),
                "install mode must never show the real home");
    }

    @Test
    void install_otherHostDirectories_emptyNotBound() {
        SandboxPlan plan = install();
        assertEquals(new MountOp.Dir(GuestPath.of("/media"), 0755), opAt(plan, "/media").orElseThrow());
        assertEquals(new MountOp.Dir(GuestPath.of("/sys"), 0755), opAt(plan, "/sys").orElseThrow());
        assertTrue(plan.operations().stream().noneMatch(op -> op instanceof MountOp.Bind b
                        && !b.source().startsWith("/dev/") && !b.readOnly()),
                "maintainer scripts act as the user on the host: no writable host binds " + plan.operations());
    }

    @Test
    void install_dev_onlyBasicNodes() {
        SandboxPlan plan = install();
        assertEquals(new MountOp.Tmpfs(GuestPath.of("/dev"), 0755), opAt(plan, "/dev").orElseThrow());
        assertTrue(plan.operations().contains(new MountOp.Bind(Path.of("/dev/null"), GuestPath.of("/dev/null"), false)));
        assertTrue(plan.operations().stream().noneMatch(op -> op.dest().value().startsWith("/dev/pts")));
    }

    @Test
    void install_runsAsNamespacedRootWithCapabilities() {
        SandboxPlan plan = install();
        assertFalse(plan.dropCapabilities());
        assertEquals("full:100000:100000:65536", plan.mapping().helperArgument());
        assertTrue(plan.sharedLock().isEmpty());
    }

    @Test
    void run_bindsHomeThenHidesStore() {
        List<MountOp> ops = run().operations();
        int home = ops.indexOf(new MountOp.Bind(HOME, GuestPath.of("/home/u"), false));
        int store = ops.indexOf(new MountOp.Tmpfs(GuestPath.of(STORE.toString()), 0755));
        assertTrue(home >= 0 && store > home, "the store must be hidden after home is bound: " + ops);
        assertEquals(new MountOp.Tmpfs(GuestPath.of("/home"), 0755), opAt(run(), "/home").orElseThrow());
    }

    @Test
    void run_asCurrentUserWithoutCapabilitiesHoldingSharedLock() {
        SandboxPlan plan = run();
        assertEquals("user", plan.mapping().helperArgument());
        assertTrue(plan.dropCapabilities());
        assertEquals(Optional.of(Path.of("/s/lock")), plan.sharedLock());
        assertEquals(new MountOp.Bind(Path.of("/run"), GuestPath.of("/run"), false), opAt(plan, "/run").orElseThrow());
    }

    @Test
    void run_privateHome_overlayWithUpperUnderGuestPathThenStoreHidden() {
        Path layer = Path.of("/s/home");
        List<MountOp> ops = run(new HomeView.Private(HOME, layer.resolve("upper"), layer.resolve("work")), true,
                Optional.empty()).operations();
        MountOp.Overlay home = (MountOp.Overlay) ops.stream().filter(op -> op.dest().equals(GuestPath.of("/home/u")))
                .findFirst().orElseThrow();
        assertEquals(List.of(HOME), home.lowers());
        assertEquals(Path.of("/s/home/upper/home/u"), home.upper());
        assertTrue(ops.indexOf(new MountOp.Tmpfs(GuestPath.of(STORE.toString()), 0755)) > ops.indexOf(home));
        assertFalse(ops.contains(new MountOp.Bind(HOME, GuestPath.of("/home/u"), false)));
    }

    @Test
    void run_noHome_emptyDirectoryInsteadOfBind() {
        List<MountOp> ops = run(new HomeView.Empty(HOME), true, Optional.empty()).operations();
        assertTrue(ops.contains(new MountOp.Dir(GuestPath.of("/home/u"), 0700)));
        assertTrue(ops.stream().noneMatch(op -> op.dest().value().startsWith(STORE.toString())),
                "nothing of the store, not even its path, in an empty home: " + ops);
        assertTrue(ops.stream().noneMatch(op -> op instanceof MountOp.Bind b && b.source().equals(HOME)));
    }

    @Test
    void helperArguments_noNetworkAndThrowawayLayer_passedToHelper() {
        List<String> args = run(new HomeView.Real(HOME), false, Optional.of(Path.of("/s/eph/1"))).helperArguments();
        assertTrue(args.contains("--unshare-net"));
        int remove = args.indexOf("--remove-after");
        assertEquals("/s/eph/1", args.get(remove + 1));
        assertFalse(run().helperArguments().contains("--unshare-net"));
    }

    @Test
    void plan_symlinksKeptProcFreshOtherFilesSkipped() {
        SandboxPlan plan = run();
        assertEquals(new MountOp.Symlink("usr/lib", GuestPath.of("/lib")), opAt(plan, "/lib").orElseThrow());
        assertEquals(new MountOp.Proc(GuestPath.of("/proc")), opAt(plan, "/proc").orElseThrow());
        assertEquals(new MountOp.Bind(Path.of("/media"), GuestPath.of("/media"), false), opAt(plan, "/media").orElseThrow());
        assertTrue(opAt(plan, "/vmlinuz").isEmpty());
    }

    @Test
    void helperArguments_runPlan_inHelperSyntax() {
        List<String> args = run().helperArguments();
        assertEquals(List.of("--map", "user", "--lock-shared", "/s/lock", "--share-ipc", "--root", "/s/root"),
                args.subList(0, 7));
        assertEquals(List.of("--chdir", "/home/u/src", "--drop-caps", "--", "hello"), args.subList(args.size() - 5, args.size()));
        int overlay = args.indexOf("--overlay");
        assertEquals(List.of("--overlay", "/s/layers/1/upper/etc:/etc", "/s/layers/3/upper/etc", "/s/layers/3/work/etc", "/etc"),
                args.subList(overlay, overlay + 5));
    }

    @Test
    void helperArguments_ipc_sharedInRunUnlessIsolatedNeverInInstall() {
        assertTrue(run().helperArguments().contains("--share-ipc"));
        assertFalse(run(new HomeView.Real(HOME), true, Optional.empty(), false, List.of()).helperArguments()
                .contains("--share-ipc"));
        assertFalse(install().helperArguments().contains("--share-ipc"));
    }

    private static SessionPath socket(String path) {
        return new SessionPath(Path.of(path), SessionPath.Kind.SOCKET, "TEST");
    }

    private static SessionPath file(String path) {
        return new SessionPath(Path.of(path), SessionPath.Kind.FILE, "TEST");
    }

    private List<MountOp> sessionBinds(HomeView home, SessionPath... session) {
        List<MountOp> withSession = run(home, true, Optional.empty(), true, List.of(session)).operations();
        List<MountOp> without = run(home, true, Optional.empty()).operations();
        assertEquals(without, withSession.subList(0, without.size()), "session binds come after every other mount");
        return withSession.subList(without.size(), withSession.size());
    }

    @Test
    void run_sessionPathsInPrivateTmp_boundAtTheirPathFilesReadOnly() {
        assertEquals(List.of(new MountOp.Bind(Path.of("/tmp/dbus-abc"), GuestPath.of("/tmp/dbus-abc"), false),
                        new MountOp.Bind(Path.of("/tmp/xauth_x"), GuestPath.of("/tmp/xauth_x"), true)),
                sessionBinds(new HomeView.Real(HOME), file("/tmp/xauth_x"), socket("/tmp/dbus-abc")));
    }

    @Test
    void run_sessionPathsTheSandboxShows_notBoundAgain() {
        assertEquals(List.of(), sessionBinds(new HomeView.Real(HOME), socket("/run/user/1000/wayland-0"),
                file("/home/u/.Xauthority"), socket("/home/u/.pulse-socket"), file("/etc/xdg/thing")));
    }

    @Test
    void run_sessionPathsInAnEmptyHome_bound() {
        assertEquals(List.of(new MountOp.Bind(Path.of("/home/u/.Xauthority"), GuestPath.of("/home/u/.Xauthority"), true)),
                sessionBinds(new HomeView.Empty(HOME), file("/home/u/.Xauthority")));
    }

    @Test
    void run_socketsBehindAnOverlay_boundFilesNot() {
        Path layer = Path.of("/s/home");
        HomeView cow = new HomeView.Private(HOME, layer.resolve("upper"), layer.resolve("work"));
        assertEquals(List.of(new MountOp.Bind(Path.of("/home/u/.sock"), GuestPath.of("/home/u/.sock"), false)),
                sessionBinds(cow, file("/home/u/.Xauthority"), socket("/home/u/.sock")));
        assertEquals(List.of(new MountOp.Bind(Path.of("/var/run-socket"), GuestPath.of("/var/run-socket"), false)),
                sessionBinds(new HomeView.Real(HOME), socket("/var/run-socket")));
    }

    @Test
    void run_sessionPathsInOtherHomesOrTheStore_otherHomesBoundStoreNever() {
        assertEquals(List.of(new MountOp.Bind(Path.of("/home/other/.Xauthority"), GuestPath.of("/home/other/.Xauthority"), true)),
                sessionBinds(new HomeView.Real(HOME), file("/home/other/.Xauthority"), socket(STORE + "/sock")));
    }

    @Test
    void run_socketInsideABoundSessionDirectory_notBoundAgain() {
        SessionPath runtime = new SessionPath(Path.of("/tmp/runtime-u"), SessionPath.Kind.DIRECTORY, "XDG_RUNTIME_DIR");
        assertEquals(List.of(new MountOp.Bind(Path.of("/tmp/runtime-u"), GuestPath.of("/tmp/runtime-u"), false)),
                sessionBinds(new HomeView.Real(HOME), socket("/tmp/runtime-u/wayland-0"), runtime));
    }

    @Test
    void overlaidTopLevelOf_storeUnderVarOrHome_namesOnlyTheOverlaidOne() {
        assertEquals(Optional.of("/var"), SandboxPlanner.overlaidTopLevelOf(Path.of("/var/tmp/x/trydeb")));
        assertEquals(Optional.of("/usr"), SandboxPlanner.overlaidTopLevelOf(Path.of("/usr/local/share/trydeb")));
        assertEquals(Optional.empty(), SandboxPlanner.overlaidTopLevelOf(Path.of("/home/u/.local/share/trydeb")));
        assertEquals(Optional.empty(), SandboxPlanner.overlaidTopLevelOf(Path.of("/variable/trydeb")));
    }
}
