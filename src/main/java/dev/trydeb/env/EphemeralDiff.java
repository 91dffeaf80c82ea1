package dev.trydeb.env;

import dev.trydeb.core.HostUser;
import dev.trydeb.sandbox.LayerStack;
import dev.trydeb.sandbox.WritableLayer;

/** Shows what a throwaway run changed, before its layer is thrown away (--diff-on-exit). */
@FunctionalInterface
public interface EphemeralDiff {
    void show(LayerStack below, WritableLayer throwaway, HostUser user);
}
