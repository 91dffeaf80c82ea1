package dev.trydeb.env;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trydeb.core.ExitCode;
import dev.trydeb.core.GuestPath;
import dev.trydeb.core.TrydebException;
import dev.trydeb.deb.DataEntry;
import dev.trydeb.deb.DebArchive;
import dev.trydeb.deb.DebPackage;
import dev.trydeb.deb.DependencyCheck;
import dev.trydeb.deb.HostArchitectures;
import dev.trydeb.deb.InstalledPackages;
import dev.trydeb.deb.Relations;
import dev.trydeb.layer.EnvironmentLayers;
import dev.trydeb.layer.GuestView;
import dev.trydeb.layer.LayerPreparer;
import dev.trydeb.sandbox.LayerStack;
import dev.trydeb.sandbox.MountOp;
import dev.trydeb.sandbox.SandboxLauncher;
import dev.trydeb.sandbox.SandboxPlan;
import dev.trydeb.sandbox.UidMapping;
import dev.trydeb.sandbox.WritableLayer;
import dev.trydeb.store.EnvironmentLayout;
import dev.trydeb.store.EnvironmentLock;
import dev.trydeb.store.EnvironmentRecord;
import dev.trydeb.store.NewPackage;
import dev.trydeb.store.TransactionRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * One install transaction: check the .deb, plan and prepare a new layer, run the real dpkg
 * inside the sandbox, and only on success commit the layer and the records. On any failure
 * the layer is dropped and the environment is exactly as before.
 */
public final class Installer {
    private static final GuestPath DEB_DIRECTORY = GuestPath.of("/run/trydeb");

    private final Workspace workspace;
    private final Progress progress;

    public Installer(Workspace workspace, Progress progress) {
        this.workspace = workspace;
        this.progress = progress;
    }

    public InstallResult install(InstallRequest request) {
        DebPackage deb = DebArchive.read(request.debFile().toAbsolutePath());
        String name = deb.control().packageName().value();
        String version = deb.control().version().toString();
        String arch = deb.control().architecture();
        HostArchitectures architectures = HostArchitectures.query();
        if (!architectures.accepts(arch)) {
            throw TrydebException.badInput(deb.source() + ": built for architecture '" + arch
                    + "', but this system runs " + architectures.describe() + "; download the "
                    + architectures.nativeArch() + " build of " + name);
        }
        UidMapping mapping = workspace.installMapping();
        requireMappingFor(deb, mapping);
        SandboxLauncher launcher = workspace.launcher();

        EnvironmentLayout layout = workspace.usableEnvironment(request.environment());
        try (EnvironmentLock lock = EnvironmentLock.exclusive(layout, request.environment().value())) {
            EnvironmentRecord env = workspace.store().environment(request.environment().value());
            new Recovery(workspace, launcher, mapping).recover(env, layout);
            LayerStack layers = EnvironmentLayers.stack(layout, workspace.store().committedLayerIds(env.id()));
            requireDependencies(deb, layers, request.environment().value());

            TransactionRecord tx = workspace.store().beginTransaction(env.id(), "install", requestJson(deb));
            progress.step("Installing " + name + " " + version + " (" + arch + ") into environment '"
                    + env.name() + "' (transaction " + tx.id() + ")");
            Transaction transaction = new Transaction(workspace, launcher, mapping, layout, tx.id());
            return transaction.run(() -> {
                WritableLayer target = new WritableLayer(layout.upperDir(tx.id()), layout.workDir(tx.id()));
                Set<String> touched = prepare(deb, layers, target);
                Path debFile = deb.source();
                String guestName = safeFileName(debFile.getFileName().toString());
                SandboxPlan plan = workspace.planner().install(layers, target, touched,
                        installOnlyMounts(debFile, guestName),
                        mapping, layout.mountPoint(),
                        List.of("dpkg", "--install", DEB_DIRECTORY.resolve(guestName).value()),
                        dpkgEnvironment());
                int status = launcher.runAndWait(plan);
                if (status != 0) {
                    throw new TrydebException(status == ExitCode.SANDBOX_SETUP.code() ? ExitCode.SANDBOX_SETUP : ExitCode.FAILURE,
                            "dpkg failed to install " + debFile + " (exit status " + status
                                    + "); environment '" + env.name() + "' is unchanged");
                }
                workspace.store().commitTransaction(tx.id(), List.of(newPackage(deb)));
                progress.step("Installed " + name + " " + version + " into environment '" + env.name() + "'");
                return new InstallResult(env.name(), tx.id(), name, version, arch);
            });
        }
    }

