package dev.trydeb.env;

import dev.trydeb.core.ExitCode;
import dev.trydeb.core.GuestPath;
import dev.trydeb.core.HostUser;
import dev.trydeb.core.TrydebException;
import dev.trydeb.deb.DpkgFileList;
import dev.trydeb.desktop.BusNames;
import dev.trydeb.desktop.RunningCopies;
import dev.trydeb.layer.EnvironmentLayers;
import dev.trydeb.layer.GuestView;
import dev.trydeb.layer.UntouchedHostDirectories;
import dev.trydeb.sandbox.DesktopSession;
import dev.trydeb.sandbox.HomeView;
import dev.trydeb.sandbox.LayerStack;
import dev.trydeb.sandbox.RunPlanRequest;
import dev.trydeb.sandbox.SandboxLauncher;
import dev.trydeb.sandbox.SandboxPlan;
import dev.trydeb.sandbox.WritableLayer;
import dev.trydeb.state.StatusFile;
import dev.trydeb.store.EnvironmentLayout;
import dev.trydeb.store.EnvironmentLock;
import dev.trydeb.store.EnvironmentRecord;
import dev.trydeb.store.PackageRecord;
import dev.trydeb.store.RunningSandbox;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Starts a program inside an environment as the user's own uid. Normally the JVM is
 * replaced by the sandbox, so the program owns the terminal and its exit status becomes
 * trydeb's; with --diff-on-exit the JVM waits to show what the program changed.
 */
public final class Runner {
    private final Workspace workspace;
    private final EphemeralDiff ephemeralDiff;
    private final Warnings warnings;
    private final PhaseTimes times = PhaseTimes.from(System.getenv(), System.err);

    public Runner(Workspace workspace, EphemeralDiff ephemeralDiff, Warnings warnings) {
        this.workspace = workspace;
        this.ephemeralDiff = ephemeralDiff;
        this.warnings = warnings;
    }

    /** The program's exit status; without --diff-on-exit it does not return (the JVM becomes the sandbox). */
    public int run(RunRequest request) {
        RunOptions options = request.options();
        if (options.diffOnExit() && !options.ephemeral()) {
            throw TrydebException.badInput("--diff-on-exit needs --ephemeral (use 'trydeb diff --runtime' otherwise)");
        }
        String envName = request.environment().value();
        // run and shell create the default environment (a shell in it is the host's system); no other
        EnvironmentRecord env = workspace.existingEnvironment(request.environment())
                .orElseGet(() -> workspace.store().environment(envName));
        // An unknown package is refused before anything is created (it is read again under the lock).
        request.packageName().ifPresent(name -> packageFiles(env, name));
        EnvironmentLayout layout = workspace.usableEnvironment(request.environment());
        Map<String, String> environment = environment(envName, options);
        SandboxLauncher launcher = workspace.launcher();
        PlanSaving saving = PlanSaving.forRequest(request, layout, environment, launcher.helper());
        Warnings warnings = saving.watchingWarnings(this.warnings);
        // Fail early and clearly while an install holds the lock (the helper re-takes it shared),
        // and read the environment under it, so that a saved plan cannot miss a change.
        try (EnvironmentLock check = EnvironmentLock.shared(layout, envName)) {
            times.finished("open");
            LayerStack committed = EnvironmentLayers.stack(layout, workspace.store().committedLayerIds(env.id()));
            List<String> command = new ArrayList<>();
            if (options.privateBus()) {
                // dbus-run-session starts a bus inside the sandbox and points the program at it.
                command.addAll(List.of("dbus-run-session", "--"));
            }
            GuestView view = new GuestView(workspace.hostRoot(), EnvironmentLayers.uppersTopFirst(committed));
            Optional<List<String>> packageFiles = request.packageName().map(name -> packageFiles(env, name));
            command.addAll(programFor(request, packageFiles, view));
            if (packageFiles.isPresent() && !options.privateBus()) {
                Set<String> busNames = BusNames.of(packageFiles.get(), view);
                if (!busNames.isEmpty()) {
                    saving.refuse();
                }
                new RunningCopies(warnings::warn).warnAbout(busNames, environment);
            }
            if (!options.network()) {
                DesktopSession.lostWithoutNetwork(environment).forEach(warnings::warn);
            }
            liveSandbox(layout).ifPresent(running -> requireJoinable(running, options, envName));
            times.finished("program");
            LayerStack layers = EnvironmentLayers.withState(committed, mergedState(env, layout,
                    saving.watchingNotes(note -> System.err.println("trydeb: " + note))));
            times.finished("state");
            GuestPath workingDirectory = workingDirectory(request.workingDirectory(), workspace.user().home());
            if (!workingDirectory.value().equals(request.workingDirectory().toAbsolutePath().normalize().toString())) {
                // The same words as the helper's fast path; the plan is saved all the same (the helper
                // decides the directory on every start).
                System.err.println("trydeb: " + request.workingDirectory().toAbsolutePath().normalize()
                        + " is not shown inside the sandbox; starting in " + workingDirectory.value());
            }
            HostUser user = workspace.user();
            Optional<Path> throwaway = options.ephemeral() ? Optional.of(newThrowawayLayer(layout)) : Optional.empty();
            WritableLayer writable = throwaway
                    .map(dir -> new WritableLayer(dir.resolve("upper"), dir.resolve("work")))
                    .orElse(new WritableLayer(layout.runtimeUpper(), layout.runtimeWork()));
            if (throwaway.isPresent()) {
                layers = EnvironmentLayers.withRuntime(layers, layout);
            }
            SandboxPlan plan = workspace.planner().run(new RunPlanRequest(layers, writable,
                    untouchedUsr(layers, writable), homeView(options.home(), user.home(), layout, throwaway), options.network(),
                    !options.isolateIpc(), DesktopSession.existing(environment),
                    layout.mountPoint(), layout.lockFile(), workingDirectory,
                    options.diffOnExit() ? Optional.empty() : throwaway, command, environment));
            if (throwaway.isEmpty()) {
                plan = plan.joinableThrough(layout.sandboxPidFile());
            }
            times.finished("plan");
            saving.save(user.home(), envName, plan);
            times.finished("save");
            plan = plan.withArguments(request.arguments());
            // The lock is kept until the helper holds its own: released in between, it would let
            // an install or rollback prune the layers and state the plan names.
            if (!options.diffOnExit()) {
                workspace.close();
                launcher.exec(plan, check::close);
            }
            int status;
            try {
                status = launcher.runAndWait(plan);
            } finally {
                check.close(); // the diff takes the lock itself
            }
            Path dir = throwaway.orElseThrow();
            try {
                ephemeralDiff.show(request.environment(), dir);
            } finally {
                launcher.removeTree(dir, workspace.installMapping());
            }
            return status;
        }
    }

