package dev.trydeb.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trydeb.core.ExitCode;
import dev.trydeb.core.TrydebException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UserNamespacesTest {
    @TempDir
    Path procSys;

    private void write(String relative, String value) throws IOException {
        Files.createDirectories(procSys.resolve(relative).getParent());
        Files.writeString(procSys.resolve(relative), value + "\n");
    }

    @Test
    void requireAvailable_cloneDisabled_exit3PointingToDoctor() throws IOException {
        write("kernel/unprivileged_userns_clone", "0");
        TrydebException e = assertThrows(TrydebException.class, () -> UserNamespaces.requireAvailable(procSys));
        assertEquals(ExitCode.ENVIRONMENT_UNUSABLE, e.exitCode());
        assertTrue(e.getMessage().endsWith("(run 'trydeb doctor' for details)"), e.getMessage());
    }

    @Test
    void requireAvailable_noNamespacesAllowed_exit3PointingToDoctor() throws IOException {
        write("user/max_user_namespaces", "0");
        TrydebException e = assertThrows(TrydebException.class, () -> UserNamespaces.requireAvailable(procSys));
        assertTrue(e.getMessage().startsWith("user namespaces are disabled (sysctl user.max_user_namespaces=0)"), e.getMessage());
        assertTrue(e.getMessage().endsWith("(run 'trydeb doctor' for details)"), e.getMessage());
    }

    @Test
    void requireAvailable_allowed_nothing() throws IOException {
        write("kernel/unprivileged_userns_clone", "1");
        write("user/max_user_namespaces", "15000");
        UserNamespaces.requireAvailable(procSys);
    }
}
