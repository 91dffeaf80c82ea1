package dev.trydeb.cli;

import dev.trydeb.core.ExitCode;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/** A usage error is short: the error, picocli's suggestion, the synopsis and where help is. */
final class UsageErrorRenderer implements IParameterExceptionHandler {
    @Override
    public int handleParseException(ParameterException e, String[] args) {
        CommandLine cli = e.getCommandLine();
        PrintWriter err = cli.getErr();
        err.println("trydeb: " + e.getMessage());
        UnmatchedArgumentException.printSuggestions(e, err);
        err.print("Usage: " + cli.getHelp().synopsis(0));
        err.println("Run '" + cli.getCommandSpec().qualifiedName() + " --help' for more information.");
        err.flush();
        return ExitCode.BAD_INPUT.code();
    }
}
