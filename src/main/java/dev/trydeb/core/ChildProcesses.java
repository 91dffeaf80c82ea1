package dev.trydeb.core;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one place trydeb starts a child process. Ctrl-C or kill sent to trydeb's process group
 * also reaches the JDK's spawn helper (jspawnhelper) while it starts a child, and
 * ProcessBuilder then fails with "Failed to exec spawn helper: pid: N, signal: S": that is an
 * interruption, not a missing program, and is reported as one (InterruptedIOException).
 */
public final class ChildProcesses {
    private static final Pattern SPAWN_HELPER_SIGNAL = Pattern.compile("spawn helper: .*\\bsignal: (\\d+)");
    private static final Set<Integer> STOP_SIGNALS = Set.of(1, 2, 15); // SIGHUP, SIGINT, SIGTERM

    private ChildProcesses() {
    }

    public static Process start(ProcessBuilder builder) throws IOException {
        try {
            return builder.start();
        } catch (IOException e) {
            if (stoppedBySignal(e)) {
                InterruptedIOException interruption = new InterruptedIOException(
                        "stopped by a signal while starting " + builder.command().get(0));
                interruption.initCause(e);
                throw interruption;
            }
            throw e;
        }
    }

    static boolean stoppedBySignal(IOException e) {
        String message = e.getMessage();
        if (message == null) {
            return false;
        }
        Matcher m = SPAWN_HELPER_SIGNAL.matcher(message);
        return m.find() && STOP_SIGNALS.contains(Integer.parseInt(m.group(1)));
    }
}
