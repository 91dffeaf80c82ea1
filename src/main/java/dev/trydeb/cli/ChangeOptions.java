package dev.trydeb.cli;

import dev.trydeb.env.InstallResult;
import dev.trydeb.env.Installer;
import dev.trydeb.env.PhaseTimes;
import dev.trydeb.env.Progress;
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

    /** Where the plan and progress go: stdout, or stderr when stdout carries JSON. */
    PrintStream humanOutput() {
        return json ? System.err : System.out;
    }

    /**
     * Progress and the plan to {@link #humanOutput()}, confirmed as the options say; each
     * phase's time on stderr when TRYDEB_TIMINGS is set.
     */
    Installer installer(Workspace workspace, String environment) {
        PrintStream human = humanOutput();
        return new Installer(workspace, Progress.to(human), new PlanPrompt(human, assumeYes, environment), human,
                System.console() != null && !json, PhaseTimes.from(System.getenv(), System.err));
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
