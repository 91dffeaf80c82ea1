package dev.trydeb.layer;

import dev.trydeb.core.ErrorText;
import dev.trydeb.core.FileMode;
import dev.trydeb.core.GuestPath;
import dev.trydeb.core.TrydebException;
import dev.trydeb.sandbox.WritableLayer;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Prepares a new layer, as the user and from outside the sandbox, so that dpkg can work
 * in it. The kernel will not copy up host-root-owned files for a non-root mounter, but a
 * merged directory takes its owner and mode from the upper layer: so every host directory
 * the transaction writes into is created in the upper beforehand with the host's mode, and
 * the state files dpkg, apt and debconf edit in place are copied into it.
 */
public final class LayerPreparer {
    /** Directories dpkg and its triggers write into, besides the package's own. */
    static final List<String> STATE_DIRECTORIES = List.of(
            "/etc", "/etc/alternatives", "/var/lib/dpkg/info",
            "/var/lib/dpkg/triggers", "/var/lib/dpkg/alternatives", "/var/log/apt", "/var/backups",
            "/var/cache/debconf", "/var/cache/apt/archives", "/var/lib/apt/lists",
            // apt chmods it on every run, which only its owner may do, even to the same mode.
            "/var/lib/apt/lists/auxfiles");

    /**
     * Files edited or locked in place: copied when readable, created empty (same mode) when
     * not. apt's logs are not here: only apt writes them, and term.log is unreadable, so an
     * empty copy would show as a change in every diff.
     */
    static final List<String> STATE_FILES = List.of(
            "/var/lib/dpkg/status", "/var/lib/dpkg/lock", "/var/lib/dpkg/lock-frontend",
            "/var/lib/dpkg/triggers/Lock", "/var/lib/apt/extended_states",
            // dpkg-statoverride and dpkg-divert hard-link the old file as a backup (a copy-up).
            "/var/lib/dpkg/statoverride", "/var/lib/dpkg/diversions",
            "/var/lib/ucf/hashfile", "/var/lib/ucf/registry",
            // Logs that maintainer scripts and triggers append to (update-alternatives, fc-cache).
            "/var/log/alternatives.log", "/var/log/fontconfig.log",
            "/var/cache/apt/archives/lock",
            "/var/lib/apt/lists/lock",
            // Locked by maintainer scripts adding users (the account files come from state.MergedState).
            "/etc/.pwd.lock");

    /** debconf's databases (templates.dat alone is ~1 MB): copied only for packages that use debconf. */
    static final List<String> DEBCONF_FILES = List.of(
            "/var/cache/debconf/config.dat", "/var/cache/debconf/templates.dat", "/var/cache/debconf/passwords.dat");

    /**
     * Maintainer scripts create files in host directories their package does not ship (a
     * vendor's postinst adds /etc/apt/sources.list.d/vendor.list and /etc/cron.d/vendor):
     * every directory under these is prepared too. /etc is small (~150 directories); ucf
     * (conffile handling in maintainer scripts) refuses to run unless it can write its state.
     */
    static final List<String> SCRIPT_TREES = List.of("/etc", "/var/lib/systemd", "/var/lib/ucf");

    /** The same, one level deep only, where maintainer scripts create their own directories. */
    static final List<String> SCRIPT_DIRECTORIES = List.of(
            "/var/lib", "/var/cache", "/var/log", "/var/spool", "/var/spool/cron", "/opt", "/srv",
            "/usr/local/bin", "/usr/local/sbin", "/usr/local/lib", "/usr/local/share");

    /**
     * And the directories two levels below these, where packages keep their state and caches
     * (/var/lib/ucf, /var/cache/fontconfig, which triggers rewrite; postgresql-common's trigger
     * writes /var/cache/postgresql/dicts): ~90 directories on this machine kind.
     */
    static final List<String> SCRIPT_DIRECTORY_CHILDREN = List.of("/var/lib", "/var/cache");
    static final int SCRIPT_DIRECTORY_DEPTH = 2;

    /** apt's download directories are root-only on the host; an opaque empty one replaces each. */
    static final List<String> PRIVATE_DIRECTORIES = List.of(
            "/var/cache/apt/archives/partial", "/var/lib/apt/lists/partial");

    /**
     * dpkg's journal of the host's own run in progress (updates/tmp.i, root's) must neither
     * be replayed into the environment nor block dpkg inside: an opaque empty one, always.
     */
    static final String DPKG_UPDATES = "/var/lib/dpkg/updates";

