package dev.trydeb.env;

import dev.trydeb.diff.Change;
import dev.trydeb.diff.DiffEngine;
import dev.trydeb.diff.IdMapping;
import dev.trydeb.diff.LayerOrigin;
import dev.trydeb.diff.LayerSource;
import dev.trydeb.diff.PackageFiles;
import dev.trydeb.diff.UnreadableDirectory;
import dev.trydeb.core.HostUser;
import dev.trydeb.sandbox.SubordinateIds;
import dev.trydeb.store.EnvironmentLayout;
import dev.trydeb.store.EnvironmentLock;
import dev.trydeb.store.EnvironmentName;
import dev.trydeb.store.EnvironmentRecord;
import dev.trydeb.store.PackageRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;

/**
 * What an environment changed compared with the host, read from its layers from outside
 * the sandbox: each install transaction's layer (attributed to its packages and their
 * maintainer scripts), the runtime layer and the private home (attributed to programs).
 */
public final class Differ {
    private final Workspace workspace;

    public Differ(Workspace workspace) {
        this.workspace = workspace;
    }

    public DiffResult diff(EnvironmentName name) {
        Optional<EnvironmentRecord> env = workspace.store().findEnvironment(name.value());
        EnvironmentLayout layout = workspace.environment(name);
        if (env.isEmpty() || !Files.isDirectory(layout.dir())) {
            return new DiffResult(List.of(), List.of());
        }
        try (EnvironmentLock lock = EnvironmentLock.shared(layout, name.value())) {
            return run(sources(env.get(), layout), 0);
        }
    }

    /** Only what a throwaway run wrote, as seen over the environment it ran in. */
    public DiffResult diffThrowaway(EnvironmentName name, Path throwawayDir) {
        EnvironmentLayout layout = workspace.environment(name);
        EnvironmentRecord env = workspace.store().environment(name.value());
        List<LayerSource> sources = sources(env, layout);
        int firstThrowaway = sources.size();
        IdMapping asUser = IdMapping.run(workspace.user().uid(), workspace.user().gid());
        sources.add(new LayerSource(throwawayDir.resolve("upper"), new LayerOrigin.Runtime(), asUser));
        sources.add(new LayerSource(throwawayDir.resolve("home-upper"), new LayerOrigin.Home(), asUser));
        return run(sources, firstThrowaway);
    }

    /**
     * A layer directory the user cannot list (a package's private directory owned by a
     * subordinate id) is reported rather than failing the whole diff.
     */
    private DiffResult run(List<LayerSource> sources, int fromLayer) {
        List<UnreadableDirectory> unreadable = new ArrayList<>();
        List<Change> changes = new ArrayList<>();
        for (Change change : new DiffEngine(workspace.hostRoot()).diff(sources, unreadable::add)) {
            if (change.layerIndex() >= fromLayer) {
                changes.add(change);
            }
        }
        return new DiffResult(changes, unreadable);
    }

    private List<LayerSource> sources(EnvironmentRecord env, EnvironmentLayout layout) {
        HostUser user = workspace.user();
        IdMapping asRoot = IdMapping.install(user.uid(), user.gid(),
                SubordinateIds.forUser(user.name(), user.uid(), user.gid()));
        IdMapping asUser = IdMapping.run(user.uid(), user.gid());
        List<LayerSource> sources = new ArrayList<>();
        for (long tx : workspace.store().committedLayerIds(env.id())) {
            List<PackageFiles> packages = new ArrayList<>();
            for (PackageRecord pkg : workspace.store().packagesInstalledBy(tx)) {
                packages.add(new PackageFiles(pkg.name(), pkg.version(),
                        new HashSet<>(workspace.store().packageFiles(pkg.id()))));
            }
            sources.add(new LayerSource(layout.upperDir(tx), new LayerOrigin.Install(tx, packages), asRoot));
        }
        sources.add(new LayerSource(layout.runtimeUpper(), new LayerOrigin.Runtime(), asUser));
        sources.add(new LayerSource(layout.homeUpper(), new LayerOrigin.Home(), asUser));
        return sources;
    }
}
