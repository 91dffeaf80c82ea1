package dev.trydeb.desktop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trydeb.layer.GuestView;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BusNamesTest {
    @TempDir
    Path tmp;

    @Test
    void of_busNameShapedDesktopIdsAndServiceNames() throws IOException {
        Path layer = tmp.resolve("layer");
        Path services = Files.createDirectories(layer.resolve("usr/share/dbus-1/services"));
        Files.writeString(services.resolve("foo.service"), "[D-BUS Service]\nName=org.example.FooService\nExec=/usr/bin/foo\n");
        GuestView view = new GuestView(Files.createDirectories(tmp.resolve("host")), List.of(layer));
        Set<String> names = BusNames.of(List.of("/usr/share/applications/org.example.Foo.desktop",
                "/usr/share/applications/foo-plain.desktop", "/usr/share/applications/kde/org.kde.x.desktop",
                "/usr/share/dbus-1/services/foo.service", "/usr/bin/foo"), view);
        assertEquals(Set.of("org.example.Foo", "kde-org.kde.x", "org.example.FooService"), names);
    }

    @Test
    void isBusName_dbusRules() {
        assertTrue(BusNames.isBusName("org.gnome.Calculator"));
        assertTrue(BusNames.isBusName("com.github.some_one.App-2"));
        assertFalse(BusNames.isBusName("firefox-esr"));
        assertFalse(BusNames.isBusName("org.1bad"));
        assertFalse(BusNames.isBusName("org..x"));
    }
}
