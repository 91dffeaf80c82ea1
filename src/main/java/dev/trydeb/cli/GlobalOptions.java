package dev.trydeb.cli;

import dev.trydeb.store.EnvironmentName;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** Options every command accepts, before or after the command name. */
public final class GlobalOptions {
    @Option(names = "--env", paramLabel = "NAME", defaultValue = EnvironmentName.DEFAULT, scope = ScopeType.INHERIT,
            description = "The environment to use (default: ${DEFAULT-VALUE}); 'install' creates it.")
    String environment;

    @Option(names = "--stacktrace", scope = ScopeType.INHERIT,
            description = "Print the Java stack trace of an error (for bug reports).")
    boolean stacktrace;

    EnvironmentName environment() {
        return EnvironmentName.of(environment);
    }
}
