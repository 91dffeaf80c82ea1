package dev.trydeb.layer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.trydeb.core.ExitCode;
import dev.trydeb.core.TrydebException;
import dev.trydeb.sandbox.LayerStack;
import dev.trydeb.store.EnvironmentLayout;
import dev.trydeb.store.EnvironmentName;
import dev.trydeb.store.StoreLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvironmentLayersTest {
    @TempDir
    Path tmp;

    private EnvironmentLayout layout;

    @BeforeEach
    void environment() {
        layout = new StoreLayout(tmp.resolve("store")).environment(EnvironmentName.of("demo"));
        layout.createDirectories();
    }

    @Test
    void stack_layers_knowTheirTopLevelDirectories() throws IOException {
        Files.createDirectories(layout.upperDir(1).resolve("usr/bin"));
        Files.createDirectories(layout.upperDir(1).resolve("etc"));
        Files.writeString(layout.upperDir(1).resolve("file"), "");

        LayerStack stack = EnvironmentLayers.stack(layout, List.of(1L, 2L));

        assertEquals(List.of(new LayerStack.Layer(layout.upperDir(1), Set.of("usr", "etc")),
                new LayerStack.Layer(layout.upperDir(2), Set.of())), stack.bottomToTop());
    }

    /** Not as root, who reads any directory (the CI's unit tests; its end-to-end tests run as a user). */
    @Test
    void stack_unreadableLayer_failureNamingItAndTheCause() throws IOException {
        Path upper = Files.createDirectories(layout.upperDir(1));
        Files.setPosixFilePermissions(upper, PosixFilePermissions.fromString("-wx------"));
        try {
            assumeTrue(!Files.isReadable(upper), "running as root: every directory is readable");

            TrydebException e = assertThrows(TrydebException.class, () -> EnvironmentLayers.stack(layout, List.of(1L)));

            assertEquals(ExitCode.FAILURE, e.exitCode());
            assertTrue(e.getMessage().startsWith("cannot read the layer " + upper + ": permission denied"),
                    e.getMessage());
        } finally {
            Files.setPosixFilePermissions(upper, PosixFilePermissions.fromString("rwx------"));
        }
    }
}
