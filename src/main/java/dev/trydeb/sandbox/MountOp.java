package dev.trydeb.sandbox;

import dev.trydeb.core.GuestPath;
import java.nio.file.Path;
import java.util.List;

/**
 * One typed setup operation of the sandbox's new root, executed in order by the helper
 * (like bubblewrap's setup ops). Destinations are guest paths; sources are host paths.
 */
public sealed interface MountOp {
    GuestPath dest();

    /** The helper's command-line form of this operation. */
    List<String> helperArguments();

    /**
     * A unix socket at {@code dest} on which the helper's copy-up supervisor takes the filter
     * listeners of the programs trydeb-copy-up.so starts (install sandboxes only); it records
     * each file it copies in the host file {@code log}, one sandbox path per line.
     */
    record CopyUpSocket(GuestPath dest, Path log) implements MountOp {
        public List<String> helperArguments() {
            return List.of("--copy-up-socket", dest.value(), log.toString());
        }
    }

    record Dir(GuestPath dest, int mode) implements MountOp {
        public List<String> helperArguments() {
            return List.of("--dir", dest.value(), octal(mode));
        }
    }

    record Tmpfs(GuestPath dest, int mode) implements MountOp {
        public List<String> helperArguments() {
            return List.of("--tmpfs", dest.value(), octal(mode));
        }
    }

    record Bind(Path source, GuestPath dest, boolean readOnly) implements MountOp {
        public List<String> helperArguments() {
            return List.of(readOnly ? "--ro-bind" : "--bind", source.toString(), dest.value());
        }
    }

    /**
     * A host directory shown read-only as it is, instead of through the overlay below it;
     * skipped when the host no longer has it as a directory (a saved plan outlives it).
     */
    record HostDirectory(Path source, GuestPath dest) implements MountOp {
        public List<String> helperArguments() {
            return List.of("--ro-bind-dir-try", source.toString(), dest.value());
        }
    }

    /** overlayfs; {@code lowers} are listed top first, as overlayfs wants them. */
    record Overlay(List<Path> lowers, Path upper, Path work, GuestPath dest) implements MountOp {
        public Overlay {
            lowers = List.copyOf(lowers);
            if (lowers.isEmpty()) {
                throw new IllegalArgumentException("an overlay needs at least one lower directory: " + dest);
            }
        }

        public List<String> helperArguments() {
            StringBuilder joined = new StringBuilder();
            for (Path lower : lowers) {
                joined.append(joined.length() == 0 ? "" : ":").append(lower);
            }
            return List.of("--overlay", joined.toString(), upper.toString(), work.toString(), dest.value());
        }
    }

    record Symlink(String target, GuestPath dest) implements MountOp {
        public List<String> helperArguments() {
            return List.of("--symlink", target, dest.value());
        }
    }

    record Proc(GuestPath dest) implements MountOp {
        public List<String> helperArguments() {
            return List.of("--proc", dest.value());
        }
    }

    private static String octal(int mode) {
        return String.format("%04o", mode);
    }
}
