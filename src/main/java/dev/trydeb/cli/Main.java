package dev.trydeb.cli;

import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point: one CommandLine, one exception handler, one exit-code mapping. */
public final class Main {
    static final List<Class<?>> SUBCOMMANDS = List.of(InstallCommand.class, RemoveCommand.class,
            RollbackCommand.class, CompactCommand.class, RunCommand.class, ShellCommand.class, ListCommand.class,
            EnvsCommand.class, InfoCommand.class, LogCommand.class, DiffCommand.class, ResetCommand.class,
            ExportCommand.class, UnexportCommand.class, DoctorCommand.class);

    private Main() {}

    public static void main(String[] args) {
        System.exit(commandLine(subcommandNamed(args)).execute(args));
    }

    /** The whole command line, every subcommand included (help, completion). */
    static CommandLine commandLine() {
        return commandLine(null);
    }

    /**
     * With only the subcommand named, when one is: picocli reads every subcommand's
     * annotations up front, which costs a short command a third of its start.
     */
    static CommandLine commandLine(String only) {
        CommandLine cli = new CommandLine(new TrydebCommand());
        for (Class<?> subcommand : SUBCOMMANDS) {
            if (only == null || only.equals(nameOf(subcommand))) {
                cli.addSubcommand(subcommand);
            }
        }
        cli.setExecutionExceptionHandler(new ErrorRenderer());
        cli.setParameterExceptionHandler(new UsageErrorRenderer());
        // Arguments are passed to programs untouched: picocli must not read "@name" as a file of arguments.
        cli.setExpandAtFiles(false);
        if (cli.getSubcommands().containsKey("run")) {
            cli.getSubcommands().get("run").setStopAtPositional(true);
        }
        return cli;
    }

    /** The subcommand the arguments name after the global options, or null if they name none. */
    static String subcommandNamed(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--env")) {
                i++;
            } else if (!arg.startsWith("-")) {
                return SUBCOMMANDS.stream().map(Main::nameOf).filter(arg::equals).findFirst().orElse(null);
            }
        }
        return null;
    }

    private static String nameOf(Class<?> subcommand) {
        return subcommand.getAnnotation(Command.class).name();
    }
}
