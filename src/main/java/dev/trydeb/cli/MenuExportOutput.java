package dev.trydeb.cli;

import dev.trydeb.desktop.MenuExport;
import dev.trydeb.env.Warnings;
import java.nio.file.Path;

/** What an export put into the menu, on stdout; what it left out, as warnings. */
final class MenuExportOutput {
    private MenuExportOutput() {}

    static void print(String packageName, MenuExport.Result result, Warnings warnings) {
        for (Path file : result.written()) {
            if (file.toString().endsWith(".desktop")) {
                System.out.println("Menu entry of " + packageName + ": " + file);
            }
        }
        result.skipped().forEach(reason -> warnings.warn("menu entry of " + packageName + " left out: " + reason));
        System.out.flush();
    }
}
