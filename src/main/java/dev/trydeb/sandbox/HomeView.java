package dev.trydeb.sandbox;

import java.nio.file.Path;

/** What a running program sees at the user's home directory. */
public sealed interface HomeView {
    Path home();

    /** The real home, read-write: programs see and change the user's files. */
    record Real(Path home) implements HomeView {}

    /**
     * A copy-on-write view of the real home whose changes stay in the environment;
     * {@code layerUpper} mirrors the guest root (the home's changes are under upper/home/USER).
     */
    record Private(Path home, Path layerUpper, Path layerWork) implements HomeView {
        public Path upper() {
            return layerUpper.resolve(home.toString().substring(1));
        }
    }

    /** An empty home directory. */
    record Empty(Path home) implements HomeView {}
}
