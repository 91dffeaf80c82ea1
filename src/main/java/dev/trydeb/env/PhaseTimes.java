package dev.trydeb.env;

import java.io.PrintStream;
import java.util.Map;

/**
 * How long each phase of a transaction took: one line each on standard error when the
 * environment sets {@code TRYDEB_TIMINGS}, so that integration-tests/bench can tell the
 * sandbox's share (dpkg and the namespaces around it) from trydeb's own work.
 */
public final class PhaseTimes {
    public static final String VARIABLE = "TRYDEB_TIMINGS";

    private final PrintStream err;
    private long phaseStart = System.nanoTime();

    private PhaseTimes(PrintStream err) {
        this.err = err;
    }

    /** Reporting to {@code err} if {@code environment} sets TRYDEB_TIMINGS (to anything); silent otherwise. */
    public static PhaseTimes from(Map<String, String> environment, PrintStream err) {
        return new PhaseTimes(environment.containsKey(VARIABLE) ? err : null);
    }

    /** Ends the phase that began when the last one ended (or when this was made). */
    void finished(String phase) {
        long now = System.nanoTime();
        if (err != null) {
            err.println("trydeb: timing: " + phase + " " + (now - phaseStart) / 1_000_000 + " ms");
            err.flush();
        }
        phaseStart = now;
    }
}
