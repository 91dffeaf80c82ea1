package dev.trydeb.store;

import java.time.Instant;
import java.util.Optional;

/**
 * A row of the packages table: a package installed into an environment by a transaction.
 *
 * @param sourceFile the .deb it was installed from
 * @param control its full control stanza (its dpkg status stanza when apt installed it)
 * @param automatic whether apt pulled it in rather than the user asking for it
 * @param hostVersion the host's version of the package it overrides, if the host had one
 */
public record PackageRecord(long id, long environmentId, long transactionId, String name, String version,
        String architecture, String sourceFile, String sha256, String control, Instant installedAt,
        boolean automatic, Optional<String> hostVersion) {
}
