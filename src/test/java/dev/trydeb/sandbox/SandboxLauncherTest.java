package dev.trydeb.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.trydeb.core.ExitCode;
import dev.trydeb.core.TrydebException;
import dev.trydeb.store.EnvironmentLayout;
import dev.trydeb.store.EnvironmentLock;
import dev.trydeb.store.EnvironmentName;
import dev.trydeb.store.StoreLayout;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SandboxLauncherTest {
    @TempDir
    Path tmp;

    /**
     * The helper is stood in for by a script that says "started" and waits for its stdin to
     * close; it runs in a child JVM that took the environment's lock shared and exec'd it.
     */
    @Test
    void exec_heldLock_isHandedOverToTheHelperNotDropped() throws Exception {
        StoreLayout store = new StoreLayout(tmp.resolve("store"));
        EnvironmentLayout env = store.environment(EnvironmentName.of("demo"));
        env.createDirectories();
        Path helper = Files.writeString(tmp.resolve("helper"), "#!/bin/sh\necho started\nread line\nexit 0\n");
        Files.setPosixFilePermissions(helper, PosixFilePermissions.fromString("rwx------"));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                ExecChild.class.getName(), store.root().toString(), "demo", helper.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        try {
            String first = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))
                    .readLine();
            assertEquals("started", first);

            TrydebException e = assertThrows(TrydebException.class, () -> EnvironmentLock.exclusive(env, "demo"),
                    "an install could take the environment while the helper had not locked it yet");
            assertEquals(ExitCode.BUSY, e.exitCode());

            child.getOutputStream().close();
            assertEquals(0, child.waitFor(30, TimeUnit.SECONDS) ? child.exitValue() : -1);
            EnvironmentLock.exclusive(env, "demo").close(); // gone with the helper
        } finally {
            child.destroyForcibly();
        }
    }

    /** Takes the environment's lock shared, as Runner does, and execs the stand-in helper. */
    static final class ExecChild {
        public static void main(String[] args) {
            EnvironmentLayout env = new StoreLayout(Path.of(args[0])).environment(EnvironmentName.of(args[1]));
            EnvironmentLock lock = EnvironmentLock.shared(env, args[1]);
            SandboxPlan plan = SandboxPlan.builder(new UidMapping.CurrentUser(), env.mountPoint(), List.of("true"))
                    .sharedLock(Optional.of(env.lockFile())).network(true).shareIpc(true).dropCapabilities(true)
                    .environment(Map.of("PATH", "/usr/bin:/bin")).build();
            new SandboxLauncher(Path.of(args[2])).exec(plan, lock::close);
        }
    }
}
