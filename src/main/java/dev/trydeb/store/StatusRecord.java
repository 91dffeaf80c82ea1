package dev.trydeb.store;

import java.util.Objects;
import java.util.Optional;

/**
 * The dpkg status stanza a transaction left for one package and architecture; empty when the
 * transaction took the package out of dpkg's database.
 */
public record StatusRecord(String packageName, String architecture, Optional<String> stanza) {
    public StatusRecord {
        Objects.requireNonNull(packageName, "packageName");
        Objects.requireNonNull(architecture, "architecture");
        Objects.requireNonNull(stanza, "stanza");
    }
}
