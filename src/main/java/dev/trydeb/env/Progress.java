package dev.trydeb.env;

import java.io.PrintStream;

/** Where long operations report their steps. */
@FunctionalInterface
public interface Progress {
    void step(String message);

    static Progress to(PrintStream out) {
        return message -> {
            out.println(message);
            out.flush();
        };
    }
}
