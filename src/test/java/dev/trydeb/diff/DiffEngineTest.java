package dev.trydeb.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trydeb.core.GuestPath;
import dev.trydeb.core.TrydebException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the engine walks a stack: what it lists, what it hides, and what it never follows. */
class DiffEngineTest {
    @TempDir
    Path tmp;
    FakeStack stack;

    @BeforeEach
    void fixture() throws IOException {
        stack = new FakeStack(tmp);
        stack.dir(stack.host, "etc", 0755);
        stack.dir(stack.host, "opt", 0755);
    }

    @Test
    void diff_identicalFileAndSymlink_noLines() throws IOException {
        stack.file(stack.host, "etc/same", "content\n", 0644);
        stack.symlink(stack.host, "etc/link", "target");
        Path layer = stack.upper(0);
        stack.file(layer, "etc/same", "content\n", 0644);
        stack.symlink(layer, "etc/link", "target");

        assertEquals(List.of(), stack.diff(stack.runtime(layer)));
    }

    @Test
    void diff_fileWithOtherMode_metadataOnly() throws IOException {
        stack.file(stack.host, "etc/conf", "content\n", 0644);
        Path layer = stack.upper(0);
        stack.file(layer, "etc/conf", "content\n", 0600);

        assertEquals(List.of("/etc/conf metadata"), FakeStack.lines(stack.diff(stack.runtime(layer))));
    }

    @Test
    void diff_sameSizeOtherBytes_modified() throws IOException {
        stack.file(stack.host, "etc/conf", "abc\n", 0644);
        Path layer = stack.upper(0);
        stack.file(layer, "etc/conf", "abd\n", 0644);

        assertEquals(List.of("/etc/conf modified"), FakeStack.lines(stack.diff(stack.runtime(layer))));
    }

    @Test
    void diff_largeFilesDifferingInTheLastByte_modified() throws IOException {
        byte[] content = new byte[300_000];
        Arrays.fill(content, (byte) 'a');
        stack.file(stack.host, "opt/big", content, 0644);
        stack.file(stack.host, "opt/same", content, 0644);
        Path layer = stack.upper(0);
        stack.file(layer, "opt/same", content, 0644);
        content[content.length - 1] = 'b';
        stack.file(layer, "opt/big", content, 0644);

        assertEquals(List.of("/opt/big modified"), FakeStack.lines(stack.diff(stack.runtime(layer))));
    }

    @Test
    void diff_fifoOverIdenticalHostFifo_noLine() throws IOException {
        stack.fifo(stack.host, "etc/pipe");
        Path layer = stack.upper(0);
        stack.fifo(layer, "etc/pipe");
        stack.file(layer, "etc/pipe2", "x\n", 0644);

        assertEquals(List.of("/etc/pipe2 added"), FakeStack.lines(stack.diff(stack.runtime(layer))));
    }

    @Test
    void diff_unchangedDirectory_recursesIntoItsChildren() throws IOException {
        stack.dir(stack.host, "opt/app/lib", 0755);
        stack.file(stack.host, "opt/app/lib/kept", "kept\n", 0644);
        Path layer = stack.upper(0);
        stack.file(layer, "opt/app/lib/new", "new\n", 0644);

        assertEquals(List.of("/opt/app/lib/new added"), FakeStack.lines(stack.diff(stack.runtime(layer))));
    }

    @Test
    void diff_newDirectoryTree_listsEveryEntryInside() throws IOException {
        Path layer = stack.upper(0);
        stack.file(layer, "opt/app/bin/tool", "#!/bin/sh\n", 0755);
        stack.file(layer, "opt/app/share/doc/README", "hi\n", 0644);
        stack.symlink(layer, "opt/app/current", "bin");

        assertEquals(List.of("/opt/app new-directory", "/opt/app/bin new-directory", "/opt/app/bin/tool added",
                "/opt/app/current added", "/opt/app/share new-directory", "/opt/app/share/doc new-directory",
                "/opt/app/share/doc/README added"), FakeStack.lines(stack.diff(stack.runtime(layer))));
    }

    @Test
    void diff_whiteoutOverHostDirectoryTree_oneDeletedLine() throws IOException {
        stack.file(stack.host, "opt/old/sub/deep/file", "x\n", 0644);
        stack.file(stack.host, "opt/old/top", "x\n", 0644);
        Path layer = stack.upper(0);
        stack.dir(layer, "opt", 0755);
        stack.whiteout(layer, "opt/old");

        assertEquals(List.of("/opt/old deleted"), FakeStack.lines(stack.diff(stack.runtime(layer))));
    }

