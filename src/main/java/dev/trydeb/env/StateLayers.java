package dev.trydeb.env;

import dev.trydeb.state.MergedState;
import dev.trydeb.store.EnvironmentLayout;
import dev.trydeb.store.EnvironmentRecord;

/** Keeps an environment's merged-state layers (state.MergedState) in step with its records. */
final class StateLayers {
    private StateLayers() {}

    /**
     * After a change was committed, under the exclusive lock: writes the state the next
     * sandbox will use and deletes the others, so a later failed change finds it and leaves
     * the environment's directory exactly as it was.
     */
    static void refresh(Workspace workspace, EnvironmentRecord env, EnvironmentLayout layout) {
        keepOnly(layout, workspace.mergedState(env));
    }

    /** The same, over the host files the change's own state was built from. */
    static void refresh(Workspace workspace, EnvironmentRecord env, EnvironmentLayout layout, MergedState before) {
        keepOnly(layout, workspace.mergedState(env, before));
    }

    private static void keepOnly(EnvironmentLayout layout, MergedState state) {
        MergedState.prune(layout.stateDir(), state.materialize(layout.stateDir()));
    }
}
