package dev.trydeb.layer;

import dev.trydeb.core.FileMode;
import dev.trydeb.core.GuestPath;
import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The host's directories below a top-level directory that no layer has anything in or
 * below, shallowest first: a sandbox can show them straight from the host instead of
 * through the overlay, which builds an inode of its own for every path looked up in it (a
 * first walk of /usr through a bare overlay takes ~1.5x the host's time on this machine kind).
 * Only below directories that every layer has as a plain directory (or not at all): an
 * opaque directory, a whiteout or a file in a layer hides what the host has there. Not one
 * the user owns or a group or everyone may write: the overlay keeps writes there in the
 * runtime layer, where a read-only host directory would refuse them.
 */
public final class UntouchedHostDirectories {
    /** At most this many: each is a mount in every sandbox and a line of /proc/self/mountinfo. */
    public static final int MOST = 256;
    private static final int GROUP_OR_OTHERS_WRITE = 0022;
    private static final long UNKNOWN = -1;
    /** No st_mode is 0: every file has a type. */
    private static final int ABSENT = 0;

    private final Path hostRoot;
    private final List<Path> uppers;
    private final long userUid;

    /**
     * @param uppers the layers' upper directories, in any order (top-level directories below each)
     * @param userUid the uid the sandbox's programs run as
     */
    public UntouchedHostDirectories(Path hostRoot, List<Path> uppers, long userUid) {
        this.hostRoot = hostRoot;
        this.uppers = List.copyOf(uppers);
        this.userUid = userUid;
    }

    /**
     * Breadth first from {@code top}: every merged directory's untouched host subdirectories,
     * all of them or, past {@link #MOST} in all, none; each merged directory's own merged
     * subdirectories after it.
     */
    public List<GuestPath> below(String top) {
        List<GuestPath> untouched = new ArrayList<>();
        GuestPath topPath = GuestPath.ROOT.resolve(top);
        if (!isHostDirectory(topPath) || !layersMerge(topPath)) {
            return untouched;
        }
        Deque<GuestPath> merged = new ArrayDeque<>(List.of(topPath));
        while (!merged.isEmpty()) {
            GuestPath dir = merged.removeFirst();
            Map<String, Boolean> inLayers = layerEntries(dir);
            if (inLayers == null) {
                continue;
            }
            untouched.addAll(untouchedSubdirectories(dir, inLayers, MOST - untouched.size()));
            inLayers.entrySet().stream().filter(Map.Entry::getValue).map(entry -> dir.resolve(entry.getKey()))
                    .filter(this::isHostDirectory).sorted().forEach(merged::addLast);
        }
        return untouched;
    }

    /**
     * The host's subdirectories of {@code dir} that no layer has and the user cannot write to,
     * or none when there are more than {@code room}.
     */
    private List<GuestPath> untouchedSubdirectories(GuestPath dir, Map<String, Boolean> inLayers, int room) {
        long subdirectories = hostSubdirectories(dir);
        if (subdirectories == 0 || subdirectories > room) {
            return List.of();
        }
        List<String> names = hostNames(dir).stream().filter(name -> !inLayers.containsKey(name)).toList();
        if (subdirectories == UNKNOWN && names.size() > room) {
            return List.of(); // without a count, thousands of files are not examined one by one either
        }
        List<GuestPath> candidates = names.stream().map(dir::resolve).filter(this::isShowable).toList();
        return candidates.size() <= room ? candidates : List.of();
    }

    /**
     * How many subdirectories the host's {@code dir} has, without reading it: a directory's
     * link count is 2 plus its subdirectories on ext4, xfs and tmpfs (so /usr/bin's thousands
     * of files are not read for none); {@link #UNKNOWN} where it is 1 (btrfs).
     */
    private long hostSubdirectories(GuestPath dir) {
        try {
            int links = (Integer) Files.getAttribute(hostRoot.resolve(dir.relative()), "unix:nlink", LinkOption.NOFOLLOW_LINKS);
            return links >= 2 ? links - 2 : UNKNOWN;
        } catch (IOException e) {
            return 0;
        }
    }

    /** Whether every layer that has {@code dir} has it as a plain (not opaque) directory. */
    private boolean layersMerge(GuestPath dir) {
        for (Path upper : uppers) {
            Path inLayer = upper.resolve(dir.relative());
            int mode = FileMode.read(inLayer, ABSENT);
            if (mode != ABSENT && (!FileMode.isType(mode, FileMode.DIRECTORY) || OverlayMarks.isOpaque(inLayer))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Name to whether it is a plain directory in every layer that has it, for the layers'
     * entries in {@code dir}; null when a layer's copy cannot be read (say, dpkg gave it to
     * another owner inside), so what it hides is unknown.
     */
    private Map<String, Boolean> layerEntries(GuestPath dir) {
        Map<String, List<Path>> inLayers = new HashMap<>();
        for (Path upper : uppers) {
            Path inLayer = upper.resolve(dir.relative());
            try (DirectoryStream<Path> children = Files.newDirectoryStream(inLayer)) {
                for (Path child : children) {
                    inLayers.computeIfAbsent(child.getFileName().toString(), name -> new ArrayList<>()).add(child);
                }
            } catch (NoSuchFileException e) {
                // this layer has nothing here
            } catch (IOException | DirectoryIteratorException e) {
                return null;
            }
        }
        Predicate<String> onHost = mayBeHostSubdirectory(dir, inLayers.size());
        Map<String, Boolean> entries = new HashMap<>();
        inLayers.forEach((name, copies) -> entries.put(name, onHost.test(name)
                && copies.stream().allMatch(copy -> isDirectory(copy) && !OverlayMarks.isOpaque(copy))));
        return entries;
    }

    /**
     * Which of the layers' names in {@code dir} may be host directories, the only ones whose
     * copies need a look: every name but where the host's directory has fewer subdirectories
     * than the layers have names (an environment's thousand packages each add a directory to
     * /usr/share/doc, which the host lacks): then the host's names, read once.
     */
    private Predicate<String> mayBeHostSubdirectory(GuestPath dir, int layerNames) {
        long subdirectories = hostSubdirectories(dir);
        if (subdirectories == 0) {
            return name -> false;
        }
        if (subdirectories == UNKNOWN || subdirectories >= layerNames) {
            return name -> true;
        }
        return new HashSet<>(hostNames(dir))::contains;
    }

    /** The names in the host's {@code dir}, sorted; none when it cannot be read. */
    private List<String> hostNames(GuestPath dir) {
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> children = Files.newDirectoryStream(hostRoot.resolve(dir.relative()))) {
            children.forEach(child -> names.add(child.getFileName().toString()));
        } catch (IOException | DirectoryIteratorException e) {
            return List.of(); // unreadable or gone: the overlay shows it as the host has it
        }
        Collections.sort(names);
        return names;
    }

    /**
     * Whether the host has a directory at {@code path} that the user could not write to: not
     * the user's own, and neither a group nor everyone may write to it.
     */
    private boolean isShowable(GuestPath path) {
        try {
            Map<String, Object> attrs = Files.readAttributes(hostRoot.resolve(path.relative()), "unix:mode,uid",
                    LinkOption.NOFOLLOW_LINKS);
            int mode = (Integer) attrs.get("mode");
            return FileMode.isType(mode, FileMode.DIRECTORY) && (mode & GROUP_OR_OTHERS_WRITE) == 0
                    && (Integer) attrs.get("uid") != userUid;
        } catch (IOException e) {
            return false; // gone since it was listed
        }
    }

    private boolean isHostDirectory(GuestPath dir) {
        return isDirectory(hostRoot.resolve(dir.relative()));
    }

    private static boolean isDirectory(Path path) {
        return FileMode.isType(FileMode.read(path, ABSENT), FileMode.DIRECTORY);
    }
}
