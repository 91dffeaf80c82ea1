package dev.trydeb.diff;

import java.util.Objects;
import java.util.Set;

/** A package an install transaction installed, and the guest paths it owns ("/usr/bin/hello"). */
public record PackageFiles(String name, String version, Set<String> files) {
    public PackageFiles {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        files = Set.copyOf(files);
    }
}
