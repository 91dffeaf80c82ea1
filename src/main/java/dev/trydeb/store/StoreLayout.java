package dev.trydeb.store;

import dev.trydeb.core.ExitCode;
import dev.trydeb.core.TrydebException;
import java.nio.file.Path;

/**
 * Where everything lives under the store root:
 * <pre>
 * trydeb.db              the SQLite database
 * empty/                 always empty; the bottom overlay lower for directories the host lacks
 * envs/NAME/             one {@link EnvironmentLayout} per environment
 * </pre>
 * Pure path arithmetic apart from {@link #createDirectories()}.
 */
public final class StoreLayout {
    /**
     * Characters that overlayfs mount options cannot carry: ':' separates lower directories,
     * ',' separates options, '\' escapes, and a newline ends the option string.
     */
    private static final String UNSAFE_IN_MOUNT_OPTIONS = ":,\\\n";

    private final Path root;

    public StoreLayout(Path storeRoot) {
        this.root = storeRoot.toAbsolutePath().normalize();
        rejectUnsafeCharacters(root);
    }

    public Path root() {
        return root;
    }

    public Path database() {
        return root.resolve("trydeb.db");
    }

    public Path emptyDir() {
        return root.resolve("empty");
    }

    public EnvironmentLayout environment(EnvironmentName name) {
        return new EnvironmentLayout(this, name, root.resolve("envs").resolve(name.value()));
    }

    /** Creates the root (mode 0700, like its missing parents) and the empty directory. */
    public void createDirectories() {
        Directories.createPrivate(root);
        Directories.create(emptyDir());
    }

    private static void rejectUnsafeCharacters(Path root) {
        String text = root.toString();
        for (char c : UNSAFE_IN_MOUNT_OPTIONS.toCharArray()) {
            if (text.indexOf(c) >= 0) {
                throw new TrydebException(ExitCode.ENVIRONMENT_UNUSABLE,
                        "store directory '" + text.replace("\n", "\\n") + "' contains " + describe(c)
                                + ", which overlayfs mount options cannot carry;"
                                + " set XDG_DATA_HOME to a path without ':', ',', '\\' or newlines");
            }
        }
    }

    private static String describe(char c) {
        return c == '\n' ? "a newline" : "'" + c + "'";
    }
}
