package dev.trydeb.diff;

import dev.trydeb.core.TrydebException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * What an environment changed: every guest path where the merged view of a layer stack
 * differs from the host, one line per path, sorted by path.
 *
 * <p>The topmost layer holding a path decides what the guest sees there (a whiteout: nothing).
 * An opaque directory hides what lower layers and the host have below it. The result
 * compares the guest's entry with the <em>host's</em>: something that only ever existed in
 * lower layers counts as absent, so a file one layer added and a later layer deleted is no
 * line at all. The cells, for what the topmost layer holds against what the host holds:
 *
 * <pre>
 * topmost layer \ host | absent             | file                  | directory                   | symlink
 * ---------------------+--------------------+-----------------------+-----------------------------+---------------------
 * file                 | added              | modified, metadata    | dir-to-file                 | symlink-changed
 *                      |                    | or no line            |                             |
 * directory            | new-directory (1)  | file-to-dir (1)       | metadata or no line (2)     | file-to-dir (1)
 * opaque directory     | new-directory (1)  | file-to-dir (1)       | metadata or no line (3)     | file-to-dir (1)
 * symlink              | added              | symlink-changed       | dir-to-file                 | symlink-changed if the
 *                      |                    |                       |                             | target differs, else
 *                      |                    |                       |                             | metadata or no line
 * whiteout             | no line            | deleted               | deleted (4)                 | deleted
 * other (fifo, device) | added              | modified              | dir-to-file                 | symlink-changed
 * </pre>
 *
 * (1) and its contents are listed, each against nothing: added or new-directory.
 * (2) the walk goes on into the directory, merging the lower layers' and the host's entries.
 * (3) the same, but the host's entries below it that the merged directory lacks are
 *     deleted, one line per hidden top entry.
 * (4) once: a deleted directory's contents are not listed, nor are a replaced directory's.
 *
 * <p>"modified" is a regular file whose content differs (size first, then the bytes,
 * streamed); an unreadable file counts as modified unless both are empty. Two others of
 * different types or device numbers are modified too. "metadata" is the same type and content
 * with different permission bits, file capabilities or guest owner: owners are compared in guest terms through
 * each layer's {@link IdMapping}, the host's as they are. A directory or file a layer holds
 * as the user, with the mode of what lies below (as trydeb prepares layers), differs in
 * owner only because trydeb made it: no line.
 *
 * <p>Each line is attributed to the topmost layer holding the path whose entry differs from
 * the entry below it (skipping directories a layer only prepared and files copied up
 * unchanged, which keeps their mtime); a host entry hidden by an opaque directory (or by a
 * non-directory in a middle layer) is attributed to the layer that hid it. Below an install
 * layer's entry lies what its own package's data.tar put there, when one shipped a file or
 * symlink there: a difference from that was made by the maintainer scripts. Such a path the
 * host lacks is then not "added" but what the scripts did to the package's file (modified,
 * metadata, symlink-changed). A file that differs from the host's only in its mtime is
 * "metadata" (a touch) unless dpkg set that mtime from an archive.
 *
 * @see ChangeOrigin
 *
 * <p>Symlinks are never followed: neither a layer's nor the host's. A layer's top-level
 * non-directories and layer directories over a host top-level symlink are ignored, as the
 * sandbox never mounts them.
 */
public final class DiffEngine {
    private final Path hostRoot;

    public DiffEngine(Path hostRoot) {
        this.hostRoot = Objects.requireNonNull(hostRoot, "hostRoot");
    }

    /**
     * The changes of the stack; fails (TrydebException) if a layer directory cannot be read,
     * rather than return a diff that silently misses its contents.
     */
    public List<Change> diff(List<LayerSource> bottomToTop) {
        return diff(bottomToTop, unreadable -> {
            throw TrydebException.failure("cannot read " + unreadable.path() + " in layer "
                    + bottomToTop.get((int) unreadable.layerIndex()).upper() + ": " + unreadable.reason()
                    + "; what lies below it cannot be compared");
        });
    }

    /** The changes of the stack; layer directories that cannot be read are passed to {@code onUnreadable} and skipped. */
    public List<Change> diff(List<LayerSource> bottomToTop, Consumer<UnreadableDirectory> onUnreadable) {
        return new StackWalk(hostRoot, bottomToTop, onUnreadable).run();
    }
}
