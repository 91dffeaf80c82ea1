package dev.trydeb.cli;

import dev.trydeb.core.TrydebException;
import dev.trydeb.env.InstallRequest;
import dev.trydeb.env.InstallResult;
import dev.trydeb.env.MenuEntries;
import dev.trydeb.env.Warnings;
import dev.trydeb.env.Workspace;
import dev.trydeb.store.EnvironmentName;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "install",
        description = {"Install .deb files and packages by name into the environment.", "",
            "Everything is one transaction: the "
                + "host's apt works out what the host and the environment lack, downloads it as you into "
                + "~/.cache/trydeb/archives, and the real dpkg installs it in a new copy-on-write layer "
                + "that is kept only if everything succeeds. Maintainer scripts run as root inside the "
                + "sandbox, without access to your home directory or the network; services are never started. When the "
                + "plan does more than you asked (dependencies, replacing a host package's version), it is "
                + "shown and confirmed first. The applications of the packages it installs are added to your menu (see 'trydeb export')."},
        mixinStandardHelpOptions = true)
final class InstallCommand implements Callable<Integer> {
    @ParentCommand
    TrydebCommand parent;

    @Mixin
    ChangeOptions change;

    @Option(names = "--interactive",
            description = "Let debconf ask the packages' questions on this terminal (default: take the defaults).")
    boolean interactive;

    @Option(names = "--network",
            description = "Let maintainer scripts reach the network. By default they have none (only a loopback of "
                    + "their own): everything the transaction needs is downloaded before they run.")
    boolean network;

    @Option(names = "--no-install-recommends", description = "Do not install recommended packages (as apt's option).")
    boolean noRecommends;

    @Parameters(paramLabel = "TARGET", arity = "1..*",
            description = "A .deb file (a path: ./foo.deb) or a package name: NAME, NAME=VERSION or NAME/RELEASE.")
    List<String> targets;

    @Override
    public Integer call() {
        List<String> aptOptions = new ArrayList<>();
        if (noRecommends) {
            aptOptions.add("--no-install-recommends");
        }
        PrintStream human = change.humanOutput();
        try (Workspace workspace = Workspace.forCurrentUser()) {
            EnvironmentName environment = parent.global.environment();
            InstallResult result = change.installer(workspace, environment.value())
                    .install(new InstallRequest(environment, targets, interactive, aptOptions, network));
            MenuEntries menu = MenuEntries.forCurrentUser(workspace);
            result.packageNames().forEach(name -> exportMenuEntries(menu, name, human));
            change.printJson(result);
        }
        return 0;
    }

    /** The package is installed whatever happens here: a menu problem is only a warning. */
    private void exportMenuEntries(MenuEntries menu, String packageName, PrintStream out) {
        Warnings warnings = Warnings.to(System.err);
        try {
            MenuExportOutput.print(packageName, menu.export(parent.global.environment(), packageName), out, warnings);
        } catch (TrydebException e) {
            warnings.warn("could not put " + packageName + " into your menu: " + e.getMessage());
        }
    }
}
