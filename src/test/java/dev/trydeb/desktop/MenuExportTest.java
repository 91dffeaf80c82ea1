package dev.trydeb.desktop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trydeb.layer.GuestView;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exports against a fake host and layer: what lands in the data directory and the record. */
class MenuExportTest {
    private static final List<String> FILES = List.of("/usr/bin/foo", "/usr/share/applications/org.example.Foo.desktop",
            "/usr/share/icons/hicolor/48x48/apps/foo.png", "/usr/share/icons/hicolor/scalable/apps/foo.svg");

    @TempDir
    Path tmp;
    Path host;
    Path layer;
    Path data;
    ExportedFiles record;
    MenuExport export;

    @BeforeEach
    void environment() throws IOException {
        host = Files.createDirectories(tmp.resolve("host"));
        layer = tmp.resolve("layer");
        data = tmp.resolve("data");
        write(layer, "usr/share/applications/org.example.Foo.desktop",
                "[Desktop Entry]\nType=Application\nName=Foo\nExec=foo %F\nIcon=foo\n");
        write(layer, "usr/share/icons/hicolor/48x48/apps/foo.png", "PNG");
        write(layer, "usr/share/icons/hicolor/scalable/apps/foo.svg", "<svg/>");
        write(host, "usr/share/icons/hicolor/scalable/apps/host-icon.svg", "<svg/>");
        record = new ExportedFiles(tmp.resolve("env/menu-exports.json"));
        Files.createDirectories(tmp.resolve("env"));
        export = new MenuExport(data, List.of("/opt/trydeb"));
    }

    private static Path write(Path root, String relative, String content) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, content);
    }

    private MenuExport.Result export() {
        return export.export("default", "foo", FILES, new GuestView(host, List.of(layer)), record);
    }

    private Path entry() {
        return data.resolve("applications/trydeb-default-org.example.Foo.desktop");
    }

    @Test
    void export_entryAndScalableIcon_writtenAndRecorded() throws IOException {
        MenuExport.Result result = export();
        Path icon = data.resolve("icons/hicolor/scalable/apps/trydeb-default-foo.svg");
        assertEquals(List.of(icon, entry()), result.written());
        assertEquals(List.of(), result.skipped());
        assertEquals("<svg/>", Files.readString(icon));
        DesktopEntry written = DesktopEntry.parse(Files.readString(entry()));
        assertEquals(Optional.of("/opt/trydeb --env default run --exec foo -- %F"), written.get("Desktop Entry", "Exec"));
        assertEquals(Optional.of(icon.toString()), written.get("Desktop Entry", "Icon"));
        assertEquals("rw-r--r--", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(entry())));
        assertEquals(Map.of("foo", List.of(icon, entry())), record.read());
    }

    @Test
    void export_iconTheHostHas_keptByName() throws IOException {
        write(layer, "usr/share/applications/org.example.Foo.desktop",
                "[Desktop Entry]\nType=Application\nName=Foo\nExec=foo\nIcon=host-icon\n");
        assertEquals(List.of(entry()), export().written());
        assertEquals(Optional.of("host-icon"), DesktopEntry.parse(Files.readString(entry())).get("Desktop Entry", "Icon"));
    }

    @Test
    void export_again_replacesAndDropsWhatIsGone() throws IOException {
        export();
        write(layer, "usr/share/applications/org.example.Foo.desktop",
                "[Desktop Entry]\nType=Application\nName=Foo 2\nExec=foo\n");
        MenuExport.Result again = export();
        assertEquals(List.of(entry()), again.written());
        assertFalse(Files.exists(data.resolve("icons/hicolor/scalable/apps/trydeb-default-foo.svg")));
        assertTrue(Files.readString(entry()).contains("Name=Foo 2 (trydeb)"));
    }

    @Test
    void export_fileOfTheUsersWithThatName_leftAlone() throws IOException {
        write(data, "applications/trydeb-default-org.example.Foo.desktop", "mine");
        MenuExport.Result result = export();
        assertEquals(List.of(), result.written());
        assertEquals(1, result.skipped().size());
        assertEquals("mine", Files.readString(entry()));
    }

    @Test
    void remove_deletesOnlyTheRecordedFiles() throws IOException {
        export();
        Path mine = write(data, "applications/mine.desktop", "mine");
        assertEquals(2, record.remove("foo").size());
        assertFalse(Files.exists(entry()));
        assertTrue(Files.exists(mine));
        assertEquals(Map.of(), record.read());
        assertEquals(List.of(), record.remove("foo"));
    }

    @Test
    void removeAll_everyPackageAndTheRecord() {
        export();
        record.removeAll();
        assertFalse(Files.exists(entry()));
        assertFalse(Files.exists(tmp.resolve("env/menu-exports.json")));
    }

    @Test
    void export_packageWithoutEntries_noRecordFile() {
        MenuExport.Result result = export.export("default", "bar", List.of("/usr/bin/bar"),
                new GuestView(host, List.of(layer)), record);
        assertEquals(List.of(), result.written());
        assertFalse(Files.exists(tmp.resolve("env/menu-exports.json")));
    }

    @Test
    void export_entryThatIsNotAnApplication_noIconCopiedEither() throws IOException {
        write(layer, "usr/share/applications/org.example.Foo.desktop",
                "[Desktop Entry]\nType=Link\nName=Foo\nURL=https://example.org\nIcon=foo\n");
        MenuExport.Result result = export();
        assertEquals(List.of(), result.written());
        assertEquals(1, result.skipped().size());
        assertFalse(Files.exists(data.resolve("icons")), "an icon copied for an entry that was left out");
    }

    @Test
    void export_iconThroughASymlinkInTheLayer_copiedUnderItsName() throws IOException {
        Files.delete(layer.resolve("usr/share/icons/hicolor/scalable/apps/foo.svg"));
        write(layer, "usr/share/pixmaps/foo-large.png", "PNG-LARGE");
        Files.delete(layer.resolve("usr/share/icons/hicolor/48x48/apps/foo.png"));
        Files.createSymbolicLink(layer.resolve("usr/share/icons/hicolor/48x48/apps/foo.png"),
                Path.of("../../../../pixmaps/foo-large.png"));
        Path icon = data.resolve("icons/hicolor/48x48/apps/trydeb-default-foo.png");
        assertEquals(List.of(icon, entry()), export().written());
        assertEquals("PNG-LARGE", Files.readString(icon));
    }
}