    /**
     * Only below /usr, which holds no data that programs write (FHS): a directory shown from
     * the host is read-only in the sandbox, where the overlay would copy a write up into the
     * runtime layer.
     */
    private List<GuestPath> untouchedUsr(LayerStack layers, WritableLayer writable) {
        List<Path> uppers = new ArrayList<>(EnvironmentLayers.uppersTopFirst(layers));
        uppers.add(writable.upper());
        return new UntouchedHostDirectories(workspace.hostRoot(), uppers, workspace.user().uid()).below("usr");
    }

    /** The environment's sandbox if programs run in it; one whose last program just exited is let end first. */
    private static Optional<RunningSandbox> liveSandbox(EnvironmentLayout layout) {
        for (int attempt = 0; attempt < 40; attempt++) {
            Optional<RunningSandbox> running = RunningSandbox.find(layout);
            if (running.isEmpty() || !running.get().programs().isEmpty()) {
                return running;
            }
            try {
                Thread.sleep(25);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return RunningSandbox.find(layout);
    }

    /**
     * A second program of an environment starts inside the sandbox already running (the
     * helper joins it), with its mounts and home view; options needing other mounts cannot.
     */
    private static void requireJoinable(RunningSandbox running, RunOptions options, String envName) {
        if (options.ephemeral() || options.home() != RunOptions.Home.REAL || !options.network() || options.isolateIpc()) {
            throw new TrydebException(ExitCode.BUSY, "environment '" + envName + "' already has programs running ("
                    + String.join(", ", running.programs()) + "); --ephemeral, --private-home, --no-home,"
                    + " --no-network and --isolate-ipc apply to a new sandbox only: close them first, or run without"
                    + " those options to join them");
        }
    }

    /** Current on every start, so host changes since the environment's installs show inside. */
    private Path mergedState(EnvironmentRecord env, EnvironmentLayout layout, Progress notes) {
        return StateLayers.forRun(workspace, env, layout, notes);
    }

    private static HomeView homeView(RunOptions.Home mode, Path home, EnvironmentLayout layout, Optional<Path> throwaway) {
        switch (mode) {
            case PRIVATE:
                // A throwaway run keeps its home changes in the throwaway layer too.
                return throwaway
                        .map(dir -> new HomeView.Private(home, dir.resolve("home-upper"), dir.resolve("home-work")))
                        .orElse(new HomeView.Private(home, layout.homeUpper(), layout.homeWork()));
            case NONE:
                return new HomeView.Empty(home);
            default:
                return new HomeView.Real(home);
        }
    }

    private static Path newThrowawayLayer(EnvironmentLayout layout) {
        try {
            return Files.createDirectory(layout.ephemeralDir().resolve(UUID.randomUUID().toString()));
        } catch (IOException e) {
            throw TrydebException.failure("cannot create a throwaway layer in " + layout.ephemeralDir() + ": " + e);
        }
    }

    private List<String> programFor(RunRequest request, Optional<List<String>> packageFiles, GuestView view) {
        if (request.packageName().isEmpty()) {
            return List.of(request.exec().orElseThrow(() ->
                    TrydebException.badInput("nothing to run: name a package, or a command with --exec COMMAND")));
        }
        return ProgramResolver.resolve(request.packageName().get(), packageFiles.orElseThrow(), request.exec(), view);
    }

    /**
     * The files of the environment's package, or else of the host's (install says the
     * environment already has it), whose program then runs in the environment all the same.
     */
    private List<String> packageFiles(EnvironmentRecord env, String name) {
        Optional<PackageRecord> own = workspace.store().findCurrentPackage(env.id(), name);
        if (own.isPresent()) {
            return workspace.store().packageFiles(own.get().id());
        }
        return hostPackageFiles(env, name).orElseThrow(() -> NotInstalled.inEnvironmentNorOnHost(name, env.name(),
                "'trydeb list' shows what the environment has, 'trydeb install " + name + "' installs it"));
    }

    /** A host package's file list, unless the environment removed the package. */
    private Optional<List<String>> hostPackageFiles(EnvironmentRecord env, String name) {
        boolean removedHere = workspace.store().statusRecords(env.id()).stream()
                .anyMatch(r -> r.packageName().equals(name) && !StatusFile.isInstalled(r.stanza()));
        Path info = workspace.hostRoot().resolve(DpkgFileList.INFO_DIRECTORY.substring(1));
        if (removedHere || !name.matches("[a-z0-9][a-z0-9+.-]*")) {
            return Optional.empty();
        }
        List<Path> lists = new ArrayList<>(List.of(info.resolve(name + ".list")));
        try (DirectoryStream<Path> multiArch = Files.newDirectoryStream(info, name + ":*.list")) {
            multiArch.forEach(lists::add);
        } catch (IOException e) {
            // no host dpkg database to read: no host package
        }
        for (Path list : lists) {
            try {
                return Optional.of(DpkgFileList.read(list));
            } catch (IOException e) {
                // not this name
            }
        }
        return Optional.empty();
    }

    /**
     * Host directories a run sandbox shows replaced (a private /tmp, an empty /root and /home
     * but for your own home, a new /proc): the same list as the helper's working_directory().
     */
    static final List<String> REPLACED_DIRECTORIES = List.of("/tmp", "/root", "/home", "/proc");

    /**
     * The caller's directory, where the sandbox shows it as the host does: anywhere in home, and
     * anywhere outside the {@link #REPLACED_DIRECTORIES}; else home.
     */
    static GuestPath workingDirectory(Path cwd, Path home) {
        Path normalized = cwd.toAbsolutePath().normalize();
        boolean replaced = !normalized.startsWith(home)
                && REPLACED_DIRECTORIES.stream().anyMatch(dir -> normalized.startsWith(Path.of(dir)));
        return GuestPath.of((replaced ? home : normalized).toString());
    }

    /**
     * What tells a program, and the person at a shell, that it runs inside the environment:
     * TRYDEB_ENV, and debian_chroot, which Debian's bash prompt (/etc/bash.bashrc, /etc/skel's
     * .bashrc) shows in front of it: "(trydeb:NAME)user@host:~$".
     */
    static Map<String, String> markers(String envName) {
        return Map.of("TRYDEB_ENV", envName, "debian_chroot", "trydeb:" + envName);
    }

    /** The caller's whole environment, so that the desktop session's variables reach the program. */
    private static Map<String, String> environment(String envName, RunOptions options) {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.putAll(markers(envName));
        env.remove("TRYDEB_NO_FAST_RUN"); // set by the helper when it hands a stale saved plan back to the launcher
        if (options.privateBus()) {
            env.remove("DBUS_SESSION_BUS_ADDRESS");
        }
        return env;
    }
}
