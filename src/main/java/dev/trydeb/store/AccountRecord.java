package dev.trydeb.store;

import java.util.Objects;
import java.util.Set;

/** A line of /etc/passwd or /etc/group ({@code file}) that a transaction added or changed. */
public record AccountRecord(String file, String name, String line) {
    public static final Set<String> FILES = Set.of("passwd", "group");

    public AccountRecord {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(line, "line");
        if (!FILES.contains(file)) {
            throw new IllegalArgumentException("not an account file: " + file);
        }
    }
}
