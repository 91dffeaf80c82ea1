package dev.trydeb.env;

/**
 * How a program runs: throwaway or not, which home, with or without the network, in the
 * host's IPC namespace or its own, on the caller's session bus or a private one.
 */
public record RunOptions(boolean ephemeral, boolean diffOnExit, Home home, boolean network, boolean isolateIpc,
                         boolean privateBus) {
    public enum Home { REAL, PRIVATE, NONE }

    public static RunOptions defaults() {
        return new RunOptions(false, false, Home.REAL, true, false, false);
    }

    /**
     * equals(defaults()), written out: a record's equals is bootstrapped through method
     * handles on its first use, the only such use on a run's path through Java (~7 ms).
     */
    public boolean areDefaults() {
        return !ephemeral && !diffOnExit && home == Home.REAL && network && !isolateIpc && !privateBus;
    }
}
