package dev.trydeb.cli;

import picocli.CommandLine;

/** Entry point: one CommandLine, one exception handler, one exit-code mapping. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new TrydebCommand());
        cli.setExecutionExceptionHandler(new ErrorRenderer());
        cli.setParameterExceptionHandler(new UsageErrorRenderer());
        // Arguments are passed to programs untouched: picocli must not read "@name" as a file of arguments.
        cli.setExpandAtFiles(false);
        cli.getSubcommands().get("run").setStopAtPositional(true);
        return cli;
    }
}
