package dev.trydeb.cli;

import dev.trydeb.env.InstallRequest;
import dev.trydeb.env.Installer;
import dev.trydeb.env.Progress;
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
            "Dependencies must already be on the host or in the environment."},
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
            for (Path file : files) {
                installer.install(new InstallRequest(parent.global.environment(), file));
            }
        }
        return 0;
    }
}
