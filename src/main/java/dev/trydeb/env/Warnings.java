package dev.trydeb.env;

import java.io.PrintStream;

/** Where an operation says what may not work as the user expects, without failing. */
@FunctionalInterface
public interface Warnings {
    void warn(String message);

    /** One line each, "trydeb: warning: MESSAGE". */
    static Warnings to(PrintStream err) {
        return message -> {
            err.println("trydeb: warning: " + message);
            err.flush();
        };
    }
}
