package dev.trydeb.env;

import dev.trydeb.store.EnvironmentName;
import java.nio.file.Path;

/** Shows what a throwaway run changed, before its layer is thrown away (--diff-on-exit). */
@FunctionalInterface
public interface EphemeralDiff {
    void show(EnvironmentName environment, Path throwawayDir);
}
