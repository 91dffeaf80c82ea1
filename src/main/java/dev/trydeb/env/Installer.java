package dev.trydeb.env;

import dev.trydeb.apt.HostApt;
import dev.trydeb.core.ByteSize;
import dev.trydeb.core.ExitCode;
import dev.trydeb.core.GuestPath;
import dev.trydeb.core.TrydebException;
import dev.trydeb.deb.DebArchive;
import dev.trydeb.deb.DebPackage;
import dev.trydeb.deb.HostArchitectures;
import dev.trydeb.deb.InstalledPackages;
import dev.trydeb.deb.PackageName;
import dev.trydeb.layer.EnvironmentLayers;
import dev.trydeb.layer.GuestView;
import dev.trydeb.sandbox.LayerStack;
import dev.trydeb.sandbox.SandboxLauncher;
import dev.trydeb.sandbox.SandboxPlan;
import dev.trydeb.sandbox.UidMapping;
import dev.trydeb.sandbox.WritableLayer;
import dev.trydeb.state.MergedState;
import dev.trydeb.state.StateChanges;
import dev.trydeb.store.EnvironmentLayout;
import dev.trydeb.store.EnvironmentLock;
import dev.trydeb.store.EnvironmentName;
import dev.trydeb.store.EnvironmentRecord;
import dev.trydeb.store.NewPackage;
import dev.trydeb.store.TransactionRecord;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One transaction that installs or removes packages: work out the plan against the
 * environment's view, confirm it, download as the user, prepare a new layer, run the real
 * dpkg (or apt) inside the sandbox, and only on success commit the layer and the records.
 * On any failure the layer is dropped and the environment is exactly as before.
 */
public final class Installer {
    /** How a change asks the planner for its plan, with apt's options for the transaction. */
    @FunctionalInterface
    private interface Planning {
        ChangePlan plan(ChangePlanner planner, InstalledPackages installed, List<String> aptOptions);
    }

    private static final String NO_NETWORK_HINT =
            " (maintainer scripts run without network: if the package's scripts download something, try --network)";

    private final Workspace workspace;
    private final Progress progress;
    private final Confirmation confirmation;
    private final PrintStream out;
    private final boolean terminal;
    private final PhaseTimes times;
    private final TransactionOutput.Detail detail;

    /**
     * @param out where apt's download lines and dpkg's progress go when not on a terminal
     * @param terminal whether {@code out} is the user's terminal (apt then draws its progress bar there)
     * @param detail how much of apt's and dpkg's output {@code out} shows (the store keeps all of it)
     */
    public Installer(Workspace workspace, Progress progress, Confirmation confirmation, PrintStream out, boolean terminal,
                     PhaseTimes times, TransactionOutput.Detail detail) {
        this.workspace = workspace;
        this.progress = progress;
        this.confirmation = confirmation;
        this.out = out;
        this.terminal = terminal;
        this.times = times;
        this.detail = detail;
    }

    public InstallResult install(InstallRequest request) {
        try (Cancellation cancellation = watchSignals(request.environment())) {
            return install(request, cancellation);
        }
    }

