package dev.trydeb.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which package, transaction or run the engine names for a change, and its suspicion. */
class AttributionRulesTest {
    static final PackageFiles HELLO = new PackageFiles("hello", "2.10-3",
            Set.of("/usr", "/usr/bin", "/usr/bin/hello", "/lib/udev/rules.d/60-hello.rules"));
    static final PackageFiles WORLD = new PackageFiles("world", "1.0", Set.of("/usr/bin/world"));

    @TempDir
    Path tmp;
    FakeStack stack;
    Path layer;

    @BeforeEach
    void fixture() throws IOException {
        stack = new FakeStack(tmp);
        stack.dir(stack.host, "usr/bin", 0755);
        stack.dir(stack.host, "usr/lib", 0755);
        stack.dir(stack.host, "etc", 0755);
        layer = stack.upper(0);
    }

    @Test
    void diff_pathInPackageFileList_attributedToThePackage() throws IOException {
        stack.file(layer, "usr/bin/hello", "ELF\n", 0755);

        Change change = FakeStack.only(stack.diff(stack.install(layer, 7, HELLO, WORLD)));

        assertEquals(new Attribution(Attribution.Source.PACKAGE, "hello", "2.10-3", 7L), change.attribution());
        assertEquals(0, change.layerIndex());
    }

    @Test
    void diff_pathInNoFileList_attributedToTheTransactionsMaintainerScripts() throws IOException {
        stack.file(layer, "etc/hello.conf", "generated\n", 0644);

        Change change = FakeStack.only(stack.diff(stack.install(layer, 7, HELLO, WORLD)));

        assertEquals(new Attribution(Attribution.Source.MAINTAINER_SCRIPT, "hello, world", null, 7L),
                change.attribution());
    }

    @Test
    void diff_packagePathThroughHostSymlink_attributedToThePackage() throws IOException {
        stack.symlink(stack.host, "lib", "usr/lib");
        stack.dir(stack.host, "usr/lib/udev/rules.d", 0755);
        stack.file(layer, "usr/lib/udev/rules.d/60-hello.rules", "KERNEL==\"x\"\n", 0644);

        Change change = FakeStack.only(stack.diff(stack.install(layer, 7, HELLO)));

        assertEquals(Attribution.ofPackage("hello", "2.10-3", 7), change.attribution());
        assertEquals(Optional.of("udev rule"), change.suspicious());
    }

    @Test
    void diff_runtimeAndHomeLayers_attributedToRuntime() throws IOException {
        stack.file(layer, "etc/from-program", "x\n", 0644);
        Path home = stack.upper(1);
        stack.file(home, "home/user/.config/x", "x\n", 0644);
        IdMapping mapping = IdMapping.run(stack.uid, stack.gid);

        List<Change> changes = stack.diff(new LayerSource(layer, new LayerOrigin.Runtime(), mapping),
                new LayerSource(home, new LayerOrigin.Home(), mapping));

        assertEquals(List.of("/etc/from-program added", "/home new-directory", "/home/user new-directory",
                "/home/user/.config new-directory", "/home/user/.config/x added"), FakeStack.lines(changes));
        changes.forEach(c -> assertEquals(Attribution.ofRuntime(), c.attribution()));
        assertEquals(List.of(0L, 1L, 1L, 1L, 1L), changes.stream().map(Change::layerIndex).toList());
    }

    @Test
    void diff_laterTransactionsChange_attributedToThatTransaction() throws IOException {
        stack.file(layer, "usr/bin/hello", "one\n", 0755);
        Path second = stack.upper(1);
        stack.file(second, "usr/bin/hello", "two\n", 0755);
        PackageFiles newerHello = new PackageFiles("hello", "2.11-1", Set.of("/usr/bin/hello"));

        Change change = FakeStack.only(stack.diff(stack.install(layer, 3, HELLO), stack.install(second, 9, newerHello)));

        assertEquals(Attribution.ofPackage("hello", "2.11-1", 9), change.attribution());
        assertEquals(1, change.layerIndex());
    }

    @Test
    void diff_setuidFileAdded_markedSuspicious() throws IOException {
        stack.file(layer, "usr/bin/hello", "ELF\n", 04755);

        Change change = FakeStack.only(stack.diff(stack.install(layer, 7, HELLO)));

        assertEquals(Optional.of("setuid file"), change.suspicious());
    }

    @Test
    void diff_sudoersDeleted_markedSuspiciousRemoval() throws IOException {
        stack.file(stack.host, "etc/sudoers.d/admins", "%admin ALL=(ALL) ALL\n", 0440);
        stack.dir(layer, "etc/sudoers.d", 0755);
        stack.whiteout(layer, "etc/sudoers.d/admins");

        Change change = FakeStack.only(stack.diff(stack.install(layer, 7, HELLO)));

        assertEquals(ChangeKind.DELETED, change.kind());
        assertEquals(Optional.of("sudoers removed"), change.suspicious());
    }
}
