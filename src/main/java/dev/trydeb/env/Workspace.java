package dev.trydeb.env;

import dev.trydeb.core.ExitCode;
import dev.trydeb.core.HostUser;
import dev.trydeb.core.TrydebException;
import dev.trydeb.sandbox.HostRoot;
import dev.trydeb.state.MergedState;
import dev.trydeb.store.EnvironmentRecord;
import dev.trydeb.sandbox.OverlayUpperCheck;
import dev.trydeb.sandbox.SandboxLauncher;
import dev.trydeb.sandbox.SandboxPlanner;
import dev.trydeb.sandbox.SubordinateIds;
import dev.trydeb.sandbox.UidMapping;
import dev.trydeb.sandbox.UserNamespaces;
import dev.trydeb.store.EnvironmentLayout;
import dev.trydeb.store.EnvironmentName;
import dev.trydeb.store.Store;
import dev.trydeb.store.StoreLayout;
import dev.trydeb.store.XdgDirectories;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.List;

/** What every command works with: the user, the store, the host and the sandbox helper. */
public final class Workspace implements AutoCloseable {
    private final HostUser user;
    private final StoreLayout layout;
    private final Path hostRoot;
    private final Path cacheRoot;
    private Store store;

    public Workspace(HostUser user, StoreLayout layout, Path hostRoot, Path cacheRoot) {
        this.user = user;
        this.layout = layout;
        this.hostRoot = hostRoot;
        this.cacheRoot = cacheRoot;
    }

    public static Workspace forCurrentUser() {
        HostUser user = HostUser.current();
        XdgDirectories xdg = XdgDirectories.fromEnvironment();
        return new Workspace(user, new StoreLayout(xdg.storeRoot()), Path.of("/"), xdg.cacheRoot());
    }

    /** Downloads and other things that can be fetched again ($XDG_CACHE_HOME/trydeb). */
    public Path cacheRoot() {
        return cacheRoot;
    }

    /** The environment's dpkg status and accounts over the host's current ones, as its sandbox will see them. */
    public MergedState mergedState(EnvironmentRecord env) {
        return MergedState.build(hostRoot, store().statusRecords(env.id()), store().accountRecords(env.id()));
    }

    /** The environment's state from its current records over the host files {@code basis} was built from. */
    public MergedState mergedState(EnvironmentRecord env, MergedState basis) {
        return basis.withRecords(store().statusRecords(env.id()), store().accountRecords(env.id()));
    }

    public HostUser user() {
        return user;
    }

    public Path hostRoot() {
        return hostRoot;
    }

    public EnvironmentLayout environment(EnvironmentName name) {
        return layout.environment(name);
    }

    /**
     * The record of an environment that a command other than install reads or changes. A name
     * no environment has is a mistake (a typo in --env) and says so; only the default
     * environment may be absent, which is then empty.
     */
    public Optional<EnvironmentRecord> existingEnvironment(EnvironmentName name) {
        Optional<EnvironmentRecord> env = store().findEnvironment(name.value());
        if (env.isEmpty() && !name.isDefault()) {
            throw noSuchEnvironment(name);
        }
        return env;
    }

    /** "there is no environment 'tyop'; environments: a, b", or that there are none yet. */
    public TrydebException noSuchEnvironment(EnvironmentName name) {
        List<String> names = store().environments().stream().map(EnvironmentRecord::name).toList();
        return TrydebException.badInput("there is no environment '" + name.value() + "'; "
                + (names.isEmpty() ? "there are none yet ('trydeb install' creates one)"
                        : "environments: " + String.join(", ", names)));
    }

    /**
     * The environment's directories, created if needed, after checking that this machine
     * can host a sandbox over them: user namespaces allowed, user xattrs on the store.
     */
    public EnvironmentLayout usableEnvironment(EnvironmentName name) {
        UserNamespaces.requireAvailable();
        EnvironmentLayout layout = environment(name);
        requireStoreOutsideOverlays(layout.dir());
        layout.createDirectories();
        OverlayUpperCheck.require(layout.dir());
        return layout;
    }

    /** Checked before anything is created there; through symlinks, from the deepest directory that exists. */
    private static void requireStoreOutsideOverlays(Path dir) {
        Path absolute = dir.toAbsolutePath().normalize();
        Path existing = absolute;
        while (existing.getParent() != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        Path real;
        try {
            real = existing.toRealPath().resolve(existing.relativize(absolute));
        } catch (IOException e) {
            real = absolute;
        }
        SandboxPlanner.overlaidTopLevelOf(real).ifPresent(top -> {
            throw new TrydebException(ExitCode.ENVIRONMENT_UNUSABLE, "the trydeb store " + dir + " is under " + top
                    + ", which every sandbox overlays (an overlay cannot keep its layers inside its own lower"
                    + " directory); set XDG_DATA_HOME to a directory outside /usr, /etc, /var, /opt and /srv,"
                    + " such as one in your home");
        });
    }

    /** The store database, opened on first use. */
    public Store store() {
        if (store == null) {
            store = Store.open(layout);
        }
        return store;
    }

    public SandboxPlanner planner() {
        return new SandboxPlanner(HostRoot.scan(hostRoot), layout.root(), layout.emptyDir());
    }

    public SandboxLauncher launcher() {
        return SandboxLauncher.locate();
    }

    /** Namespaced root with the user's subordinate ids when newuidmap allows it, else root alone. */
    public UidMapping installMapping() {
        return SubordinateIds.forUser(user.name(), user.uid(), user.gid())
                .<UidMapping>map(full -> full)
                .orElse(new UidMapping.RootOnly());
    }

    @Override
    public void close() {
        if (store != null) {
            store.close();
        }
    }
}