    private InstallResult install(InstallRequest request, Cancellation cancellation) {
        List<DebPackage> debs = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (String target : request.targets()) {
            if (isFile(target)) {
                debs.add(readLocalDeb(pathOf(target)));
            } else {
                names.add(packageSpec(target));
            }
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("files", debs.stream().map(d -> Map.of("file", d.source().toString(), "sha256", d.sha256())).toList());
        json.put("packages", names);
        return change(request.environment(), cancellation, request.interactiveDebconf(), request.network(),
                request.aptOptions(), json, debs,
                (planner, installed, options) -> planner.install(debs, names, installed, options));
    }

    /** "Run it with: trydeb run figlet" for each package asked for that has a program. */
    private List<String> runHints(EnvironmentName envName, List<NewPackage> asked, EnvironmentLayout layout,
                                  EnvironmentRecord env) {
        GuestView view = new GuestView(workspace.hostRoot(), EnvironmentLayers.uppersTopFirst(
                EnvironmentLayers.stack(layout, workspace.store().committedLayerIds(env.id()))));
        String trydeb = command(envName);
        List<String> hints = new ArrayList<>();
        for (NewPackage pkg : asked) {
            try {
                ProgramResolver.runHint(pkg.name(), pkg.files(), view).ifPresent(hint -> hints.add("Run it with: " + trydeb + hint));
            } catch (TrydebException e) {
                // a menu entry that cannot be read: the install is done all the same, without the hint
            }
        }
        return hints;
    }

    /** A package name the user typed, refused as bad input rather than as a bug. */
    private static PackageName typedName(String name) {
        try {
            return PackageName.of(name);
        } catch (IllegalArgumentException e) {
            throw TrydebException.badInput(e.getMessage());
        }
    }

    public InstallResult remove(RemoveRequest request) {
        List<String> names = request.names().stream().map(Installer::packageSpec).toList();
        List<PackageName> packageNames = names.stream().map(name -> typedName(name.split(":", 2)[0])).toList();
        // Removing a host package from the default environment before anything else is fine.
        workspace.existingEnvironment(request.environment());
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("packages", names);
        json.put("purge", request.purge());
        try (Cancellation cancellation = watchSignals(request.environment())) {
            return change(request.environment(), cancellation, false, false, List.of(), json, List.of(),
                    (planner, installed, options) -> {
                        for (int i = 0; i < names.size(); i++) {
                            if (installed.find(packageNames.get(i)).isEmpty()) {
                                throw NotInstalled.inEnvironmentNorOnHost(names.get(i), request.environment().value(),
                                        "'trydeb list' shows what the environment has");
                            }
                        }
                        return planner.remove(names, request.purge(), options);
                    });
        }
    }

    /** After the commit, whose outcome it cannot change: a failure here only leaves the stack deep. */
    private void compactIfDeep(EnvironmentRecord env, EnvironmentLayout layout, SandboxLauncher launcher,
                               UidMapping mapping) {
        try {
            new Compaction(workspace, launcher, mapping, layout).compactIfDeep(env);
        } catch (RuntimeException e) {
            Warnings.to(System.err).warn("could not compact environment '" + env.name() + "' (the install is kept;"
                    + " 'trydeb compact' tries again): " + e.getMessage());
        }
    }

    private Cancellation watchSignals(EnvironmentName environment) {
        return Cancellation.watch(environment.value(), workspace.launcher(), System.err);
    }

    private InstallResult change(EnvironmentName envName, Cancellation cancellation, boolean interactiveDebconf,
                                 boolean network, List<String> aptOptions,
                                 Map<String, Object> requestJson, List<DebPackage> localDebs,
                                 Planning planning) {
        UidMapping mapping = workspace.installMapping();
        SandboxLauncher launcher = workspace.launcher();
        EnvironmentLayout layout = workspace.usableEnvironment(envName);
        try (EnvironmentLock lock = EnvironmentLock.exclusive(layout, envName.value())) {
            EnvironmentRecord env = workspace.store().environment(envName.value());
            times.finished("open");
            new Recovery(workspace, launcher, mapping).recover(env, layout);
            times.finished("recovery");
            MergedState state = workspace.mergedState(env);
            Path stateLayer = state.materialize(layout.stateDir());
            times.finished("state");
            HostNewerReport.warn(state, env.name(), progress);
            LayerStack layers = EnvironmentLayers.withState(
                    EnvironmentLayers.stack(layout, workspace.store().committedLayerIds(env.id())), stateLayer);
            HostApt apt = new HostApt(stateLayer.resolve(MergedState.STATUS), workspace.cacheRoot());
            Map<String, String> current = workspace.store().currentPackageHashes(env.id());
            Set<String> ownPackages = current.keySet();
            List<BrokenDependencies.Broken> broken = StateLayers.knownWhole(workspace, env, layout, state)
                    ? List.of() : BrokenDependencies.of(state, ownPackages);
            BrokenDependencies.warn(broken, env.name(), "apt plans bringing it back with this change", progress);
            List<String> options = new ArrayList<>(aptOptions);
            if (!broken.isEmpty()) {
                options.add(BrokenDependencies.FIX);
            }
            ChangePlan plan = planning.plan(new ChangePlanner(apt, state.hostStatus(), ownPackages, Set.copyOf(current.values())),
                    InstalledPackages.parseStatus(state.status()), options);
            times.finished("plan");
            if (plan.isEmpty()) {
                progress.step("Nothing to do: environment '" + env.name() + "' already has what was asked");
                return new InstallResult(env.name(), Optional.empty(), List.of(), List.of());
            }
            if (!confirmation.confirm(plan)) {
                throw TrydebException.failure("cancelled; environment '" + env.name() + "' is unchanged");
            }
            times.finished("confirmation");
            if (plan.unpacks().stream().anyMatch(ChangePlan.Unpack::download)) {
                progress.step("Downloading into " + apt.archives());
                boolean quiet = detail == TransactionOutput.Detail.QUIET;
                apt.download(plan.aptArguments(), options, terminal && !quiet, quiet ? HostApt.CAPTURE : out);
                times.finished("download");
            }
            List<DebPackage> debs = readAll(plan, localDebs, mapping);

            TransactionRecord tx = workspace.store().beginTransaction(env.id(), plan.verb(), RequestJson.of(requestJson));
            progress.step(describe(plan) + " in environment '" + env.name() + "' (transaction " + tx.id() + ")");
            Transaction transaction = new Transaction(workspace, launcher, mapping, layout, tx.id(), cancellation);
            return transaction.run(() -> {
                WritableLayer target = new WritableLayer(layout.upperDir(tx.id()), layout.workDir(tx.id()));
                TransactionLayer layer = new TransactionLayer(workspace.hostRoot(), layers, target);
                Set<String> touched = layer.prepare(plan, debs);
                SandboxInputs inputs = SandboxInputs.forPlan(plan, layout.layerDir(tx.id()),
                        options, interactiveDebconf, launcher.copyUpLibrary(), apt.listsCacheDirectory());
                SandboxPlan sandbox = workspace.planner().install(layers, target, touched, inputs.mounts(workspace.hostRoot()),
                        mapping, layout.mountPoint(), network, inputs.command(), inputs.environment());
                times.finished("prepare");
                // debconf's questions need the terminal itself: --interactive leaves the output there, unkept.
                Optional<TransactionOutput> output = interactiveDebconf ? Optional.empty()
                        : Optional.of(new TransactionOutput(detail, out, plan.unpacks().size(), plan.removals().size()));
                int status = launcher.runAndWait(sandbox, output.orElse(null));
                output.ifPresent(o -> workspace.store().saveOutput(tx.id(), o.text()));
                times.finished("sandbox");
                List<GuestPath> copiedUp = inputs.copiedUp();
                inputs.cleanUp();
                if (status != 0) {
                    throw new TrydebException(status == ExitCode.SANDBOX_SETUP.code() ? ExitCode.SANDBOX_SETUP : ExitCode.FAILURE,
                            (plan.viaApt() ? "apt-get" : "dpkg") + " failed (exit status " + status + "); environment '"
                                    + env.name() + "' is unchanged" + (network ? "" : NO_NETWORK_HINT)
                                    + output.map(o -> "; its whole output: " + command(envName) + "log " + tx.id()).orElse(""));
                }
                layer.dropUntouched(copiedUp);
                StateChanges changes = StateChanges.between(state, target.upper());
                CommittedChanges committed = CommittedChanges.of(plan, debs, changes, state, ownPackages, target.upper());
                MergedState.shrinkStatusCopy(target.upper());
                transaction.commit(() -> workspace.store().commitTransaction(tx.id(), committed.toStore()));
                StateLayers.refresh(workspace, env, layout, state, !broken.isEmpty());
                compactIfDeep(env, layout, launcher, mapping);
                times.finished("record");
                progress.step("Done: " + committed.summary() + " in environment '" + env.name() + "'" + size(plan));
                runHints(envName, committed.asked(), layout, env).forEach(progress::step);
                return new InstallResult(env.name(), Optional.of(tx.id()), committed.installedNames(),
                        committed.removedNames());
            });
        }
    }

    /** How many packages the plan unpacked and about how much they take, as the plan said it. */
    private static String size(ChangePlan plan) {
        int unpacked = plan.unpacks().size();
        return unpacked == 0 ? "" : " (" + unpacked + (unpacked == 1 ? " package, " : " packages, ") + "about "
                + ByteSize.text(plan.installedKiB() * 1024) + ")";
    }

    /** How the user names the environment on a command line: "trydeb " or "trydeb --env NAME ". */
    private static String command(EnvironmentName envName) {
        return envName.isDefault() ? "trydeb " : "trydeb --env " + envName.value() + " ";
    }

    private static String describe(ChangePlan plan) {
        List<String> parts = new ArrayList<>();
        if (!plan.unpacks().isEmpty()) {
            parts.add("Installing " + plan.unpacks().stream().map(u -> u.name() + " " + u.version())
                    .collect(Collectors.joining(", ")));
        }
        if (!plan.removals().isEmpty()) {
            parts.add((parts.isEmpty() ? "Removing " : "removing ")
                    + plan.removals().stream().map(ChangePlan.Removal::name).collect(Collectors.joining(", ")));
        }
        return String.join("; ", parts);
    }

    /** Every .deb the transaction unpacks, read for its paths (and checked, as a user's own file is). */
    private List<DebPackage> readAll(ChangePlan plan, List<DebPackage> alreadyRead, UidMapping mapping) {
        List<DebPackage> debs = new ArrayList<>();
        for (ChangePlan.Unpack unpack : plan.unpacks()) {
            Optional<DebPackage> known = alreadyRead.stream().filter(d -> d.source().equals(unpack.file())).findFirst();
            if (known.isPresent()) {
                debs.add(known.get());
                continue;
            }
            if (!Files.isRegularFile(unpack.file())) {
                throw TrydebException.failure("apt did not download " + unpack.file().getFileName() + " into "
                        + unpack.file().getParent() + "; nothing was changed");
            }
            DebPackage deb = DebArchive.read(unpack.file());
            requireMappingFor(deb, mapping);
            debs.add(deb);
        }
        return debs;
    }

    /** A path as people type one (./x, ../x, /x, ~/x, x.deb); anything else, NAME/RELEASE included, is a package name. */
    private static boolean isFile(String target) {
        return target.startsWith("./") || target.startsWith("../") || target.startsWith("/") || target.startsWith("~/")
                || target.endsWith(".deb");
    }

    /** ~/x, when the shell left it unexpanded (quoted), is in the user's home as the shell would have it. */
    private static Path pathOf(String target) {
        return target.startsWith("~/") ? Path.of(System.getProperty("user.home"), target.substring(2)) : Path.of(target);
    }

    /** NAME, NAME:ARCH, NAME=VERSION or NAME/RELEASE, as apt takes them; refused early if malformed. */
    private static String packageSpec(String target) {
        if (!target.matches("[a-z0-9][a-z0-9+.-]*(:[a-z0-9-]+)?([=/][A-Za-z0-9.+~:_-]+)?")) {
            throw TrydebException.badInput("'" + target + "' is neither a .deb file nor a package name"
                    + " (NAME, NAME=VERSION or NAME/RELEASE); give a path such as ./" + target + ".deb for a file");
        }
        return target;
    }

    private DebPackage readLocalDeb(Path file) {
        DebPackage deb = DebArchive.read(file.toAbsolutePath().normalize());
        // "all" installs anywhere: the host's dpkg (two processes) need not be asked.
        if (!deb.architecture().equals("all")) {
            requireHostArchitecture(deb);
        }
        requireMappingFor(deb, workspace.installMapping());
        return deb;
    }

    private static void requireHostArchitecture(DebPackage deb) {
        HostArchitectures architectures = HostArchitectures.query();
        if (!architectures.accepts(deb.architecture())) {
            throw TrydebException.badInput(deb.source() + ": built for architecture '" + deb.architecture()
                    + "', but this system runs " + architectures.describe() + "; download the "
                    + architectures.nativeArch() + " build of " + deb.packageName().value());
        }
    }

    /** With root alone mapped, dpkg cannot give files to other owners (chown fails with EINVAL). */
    private static void requireMappingFor(DebPackage deb, UidMapping mapping) {
        if (!(mapping instanceof UidMapping.RootOnly)) {
            return;
        }
        deb.entries().stream()
                .filter(e -> e.uid() != 0 || e.gid() != 0)
                .findFirst()
                .ifPresent(e -> {
                    throw TrydebException.hostSetup(deb.source() + ": " + e.path()
                            + " belongs to uid " + e.uid() + ", which needs subordinate ids: ask your administrator"
                            + " to install the 'uidmap' package and give you ranges in /etc/subuid and /etc/subgid");
                });
    }
}
