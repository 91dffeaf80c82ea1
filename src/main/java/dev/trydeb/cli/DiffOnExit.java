package dev.trydeb.cli;

import dev.trydeb.core.HostUser;
import dev.trydeb.env.EphemeralDiff;
import dev.trydeb.env.Workspace;
import dev.trydeb.sandbox.LayerStack;
import dev.trydeb.sandbox.WritableLayer;

/** Prints what a throwaway run changed, on stderr, so the program's own output stays clean. */
final class DiffOnExit implements EphemeralDiff {
    private final Workspace workspace;

    DiffOnExit(Workspace workspace) {
        this.workspace = workspace;
    }

    @Override
    public void show(LayerStack below, WritableLayer throwaway, HostUser user) {
        System.err.println("trydeb: the diff engine is not wired yet");
    }
}
