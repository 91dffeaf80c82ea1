package dev.trydeb.layer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trydeb.core.GuestPath;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GuestView.lookup against a fake host and layers in a temporary directory. */
class GuestViewTest {
    @TempDir
    Path tmp;
    Path host;
    Path top;
    Path bottom;
    GuestView view;

    @BeforeEach
    void layers() throws IOException {
        host = Files.createDirectories(tmp.resolve("host"));
        top = Files.createDirectories(tmp.resolve("top"));
        bottom = Files.createDirectories(tmp.resolve("bottom"));
        view = new GuestView(host, List.of(top, bottom));
    }

    private Optional<GuestView.Found> lookup(String path) {
        return view.lookup(GuestPath.of(path));
    }

    @Test
    void lookup_inBothLayersAndHost_isTheTopLayers() throws IOException {
        for (Path root : List.of(host, top, bottom)) {
            Files.createDirectories(root.resolve("etc"));
            Files.writeString(root.resolve("etc/motd"), root.getFileName().toString());
        }
        GuestView.Found found = lookup("/etc/motd").orElseThrow();
        assertEquals(top.resolve("etc/motd"), found.hostPath());
        assertEquals(GuestView.Source.LAYER, found.source());
    }

    @Test
    void lookup_onlyOnHost_isTheHosts() throws IOException {
        Files.createDirectories(host.resolve("usr/bin"));
        Files.createDirectories(top.resolve("usr"));
        assertEquals(new GuestView.Found(GuestPath.of("/usr/bin"), host.resolve("usr/bin"), GuestView.Source.HOST),
                lookup("/usr/bin").orElseThrow());
    }

    @Test
    void lookup_danglingSymlinks_areFoundInALayerAndOnTheHost() throws IOException {
        Files.createDirectories(bottom.resolve("etc"));
        Files.createSymbolicLink(bottom.resolve("etc/gone"), Path.of("/nowhere"));
        Files.createDirectories(host.resolve("etc"));
        Files.createSymbolicLink(host.resolve("etc/also-gone"), Path.of("/nowhere"));
        assertEquals(bottom.resolve("etc/gone"), lookup("/etc/gone").orElseThrow().hostPath());
        assertEquals(host.resolve("etc/also-gone"), lookup("/etc/also-gone").orElseThrow().hostPath());
    }

    @Test
    void lookup_symlinkLoopOnTheHost_isFound() throws IOException {
        Files.createSymbolicLink(host.resolve("loop"), Path.of("loop"));
        assertTrue(lookup("/loop").isPresent());
    }

    @Test
    void lookup_absentEverywhere_isEmpty() throws IOException {
        Files.createDirectories(top.resolve("etc"));
        assertEquals(Optional.empty(), lookup("/etc/nothing"));
        assertEquals(Optional.empty(), lookup("/no/such/directory"));
    }

    @Test
    void lookup_isRememberedForTheViewsLife() throws IOException {
        Files.createDirectories(host.resolve("etc"));
        Files.writeString(host.resolve("etc/motd"), "hello");
        assertTrue(lookup("/etc/motd").isPresent());
        Files.delete(host.resolve("etc/motd"));
        assertTrue(lookup("/etc/motd").isPresent());
        assertEquals(Optional.empty(), new GuestView(host, List.of(top, bottom)).lookup(GuestPath.of("/etc/motd")));
    }

    @Test
    void isDirectory_doesNotFollowSymlinks() throws IOException {
        Files.createDirectories(host.resolve("usr/lib"));
        Files.createSymbolicLink(host.resolve("lib"), Path.of("usr/lib"));
        Files.createDirectories(top.resolve("etc"));
        assertTrue(view.isDirectory(lookup("/usr/lib").orElseThrow()));
        assertTrue(view.isDirectory(lookup("/etc").orElseThrow()));
        assertFalse(view.isDirectory(lookup("/lib").orElseThrow()));
        Files.setPosixFilePermissions(host.resolve("usr"), PosixFilePermissions.fromString("rwxr-x---"));
        assertEquals(0750, view.mode(lookup("/usr").orElseThrow()) & 07777);
    }
}
