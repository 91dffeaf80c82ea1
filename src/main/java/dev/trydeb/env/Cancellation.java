package dev.trydeb.env;

import dev.trydeb.sandbox.SandboxLauncher;
import java.io.PrintStream;
import java.util.concurrent.TimeUnit;

/**
 * What Ctrl-C or SIGTERM does to one change of an environment. The JVM runs its shutdown
 * hooks on such a signal and then exits, whatever its main thread is doing, so the hook
 * changes nothing itself: before the commit point it stops the sandbox and waits for the
 * main thread to drop the transaction (nothing is removed while dpkg may still write it);
 * from the commit point on the signal is ignored and the hook waits for the commit to end.
 * Either way the user reads one line.
 */
final class Cancellation implements AutoCloseable {
    private enum Phase { PLANNING, IN_TRANSACTION, CANCELLING, DROPPING, COMMITTING, COMMITTED, FINISHED }

    /** How long the hook waits for the main thread before the JVM exits anyway (recovery then cleans up). */
    private static final long PATIENCE_MS = TimeUnit.MINUTES.toMillis(2);

    private final String environment;
    private final SandboxLauncher launcher;
    private final PrintStream err;
    private final Thread hook = new Thread(this::onSignal, "trydeb-cancel");
    private Phase phase = Phase.PLANNING;

    private Cancellation(String environment, SandboxLauncher launcher, PrintStream err) {
        this.environment = environment;
        this.launcher = launcher;
        this.err = err;
    }

    static Cancellation watch(String environment, SandboxLauncher launcher, PrintStream err) {
        Cancellation cancellation = new Cancellation(environment, launcher, err);
        Runtime.getRuntime().addShutdownHook(cancellation.hook);
        return cancellation;
    }

    synchronized void transactionBegun() {
        if (phase == Phase.PLANNING) {
            phase = Phase.IN_TRANSACTION;
        }
    }

    /** The commit point: true if the transaction may commit, false if a signal asked to cancel it. */
    synchronized boolean enterCommit() {
        if (phase != Phase.IN_TRANSACTION) {
            return false;
        }
        phase = Phase.COMMITTING;
        return true;
    }

    synchronized void committed() {
        phase = Phase.COMMITTED;
    }

    synchronized boolean isCommitted() {
        return phase == Phase.COMMITTED;
    }

    synchronized boolean wasCancelled() {
        return phase == Phase.CANCELLING || phase == Phase.DROPPING;
    }

    /** The main thread starts removing the transaction's layer: the hook must not stop that. */
    synchronized void dropping() {
        if (phase == Phase.CANCELLING) {
            phase = Phase.DROPPING;
        }
    }

    synchronized void finished() {
        phase = Phase.FINISHED;
        notifyAll();
    }

    /**
     * The main thread after it dropped a cancelled transaction: the JVM is exiting, and the
     * hook says what happened; nothing else may print or change anything meanwhile.
     */
    void awaitExit() {
        finished();
        while (true) {
            try {
                Thread.sleep(Long.MAX_VALUE);
            } catch (InterruptedException e) {
                // keep waiting for the JVM to exit
            }
        }
    }

    private void onSignal() {
        Phase seen;
        synchronized (this) {
            seen = phase;
            if (phase == Phase.IN_TRANSACTION) {
                phase = Phase.CANCELLING;
            }
        }
        if (seen == Phase.PLANNING) {
            err.println("trydeb: cancelled; environment '" + environment + "' is unchanged");
            return;
        }
        boolean finished = awaitMainThread();
        if (seen == Phase.IN_TRANSACTION) {
            err.println("trydeb: cancelled; environment '" + environment + "' is unchanged"
                    + (finished ? "" : " (the next trydeb command removes what is left of the transaction)"));
        }
    }

    /** Stops the sandbox (again, should one start meanwhile) until the main thread drops or commits. */
    private boolean awaitMainThread() {
        long deadline = System.currentTimeMillis() + PATIENCE_MS;
        while (true) {
            boolean stopSandbox;
            synchronized (this) {
                if (phase == Phase.FINISHED) {
                    return true;
                }
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) {
                    return false;
                }
                stopSandbox = phase == Phase.CANCELLING;
                if (!stopSandbox) {
                    try {
                        wait(Math.min(left, 100));
                    } catch (InterruptedException e) {
                        return false;
                    }
                    continue;
                }
            }
            launcher.stopRunning();
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                return false;
            }
        }
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs or has run
        }
    }
}
