package dev.trydeb.store;

import dev.trydeb.core.ErrorText;
import dev.trydeb.core.TrydebException;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Where one environment lives:
 * <pre>
 * envs/NAME/lock                   the environment lock ({@link EnvironmentLock})
 * envs/NAME/layers/000042/upper    the overlay upper directory written by transaction 42
 * envs/NAME/layers/000042/work     its overlay work directory
 * envs/NAME/runtime/upper, work    the writable top layer while a program runs
 * envs/NAME/home/upper, work       the private home (--private-home)
 * envs/NAME/ephemeral/ID/          throwaway layers of --ephemeral runs
 * envs/NAME/root/                  empty; the sandbox mounts its new root tmpfs here
 * envs/NAME/run-cache/PKG         run plans saved for the launcher's fast path (SavedRun);
 *                 .../exec/NAME     the same for "run --exec NAME" (menu entries)
 * envs/NAME/menu-exports.json      the menu entries and icons exported to the user's data directory
 * envs/NAME/menu-exports.json.lock  taken while that record changes (exports do not take the environment lock)
 * </pre>
 * Pure path arithmetic apart from {@link #createDirectories()} and {@link #layerDirIds()}.
 */
public final class EnvironmentLayout {
    private static final Pattern LAYER_DIR_NAME = Pattern.compile("[0-9]{1,18}");

    private final StoreLayout store;
    private final EnvironmentName name;
    private final Path dir;

    EnvironmentLayout(StoreLayout store, EnvironmentName name, Path dir) {
        this.store = store;
        this.name = name;
        this.dir = dir;
    }

    public EnvironmentName name() {
        return name;
    }

    public Path dir() {
        return dir;
    }

    /** Saved run plans: valid until the environment changes, so taking its exclusive lock deletes them. */
    public Path runCacheDir() {
        return dir.resolve("run-cache");
    }

    public Path lockFile() {
        return dir.resolve("lock");
    }

    public Path layersDir() {
        return dir.resolve("layers");
    }

    public Path layerDir(long transactionId) {
        return layersDir().resolve(String.format("%06d", transactionId));
    }

    public Path upperDir(long transactionId) {
        return layerDir(transactionId).resolve("upper");
    }

    public Path workDir(long transactionId) {
        return layerDir(transactionId).resolve("work");
    }

    /** Where the layers of a compaction into this transaction's layer are merged before they replace it. */
    public Path compactionDir(long transactionId) {
        return layersDir().resolve(String.format("compact-%06d", transactionId));
    }

    /** Where this transaction's layer goes while a compacted one takes its place. */
    public Path replacedLayerDir(long transactionId) {
        return layersDir().resolve(String.format("replaced-%06d", transactionId));
    }

    public Path runtimeDir() {
        return dir.resolve("runtime");
    }

    public Path runtimeUpper() {
        return runtimeDir().resolve("upper");
    }

    public Path runtimeWork() {
        return runtimeDir().resolve("work");
    }

    /** The private home layer (--private-home): upper mirrors the guest root, e.g. upper/home/USER. */
    public Path homeLayerDir() {
        return dir.resolve("home");
    }

    public Path homeUpper() {
        return homeLayerDir().resolve("upper");
    }

    public Path homeWork() {
        return homeLayerDir().resolve("work");
    }

    /** Throwaway layers of --ephemeral runs, one directory each, removed when the run ends. */
    public Path ephemeralDir() {
        return dir.resolve("ephemeral");
    }

    /** The merged dpkg status and account files, one content-addressed directory each (see state.MergedState). */
    public Path stateDir() {
        return dir.resolve("state");
    }

    /** Which state directory the current records and host files give, and its notes (see env.StateLayers). */
    public Path currentStateFile() {
        return dir.resolve("state.current");
    }

    /** "PID USERNS" of the environment's running sandbox, kept by its helper (see RunningSandbox). */
    public Path sandboxPidFile() {
        return dir.resolve(RunningSandbox.PID_FILE);
    }

    public Path mountPoint() {
        return dir.resolve("root");
    }

    /** The record of the files exported to the user's menu (dev.trydeb.desktop.ExportedFiles). */
    public Path menuExports() {
        return dir.resolve("menu-exports.json");
    }

    /**
     * Creates the store directories and this environment's fixed directories. Only the store
     * root and the environment directory are private (0700); the others keep the umask's mode
     * because an overlay upper directory's mode becomes the mode the sandbox sees.
     */
    public void createDirectories() {
        store.createDirectories();
        Directories.createPrivate(dir);
        Directories.createTopOfHierarchies(layersDir());
        Directories.create(runtimeUpper());
        Directories.create(runtimeWork());
        Directories.create(ephemeralDir());
        Directories.create(mountPoint());
    }

    /** Transaction ids of the layer directories present on disk, ascending. */
    public List<Long> layerDirIds() {
        List<Long> ids = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(layersDir())) {
            for (Path entry : entries) {
                String fileName = entry.getFileName().toString();
                if (LAYER_DIR_NAME.matcher(fileName).matches() && Files.isDirectory(entry)) {
                    ids.add(Long.parseLong(fileName));
                }
            }
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw TrydebException.failure(
                    "cannot list layers in " + layersDir() + ": " + ErrorText.describe(e), e);
        }
        ids.sort(null);
        return ids;
    }
}