    @Test
    void diff_opaqueDirectory_hidesLowerLayersAndHost() throws IOException {
        stack.file(stack.host, "etc/conf.d/a", "a\n", 0644);
        stack.file(stack.host, "etc/conf.d/b", "b\n", 0644);
        Path first = stack.upper(0);
        stack.dir(first, "etc/conf.d", 0755);
        stack.file(first, "etc/conf.d/c", "c\n", 0644);
        Path second = stack.upper(1);
        FakeStack.opaque(stack.dir(second, "etc/conf.d", 0755));
        stack.file(second, "etc/conf.d/b", "b\n", 0644);
        stack.file(second, "etc/conf.d/d", "d\n", 0644);

        assertEquals(List.of("/etc/conf.d/a deleted @1", "/etc/conf.d/d added @1"),
                FakeStack.linesWithLayers(stack.diff(stack.runtime(first), stack.runtime(second))));
    }

    @Test
    void diff_opaqueDirectoryOverHostSubdirectory_deletesItOnce() throws IOException {
        stack.file(stack.host, "etc/d/sub/f", "f\n", 0644);
        Path layer = stack.upper(0);
        FakeStack.opaque(stack.dir(layer, "etc/d", 0755));

        assertEquals(List.of("/etc/d/sub deleted"), FakeStack.lines(stack.diff(stack.runtime(layer))));
    }

    @Test
    void diff_middleLayerFileOverHostDirectory_hiddenHostEntriesDeletedByIt() throws IOException {
        stack.file(stack.host, "opt/a/x", "x\n", 0644);
        Path first = stack.upper(0);
        stack.file(first, "opt/a", "now a file\n", 0644);
        Path second = stack.upper(1);
        stack.file(second, "opt/a/y", "y\n", 0644);

        assertEquals(List.of("/opt/a/x deleted @0", "/opt/a/y added @1"),
                FakeStack.linesWithLayers(stack.diff(stack.runtime(first), stack.runtime(second))));
    }

    @Test
    void diff_fileAddedThenModified_oneLineForTheTopLayer() throws IOException {
        Path first = stack.upper(0);
        stack.file(first, "opt/f", "one\n", 0644);
        Path second = stack.upper(1);
        stack.file(second, "opt/f", "two\n", 0644);

        assertEquals(List.of("/opt/f added @1"),
                FakeStack.linesWithLayers(stack.diff(stack.runtime(first), stack.runtime(second))));
    }

    @Test
    void diff_fileAddedThenWhitedOut_noLine() throws IOException {
        Path first = stack.upper(0);
        stack.file(first, "opt/f", "one\n", 0644);
        Path second = stack.upper(1);
        stack.dir(second, "opt", 0755);
        stack.whiteout(second, "opt/f");

        assertEquals(List.of(), stack.diff(stack.runtime(first), stack.runtime(second)));
    }

    @Test
    void diff_hostFileDeletedInLowerLayerAndWhitedOutAgain_attributedToTheFirstDeletion() throws IOException {
        stack.file(stack.host, "opt/f", "host\n", 0644);
        Path first = stack.upper(0);
        stack.dir(first, "opt", 0755);
        stack.whiteout(first, "opt/f");
        Path second = stack.upper(1);
        stack.dir(second, "opt", 0755);
        stack.whiteout(second, "opt/f");

        assertEquals(List.of("/opt/f deleted @0"),
                FakeStack.linesWithLayers(stack.diff(stack.runtime(first), stack.runtime(second))));
    }

    @Test
    void diff_fileCopiedUpUnchanged_attributedToTheLayerThatChangedIt() throws IOException {
        stack.file(stack.host, "opt/f", "host\n", 0644);
        Path first = stack.upper(0);
        stack.file(first, "opt/f", "changed\n", 0644);
        Path second = stack.upper(1);
        stack.file(second, "opt/f", "changed\n", 0644);

        assertEquals(List.of("/opt/f modified @0"),
                FakeStack.linesWithLayers(stack.diff(stack.runtime(first), stack.runtime(second))));
    }

    @Test
    void diff_directoryPreparedAgainInLaterLayer_attributedToTheLayerThatCreatedIt() throws IOException {
        Path first = stack.upper(0);
        stack.file(first, "opt/app/one", "1\n", 0644);
        Path second = stack.upper(1);
        stack.file(second, "opt/app/two", "2\n", 0644);

        assertEquals(List.of("/opt/app new-directory @0", "/opt/app/one added @0", "/opt/app/two added @1"),
                FakeStack.linesWithLayers(stack.diff(stack.install(first, 1), stack.install(second, 2))));
    }

