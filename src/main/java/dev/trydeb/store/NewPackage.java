package dev.trydeb.store;

import dev.trydeb.core.GuestPath;
import java.util.List;
import java.util.Objects;

/**
 * A package a transaction installed, as handed to {@link Store#commitTransaction}.
 *
 * @param sourceFile the .deb it was installed from
 * @param control its full control stanza
 * @param files the guest paths it owns, each a valid {@link GuestPath}
 */
public record NewPackage(String name, String version, String architecture, String sourceFile, String sha256,
        String control, List<String> files) {
    public NewPackage {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(architecture, "architecture");
        Objects.requireNonNull(sourceFile, "sourceFile");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(control, "control");
        files = List.copyOf(files);
        files.forEach(GuestPath::of);
    }
}
