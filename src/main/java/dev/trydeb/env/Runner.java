package dev.trydeb.env;

import dev.trydeb.core.GuestPath;
import dev.trydeb.core.HostUser;
import dev.trydeb.core.TrydebException;
import dev.trydeb.layer.EnvironmentLayers;
import dev.trydeb.layer.GuestView;
import dev.trydeb.sandbox.LayerStack;
import dev.trydeb.sandbox.OverlayUpperCheck;
import dev.trydeb.sandbox.SandboxLauncher;
import dev.trydeb.sandbox.SandboxPlan;
import dev.trydeb.sandbox.UserNamespaces;
import dev.trydeb.sandbox.WritableLayer;
import dev.trydeb.store.EnvironmentLayout;
import dev.trydeb.store.EnvironmentLock;
import dev.trydeb.store.EnvironmentRecord;
import dev.trydeb.store.PackageRecord;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Starts a program inside an environment as the user's own uid, replacing this JVM with
 * the sandbox so the program owns the terminal and its exit status becomes trydeb's.
 */
public final class Runner {
    private final Workspace workspace;

    public Runner(Workspace workspace) {
        this.workspace = workspace;
    }

    /** Does not return: the JVM becomes the sandbox. */
    public void run(RunRequest request) {
        String envName = request.environment().value();
        EnvironmentRecord env = workspace.store().environment(envName);
        List<String> command = new ArrayList<>(programFor(request, env));
        command.addAll(request.arguments());
        UserNamespaces.requireAvailable();
        SandboxLauncher launcher = workspace.launcher();

        EnvironmentLayout layout = workspace.environment(request.environment());
        layout.createDirectories();
        OverlayUpperCheck.require(layout.dir());
        // Fail early and clearly while an install holds the lock; the helper re-takes it shared.
        try (EnvironmentLock check = EnvironmentLock.shared(layout, envName)) {
            LayerStack layers = EnvironmentLayers.stack(layout, workspace.store().committedLayerIds(env.id()));
            HostUser user = workspace.user();
            SandboxPlan plan = workspace.planner().run(layers,
                    new WritableLayer(layout.runtimeUpper(), layout.runtimeWork()), user.home(),
                    layout.mountPoint(), layout.lockFile(), workingDirectory(request.workingDirectory(), user.home()),
                    command, environment(envName));
            workspace.close();
            check.close();
            launcher.exec(plan);
        }
    }

    private List<String> programFor(RunRequest request, EnvironmentRecord env) {
        if (request.packageName().isEmpty()) {
            return List.of(request.exec().orElseThrow(() ->
                    TrydebException.badInput("nothing to run: name a package, or a command with --exec COMMAND")));
        }
        String name = request.packageName().get();
        PackageRecord pkg = workspace.store().findCurrentPackage(env.id(), name).orElseThrow(() ->
                TrydebException.badInput("package '" + name + "' is not installed in environment '" + env.name()
                        + "'; 'trydeb list' shows what is"));
        LayerStack layers = EnvironmentLayers.stack(workspace.environment(request.environment()),
                workspace.store().committedLayerIds(env.id()));
        GuestView view = new GuestView(workspace.hostRoot(), EnvironmentLayers.uppersTopFirst(layers));
        return ProgramResolver.resolve(name, workspace.store().packageFiles(pkg.id()), request.exec(), view);
    }

    /** The caller's directory when it is inside home (the only host directory shown as is), else home. */
    static GuestPath workingDirectory(Path cwd, Path home) {
        Path normalized = cwd.toAbsolutePath().normalize();
        Path chosen = normalized.startsWith(home) ? normalized : home;
        return GuestPath.of(chosen.toString());
    }

    private static Map<String, String> environment(String envName) {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("TRYDEB_ENV", envName);
        return env;
    }
}
