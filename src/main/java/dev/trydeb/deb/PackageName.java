package dev.trydeb.deb;

import java.util.regex.Pattern;

/** A binary package name as Debian Policy allows it: lowercase, at least two characters. */
public record PackageName(String value) implements Comparable<PackageName> {
    private static final Pattern VALID = Pattern.compile("[a-z0-9][a-z0-9+.-]+");

    public PackageName {
        if (value == null || !VALID.matcher(value).matches()) {
            throw new IllegalArgumentException("invalid package name '" + value + "': Debian package names use only"
                    + " a-z, 0-9, '+', '-' and '.', start with a letter or digit and have at least 2 characters");
        }
    }

    public static PackageName of(String value) {
        return new PackageName(value);
    }

    // Written out for the same reason as GuestPath's: a record's own go through invokedynamic.
    @Override
    public boolean equals(Object other) {
        return other instanceof PackageName name && value.equals(name.value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public int compareTo(PackageName other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
