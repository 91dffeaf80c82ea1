package dev.trydeb.cli;

import dev.trydeb.core.TrydebException;
import dev.trydeb.env.InstallResult;
import dev.trydeb.env.Installer;
import dev.trydeb.env.PhaseTimes;
import dev.trydeb.env.Progress;
import dev.trydeb.env.TransactionOutput;
import dev.trydeb.env.Workspace;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** Options of the commands that change an environment (install, remove). */
final class ChangeOptions {
    @Option(names = {"-y", "--yes"}, description = "Accept the plan without asking, as apt-get -y.")
    boolean assumeYes;

    @Option(names = "--json", description = "Print the result as JSON on stdout; progress goes to stderr.")
    boolean json;

    @Option(names = {"-q", "--quiet"}, description = "Print only problems (and the plan, when it must be confirmed):"
            + " for scripts. 'trydeb log' shows apt's and dpkg's whole output.")
    boolean quiet;

    @Option(names = "--verbose", description = "Show everything apt and dpkg print. By default a line per package"
            + " step and the problems are shown; 'trydeb log' shows the rest afterwards.")
    boolean verbose;

    /** Where the plan and progress go: stdout, or stderr when stdout carries JSON. */
    PrintStream humanOutput() {
        return json ? System.err : System.out;
    }

    /**
     * Progress and the plan to {@link #humanOutput()}, confirmed as the options say; each
     * phase's time on stderr when TRYDEB_TIMINGS is set.
     */
    Installer installer(Workspace workspace, String environment) {
        if (quiet && verbose) {
            throw TrydebException.badInput("--quiet and --verbose contradict each other: give one of them");
        }
        PrintStream human = humanOutput();
        Progress progress = quiet ? message -> { } : Progress.to(human);
        TransactionOutput.Detail detail = quiet ? TransactionOutput.Detail.QUIET
                : verbose ? TransactionOutput.Detail.VERBOSE : TransactionOutput.Detail.NORMAL;
        return new Installer(workspace, progress, new PlanPrompt(human, assumeYes, quiet, environment), human,
                System.console() != null && !json && !quiet, PhaseTimes.from(System.getenv(), System.err), detail);
    }

    void printJson(InstallResult result) {
        if (!json) {
            return;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("environment", result.environment());
        out.put("transaction", result.transactionId().orElse(null));
        out.put("installed", result.installed());
        out.put("removed", result.removed());
        JsonOutput.print(out);
    }
}