    @Test
    void diff_preparedDirectoriesAndCopiedStateFiles_noLines() throws IOException {
        stack.dir(stack.host, "usr/share/doc", 0755);
        stack.dir(stack.host, "var/mail", 02775);
        stack.file(stack.host, "var/lib/dpkg/status", "Package: dpkg\n", 0644);
        // Root-only on a real host: the preparer cannot read it and creates it empty.
        stack.file(stack.host, "var/lib/dpkg/lock", "", 0000);
        Path layer = stack.upper(0);
        stack.dir(layer, "usr/share/doc", 0755);
        stack.dir(layer, "var/mail", 02775);
        stack.file(layer, "var/lib/dpkg/status", "Package: dpkg\n", 0644);
        stack.file(layer, "var/lib/dpkg/lock", "", 0000);
        stack.dir(layer, "etc", 0755);

        assertEquals(List.of(), stack.diff(stack.install(layer, 1)));
    }

    @Test
    void diff_unreadableHostFileOfSameSize_modified() throws IOException {
        Path hostFile = stack.file(stack.host, "etc/secret", "s3cret\n", 0000);
        Assumptions.assumeFalse(Files.isReadable(hostFile), "root reads every file");
        Path layer = stack.upper(0);
        stack.file(layer, "etc/secret", "s3cret\n", 0000);

        assertEquals(List.of("/etc/secret modified"), FakeStack.lines(stack.diff(stack.runtime(layer))));
    }

    @Test
    void diff_layerSymlinkToDirectory_notFollowed() throws IOException {
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        stack.file(outside, "secret", "s\n", 0644);
        stack.file(stack.host, "etc/x/secret", "s\n", 0644);
        Path layer = stack.upper(0);
        stack.symlink(layer, "etc/x", outside.toString());

        assertEquals(List.of("/etc/x dir-to-file"), FakeStack.lines(stack.diff(stack.runtime(layer))));
    }

    @Test
    void diff_hostSymlinkUnderLayerDirectory_notFollowed() throws IOException {
        stack.file(stack.host, "etc/real/x", "same\n", 0644);
        stack.symlink(stack.host, "etc/alt", "real");
        Path layer = stack.upper(0);
        stack.file(layer, "etc/alt/x", "same\n", 0644);

        assertEquals(List.of("/etc/alt file-to-dir", "/etc/alt/x added"),
                FakeStack.lines(stack.diff(stack.runtime(layer))));
    }

    @Test
    void diff_layerTopLevelNonDirectoriesAndHostTopLevelSymlinks_ignoredAsNeverMounted() throws IOException {
        stack.symlink(stack.host, "lib", "usr/lib");
        stack.dir(stack.host, "usr/lib", 0755);
        Path layer = stack.upper(0);
        stack.file(layer, "stray", "x\n", 0644);
        stack.symlink(layer, "bin", "usr/bin");
        stack.file(layer, "lib/evil", "x\n", 0644);
        stack.whiteout(layer, "opt");

        assertEquals(List.of(), stack.diff(stack.runtime(layer)));
    }

    @Test
    void diff_changes_sortedByPathString() throws IOException {
        Path layer = stack.upper(0);
        stack.file(layer, "etc/a/b", "x\n", 0644);
        stack.file(layer, "etc/a-c", "x\n", 0644);

        assertEquals(List.of("/etc/a new-directory", "/etc/a-c added", "/etc/a/b added"),
                FakeStack.lines(stack.diff(stack.runtime(layer))));
    }

    @Test
    void diff_noLayersOrMissingUpper_noChanges() {
        assertEquals(List.of(), stack.diff());
        assertEquals(List.of(), stack.diff(stack.runtime(tmp.resolve("never-created"))));
    }

    @Test
    void diff_unreadableLayerDirectory_reportedAndSkipped() throws IOException {
        Path layer = stack.upper(0);
        stack.file(layer, "opt/private/f", "x\n", 0644);
        Path privateDir = stack.dir(layer, "opt/private", 0000);
        try {
            Assumptions.assumeFalse(Files.isReadable(privateDir), "root lists every directory");
            List<UnreadableDirectory> unreadable = new ArrayList<>();
            List<Change> changes = new DiffEngine(stack.host).diff(List.of(stack.runtime(layer)), unreadable::add);

            assertEquals(List.of("/opt/private new-directory"), FakeStack.lines(changes));
            assertEquals(List.of(new UnreadableDirectory(GuestPath.of("/opt/private"), 0, "permission denied")),
                    unreadable);
            TrydebException e = assertThrows(TrydebException.class, () -> stack.diff(stack.runtime(layer)));
            assertTrue(e.getMessage().startsWith("cannot read /opt/private in layer "), e.getMessage());
        } finally {
            Files.setAttribute(privateDir, "unix:mode", 0755); // so that @TempDir can clean up
        }
    }
}
