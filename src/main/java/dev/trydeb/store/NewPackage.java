package dev.trydeb.store;

import dev.trydeb.core.GuestPath;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A package a transaction installed, as handed to {@link Store#commitTransaction}.
 *
 * @param sourceFile the .deb it was installed from
 * @param control its full control stanza
 * @param files the guest paths it owns, each a valid {@link GuestPath}
 * @param automatic whether apt pulled it in rather than the user asking for it
 * @param hostVersion the host's version of the package it overrides, if the host has one
 */
public record NewPackage(String name, String version, String architecture, String sourceFile, String sha256,
        String control, List<String> files, boolean automatic, Optional<String> hostVersion) {
    public NewPackage {
        Objects.requireNonNull(hostVersion, "hostVersion");
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