    private final GuestView view;
    private final WritableLayer target;
    private final Set<String> touchedTopLevels = new TreeSet<>();
    /** State files copied into the layer, with their source: dropped again if the transaction left them alone. */
    private final Map<Path, Path> copies = new HashMap<>();
    /** Thousands of paths share a few hundred directories: each is looked up across the layers once. */
    private final Set<GuestPath> requested = new HashSet<>();
    private final Set<GuestPath> prepared = new HashSet<>();
    /**
     * Directories created only in case dpkg or a maintainer script writes there, with their
     * inode, mode, owner and opacity when preparation ended: removed again if empty and all
     * four are the same after the transaction (not chmodded, chowned or recreated, which an
     * opaque directory is; whatever was created in them and is still there, a whiteout
     * included, keeps them), or every committed layer would hold all of /etc's directories, each one a
     * directory the overlay merges across every layer in every sandbox. Not the times: a file
     * created and deleted again, or a copy-up dropped again, leaves nothing to keep (and
     * overlayfs sets xattrs of its own, origin, impure, uuid, on upper directories it merely
     * looks up or mounts, which changes their ctime).
     */
    private final Map<Path, Map<String, Object>> speculative = new HashMap<>();
    private boolean preparingSpeculatively;

    public LayerPreparer(GuestView view, WritableLayer target) {
        this.view = view;
        this.target = target;
    }

    /**
     * Prepares the package's directories and dpkg's state, and copies {@code replacedHostFiles}
     * (the files of host packages the transaction upgrades) into the layer: dpkg hard-links
     * each old file as a backup before replacing it, which makes the kernel copy it up, and it
     * refuses that for host-root-owned files. Returns the top-level directories touched.
     */
    public Set<String> prepare(Collection<GuestPath> packageDirectories, Collection<GuestPath> replacedHostFiles,
                               boolean usesDebconf) {
        try {
            Files.createDirectories(target.upper());
            for (GuestPath dir : packageDirectories) {
                prepareDirectory(dir);
            }
            for (GuestPath file : replacedHostFiles) {
                copyHostFile(file);
            }
            preparingSpeculatively = true;
            for (String dir : STATE_DIRECTORIES) {
                prepareDirectory(GuestPath.of(dir));
            }
            for (String dir : SCRIPT_DIRECTORIES) {
                prepareDirectory(GuestPath.of(dir));
            }
            for (String parent : SCRIPT_DIRECTORY_CHILDREN) {
                for (GuestPath dir : view.hostDirectoriesUnder(GuestPath.of(parent), SCRIPT_DIRECTORY_DEPTH)) {
                    prepareDirectory(dir);
                }
            }
            for (String tree : SCRIPT_TREES) {
                for (GuestPath dir : view.hostDirectoriesUnder(GuestPath.of(tree))) {
                    prepareDirectory(dir);
                }
            }
            for (String file : STATE_FILES) {
                prepareStateFile(GuestPath.of(file));
            }
            for (String file : usesDebconf ? DEBCONF_FILES : List.<String>of()) {
                prepareStateFile(GuestPath.of(file));
            }
            for (String dir : PRIVATE_DIRECTORIES) {
                preparePrivateDirectory(GuestPath.of(dir));
            }
            prepareOpaqueDirectory(GuestPath.of(DPKG_UPDATES));
            for (Map.Entry<Path, Map<String, Object>> dir : speculative.entrySet()) {
                dir.setValue(identityAndAttributes(dir.getKey()));
            }
        } catch (IOException e) {
            throw TrydebException.failure("cannot prepare the new layer in " + target.upper() + ": " + ErrorText.describe(e), e);
        }
        return Set.copyOf(touchedTopLevels);
    }

    /** Creates, in the upper, every host directory on the (symlink-resolved) path. */
    void prepareDirectory(GuestPath dir) throws IOException {
        if (!requested.add(dir)) {
            return;
        }
        Optional<GuestPath> resolved = view.resolve(dir);
        if (resolved.isEmpty() || resolved.get().isRoot()) {
            return;
        }
        touchedTopLevels.add(resolved.get().topLevel());
        GuestPath current = GuestPath.ROOT;
        for (String part : resolved.get().components()) {
            current = current.resolve(part);
            if (!prepared.add(current)) {
                continue;
            }
            Optional<GuestView.Found> found = view.lookup(current);
            if (found.isEmpty() || !view.isDirectory(found.get())) {
                return; // absent in the guest: dpkg creates it, in a directory already prepared
            }
            // Directories found in an earlier layer are recreated too, so deeper host ones have a parent.
            copyDirectory(view.mode(found.get()) & FileMode.PERMISSIONS, upper(current), unlistable(found.get()));
        }
    }

