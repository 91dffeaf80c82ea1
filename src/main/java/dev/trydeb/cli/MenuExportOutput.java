package dev.trydeb.cli;

import dev.trydeb.desktop.MenuExport;
import dev.trydeb.env.Warnings;
import java.io.PrintStream;
import java.nio.file.Path;

/** What an export put into the menu, on {@code out}; what it left out, as warnings. */
final class MenuExportOutput {
    private MenuExportOutput() {}

    static void print(String packageName, MenuExport.Result result, PrintStream out, Warnings warnings) {
        for (Path file : result.shownInMenus()) {
            out.println("Menu entry of " + packageName + ": " + file);
        }
        result.skipped().forEach(reason -> warnings.warn("menu entry of " + packageName + " left out: " + reason));
        out.flush();
    }
}
