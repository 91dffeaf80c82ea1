package dev.trydeb.desktop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MenuEntryRewriterTest {
    private static final List<String> LAUNCHER = List.of("/opt/trydeb/bin/trydeb");
    private static final String FOO = "[Desktop Entry]\nType=Application\nName=Foo\nName[de]=Fu\nGenericName=Editor\n"
            + "Exec=foo --new %U\nTryExec=foo\nDBusActivatable=true\nIcon=foo\nActions=win;\n\n"
            + "[Desktop Action win]\nName=New Window\nExec=/usr/bin/foo --window\n";

    private static DesktopEntry rewrite(String text, String env, Optional<String> icon) {
        return DesktopEntry.parse(MenuEntryRewriter.rewrite(text, "org.example.Foo.desktop", env, "foo", LAUNCHER, icon)
                .orElseThrow());
    }

    @Test
    void rewrite_everyExec_runsThroughTrydebInTheEnvironment() {
        DesktopEntry entry = rewrite(FOO, "default", Optional.empty());
        assertEquals(Optional.of("/opt/trydeb/bin/trydeb --env default run --exec foo -- --new %U"),
                entry.get("Desktop Entry", "Exec"));
        assertEquals(Optional.of("/opt/trydeb/bin/trydeb --env default run --exec /usr/bin/foo -- --window"),
                entry.get("Desktop Action win", "Exec"));
    }

    @Test
    void rewrite_hostLookupsRemoved_namesMarkedAsTrial() {
        DesktopEntry entry = rewrite(FOO, "work", Optional.empty());
        assertEquals(Optional.empty(), entry.get("Desktop Entry", "TryExec"));
        assertEquals(Optional.empty(), entry.get("Desktop Entry", "DBusActivatable"));
        assertEquals(Optional.of("Foo (trydeb: work)"), entry.get("Desktop Entry", "Name"));
        assertEquals(Optional.of("Fu (trydeb: work)"), entry.get("Desktop Entry", "Name[de]"));
        assertEquals(Optional.of("Editor"), entry.get("Desktop Entry", "GenericName"));
        assertEquals(Optional.of("New Window"), entry.get("Desktop Action win", "Name"));
        assertEquals(Optional.of("Foo (trydeb)"), rewrite(FOO, "default", Optional.empty()).get("Desktop Entry", "Name"));
    }

    @Test
    void rewrite_windowMatching_originalIdAsStartupWMClassUnlessSet() {
        assertEquals(Optional.of("org.example.Foo"),
                rewrite(FOO, "default", Optional.empty()).get("Desktop Entry", "StartupWMClass"));
        String withClass = FOO.replace("Icon=foo\n", "Icon=foo\nStartupWMClass=FooMain\n");
        assertEquals(Optional.of("FooMain"), rewrite(withClass, "default", Optional.empty()).get("Desktop Entry", "StartupWMClass"));
    }

    @Test
    void rewrite_icon_exportedCopyOrOriginal() {
        assertEquals(Optional.of("/home/u/.local/share/icons/x.png"),
                rewrite(FOO, "default", Optional.of("/home/u/.local/share/icons/x.png")).get("Desktop Entry", "Icon"));
        assertEquals(Optional.of("foo"), rewrite(FOO, "default", Optional.empty()).get("Desktop Entry", "Icon"));
    }

    @Test
    void rewrite_recordsEnvironmentAndPackage() {
        DesktopEntry entry = rewrite(FOO, "default", Optional.empty());
        assertEquals(Optional.of("default"), entry.get("Desktop Entry", "X-Trydeb-Environment"));
        assertEquals(Optional.of("foo"), entry.get("Desktop Entry", "X-Trydeb-Package"));
    }

    @Test
    void rewrite_programWithoutArguments_noSeparator() {
        String plain = "[Desktop Entry]\nType=Application\nName=Bar\nExec=bar\n";
        assertEquals(Optional.of("/opt/trydeb/bin/trydeb --env default run --exec bar"),
                rewrite(plain, "default", Optional.empty()).get("Desktop Entry", "Exec"));
    }

    @Test
    void rewrite_notAnApplicationOrNoExec_nothing() {
        for (String text : List.of("[Desktop Entry]\nType=Link\nName=L\nURL=https://example.org\n",
                "[Desktop Entry]\nType=Application\nName=NoExec\n", "[Desktop Entry]\nType=Application\nExec=\"broken\n",
                "Name=no group\n")) {
            assertTrue(MenuEntryRewriter.rewrite(text, "x.desktop", "default", "x", LAUNCHER, Optional.empty()).isEmpty(),
                    text);
        }
    }
}
