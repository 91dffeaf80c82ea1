package dev.trydeb.diff;

import dev.trydeb.core.ErrorText;
import dev.trydeb.core.GuestPath;
import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * One diff of a layer stack against the host, as overlayfs would merge it. A directory of
 * the merged view is a chain of directories, top first: the topmost layer holding it, then
 * each lower layer (and last the host) holding a directory there, until a layer holds a
 * non-directory or a whiteout there or the directory is opaque; the level where the chain
 * stops is its "cut", the layer that hid whatever the host has below it.
 * Only directories some layer holds are walked; the host is listed only where a cut hides it.
 */
final class StackWalk {
    private final Path hostRoot;
    private final List<LayerSource> layers;
    private final Consumer<UnreadableDirectory> onUnreadable;
    private final Attributor attributor;
    private final List<Change> changes = new ArrayList<>();
    private final Set<String> reportedUnreadable = new HashSet<>();

    StackWalk(Path hostRoot, List<LayerSource> layers, Consumer<UnreadableDirectory> onUnreadable) {
        this.hostRoot = hostRoot;
        this.layers = List.copyOf(layers);
        this.onUnreadable = onUnreadable;
        this.attributor = new Attributor(hostRoot, this.layers);
    }

    List<Change> run() {
        List<StackEntry> chain = new ArrayList<>();
        for (int level = layers.size() - 1; level >= 0; level--) {
            layerEntry(level, GuestPath.ROOT, layers.get(level).upper())
                    .filter(e -> e.entry().isDirectory())
                    .ifPresent(chain::add);
        }
        Optional<StackEntry> host = hostEntry(hostRoot).filter(e -> e.entry().isDirectory());
        host.ifPresent(chain::add);
        walkDirectory(GuestPath.ROOT, chain, host, StackEntry.HOST);
        changes.sort(Comparator.comparing(Change::path));
        return List.copyOf(changes);
    }

    /**
     * @param chain the merged directory's sources, top first
     * @param hostDir the host's directory at {@code dir}, if the host has one there
     */
    private void walkDirectory(GuestPath dir, List<StackEntry> chain, Optional<StackEntry> hostDir, int cut) {
        boolean hostInChain = !chain.isEmpty() && chain.get(chain.size() - 1).isHost();
        SortedSet<String> names = new TreeSet<>();
        for (StackEntry source : chain) {
            if (!source.isHost()) {
                names.addAll(listLayer(dir, source));
            }
        }
        if (!hostInChain) {
            // The chain was cut: what the host has here is hidden, and gone from the guest unless a layer has it.
            hostDir.ifPresent(h -> names.addAll(listHost(h)));
        }
        for (String name : names) {
            List<StackEntry> holders = new ArrayList<>();
            for (StackEntry source : chain) {
                Path candidate = source.entry().path().resolve(name);
                (source.isHost() ? hostEntry(candidate) : layerEntry(source.level(), dir, candidate))
                        .ifPresent(holders::add);
            }
            Optional<StackEntry> host = hostInChain
                    ? holders.stream().filter(StackEntry::isHost).findFirst()
                    : hostDir.flatMap(h -> hostEntry(h.entry().path().resolve(name)));
            if (dir.isRoot()) {
                // Sandboxes mount overlays per top-level directory, and never over a host symlink
                // such as /lib -> usr/lib: anything else at a layer's top level is invisible.
                if (host.map(h -> h.type() == EntryType.SYMLINK).orElse(false)) {
                    continue;
                }
                holders.removeIf(h -> !h.isHost() && !h.entry().isDirectory());
            }
            visit(dir.resolve(name), holders, host, cut);
        }
    }

