package dev.trydeb.cli;

import dev.trydeb.core.TrydebException;
import dev.trydeb.env.InstallRequest;
import dev.trydeb.env.InstallResult;
import dev.trydeb.env.Installer;
import dev.trydeb.env.MenuEntries;
import dev.trydeb.env.Progress;
import dev.trydeb.env.Warnings;
import dev.trydeb.env.Workspace;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "install",
        description = {
            "Install .deb files into the environment with the real dpkg, each in a transaction of",
            "its own: a new copy-on-write layer that is kept only if dpkg succeeds. Maintainer",
            "scripts run as root inside the sandbox, without access to your home directory.",
            "Dependencies must already be on the host or in the environment. The package's",
            "applications are added to your menu (see 'trydeb export')."},
        mixinStandardHelpOptions = true)
final class InstallCommand implements Callable<Integer> {
    @ParentCommand
    TrydebCommand parent;

    @Parameters(paramLabel = "FILE.deb", arity = "1..*", description = "The .deb files, installed in this order.")
    List<Path> files;

    @Override
    public Integer call() {
        try (Workspace workspace = Workspace.forCurrentUser()) {
            Installer installer = new Installer(workspace, Progress.to(System.out));
            MenuEntries menu = MenuEntries.forCurrentUser(workspace);
            for (Path file : files) {
                InstallResult result = installer.install(new InstallRequest(parent.global.environment(), file));
                exportMenuEntries(menu, result.packageName());
            }
        }
        return 0;
    }

    /** The package is installed whatever happens here: a menu problem is only a warning. */
    private void exportMenuEntries(MenuEntries menu, String packageName) {
        Warnings warnings = Warnings.to(System.err);
        try {
            MenuExportOutput.print(packageName, menu.export(parent.global.environment(), packageName), warnings);
        } catch (TrydebException e) {
            warnings.warn("could not put " + packageName + " into your menu: " + e.getMessage());
        }
    }
}
