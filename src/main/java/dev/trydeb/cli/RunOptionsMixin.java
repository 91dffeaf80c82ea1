package dev.trydeb.cli;

import dev.trydeb.env.RunOptions;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/** The options run and shell share. */
final class RunOptionsMixin {
    @Option(names = "--ephemeral",
            description = "Stack a throwaway layer: whatever the program changes outside home is discarded when it exits.")
    boolean ephemeral;

    @Option(names = "--diff-on-exit",
            description = "With --ephemeral: when the program exits, show what it changed before throwing it away.")
    boolean diffOnExit;

    @ArgGroup(exclusive = true)
    HomeChoice home = new HomeChoice();

    static final class HomeChoice {
        @Option(names = "--private-home",
                description = "Give the program a copy-on-write view of your home; its changes stay in the environment"
                        + " ('trydeb diff' shows them) and never reach your real home.")
        boolean privateHome;

        @Option(names = "--no-home", description = "Give the program an empty home directory.")
        boolean noHome;
    }

    @Option(names = "--no-network", description = "A network namespace with only the loopback interface"
            + " (this also cuts off a D-Bus session bus at an abstract address, and X displays over TCP).")
    boolean noNetwork;

    @Option(names = "--isolate-ipc",
            description = "An IPC namespace and a /dev/shm of its own: the program cannot reach your System V and POSIX"
                    + " shared memory, semaphores and message queues, but some X11 programs then fail (MIT-SHM gives BadAccess).")
    boolean isolateIpc;

    @Option(names = "--private-bus",
            description = "Start the program on a D-Bus session bus of its own (dbus-run-session), so that it cannot"
                    + " hand over to a copy already running on your desktop; desktop services on your bus"
                    + " (notifications, keyring, portals) are then out of its reach.")
    boolean privateBus;

    RunOptions toOptions() {
        RunOptions.Home mode = home.privateHome ? RunOptions.Home.PRIVATE
                : home.noHome ? RunOptions.Home.NONE : RunOptions.Home.REAL;
        return new RunOptions(ephemeral, diffOnExit, mode, !noNetwork, isolateIpc, privateBus);
    }
}
