package dev.trydeb.layer;

import dev.trydeb.core.ErrorText;
import dev.trydeb.core.FileMode;
import dev.trydeb.core.GuestPath;
import dev.trydeb.core.TrydebException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * Looks guest paths up from outside the sandbox, through the environment's committed
 * layers (top first) and then the host, the way the overlay will show them. A whiteout in a
 * layer hides what lies below it. Opaque directories are not consulted: that only matters
 * for a directory a package removed and recreated, which preparation treats as present.
 */
public final class GuestView {
    private static final int MAX_SYMLINKS = 40;

    /** Where a guest path was found. */
    public enum Source { LAYER, HOST }

    public record Found(GuestPath path, Path hostPath, Source source) {}

    private final Path hostRoot;
    private final List<Path> layerUppersTopFirst;
    private final Map<Path, Set<String>> layerListings = new HashMap<>();
    private final Map<GuestPath, Optional<Found>> lookups = new HashMap<>();
    private final Map<Path, Integer> modes = new HashMap<>();

    public GuestView(Path hostRoot, List<Path> layerUppersTopFirst) {
        this.hostRoot = hostRoot;
        this.layerUppersTopFirst = List.copyOf(layerUppersTopFirst);
    }

    /**
     * The entry itself (symlinks not followed), or empty if absent or whited out. Remembered:
     * preparing a layer asks about the same few hundred directories thousands of times, and a
     * view lives for one command, which sees the layers and the host as they were when first asked.
     */
    public Optional<Found> lookup(GuestPath path) {
        return lookups.computeIfAbsent(path, this::find);
    }

    /** The entry's st_mode, type bits included, from one lstat(2) per entry; 0 if it is gone since. */
    public int mode(Found entry) {
        return modes.computeIfAbsent(entry.hostPath(), path -> FileMode.read(path, 0));
    }

    public boolean isDirectory(Found entry) {
        return FileMode.isType(mode(entry), FileMode.DIRECTORY);
    }

    private boolean isSymbolicLink(Found entry) {
        return FileMode.isType(mode(entry), FileMode.SYMLINK);
    }

    private Optional<Found> find(GuestPath path) {
        if (path.isRoot()) {
            return Optional.of(new Found(path, hostRoot, Source.HOST));
        }
        for (Path upper : layerUppersTopFirst) {
            Path candidate = upper.resolve(path.relative());
            if (namesIn(candidate.getParent()).contains(candidate.getFileName().toString())) {
                return isWhiteout(candidate) ? Optional.empty() : Optional.of(new Found(path, candidate, Source.LAYER));
            }
        }
        Path onHost = hostRoot.resolve(path.relative());
        // Files.exists(path) alone is access(2); with NOFOLLOW_LINKS, Java 17 throws and catches an exception per miss.
        return Files.exists(onHost) || Files.isSymbolicLink(onHost)
                ? Optional.of(new Found(path, onHost, Source.HOST))
                : Optional.empty();
    }

    /** Whether a layer's entry is a whiteout; its mode is kept, as most entries are asked for it next. */
    private boolean isWhiteout(Path layerEntry) {
        try {
            Map<String, Object> attributes = Files.readAttributes(layerEntry, "unix:mode,rdev", LinkOption.NOFOLLOW_LINKS);
            int mode = (Integer) attributes.get("mode");
            modes.put(layerEntry, mode);
            return OverlayMarks.isWhiteout(mode, (Long) attributes.get("rdev"));
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * A layer directory's names, listed once: most lookups miss in a layer (the merged-state
     * layer holds a handful of files), and a miss through Files costs an exception in Java 17.
     * A view lives for one command, in which committed layers do not change.
     */
    private Set<String> namesIn(Path layerDirectory) {
        return layerListings.computeIfAbsent(layerDirectory, dir -> {
            String[] names = dir.toFile().list();
            return names == null ? Set.of() : Set.of(names);
        });
    }

    /**
     * Resolves every symlink in the path, interpreting targets inside the guest (an absolute
     * target starts again at the guest root, ".." stops at it). Returns the resolved path,
     * which may not exist yet; empty if symlinks loop.
     */
    public Optional<GuestPath> resolve(GuestPath path) {
        Deque<String> pending = new ArrayDeque<>(path.components());
        GuestPath current = GuestPath.ROOT;
        int hops = 0;
        while (!pending.isEmpty()) {
            String part = pending.removeFirst();
            if (part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                current = current.parent();
                continue;
            }
            GuestPath next = current.resolve(part);
            Optional<Found> found = lookup(next);
            if (found.isPresent() && isSymbolicLink(found.get())) {
                if (++hops > MAX_SYMLINKS) {
                    return Optional.empty();
                }
                String target = readLink(found.get().hostPath());
                List<String> targetParts = List.of(target.split("/"));
                for (int i = targetParts.size() - 1; i >= 0; i--) {
                    if (!targetParts.get(i).isEmpty()) {
                        pending.addFirst(targetParts.get(i));
                    }
                }
                if (target.startsWith("/")) {
                    current = GuestPath.ROOT;
                }
                continue;
            }
            current = next;
        }
        return Optional.of(current);
    }

    /** Every directory of the host below {@code top} (itself included) that the user can read. */
    public List<GuestPath> hostDirectoriesUnder(GuestPath top) {
        return hostDirectoriesUnder(top, Integer.MAX_VALUE);
    }

    /** The same, at most {@code maxDepth} levels below {@code top}. */
    public List<GuestPath> hostDirectoriesUnder(GuestPath top, int maxDepth) {
        List<GuestPath> dirs = new ArrayList<>();
        Path start = hostRoot.resolve(top.relative());
        if (!Files.isDirectory(start, LinkOption.NOFOLLOW_LINKS)) {
            return dirs;
        }
        try {
            Files.walkFileTree(start, EnumSet.noneOf(FileVisitOption.class), maxDepth,
                    new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    dirs.add(GuestPath.of("/" + hostRoot.relativize(dir)));
                    return hasNoSubdirectories(dir) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (attrs.isDirectory()) { // a directory at the depth limit
                        dirs.add(GuestPath.of("/" + hostRoot.relativize(file)));
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE; // an unreadable host directory: nothing to prepare below it
                }
            });
        } catch (IOException e) {
            // The visitor goes on past a directory it cannot open: this is one failing part-way through its listing.
            throw TrydebException.failure("cannot read the host's directories under " + start + ": "
                    + ErrorText.describe(e), e);
        }
        return dirs;
    }

    /**
     * ext4, xfs and tmpfs count a directory's subdirectories in its link count (btrfs says 1):
     * a link count of 2 spares listing /var/lib/dpkg/info's thousands of files.
     */
    private static boolean hasNoSubdirectories(Path dir) {
        try {
            return ((Number) Files.getAttribute(dir, "unix:nlink", LinkOption.NOFOLLOW_LINKS)).intValue() == 2;
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    private static String readLink(Path link) {
        try {
            return Files.readSymbolicLink(link).toString();
        } catch (IOException e) {
            return "";
        }
    }
}
