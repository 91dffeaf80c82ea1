package dev.trydeb.store;

import java.time.Instant;

/**
 * A row of the packages table: a package installed into an environment by a transaction.
 *
 * @param sourceFile the .deb it was installed from
 * @param control its full control stanza
 */
public record PackageRecord(long id, long environmentId, long transactionId, String name, String version,
        String architecture, String sourceFile, String sha256, String control, Instant installedAt) {
}
