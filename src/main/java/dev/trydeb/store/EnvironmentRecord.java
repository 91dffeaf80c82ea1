package dev.trydeb.store;

import java.time.Instant;

/** A row of the environments table. */
public record EnvironmentRecord(long id, String name, Instant createdAt) {
}
