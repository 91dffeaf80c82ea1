package dev.trydeb.store;

import dev.trydeb.core.GuestPath;
import dev.trydeb.deb.ShippedFile;
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
 * @param shipped the non-directories of its data.tar, as dpkg unpacks them
 */
public record NewPackage(String name, String version, String architecture, String sourceFile, String sha256,
        String control, List<String> files, boolean automatic, Optional<String> hostVersion,
        List<ShippedFile> shipped) {
    /** A package whose data.tar contents are not recorded. */
    public NewPackage(String name, String version, String architecture, String sourceFile, String sha256,
            String control, List<String> files, boolean automatic, Optional<String> hostVersion) {
        this(name, version, architecture, sourceFile, sha256, control, files, automatic, hostVersion, List.of());
    }

    public NewPackage {
        Objects.requireNonNull(hostVersion, "hostVersion");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(architecture, "architecture");
        Objects.requireNonNull(sourceFile, "sourceFile");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(control, "control");
        files = List.copyOf(files);
        shipped = List.copyOf(shipped);
        files.forEach(GuestPath::of);
    }
}