    private void prepareStateFile(GuestPath file) throws IOException {
        Optional<GuestView.Found> found = view.lookup(file);
        if (found.isEmpty() || found.get().source() == GuestView.Source.LAYER) {
            return; // a layer's copy is owned by the user, so the kernel copies it up itself
        }
        Path source = found.get().hostPath();
        if (!Files.isRegularFile(source, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        prepareDirectory(file.parent());
        Path copy = upper(file);
        if (Files.exists(copy, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (Files.isReadable(source)) {
            Files.copy(source, copy, StandardCopyOption.COPY_ATTRIBUTES);
        } else {
            Files.createFile(copy);
        }
        Files.setAttribute(copy, "unix:mode", mode(source));
        copies.put(copy, source);
    }

    /**
     * Deletes what the transaction left alone: the state files copied into the layer that it
     * did not change (a copy would hide the host's later changes to that file, and show in
     * every diff), and the directories prepared in case it wrote there.
     */
    public void dropUntouched() {
        // Told before the copies go: deleting one changes its directory's mtime.
        List<Path> untouchedDirectories = untouchedDirectories();
        try {
            // dpkg's backup of its status: the merged state layer above the environment's
            // layers always has the status, so this copy (as big as the status) is never seen.
            Files.deleteIfExists(upper(GuestPath.of("/var/lib/dpkg/status-old")));
        } catch (IOException e) {
            // Kept: it only costs space.
        }
        for (Map.Entry<Path, Path> copy : copies.entrySet()) {
            try {
                Path source = copy.getValue();
                boolean unchanged = Files.isReadable(source)
                        ? Files.mismatch(copy.getKey(), source) == -1
                        : Files.size(copy.getKey()) == 0;
                if (unchanged && mode(copy.getKey()) == mode(source)) {
                    Files.delete(copy.getKey());
                }
            } catch (IOException e) {
                // Replaced by dpkg with a file of another owner, or gone: keep whatever is there.
            }
        }
        for (Path dir : untouchedDirectories) {
            try {
                Files.delete(dir);
            } catch (IOException e) {
                // Not empty: a directory inside it was written to, or a copy in it was changed. Kept.
            }
        }
    }

    /**
     * Deletes the copies the copy-up supervisor made (copy-up.c) that the transaction then left
     * as they were: the same bytes, mode and time as the host's file, and the owner every such
     * copy gets (the layer's, root inside), or the same link target. Kept, such a copy would
     * hide the host's later changes to that file. Call before {@link #dropUntouched}, which then
     * finds their directories empty.
     */
    public void dropUnchangedCopyUps(Collection<GuestPath> copied) {
        if (copied.isEmpty()) {
            return;
        }
        Map<String, Object> layerOwner;
        try {
            layerOwner = Files.readAttributes(target.upper(), "unix:uid,gid", LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            return; // no layer to drop anything from
        }
        for (GuestPath path : copied) {
            try {
                Optional<GuestView.Found> below = view.lookup(path);
                Path copy = upper(path);
                if (below.isPresent() && below.get().source() == GuestView.Source.HOST
                        && isUnchangedCopy(copy, below.get().hostPath(), layerOwner)) {
                    Files.delete(copy);
                }
            } catch (IOException e) {
                // Changed, replaced or gone since: keep whatever is there.
            }
        }
    }

    private static boolean isUnchangedCopy(Path copy, Path host, Map<String, Object> layerOwner) throws IOException {
        Map<String, Object> copied = Files.readAttributes(copy, "unix:mode,uid,gid,size,lastModifiedTime", LinkOption.NOFOLLOW_LINKS);
        if (!copied.get("uid").equals(layerOwner.get("uid")) || !copied.get("gid").equals(layerOwner.get("gid"))) {
            return false;
        }
        if (Files.isSymbolicLink(copy)) {
            return Files.isSymbolicLink(host) && Files.readSymbolicLink(copy).equals(Files.readSymbolicLink(host));
        }
        Map<String, Object> original = Files.readAttributes(host, "unix:mode,size,lastModifiedTime", LinkOption.NOFOLLOW_LINKS);
        // A file the user cannot read was copied empty.
        boolean sameBytes = Files.isReadable(host)
                ? copied.get("size").equals(original.get("size")) && Files.mismatch(copy, host) == -1
                : (long) copied.get("size") == 0;
        return Files.isRegularFile(copy, LinkOption.NOFOLLOW_LINKS) && Files.isRegularFile(host, LinkOption.NOFOLLOW_LINKS)
                && copied.get("mode").equals(original.get("mode"))
                && copied.get("lastModifiedTime").equals(original.get("lastModifiedTime")) && sameBytes;
    }

    /** Deepest first, so that a directory whose only content was untouched directories goes too. */
    private List<Path> untouchedDirectories() {
        List<Path> untouched = new ArrayList<>();
        for (Map.Entry<Path, Map<String, Object>> dir : speculative.entrySet()) {
            try {
                if (identityAndAttributes(dir.getKey()).equals(dir.getValue())) {
                    untouched.add(dir.getKey());
                }
            } catch (IOException e) {
                // Gone or replaced: not ours to remove.
            }
        }
        untouched.sort(Comparator.comparingInt(Path::getNameCount).reversed());
        return untouched;
    }

    private static Map<String, Object> identityAndAttributes(Path dir) throws IOException {
        Map<String, Object> attributes = new HashMap<>(Files.readAttributes(dir, "unix:ino,mode,uid,gid", LinkOption.NOFOLLOW_LINKS));
        // A directory a script removed and made again is opaque now, and may have the old inode back.
        attributes.put("opaque", OverlayMarks.isOpaque(dir));
        return attributes;
    }

    private void copyHostFile(GuestPath file) throws IOException {
        Optional<GuestPath> parent = view.resolve(file.parent());
        if (parent.isEmpty() || file.isRoot()) {
            return;
        }
        GuestPath real = parent.get().resolve(file.fileName());
        Optional<GuestView.Found> found = view.lookup(real);
        if (found.isEmpty() || found.get().source() != GuestView.Source.HOST
                || view.isDirectory(found.get())) {
            return;
        }
        prepareDirectory(parent.get());
        Path copy = upper(real);
        if (Files.exists(copy, LinkOption.NOFOLLOW_LINKS) || !Files.isDirectory(copy.getParent())) {
            return;
        }
        Path source = found.get().hostPath();
        if (Files.isSymbolicLink(source) || Files.isReadable(source)) {
            Files.copy(source, copy, LinkOption.NOFOLLOW_LINKS, StandardCopyOption.COPY_ATTRIBUTES);
        } else if (Files.isRegularFile(source, LinkOption.NOFOLLOW_LINKS)) {
            Files.createFile(copy);
            Files.setAttribute(copy, "unix:mode", mode(source));
        }
    }

    private void preparePrivateDirectory(GuestPath dir) throws IOException {
        Optional<GuestView.Found> found = view.lookup(dir);
        if (found.isEmpty() || found.get().source() == GuestView.Source.LAYER) {
            return;
        }
        prepareDirectory(dir.parent());
        Path created = upper(dir);
        if (!Files.isDirectory(created, LinkOption.NOFOLLOW_LINKS)) {
            Files.createDirectory(created);
            Files.setAttribute(created, "unix:mode", 0700);
            OverlayMarks.markOpaque(created);
        }
    }

    private void prepareOpaqueDirectory(GuestPath dir) throws IOException {
        prepareDirectory(dir.parent());
        Path created = upper(dir);
        if (!Files.isDirectory(created, LinkOption.NOFOLLOW_LINKS)) {
            Files.createDirectory(created);
            Files.setAttribute(created, "unix:mode", 0755);
        }
        OverlayMarks.markOpaque(created);
    }

    /**
     * A host directory the user may not list and enter (0700 polkitd, /etc/ssl/private):
     * overlayfs reads the lower layers with the mounter's rights, so every lookup in it fails
     * with EACCES, for dpkg as namespaced root too. The environment shows it as it can: empty
     * (opaque), holding only what the environment puts there.
     */
    private static boolean unlistable(GuestView.Found dir) {
        return dir.source() == GuestView.Source.HOST
                && !(Files.isReadable(dir.hostPath()) && Files.isExecutable(dir.hostPath()));
    }

    private void copyDirectory(int mode, Path upperDir, boolean opaque) throws IOException {
        try {
            // Created first, checked only if that fails: Java 17 throws inside isDirectory for every new one.
            Files.createDirectory(upperDir);
        } catch (FileAlreadyExistsException e) {
            if (Files.isDirectory(upperDir, LinkOption.NOFOLLOW_LINKS)) {
                return;
            }
            throw e;
        }
        Files.setAttribute(upperDir, "unix:mode", mode);
        if (opaque) {
            OverlayMarks.markOpaque(upperDir);
        }
        if (preparingSpeculatively) {
            speculative.put(upperDir, Map.of()); // its attributes are recorded when preparation ends
        }
    }

    private Path upper(GuestPath path) {
        return target.upper().resolve(path.relative());
    }

    private static int mode(Path path) throws IOException {
        return FileMode.lstat(path) & FileMode.PERMISSIONS;
    }
}
