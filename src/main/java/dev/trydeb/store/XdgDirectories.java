package dev.trydeb.store;

import dev.trydeb.core.ExitCode;
import dev.trydeb.core.TrydebException;
import java.nio.file.Path;
import java.util.Map;

/**
 * The XDG base directories trydeb uses, resolved from the environment as the XDG Base
 * Directory specification says: a variable that is unset, empty or relative is ignored.
 */
public final class XdgDirectories {
    private static final String APPLICATION = "trydeb";

    private final Path dataHome;
    private final Path cacheHome;

    private XdgDirectories(Path dataHome, Path cacheHome) {
        this.dataHome = dataHome;
        this.cacheHome = cacheHome;
    }

    public static XdgDirectories fromEnvironment() {
        return from(System.getenv());
    }

    static XdgDirectories from(Map<String, String> env) {
        return new XdgDirectories(
                resolve(env, "XDG_DATA_HOME", ".local/share"),
                resolve(env, "XDG_CACHE_HOME", ".cache"));
    }

    /** $XDG_DATA_HOME, or $HOME/.local/share. */
    public Path dataHome() {
        return dataHome;
    }

    /** $XDG_CACHE_HOME, or $HOME/.cache. */
    public Path cacheHome() {
        return cacheHome;
    }

    /** Environments, layers and the database. */
    public Path storeRoot() {
        return dataHome.resolve(APPLICATION);
    }

    /** Downloaded packages and other things that can be fetched again. */
    public Path cacheRoot() {
        return cacheHome.resolve(APPLICATION);
    }

    private static Path resolve(Map<String, String> env, String variable, String underHome) {
        Path explicit = absoluteOrNull(env.get(variable));
        if (explicit != null) {
            return explicit;
        }
        Path home = absoluteOrNull(env.get("HOME"));
        if (home == null) {
            throw new TrydebException(ExitCode.ENVIRONMENT_UNUSABLE,
                    "HOME is not set to an absolute path and " + variable + " is not set either;"
                            + " set HOME to your home directory");
        }
        return home.resolve(underHome);
    }

    private static Path absoluteOrNull(String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        Path path = Path.of(value);
        return path.isAbsolute() ? path.normalize() : null;
    }
}
