package dev.trydeb.diff;

import dev.trydeb.deb.ShippedFile;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A package an install transaction installed, the guest paths it owns ("/usr/bin/hello"),
 * and what its data.tar held at each non-directory (empty when that was not recorded).
 */
public record PackageFiles(String name, String version, Set<String> files, List<ShippedFile> shipped) {
    public PackageFiles(String name, String version, Set<String> files) {
        this(name, version, files, List.of());
    }

    public PackageFiles {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        files = Set.copyOf(files);
        shipped = List.copyOf(shipped);
    }
}
