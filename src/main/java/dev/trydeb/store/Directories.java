package dev.trydeb.store;

import dev.trydeb.core.ErrorText;
import dev.trydeb.core.ExitCode;
import dev.trydeb.core.TrydebException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/** Directory creation with errors the user can act on. */
final class Directories {
    private static final FileAttribute<Set<PosixFilePermission>> PRIVATE =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));

    private Directories() {
    }

    /**
     * Creates the directory and its missing parents with mode 0700, as the XDG specification
     * asks; an existing directory keeps its mode.
     */
    static void createPrivate(Path dir) {
        try {
            Files.createDirectories(dir, PRIVATE);
        } catch (IOException e) {
            throw cannotCreate(dir, e);
        }
    }

    static void create(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw cannotCreate(dir, e);
        }
    }

    private static TrydebException cannotCreate(Path dir, IOException e) {
        return new TrydebException(ExitCode.ENVIRONMENT_UNUSABLE,
                "cannot create directory " + dir + ": " + ErrorText.describe(e)
                        + "; check its permissions or set XDG_DATA_HOME to a writable directory", e);
    }
}
