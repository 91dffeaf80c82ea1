package dev.trydeb.env;

import dev.trydeb.store.EnvironmentName;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Run a program inside an environment: a package's program ({@code packageName}, chosen by
 * {@code exec} when it has several) or any command ({@code exec} alone).
 */
public record RunRequest(EnvironmentName environment, Optional<String> packageName, Optional<String> exec,
                         List<String> arguments, Path workingDirectory, RunOptions options) {
    public RunRequest {
        arguments = List.copyOf(arguments);
    }
}
