package dev.trydeb.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trydeb.core.ExitCode;
import dev.trydeb.core.TrydebException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostRootTest {
    @TempDir
    Path root;

    @Test
    void scan_describesEachTopLevelEntry_symlinksNotFollowed() throws IOException {
        Files.createDirectory(root.resolve("usr"));
        Files.setAttribute(root.resolve("usr"), "unix:mode", 01755);
        Files.createSymbolicLink(root.resolve("bin"), Path.of("usr"));
        Files.writeString(root.resolve("swapfile"), "");
        Files.setAttribute(root.resolve("swapfile"), "unix:mode", 0600);

        HostRoot host = HostRoot.scan(root);

        assertEquals(List.of(
                new HostRoot.Entry("bin", HostRoot.Kind.SYMLINK, "usr", 0777),
                new HostRoot.Entry("swapfile", HostRoot.Kind.OTHER, null, 0600),
                new HostRoot.Entry("usr", HostRoot.Kind.DIRECTORY, null, 01755)), host.entries());
    }

    @Test
    void scan_varScratch_onlyDirectoriesAnyoneMayWrite() throws IOException {
        Path var = Files.createDirectory(root.resolve("var"));
        for (String name : List.of("tmp", "crash", "lib")) {
            Files.createDirectory(var.resolve(name));
        }
        Files.setAttribute(var.resolve("tmp"), "unix:mode", 01777);
        Files.setAttribute(var.resolve("crash"), "unix:mode", 03777);
        Files.setAttribute(var.resolve("lib"), "unix:mode", 0775);
        Files.createSymbolicLink(var.resolve("lock"), Path.of("/run/lock"));

        HostRoot host = HostRoot.scan(root);

        assertEquals(List.of(new HostRoot.Entry("crash", HostRoot.Kind.DIRECTORY, null, 03777),
                new HostRoot.Entry("tmp", HostRoot.Kind.DIRECTORY, null, 01777)), host.varScratch());
    }

    @Test
    void scan_noVar_noScratch() {
        assertEquals(List.of(), HostRoot.scan(root).varScratch());
    }

    @Test
    void scan_missingRoot_failureNamingPathAndCause() {
        Path missing = root.resolve("missing");

        TrydebException e = assertThrows(TrydebException.class, () -> HostRoot.scan(missing));

        assertEquals(ExitCode.FAILURE, e.exitCode());
        assertTrue(e.getMessage().startsWith("cannot read " + missing + " "), e.getMessage());
        assertTrue(e.getMessage().endsWith(": no such file or directory"), e.getMessage());
    }
}
