package dev.trydeb.env;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trydeb.core.GuestPath;
import dev.trydeb.sandbox.MountOp;
import dev.trydeb.sandbox.SandboxPlan;
import dev.trydeb.sandbox.UidMapping;
import dev.trydeb.store.EnvironmentLayout;
import dev.trydeb.store.EnvironmentName;
import dev.trydeb.store.StoreLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanSavingTest {
    @TempDir
    Path tmp;

    private EnvironmentLayout layout;
    private String launcherBefore;

    @BeforeEach
    void setUp() throws Exception {
        layout = new StoreLayout(tmp.resolve("store")).environment(EnvironmentName.of("default"));
        launcherBefore = System.getProperty("trydeb.launcher");
        System.setProperty("trydeb.launcher", Files.writeString(tmp.resolve("trydeb"), "#!/bin/sh").toString());
    }

    @AfterEach
    void restore() {
        if (launcherBefore == null) {
            System.clearProperty("trydeb.launcher");
        } else {
            System.setProperty("trydeb.launcher", launcherBefore);
        }
    }

    @Test
    void fileFor_packageOnly_isNamedAfterThePackage() {
        assertEquals(Optional.of(layout.runCacheDir().resolve("hello")),
                PlanSaving.fileFor(request(Optional.of("hello"), Optional.empty(), RunOptions.defaults()), layout));
    }

    @Test
    void fileFor_execOfAPlainName_isUnderExec() {
        assertEquals(Optional.of(layout.runCacheDir().resolve("exec/xeyes")),
                PlanSaving.fileFor(request(Optional.empty(), Optional.of("xeyes"), RunOptions.defaults()), layout));
    }

    @Test
    void fileFor_whatTheLauncherDoesNotRecognise_isNone() {
        RunOptions ephemeral = new RunOptions(true, false, RunOptions.Home.REAL, true, false, false);
        assertEquals(Optional.empty(), PlanSaving.fileFor(request(Optional.of("hello"), Optional.empty(), ephemeral), layout));
        assertEquals(Optional.empty(),
                PlanSaving.fileFor(request(Optional.empty(), Optional.of("./install.sh"), RunOptions.defaults()), layout));
        assertEquals(Optional.empty(),
                PlanSaving.fileFor(request(Optional.of("hello"), Optional.of("hello2"), RunOptions.defaults()), layout));
    }

    @Test
    void fileFor_packageNameThatIsNoPlainName_isNone() {
        for (String name : List.of("exec/xeyes", "../hello", "-x", "")) {
            assertEquals(Optional.empty(),
                    PlanSaving.fileFor(request(Optional.of(name), Optional.empty(), RunOptions.defaults()), layout), name);
        }
    }

    @Test
    void save_quietRun_writesThePlan() throws Exception {
        PlanSaving saving = saving();

        saving.save(Path.of("/home/ada"), "default", plan());

        assertTrue(Files.isRegularFile(layout.runCacheDir().resolve("hello")));
    }

    @Test
    void save_afterAWarningOrANote_writesNothing() {
        PlanSaving warned = saving();
        warned.watchingWarnings(message -> { }).warn("careful");
        warned.save(Path.of("/home/ada"), "default", plan());
        PlanSaving noted = saving();
        noted.watchingNotes(message -> { }).step("the host now has hello 3");
        noted.save(Path.of("/home/ada"), "default", plan());

        assertFalse(Files.exists(layout.runCacheDir().resolve("hello")));
    }

    @Test
    void save_refused_writesNothing() {
        PlanSaving saving = saving();
        saving.refuse();

        saving.save(Path.of("/home/ada"), "default", plan());

        assertFalse(Files.exists(layout.runCacheDir().resolve("hello")));
    }

    private PlanSaving saving() {
        return PlanSaving.forRequest(request(Optional.of("hello"), Optional.empty(), RunOptions.defaults()), layout,
                Map.of("HOME", "/home/ada"), tmp.resolve("trydeb-sandbox"));
    }

    private static RunRequest request(Optional<String> pkg, Optional<String> exec, RunOptions options) {
        return new RunRequest(EnvironmentName.of("default"), pkg, exec, List.of(), Path.of("/home/ada"), options);
    }

    private static SandboxPlan plan() {
        return SandboxPlan.builder(new UidMapping.CurrentUser(), Path.of("/store/root"), List.of("/usr/bin/hello"))
                .operations(List.of(new MountOp.Tmpfs(GuestPath.of("/tmp"), 01777)))
                .sharedLock(Optional.of(Path.of("/store/lock"))).network(true).shareIpc(true)
                .workingDirectory(GuestPath.of("/home/ada")).dropCapabilities(true).build();
    }
}
