package dev.trydeb.store;

import dev.trydeb.core.TrydebException;
import java.util.regex.Pattern;

/**
 * The name of an environment. It becomes a directory name under the store, so it is kept to
 * a portable, shell-friendly alphabet and can never be "." or "..".
 */
public record EnvironmentName(String value) {
    private static final Pattern VALID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    /** The environment commands use without --env. */
    public static final String DEFAULT = "default";

    public EnvironmentName {
        if (value == null || !VALID.matcher(value).matches()) {
            throw TrydebException.badInput("invalid environment name '" + value
                    + "': use lower-case letters, digits, '.', '_' and '-'"
                    + " (at most 64, starting with a letter or digit)");
        }
    }

    public static EnvironmentName of(String value) {
        return new EnvironmentName(value);
    }

    public boolean isDefault() {
        return value.equals(DEFAULT);
    }

    @Override
    public String toString() {
        return value;
    }
}