    private List<MountOp> installOnlyMounts(Path debFile, String guestName) {
        List<MountOp> mounts = new ArrayList<>();
        mounts.add(new MountOp.Bind(debFile, DEB_DIRECTORY.resolve(guestName), true));
        // man-db's trigger rebuilds /var/cache/man, which host users own and the sandbox cannot
        // write; it skips the rebuild when /var/lib/man-db/auto-update is absent.
        if (Files.isDirectory(workspace.hostRoot().resolve("var/lib/man-db"))) {
            mounts.add(new MountOp.Tmpfs(GuestPath.of("/var/lib/man-db"), 0755));
        }
        return mounts;
    }

    private Set<String> prepare(DebPackage deb, LayerStack layers, WritableLayer target) {
        GuestView view = new GuestView(workspace.hostRoot(), EnvironmentLayers.uppersTopFirst(layers));
        Set<GuestPath> directories = new TreeSet<>();
        for (DataEntry entry : deb.entries()) {
            if (entry.type() == DataEntry.Type.DIRECTORY) {
                directories.add(entry.path());
            }
            directories.add(entry.path().parent());
        }
        directories.remove(GuestPath.ROOT);
        return new LayerPreparer(view, target).prepare(directories, usesDebconf(deb));
    }

    /** Policy: a package using debconf depends on debconf (or debconf-2.0); one asking questions ships templates. */
    private static boolean usesDebconf(DebPackage deb) {
        if (deb.controlMembers().contains("templates") || deb.controlMembers().contains("config")) {
            return true;
        }
        return Stream.of("Depends", "Pre-Depends")
                .flatMap(field -> deb.control().field(field).filter(v -> !v.isBlank()).stream())
                .flatMap(value -> Relations.parse(value).stream())
                .flatMap(List::stream)
                .anyMatch(r -> r.name().value().startsWith("debconf"));
    }

    private void requireDependencies(DebPackage deb, LayerStack layers, String envName) {
        InstalledPackages installed = InstalledPackages.readStatus(
                EnvironmentLayers.dpkgStatus(layers, workspace.hostRoot()));
        List<String> missing = DependencyCheck.unsatisfied(deb.control(), installed);
        if (!missing.isEmpty()) {
            throw TrydebException.badInput(deb.source() + ": depends on packages that neither the host nor environment '"
                    + envName + "' has: " + String.join(", ", missing) + "; install those .deb files first");
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
                    throw new TrydebException(ExitCode.ENVIRONMENT_UNUSABLE, deb.source() + ": " + e.path()
                            + " belongs to uid " + e.uid() + ", which needs subordinate ids: ask your administrator"
                            + " to install the 'uidmap' package and give you ranges in /etc/subuid and /etc/subgid");
                });
    }

    private static NewPackage newPackage(DebPackage deb) {
        List<String> files = new ArrayList<>();
        for (DataEntry entry : deb.entries()) {
            if (!entry.path().isRoot()) {
                files.add(entry.path().value());
            }
        }
        return new NewPackage(deb.control().packageName().value(), deb.control().version().toString(),
                deb.control().architecture(), deb.source().toString(), deb.sha256(), deb.control().text(), files);
    }

    private static String requestJson(DebPackage deb) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("file", deb.source().toString());
        request.put("sha256", deb.sha256());
        try {
            return new ObjectMapper().writeValueAsString(request);
        } catch (java.io.IOException e) { // Debian 12's jackson-databind declares IOException, not only JsonProcessingException
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> dpkgEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
        env.put("HOME", "/root");
        env.put("USER", "root");
        env.put("LOGNAME", "root");
        env.put("DEBIAN_FRONTEND", "noninteractive");
        env.put("DEBCONF_NONINTERACTIVE_SEEN", "true");
        for (String passed : List.of("TERM", "LANG", "LANGUAGE", "LC_ALL", "COLUMNS")) {
            String value = System.getenv(passed);
            if (value != null) {
                env.put(passed, value);
            }
        }
        return env;
    }

    private static String safeFileName(String name) {
        return name.replaceAll("[^A-Za-z0-9._+~-]", "_");
    }
}
