package dev.trydeb.layer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trydeb.core.GuestPath;
import dev.trydeb.sandbox.WritableLayer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The preparer against a fake host root: unit tests may fake the file system. */
class LayerPreparerTest {
    @TempDir
    Path tmp;
    Path host;
    Path upper;

    @BeforeEach
    void fakeHost() throws IOException {
        host = tmp.resolve("host");
        upper = tmp.resolve("layer/upper");
        mkdir("usr/share/doc", 0755);
        mkdir("usr/lib/x86_64-linux-gnu", 0755);
        mkdir("var/lib/dpkg/info", 0755);
        mkdir("var/mail", 02775);
        mkdir("etc", 0755);
        Files.createSymbolicLink(host.resolve("lib"), Path.of("usr/lib"));
        Files.writeString(host.resolve("var/lib/dpkg/status"), "Package: dpkg\nStatus: install ok installed\n");
        Files.writeString(host.resolve("var/lib/dpkg/lock"), "");
        Files.setAttribute(host.resolve("var/lib/dpkg/lock"), "unix:mode", 0640);
    }

    private void mkdir(String relative, int mode) throws IOException {
        Path dir = Files.createDirectories(host.resolve(relative));
        Files.setAttribute(dir, "unix:mode", mode);
    }

    private Set<String> prepare(List<Path> layersTopFirst, String... dirs) {
        return preparer(layersTopFirst).prepare(java.util.Arrays.stream(dirs).map(GuestPath::of).toList(), List.of(), false);
    }

    private LayerPreparer preparer(List<Path> layersTopFirst) {
        return new LayerPreparer(new GuestView(host, layersTopFirst), new WritableLayer(upper, tmp.resolve("layer/work")));
    }

