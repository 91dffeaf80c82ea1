package dev.trydeb.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShellCommandTest {
    @TempDir
    Path dir;

    @Test
    void loginShell_theUsersSeventhField() throws IOException {
        Path passwd = Files.writeString(dir.resolve("passwd"),
                "root:x:0:0:root:/root:/bin/bash\nann:x:1000:1000:Ann,,,:/home/ann:/usr/bin/zsh\n");

        assertEquals("/usr/bin/zsh", ShellCommand.loginShell("ann", passwd));
    }

    @Test
    void loginShell_unknownUserEmptyFieldOrNoFile_thePosixShell() throws IOException {
        Path passwd = Files.writeString(dir.resolve("passwd"), "bob:x:1001:1001::/home/bob:\n");

        assertEquals("/bin/sh", ShellCommand.loginShell("ann", passwd));
        assertEquals("/bin/sh", ShellCommand.loginShell("bob", passwd));
        assertEquals("/bin/sh", ShellCommand.loginShell("ann", dir.resolve("missing")));
    }
}
