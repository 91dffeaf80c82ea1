package dev.trydeb.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Owners are compared as the guest saw them, through each layer's id mapping. Creating files
 * of other owners needs root: as another user these tests are skipped.
 */
class GuestOwnerTest {
    static final long USER = 1000;
    static final long SUBUID = FakeStack.SUBORDINATE.subuid();

    @TempDir
    Path tmp;
    FakeStack stack;
    Path layer;

    @BeforeEach
    void fixture() throws IOException {
        stack = new FakeStack(tmp);
        stack.dir(stack.host, "etc", 0755);
        layer = stack.upper(0);
        stack.dir(layer, "etc", 0755);
        FakeStack.chown(layer.resolve("etc"), USER, USER);
    }

    private List<String> diffInstallLayer() {
        IdMapping mapping = IdMapping.install(USER, USER, Optional.of(FakeStack.SUBORDINATE));
        return FakeStack.lines(stack.diff(new LayerSource(layer, new LayerOrigin.Install(1, List.of()), mapping)));
    }

    private List<String> diffRuntimeLayer() {
        return FakeStack.lines(stack.diff(new LayerSource(layer, new LayerOrigin.Runtime(), IdMapping.run(USER, USER))));
    }

    @Test
    void diff_namespacedRootFileOverHostRootFile_noLine() throws IOException {
        FakeStack.chown(stack.file(stack.host, "etc/conf", "same\n", 0644), 0, 0);
        FakeStack.chown(stack.file(layer, "etc/conf", "same\n", 0644), USER, USER);

        assertEquals(List.of(), diffInstallLayer());
    }

    @Test
    void diff_namespacedRootFileWithOtherModeOverHostRootFile_metadataOnly() throws IOException {
        FakeStack.chown(stack.file(stack.host, "etc/conf", "same\n", 0644), 0, 0);
        FakeStack.chown(stack.file(layer, "etc/conf", "same\n", 0640), USER, USER);

        assertEquals(List.of("/etc/conf metadata"), diffInstallLayer());
    }

    @Test
    void diff_subordinateOwnerOverHostFileOfTheSameGuestOwner_noLine() throws IOException {
        FakeStack.chown(stack.file(stack.host, "etc/conf", "same\n", 0644), 2, 3);
        FakeStack.chown(stack.file(layer, "etc/conf", "same\n", 0644), SUBUID + 1, SUBUID + 2);

        assertEquals(List.of(), diffInstallLayer());
    }

    @Test
    void diff_subordinateOwnerOverHostRootFile_metadataOnly() throws IOException {
        FakeStack.chown(stack.file(stack.host, "etc/conf", "same\n", 0644), 0, 0);
        FakeStack.chown(stack.file(layer, "etc/conf", "same\n", 0644), SUBUID + 1, SUBUID + 1);

        assertEquals(List.of("/etc/conf metadata"), diffInstallLayer());
    }

    @Test
    void diff_runtimeLayerFileOfUnmappedOwnerOverNobodysFile_noLine() throws IOException {
        FakeStack.chown(stack.file(stack.host, "etc/conf", "same\n", 0644), IdMapping.OVERFLOW_ID, IdMapping.OVERFLOW_ID);
        FakeStack.chown(stack.file(layer, "etc/conf", "same\n", 0644), SUBUID + 1, SUBUID + 1);

        assertEquals(List.of(), diffRuntimeLayer());
    }

    @Test
    void diff_usersSymlinkOverRootSymlink_metadataOnly() throws IOException {
        FakeStack.chown(stack.symlink(stack.host, "etc/link", "target"), 0, 0);
        FakeStack.chown(stack.symlink(layer, "etc/link", "target"), USER, USER);

        assertEquals(List.of("/etc/link metadata"), diffRuntimeLayer());
    }

    @Test
    void diff_preparedDirectoryOverDirectoryOfAnotherOwner_noLine() throws IOException {
        FakeStack.chown(stack.dir(stack.host, "etc/mail", 02775), 0, 8);
        FakeStack.chown(stack.dir(layer, "etc/mail", 02775), USER, USER);

        assertEquals(List.of(), diffInstallLayer());
    }

    @Test
    void diff_directoryOfSubordinateOwnerOverRootDirectory_metadataOnly() throws IOException {
        FakeStack.chown(stack.dir(stack.host, "etc/mail", 0755), 0, 0);
        FakeStack.chown(stack.dir(layer, "etc/mail", 0755), SUBUID + 8, SUBUID + 8);

        assertEquals(List.of("/etc/mail metadata"), diffInstallLayer());
    }
}
