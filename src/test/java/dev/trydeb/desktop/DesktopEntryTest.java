package dev.trydeb.desktop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DesktopEntryTest {
    private static final String TEXT = "# a comment\n[Desktop Entry]\nName=Foo\nName[de]=Fu\nExec = foo %U\n\n"
            + "[Desktop Action new]\nName=New\nExec=foo --new\n";

    @Test
    void parse_groupsKeysAndValues_spacesAroundEqualsIgnored() {
        DesktopEntry entry = DesktopEntry.parse(TEXT);
        assertEquals(List.of("Desktop Entry", "Desktop Action new"), entry.groups());
        assertEquals(List.of("Name", "Name[de]", "Exec"), entry.keys("Desktop Entry"));
        assertEquals(Optional.of("foo %U"), entry.get("Desktop Entry", "Exec"));
        assertEquals(Optional.of("foo --new"), entry.get("Desktop Action new", "Exec"));
    }

    @Test
    void format_untouched_sameText() {
        assertEquals(TEXT, DesktopEntry.parse(TEXT).format());
    }

    @Test
    void setAndRemove_editOnlyTheirLines_newKeysAfterTheGroupsLastEntry() {
        DesktopEntry entry = DesktopEntry.parse(TEXT);
        entry.set("Desktop Entry", "Name", "Foo (trydeb)");
        entry.set("Desktop Entry", "Icon", "/x.png");
        entry.remove("Desktop Entry", "Name[de]");
        assertEquals("# a comment\n[Desktop Entry]\nName=Foo (trydeb)\nExec = foo %U\nIcon=/x.png\n\n"
                + "[Desktop Action new]\nName=New\nExec=foo --new\n", entry.format());
    }
}
