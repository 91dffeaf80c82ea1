package dev.trydeb.store;

import dev.trydeb.core.ChildProcesses;
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

    private static final String CHATTR = "/usr/bin/chattr";

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

    /**
     * Creates the directory as the top of unrelated hierarchies (chattr +T), for ext4 to put
     * each directory made in it in a block group of its own: ext4 without a journal skips, for
     * every file it creates, each inode of the group freed in the last minute
     * (recently_deleted() in fs/ext4/ialloc.c), and dpkg took 1.2-1.5 s instead of 0.45-0.57 s
     * to unpack ncurses-term into a layer made beside the one a reset had just deleted.
     * Filesystems without the flag ignore it; an existing directory is left as it is.
     */
    static void createTopOfHierarchies(Path dir) {
        if (Files.isDirectory(dir)) {
            return;
        }
        create(dir);
        try {
            Process chattr = ChildProcesses.start(new ProcessBuilder(CHATTR, "+T", dir.toAbsolutePath().toString())
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD));
            chattr.waitFor();
        } catch (IOException e) {
            // No chattr (e2fsprogs): only a placement hint is lost.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static TrydebException cannotCreate(Path dir, IOException e) {
        return new TrydebException(ExitCode.ENVIRONMENT_UNUSABLE,
                "cannot create directory " + dir + ": " + ErrorText.describe(e)
                        + "; check its permissions or set XDG_DATA_HOME to a writable directory", e);
    }
}
