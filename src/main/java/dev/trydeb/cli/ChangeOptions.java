package dev.trydeb.cli;

import dev.trydeb.env.InstallResult;
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

    PlanPrompt prompt(PrintStream out, String environment) {
        return new PlanPrompt(out, assumeYes, environment);
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