    /** @param holders the entries at {@code path} of the parent's chain, top first */
    private void visit(GuestPath path, List<StackEntry> holders, Optional<StackEntry> host, int parentCut) {
        if (!holders.isEmpty() && holders.get(0).isHost()) {
            return; // no layer holds it: the guest sees the host's own entry
        }
        Optional<StackEntry> merged = holders.stream().findFirst().filter(e -> e.type() != EntryType.WHITEOUT);
        Optional<ChangeKind> againstHost = EntryComparer.compare(merged, host);
        if (againstHost.isPresent()) {
            Optional<ChangeOrigin.Point> origin = ChangeOrigin.find(path, holders, attributor);
            record(path, kindOf(againstHost.get(), origin), merged, host,
                    origin.map(ChangeOrigin.Point::level).orElse(hiddenBy(holders, parentCut)),
                    origin.map(ChangeOrigin.Point::afterUnpack).orElse(false));
        } else if (EntryComparer.compareIncludingMtime(merged, host).isPresent()) {
            // Only the mtime differs from the host's: a touch, unless dpkg's unpack set it from the archive.
            ChangeOrigin.find(path, holders, attributor)
                    .filter(p -> attributor.attribute(path, p.level(), p.afterUnpack()).source()
                            != Attribution.Source.PACKAGE)
                    .ifPresent(p -> record(path, ChangeKind.METADATA_ONLY, merged, host, p.level(), p.afterUnpack()));
        }
        if (merged.isPresent() && merged.get().entry().isDirectory()) {
            descend(path, holders, host, parentCut);
        }
    }

    /**
     * The kind against the host, except that a path the host lacks and a package shipped shows
     * what was done to the package's file since (modified, metadata) rather than "added".
     */
    private static ChangeKind kindOf(ChangeKind againstHost, Optional<ChangeOrigin.Point> origin) {
        boolean hostLacksIt = againstHost == ChangeKind.ADDED || againstHost == ChangeKind.NEW_DIRECTORY;
        return hostLacksIt ? origin.flatMap(ChangeOrigin.Point::kindOverShipped).orElse(againstHost) : againstHost;
    }

    /** Where no layer's entry differs from the one below it: a host entry hidden by the parent's cut. */
    private static int hiddenBy(List<StackEntry> holders, int parentCut) {
        return holders.isEmpty() ? parentCut : holders.get(0).level();
    }

    private void descend(GuestPath path, List<StackEntry> holders, Optional<StackEntry> host, int parentCut) {
        List<StackEntry> chain = new ArrayList<>();
        int cut = parentCut;
        for (StackEntry holder : holders) {
            if (!holder.entry().isDirectory()) {
                cut = holder.level();
                break;
            }
            chain.add(holder);
            if (holder.entry().opaque()) {
                cut = holder.level();
                break;
            }
        }
        walkDirectory(path, chain, host.filter(h -> h.entry().isDirectory()), cut);
    }

    private void record(GuestPath path, ChangeKind kind, Optional<StackEntry> merged, Optional<StackEntry> host,
            int level, boolean afterUnpack) {
        changes.add(new Change(path, kind, attributor.attribute(path, level, afterUnpack),
                SuspiciousRules.reason(path, kind, merged.map(StackEntry::entry), host.map(StackEntry::entry)), level));
    }

    private Optional<StackEntry> layerEntry(int level, GuestPath parent, Path path) {
        try {
            return Entry.read(path, true).map(e -> StackEntry.ofLayer(e, level, layers.get(level).mapping()));
        } catch (IOException e) {
            reportUnreadable(parent, level, e);
            return Optional.empty();
        }
    }

    /** A host entry the user cannot examine counts as absent: the host is not what is audited. */
    private static Optional<StackEntry> hostEntry(Path path) {
        try {
            return Entry.read(path, false).map(StackEntry::ofHost);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private List<String> listLayer(GuestPath dir, StackEntry source) {
        try {
            return list(source.entry().path());
        } catch (IOException e) {
            reportUnreadable(dir, source.level(), e);
            return List.of();
        }
    }

    /**
     * A host directory the user cannot list (apt's partial/ directories) yields no DELETED
     * lines: the user cannot see what it held, and the guest does not either.
     */
    private static List<String> listHost(StackEntry hostDir) {
        try {
            return list(hostDir.entry().path());
        } catch (IOException e) {
            return List.of();
        }
    }

    private static List<String> list(Path dir) throws IOException {
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                names.add(entry.getFileName().toString());
            }
        } catch (DirectoryIteratorException e) {
            throw e.getCause();
        }
        return names;
    }

    private void reportUnreadable(GuestPath dir, int level, IOException e) {
        if (reportedUnreadable.add(level + ":" + dir)) {
            onUnreadable.accept(new UnreadableDirectory(dir, level, ErrorText.describe(e)));
        }
    }
}
