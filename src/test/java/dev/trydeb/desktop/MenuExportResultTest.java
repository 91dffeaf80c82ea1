package dev.trydeb.desktop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MenuExportResultTest {
    @TempDir
    Path dir;

    private Path entry(String name, String extra) throws IOException {
        return Files.writeString(dir.resolve(name), "[Desktop Entry]\nType=Application\nName=X\nExec=x\n" + extra
                + "\n[Desktop Action new]\nName=New\nNoDisplay=true\n");
    }

    @Test
    void shownInMenus_leavesOutNoDisplayHiddenIconsAndUnreadableEntries() throws IOException {
        Path shown = entry("shown.desktop", "NoDisplay=false");
        Path handler = entry("handler.desktop", "NoDisplay=true");
        Path hidden = entry("hidden.desktop", "Hidden=true");
        Path icon = Files.writeString(dir.resolve("x.png"), "png");

        MenuExport.Result result = new MenuExport.Result(List.of(shown, handler, hidden, icon, dir.resolve("gone.desktop")),
                List.of());

        assertEquals(List.of(shown), result.shownInMenus());
    }
}
