package dev.trydeb.env;

import dev.trydeb.core.ErrorText;
import dev.trydeb.core.TrydebException;
import dev.trydeb.sandbox.SandboxLauncher;
import dev.trydeb.sandbox.UidMapping;
import dev.trydeb.store.EnvironmentLayout;
import dev.trydeb.store.EnvironmentRecord;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * Merges a run of an environment's layers into one, the newest one's, so that the stack a
 * sandbox mounts stays shallow however long the environment's history (overlayfs takes at
 * most 500 layers, and mount(2) all of their names in one page). The records stay: list,
 * info and diff attribute files as before; rollback reaches back to the newest merged
 * transaction, no further.
 *
 * <p>Crash-safe in three steps: the merged layer is built beside the others from hard links;
 * one SQLite transaction records the compaction (the commit point); the merged layer then
 * replaces the newest one's, and the merged ones' directories, no longer committed layers,
 * go. {@link #recover} finishes or undoes a compaction that a kill interrupted.
 */
final class Compaction {
    /**
     * An install that leaves more layers than this compacts the oldest: at 160 transactions in
     * 80 layers, every phase of an install took 15-35 ms longer than in one layer.
     */
    static final int AUTOMATIC_AT = 40;
    /** The newest layers an automatic compaction leaves alone, so rollback reaches back that far. */
    static final int KEPT_BY_AUTOMATIC = 10;

    private final Workspace workspace;
    private final SandboxLauncher launcher;
    private final UidMapping mapping;
    private final EnvironmentLayout layout;

    Compaction(Workspace workspace, SandboxLauncher launcher, UidMapping mapping, EnvironmentLayout layout) {
        this.workspace = workspace;
        this.launcher = launcher;
        this.mapping = mapping;
        this.layout = layout;
    }

    /** Under the exclusive lock: merges all the environment's layers but the newest {@code keep}; returns how many were merged. */
    int compact(EnvironmentRecord env, int keep) {
        List<Long> layers = workspace.store().committedLayerIds(env.id());
        if (layers.size() - keep < 2) {
            return 0;
        }
        List<Long> merged = List.copyOf(layers.subList(0, layers.size() - keep));
        long into = merged.get(merged.size() - 1);
        Path work = layout.compactionDir(into);
        launcher.removeTree(work, mapping);
        try {
            Files.createDirectories(work.resolve("work"));
        } catch (IOException e) {
            throw TrydebException.failure("cannot create " + work + ": " + ErrorText.describe(e), e);
        }
        launcher.mergeLayers(work.resolve("upper"), merged.stream().map(layout::upperDir).toList(), mapping);
        workspace.store().compactLayers(merged);
        replace(into);
        launcher.removeTrees(merged.subList(0, merged.size() - 1).stream().map(layout::layerDir).toList(), mapping);
        return merged.size();
    }

    /** An install's automatic compaction, when the stack has grown deep. */
    int compactIfDeep(EnvironmentRecord env) {
        return workspace.store().committedLayerIds(env.id()).size() > AUTOMATIC_AT ? compact(env, KEPT_BY_AUTOMATIC) : 0;
    }

    /** Finishes a compaction whose record was committed, or drops one whose record was not. */
    void recover(EnvironmentRecord env) {
        for (long id : workspace.store().committedLayerIds(env.id())) {
            Path merged = layout.compactionDir(id);
            if (Files.isDirectory(merged, LinkOption.NOFOLLOW_LINKS) && !workspace.store().compactedTransactionIds(id).isEmpty()) {
                replace(id);
            }
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(layout.layersDir(), "{compact,replaced}-*")) {
            for (Path leftOver : entries) {
                launcher.removeTree(leftOver, mapping);
            }
        } catch (NoSuchFileException e) {
            // no layers yet
        } catch (IOException e) {
            throw TrydebException.failure("cannot list " + layout.layersDir() + ": " + ErrorText.describe(e), e);
        }
    }

    /** The merged layer takes the place of the newest merged transaction's own. */
    private void replace(long into) {
        Path own = layout.layerDir(into);
        Path replaced = layout.replacedLayerDir(into);
        try {
            if (Files.exists(own, LinkOption.NOFOLLOW_LINKS)) {
                Files.move(own, replaced);
            }
            Files.move(layout.compactionDir(into), own);
        } catch (IOException e) {
            throw TrydebException.failure("cannot put the compacted layer in place of " + own + ": "
                    + ErrorText.describe(e) + "; the next trydeb command finishes it", e);
        }
        launcher.removeTree(replaced, mapping);
    }
}