    private static int mode(Path path) throws IOException {
        return (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 07777;
    }

    @Test
    void prepare_hostDirectories_createdWithHostModes() throws IOException {
        prepare(List.of(), "/usr/share/doc/hello", "/var/mail");
        assertTrue(Files.isDirectory(upper.resolve("usr/share/doc")));
        assertFalse(Files.exists(upper.resolve("usr/share/doc/hello")), "dpkg creates what the host lacks");
        assertEquals(02775, mode(upper.resolve("var/mail")));
    }

    @Test
    void prepare_everyEtcDirectory_preparedForMaintainerScripts() throws IOException {
        mkdir("etc/apt/sources.list.d", 0755);
        mkdir("etc/cron.d", 0700);
        prepare(List.of(), "/usr/share/doc/hello");
        assertTrue(Files.isDirectory(upper.resolve("etc/apt/sources.list.d")));
        assertEquals(0700, mode(upper.resolve("etc/cron.d")));
    }

    @Test
    void prepare_pathThroughHostSymlink_preparesTarget() throws IOException {
        Set<String> touched = prepare(List.of(), "/lib/x86_64-linux-gnu");
        assertTrue(Files.isDirectory(upper.resolve("usr/lib/x86_64-linux-gnu")));
        assertFalse(Files.exists(upper.resolve("lib"), LinkOption.NOFOLLOW_LINKS));
        assertTrue(touched.contains("usr"));
        assertFalse(touched.contains("lib"));
    }

    @Test
    void prepare_dpkgState_copiedOrCreatedEmpty() throws IOException {
        prepare(List.of());
        assertEquals("Package: dpkg\nStatus: install ok installed\n",
                Files.readString(upper.resolve("var/lib/dpkg/status")));
        assertEquals(0640, mode(upper.resolve("var/lib/dpkg/lock")));
        assertTrue(Files.isDirectory(upper.resolve("var/lib/dpkg/info")));
    }

    @Test
    void prepare_debconfDatabases_copiedOnlyForDebconfPackages() throws IOException {
        mkdir("var/cache/debconf", 0755);
        Files.writeString(host.resolve("var/cache/debconf/templates.dat"), "Name: x/question\n");
        prepare(List.of());
        assertFalse(Files.exists(upper.resolve("var/cache/debconf/templates.dat")));
        new LayerPreparer(new GuestView(host, List.of()), new WritableLayer(upper, tmp.resolve("layer/work")))
                .prepare(List.of(), List.of(), true);
        assertEquals("Name: x/question\n", Files.readString(upper.resolve("var/cache/debconf/templates.dat")));
    }

    @Test
    void prepare_stateAlreadyInLayer_notCopiedAgain() throws IOException {
        Path layer = tmp.resolve("old/upper");
        Files.createDirectories(layer.resolve("var/lib/dpkg"));
        Files.writeString(layer.resolve("var/lib/dpkg/status"), "from the layer\n");
        prepare(List.of(layer));
        assertFalse(Files.exists(upper.resolve("var/lib/dpkg/status")), "the kernel copies a layer's file up itself");
    }

    @Test
    void prepare_directoryWhitedOutInLayer_notRecreated() throws IOException {
        Path layer = tmp.resolve("old/upper");
        Files.createDirectories(layer.resolve("usr/share"));
        Path whiteout = layer.resolve("usr/share/doc");
        Process mknod = new ProcessBuilder("mknod", whiteout.toString(), "c", "0", "0").start();
        try {
            if (mknod.waitFor() != 0) {
                org.junit.jupiter.api.Assumptions.abort("cannot create a whiteout here");
            }
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
        prepare(List.of(layer), "/usr/share/doc/hello");
        assertTrue(Files.isDirectory(upper.resolve("usr/share")));
        assertFalse(Files.exists(upper.resolve("usr/share/doc"), LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void prepare_aptPartialDirectory_privateAndOpaque() throws IOException {
        mkdir("var/cache/apt/archives/partial", 0700);
        prepare(List.of());
        Path partial = upper.resolve("var/cache/apt/archives/partial");
        assertEquals(0700, mode(partial));
        UserDefinedFileAttributeView xattrs = Files.getFileAttributeView(partial, UserDefinedFileAttributeView.class);
        ByteBuffer value = ByteBuffer.allocate(8);
        xattrs.read("overlay.opaque", value);
        assertEquals("y", new String(value.array(), 0, value.position(), StandardCharsets.US_ASCII));
    }

    @Test
    void resolve_symlinkLoop_empty() throws IOException {
        Files.createSymbolicLink(host.resolve("loop"), Path.of("/loop"));
        GuestView view = new GuestView(host, List.of());
        assertTrue(view.resolve(GuestPath.of("/loop/x")).isEmpty());
    }

    @Test
    void resolve_absoluteTargetWithDotDot_staysInsideGuestRoot() throws IOException {
        Files.createSymbolicLink(host.resolve("escape"), Path.of("../../../etc"));
        GuestView view = new GuestView(host, List.of());
        assertEquals(GuestPath.of("/etc/passwd"), view.resolve(GuestPath.of("/escape/passwd")).orElseThrow());
    }

    @Test
    void dropUntouched_directoriesPreparedInCaseScriptsWrite_goUnlessWrittenTo() throws IOException {
        mkdir("etc/cron.d", 0755);
        mkdir("etc/ssl/private", 0700);
        mkdir("etc/default", 0755);
        LayerPreparer preparer = preparer(List.of());
        preparer.prepare(List.of(GuestPath.of("/usr/share/doc/hello")), List.of(), false);
        assertTrue(Files.isDirectory(upper.resolve("etc/ssl/private")), "prepared for maintainer scripts");
        Files.writeString(upper.resolve("etc/cron.d/hello"), "# written by a postinst\n");

        preparer.dropUntouched();

        assertTrue(Files.isRegularFile(upper.resolve("etc/cron.d/hello")));
        assertFalse(Files.exists(upper.resolve("etc/ssl")), "untouched, with its untouched children");
        assertFalse(Files.exists(upper.resolve("etc/default")));
        assertFalse(Files.exists(upper.resolve("var/lib/dpkg/info")), "even dpkg's, when it wrote nothing");
        assertTrue(Files.isDirectory(upper.resolve("usr/share/doc")), "the package's own directories stay, even empty");
    }

    @Test
    void dropUntouched_preparedDirectoryChangedButEmpty_stays() throws Exception {
        mkdir("etc/chmodded", 0755);
        mkdir("etc/recreated", 0755);
        LayerPreparer preparer = preparer(List.of());
        preparer.prepare(List.of(), List.of(), false);
        afterAClockTick();
        Files.setAttribute(upper.resolve("etc/chmodded"), "unix:mode", 0750);
        // What overlayfs leaves of a script's "rm -rf /etc/recreated; mkdir /etc/recreated": a new, opaque directory.
        Files.delete(upper.resolve("etc/recreated"));
        Files.createDirectory(upper.resolve("etc/recreated"));
        Files.setAttribute(upper.resolve("etc/recreated"), "unix:mode", 0755);
        OverlayMarks.markOpaque(upper.resolve("etc/recreated"));

        preparer.dropUntouched();

        assertEquals(0750, mode(upper.resolve("etc/chmodded")));
        assertTrue(Files.isDirectory(upper.resolve("etc/recreated")), "hides the host's content from now on");
    }

    /** What the copy-up supervisor does to a host file: a copy with its bytes, mode and time, renamed over it. */
    private void supervisorCopies(String relative) throws IOException {
        Path original = host.resolve(relative);
        Path copy = upper.resolve(relative);
        Files.copy(original, copy);
        Files.setAttribute(copy, "unix:mode", mode(original));
        Files.setLastModifiedTime(copy, Files.getLastModifiedTime(original)); // to the nanosecond, as futimens
    }

    @Test
    void dropUnchangedCopyUps_leftAsTheHostHasIt_goesWithItsPreparedDirectory() throws IOException {
        mkdir("etc/xml", 0755);
        Files.writeString(host.resolve("etc/xml/catalog"), "<catalog/>\n");
        LayerPreparer preparer = preparer(List.of());
        preparer.prepare(List.of(), List.of(), false);
        supervisorCopies("etc/xml/catalog");

        preparer.dropUnchangedCopyUps(List.of(GuestPath.of("/etc/xml/catalog")));
        preparer.dropUntouched();

        assertFalse(Files.exists(upper.resolve("etc/xml")), "the copy, then its directory");
    }

    @Test
    void dropUnchangedCopyUps_changedBytesModeOrTime_stay() throws IOException {
        mkdir("etc/xml", 0755);
        for (String name : List.of("edited", "chmodded", "touched", "kept")) {
            Files.writeString(host.resolve("etc/xml/" + name), "original\n");
        }
        LayerPreparer preparer = preparer(List.of());
        preparer.prepare(List.of(), List.of(), false);
        for (String name : List.of("edited", "chmodded", "touched", "kept")) {
            supervisorCopies("etc/xml/" + name);
        }
        Files.writeString(upper.resolve("etc/xml/edited"), "original\nappended\n");
        Files.setAttribute(upper.resolve("etc/xml/chmodded"), "unix:mode", 0600);
        Files.setLastModifiedTime(upper.resolve("etc/xml/touched"), java.nio.file.attribute.FileTime.fromMillis(981173106000L));

        preparer.dropUnchangedCopyUps(List.of(GuestPath.of("/etc/xml/edited"), GuestPath.of("/etc/xml/chmodded"),
                GuestPath.of("/etc/xml/touched"), GuestPath.of("/etc/xml/kept"), GuestPath.of("/etc/xml/never-copied")));

        assertTrue(Files.exists(upper.resolve("etc/xml/edited")));
        assertTrue(Files.exists(upper.resolve("etc/xml/chmodded")));
        assertTrue(Files.exists(upper.resolve("etc/xml/touched")));
        assertFalse(Files.exists(upper.resolve("etc/xml/kept")));
    }

    /** dpkg runs well after preparation; file times here may only advance with the clock tick (a few ms). */
    private static void afterAClockTick() throws InterruptedException {
        Thread.sleep(20);
    }
}
