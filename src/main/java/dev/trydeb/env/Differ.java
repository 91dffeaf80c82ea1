package dev.trydeb.env;

import dev.trydeb.diff.Change;
import dev.trydeb.diff.DiffEngine;
import dev.trydeb.diff.IdMapping;
import dev.trydeb.diff.LayerOrigin;
import dev.trydeb.diff.LayerSource;
import dev.trydeb.diff.PackageFiles;
import dev.trydeb.diff.UnreadableDirectory;
import dev.trydeb.core.GuestPath;
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
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
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
        Optional<EnvironmentRecord> env = workspace.existingEnvironment(name);
        EnvironmentLayout layout = workspace.environment(name);
        if (env.isEmpty() || !Files.isDirectory(layout.dir())) {
            return new DiffResult(List.of(), List.of());
        }
        try (EnvironmentLock lock = EnvironmentLock.shared(layout, name.value())) {
            return run(sources(env.get(), layout), 0);
        }
    }

    /**
     * What a throwaway run changed in the environment it ran in. The engine compares with
     * the host; where the environment had already changed a path, the kind is taken again
     * between the environment's view and the view with the throwaway layer on top.
     */
    public DiffResult diffThrowaway(EnvironmentName name, Path throwawayDir) {
        EnvironmentLayout layout = workspace.environment(name);
        EnvironmentRecord env = workspace.store().environment(name.value());
        List<LayerSource> below = sources(env, layout);
        List<LayerSource> withThrowaway = new ArrayList<>(below);
        IdMapping asUser = IdMapping.run(workspace.user().uid(), workspace.user().gid());
        withThrowaway.add(new LayerSource(throwawayDir.resolve("upper"), new LayerOrigin.Runtime(), asUser));
        withThrowaway.add(new LayerSource(throwawayDir.resolve("home-upper"), new LayerOrigin.Home(), asUser));

        DiffResult all = run(withThrowaway, below.size());
        Map<GuestPath, Change> byEnvironment = new HashMap<>();
        run(below, 0).changes().forEach(change -> byEnvironment.put(change.path(), change));
        Set<GuestPath> seen = new HashSet<>();
        List<Change> changes = new ArrayList<>();
        EnvironmentChangeKinds kinds = new EnvironmentChangeKinds(workspace.hostRoot(), uppers(below), uppers(withThrowaway));
        for (Change change : all.changes()) {
            seen.add(change.path());
            if (byEnvironment.containsKey(change.path())) {
                kinds.relative(change.path(), below.size()).ifPresent(changes::add);
            } else {
                changes.add(change);
            }
        }
        // A path the environment had changed and the run put back as the host has it.
        for (Change change : byEnvironment.values()) {
            if (!seen.contains(change.path()) && kinds.changedByTop(change.path())) {
                kinds.relative(change.path(), below.size()).ifPresent(changes::add);
            }
        }
        changes.sort(Comparator.comparing(Change::path));
        return new DiffResult(changes, all.unreadable());
    }

    private static List<Path> uppers(List<LayerSource> sources) {
        List<Path> uppers = new ArrayList<>();
        sources.forEach(source -> uppers.add(0, source.upper()));
        return uppers;
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

    private List<PackageFiles> packagesInstalledBy(long tx) {
        List<PackageFiles> packages = new ArrayList<>();
        for (PackageRecord pkg : workspace.store().packagesInstalledBy(tx)) {
            packages.add(new PackageFiles(pkg.name(), pkg.version(), new HashSet<>(workspace.store().packageFiles(pkg.id())),
                    workspace.store().shippedFiles(pkg.id())));
        }
        return packages;
    }

    private List<LayerSource> sources(EnvironmentRecord env, EnvironmentLayout layout) {
        HostUser user = workspace.user();
        IdMapping asRoot = IdMapping.install(user.uid(), user.gid(),
                SubordinateIds.forUser(user.name(), user.uid(), user.gid()));
        IdMapping asUser = IdMapping.run(user.uid(), user.gid());
        List<LayerSource> sources = new ArrayList<>();
        for (long tx : workspace.store().committedLayerIds(env.id())) {
            List<LayerOrigin.Install> compacted = new ArrayList<>();
            for (long merged : workspace.store().compactedTransactionIds(tx)) {
                compacted.add(0, new LayerOrigin.Install(merged, packagesInstalledBy(merged)));
            }
            sources.add(new LayerSource(layout.upperDir(tx), new LayerOrigin.Install(tx, packagesInstalledBy(tx), compacted),
                    asRoot));
        }
        sources.add(new LayerSource(layout.runtimeUpper(), new LayerOrigin.Runtime(), asUser));
        sources.add(new LayerSource(layout.homeUpper(), new LayerOrigin.Home(), asUser));
        return sources;
    }
}
