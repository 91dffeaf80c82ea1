package dev.trydeb.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "trydeb",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Try Debian packages without sudo and without risk to the system.",
            "",
            "trydeb installs packages with the real apt and dpkg into a copy-on-write overlay of this "
                + "system that belongs to you alone (an environment), runs their programs there as you, "
                + "shows what they changed, and throws everything away on 'trydeb reset'. Nothing outside "
                + "your trydeb store (~/.local/share/trydeb) changes."},
        footerHeading = "%nExit status:%n",
        footer = {
            "0 ok; 1 the operation failed (e.g. dpkg); 2 bad input or usage; 3 this system cannot host a "
                + "sandbox; 4 internal error; 5 the environment is busy; 125 the sandbox could not be set up. "
                + "'run' and 'shell' return the program's own exit status."})
/** The top command; {@link Main} adds the subcommands. */
public final class TrydebCommand implements Runnable {
    @Mixin
    GlobalOptions global;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
