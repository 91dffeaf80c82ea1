package dev.trydeb.cli;

import dev.trydeb.core.ErrorText;
import dev.trydeb.core.ExitCode;
import dev.trydeb.core.TrydebException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/** The one place errors become output: one line, a documented exit code, a trace only on request. */
final class ErrorRenderer implements IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception e, CommandLine cli, ParseResult parsed) {
        PrintWriter err = cli.getErr();
        if (jvmExiting() || (ErrorText.isInterruption(e) && jvmExitsSoon())) {
            // Ctrl-C or SIGTERM: the shutdown hook has said what happened; this error (a child
            // killed by the same signal, say) would only mislead.
            return ExitCode.FAILURE.code();
        }
        boolean stacktrace = parsed.hasMatchedOption("--stacktrace")
                || parsed.subcommands().stream().anyMatch(sub -> sub.hasMatchedOption("--stacktrace"));
        int code;
        if (e instanceof TrydebException known) {
            err.println("trydeb: " + known.getMessage());
            code = known.exitCode().code();
        } else {
            err.println("trydeb: internal error: " + e + "; please report it with the output of --stacktrace");
            code = ExitCode.INTERNAL.code();
        }
        if (stacktrace) {
            e.printStackTrace(err);
        }
        err.flush();
        return code;
    }

    /** The child may notice its signal before the JVM does: give the JVM's own a moment to arrive. */
    private static boolean jvmExitsSoon() {
        for (int i = 0; i < 100; i++) {
            if (jvmExiting()) {
                return true;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                return jvmExiting();
            }
        }
        return false;
    }

    /** Whether the JVM is running its shutdown hooks: the only public sign is that no hook can be added. */
    private static boolean jvmExiting() {
        Thread probe = new Thread(() -> { });
        try {
            Runtime.getRuntime().addShutdownHook(probe);
            Runtime.getRuntime().removeShutdownHook(probe);
            return false;
        } catch (IllegalStateException e) {
            return true;
        }
    }
}
