package dev.trydeb.diff;

import dev.trydeb.core.FileMode;
import dev.trydeb.deb.ShippedFile;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Compares what a layer holds at a path with what its own package's data.tar put there: any
 * difference was made after dpkg unpacked it, by the maintainer scripts. Owners are not
 * compared: dpkg maps the archive's owner names through the guest's accounts, and a package
 * that wants another owner sets it in its postinst, as Debian policy says.
 */
final class ShippedComparer {
    private ShippedComparer() {}

    /** The change from what the package shipped to {@code now}, or empty if it is as dpkg left it. */
    static Optional<ChangeKind> compare(Optional<StackEntry> now, ShippedFile shipped) {
        if (now.isEmpty()) {
            return Optional.of(ChangeKind.DELETED);
        }
        Entry entry = now.get().entry();
        ChangeKind kind = switch (entry.type()) {
            case DIRECTORY -> ChangeKind.FILE_REPLACED_BY_DIRECTORY;
            case SYMLINK -> shipped.kind() == ShippedFile.Kind.SYMLINK && sameTarget(entry, shipped)
                    ? null : ChangeKind.SYMLINK_CHANGED;
            case FILE -> shipped.kind() == ShippedFile.Kind.SYMLINK ? ChangeKind.SYMLINK_CHANGED : fileChange(entry, shipped);
            default -> shipped.kind() == ShippedFile.Kind.SYMLINK ? ChangeKind.SYMLINK_CHANGED : ChangeKind.MODIFIED;
        };
        return Optional.ofNullable(kind);
    }

    /** dpkg sets a file's mtime from the archive, whole seconds; a data.tar cannot carry capabilities. */
    private static ChangeKind fileChange(Entry file, ShippedFile shipped) {
        if (file.size() != shipped.size() || !FileContents.sha256(file).map(shipped.sha256()::equals).orElse(false)) {
            return ChangeKind.MODIFIED;
        }
        boolean sameMetadata = (file.mode() & FileMode.PERMISSIONS) == shipped.mode()
                && file.capabilities().isEmpty()
                && file.mtime().to(TimeUnit.SECONDS) == shipped.mtime();
        return sameMetadata ? null : ChangeKind.METADATA_ONLY;
    }

    private static boolean sameTarget(Entry symlink, ShippedFile shipped) {
        try {
            return Files.readSymbolicLink(symlink.path()).toString().equals(shipped.linkTarget());
        } catch (IOException e) {
            return false;
        }
    }
}
