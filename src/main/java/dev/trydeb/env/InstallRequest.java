package dev.trydeb.env;

import dev.trydeb.store.EnvironmentName;
import java.nio.file.Path;

/** Install one .deb file into an environment. */
public record InstallRequest(EnvironmentName environment, Path debFile) {}
