package dev.trydeb.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.trydeb.core.GuestPath;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Java side's arguments for the helper (SandboxPlan, MountOp) against the helper's own
 * parser: the helper, built from src/main/c, prints what it parsed (--print-ops) and does
 * nothing else, so this needs neither root nor namespaces.
 */
class HelperArgumentsTest {
    @TempDir
    static Path tmp;
    private static Path helper;

    @BeforeAll
    static void buildHelper() throws Exception {
        helper = tmp.resolve("trydeb-sandbox");
        Path c = Path.of("src/main/c");
        // Uninitialised variables filled with a pattern, not whatever the stack held: a read of one is a sure failure.
        Process gcc = new ProcessBuilder("gcc", "-std=c11", "-O0", "-Wall", "-Wextra", "-Werror", "-D_GNU_SOURCE",
                "-ftrivial-auto-var-init=pattern", "-o",
                helper.toString(), c.resolve("trydeb-sandbox.c").toString(), c.resolve("merge-layers.c").toString(),
                c.resolve("copy-up.c").toString()).redirectErrorStream(true).start();
        String output = new String(gcc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, gcc.waitFor(), "gcc: " + output);
    }

    private record Result(int status, List<String> lines) {}

    private static Result printOps(List<String> arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(helper.toString(), "--print-ops"));
        command.addAll(arguments);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(process.waitFor(), output.lines().toList());
    }

    @Test
    void everyOperationAndOption_isParsedAsMeant() throws Exception {
        List<MountOp> ops = List.of(
                new MountOp.Tmpfs(GuestPath.of("/tmp"), 01777),
                new MountOp.Dir(GuestPath.of("/home"), 0755),
                new MountOp.Bind(Path.of("/home/ada"), GuestPath.of("/home/ada"), false),
                new MountOp.Bind(Path.of("/etc/resolv.conf"), GuestPath.of("/etc/resolv.conf"), true),
                new MountOp.HostDirectory(Path.of("/usr/share/fonts"), GuestPath.of("/usr/share/fonts")),
                new MountOp.Overlay(List.of(Path.of("/l/2"), Path.of("/l/1")), Path.of("/up"), Path.of("/wk"),
                        GuestPath.of("/usr")),
                new MountOp.Symlink("usr/lib", GuestPath.of("/lib")),
                new MountOp.Proc(GuestPath.of("/proc")),
                new MountOp.CopyUpSocket(GuestPath.of("/run/trydeb/copy-up.sock"), Path.of("/store/copied")));
        SandboxPlan plan = SandboxPlan.builder(new UidMapping.CurrentUser(), Path.of("/store/root"),
                        List.of("/usr/bin/hello", "--greeting", "hi there"))
                .operations(ops).sharedLock(Optional.of(Path.of("/store/lock"))).network(false).shareIpc(true)
                .workingDirectory(GuestPath.of("/home/ada")).dropCapabilities(true)
                .removeAfter(Optional.of(Path.of("/store/ephemeral/x"))).pidFile(Optional.of(Path.of("/store/pid")))
                .environment(Map.of()).build();

        Result result = printOps(plan.helperArguments());

        assertEquals(0, result.status(), String.join("\n", result.lines()));
        assertEquals(List.of(
                "map user",
                "flags unshare-net share-ipc drop-caps",
                "root /store/root",
                "chdir /home/ada",
                "lock-shared /store/lock",
                "pid-file /store/pid",
                "remove-after /store/ephemeral/x",
                "op tmpfs /tmp 1777",
                "op dir /home 0755",
                "op bind /home/ada /home/ada",
                "op ro-bind /etc/resolv.conf /etc/resolv.conf",
                "op ro-bind-dir-try /usr/share/fonts /usr/share/fonts",
                "op overlay /usr /l/2:/l/1 /up /wk",
                "op symlink /lib usr/lib",
                "op proc /proc",
                "op copy-up-socket /run/trydeb/copy-up.sock /store/copied",
                "program /usr/bin/hello --greeting hi there"), result.lines());
    }

    @Test
    void installMapping_isParsedAsMeant() throws Exception {
        SandboxPlan plan = SandboxPlan.builder(new UidMapping.Full(100000, 200000, 65536), Path.of("/r"),
                List.of("dpkg")).network(true).build();

        Result result = printOps(plan.helperArguments());

        assertEquals(0, result.status(), String.join("\n", result.lines()));
        assertEquals(List.of("map full 100000 200000 65536", "flags", "root /r", "chdir /", "program dpkg"),
                result.lines());
    }

    /**
     * A saved plan that names no program (no args record) goes back to the launcher, which
     * plans with Java: it was read from an uninitialised configuration once (issue 21, defect 1).
     */
    @Test
    void savedRunWithoutProgram_handsBackToTheLauncher() throws Exception {
        Path plan = tmp.resolve("plan-without-args");
        Files.write(plan, "trydeb-run-cache 1\0home\0/home/ada\0".getBytes(StandardCharsets.UTF_8));
        Path launcher = tmp.resolve("launcher");
        Files.writeString(launcher, "#!/bin/sh\necho \"java plans: NO_FAST_RUN=$TRYDEB_NO_FAST_RUN $*\"\n");
        launcher.toFile().setExecutable(true);

        Process process = new ProcessBuilder(helper.toString(), "--saved-run", plan.toString(), launcher.toString(), "0",
                "run", "hello").redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertEquals(0, process.waitFor(), output);
        assertEquals("java plans: NO_FAST_RUN=1 run hello\n", output);
    }

    /** The check above can fail: what the helper does not know, it refuses. */
    @Test
    void unknownFlagOrBadMode_isRefused() throws Exception {
        assertNotEquals(0, printOps(List.of("--map", "user", "--bogus", "--", "true")).status());
        assertNotEquals(0, printOps(List.of("--map", "user", "--root", "/r", "--dir", "/x", "0999", "--", "true")).status());
    }
}
