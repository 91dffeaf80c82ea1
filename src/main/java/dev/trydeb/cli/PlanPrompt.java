package dev.trydeb.cli;

import dev.trydeb.core.ByteSize;
import dev.trydeb.core.TrydebException;
import dev.trydeb.env.ChangePlan;
import dev.trydeb.env.Confirmation;
import java.io.Console;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Shows a transaction's plan as apt does and, when it does more than was asked, asks before
 * going on: on a terminal a question, elsewhere a refusal unless --yes was given.
 */
final class PlanPrompt implements Confirmation {
    private final PrintStream out;
    private final boolean assumeYes;
    private final boolean quiet;
    private final String environment;

    /** @param quiet show the plan only when it must be confirmed */
    PlanPrompt(PrintStream out, boolean assumeYes, boolean quiet, String environment) {
        this.out = out;
        this.assumeYes = assumeYes;
        this.quiet = quiet;
        this.environment = environment;
    }

    @Override
    public boolean confirm(ChangePlan plan) {
        boolean ask = plan.needsConfirmation() && !assumeYes;
        if (!quiet || ask) {
            render(plan);
        }
        if (!ask) {
            return true;
        }
        Console console = System.console();
        if (console == null) {
            throw TrydebException.badInput("this " + plan.verb() + " does more than was asked (see above) and there is"
                    + " no terminal to confirm it on; add -y (--yes) to accept the plan");
        }
        out.flush();
        String answer = console.readLine("Do you want to continue? [Y/n] ");
        return answer != null && (answer.isBlank() || answer.strip().toLowerCase(Locale.ROOT).startsWith("y"));
    }

    private void render(ChangePlan plan) {
        section("The following packages will be installed into environment '" + environment + "':",
                plan.unpacks(), u -> u.replacedVersion().isEmpty(),
                u -> u.name() + " " + u.version() + (u.automatic() ? "  (needed by the above)" : ""));
        section("The following host packages will be replaced, in environment '" + environment + "' only:",
                plan.unpacks(), u -> u.replacedVersion().isPresent() && u.replacesHost(),
                u -> u.name() + " " + u.replacedVersion().get() + " -> " + u.version());
        section("The following packages of environment '" + environment + "' will be replaced:",
                plan.unpacks(), u -> u.replacedVersion().isPresent() && !u.replacesHost(),
                u -> u.name() + " " + u.replacedVersion().get() + " -> " + u.version());
        section("The following packages will be removed from environment '" + environment + "':",
                plan.removals(), r -> !r.host(), r -> r.name() + " " + r.version());
        section("The following host packages will be hidden in environment '" + environment + "' (the host keeps them):",
                plan.removals(), r -> r.host(), r -> r.name() + " " + r.version());
        if (plan.downloadBytes() > 0 || plan.installedKiB() > 0) {
            out.println("Need to download " + ByteSize.text(plan.downloadBytes()) + "; the environment grows by about "
                    + ByteSize.text(plan.installedKiB() * 1024) + ".");
        }
    }

    private <T> void section(String title, List<T> items, Predicate<T> filter, java.util.function.Function<T, String> line) {
        List<String> lines = items.stream().filter(filter).map(line).collect(Collectors.toList());
        if (lines.isEmpty()) {
            return;
        }
        out.println(title);
        lines.forEach(l -> out.println("  " + l));
    }
}
