package dev.trydeb.env;

import dev.trydeb.desktop.ExportedFiles;
import dev.trydeb.desktop.MenuExport;
import dev.trydeb.layer.EnvironmentLayers;
import dev.trydeb.layer.GuestView;
import dev.trydeb.store.EnvironmentLayout;
import dev.trydeb.store.EnvironmentName;
import dev.trydeb.store.EnvironmentRecord;
import dev.trydeb.store.PackageRecord;
import dev.trydeb.store.XdgDirectories;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Puts the applications of an environment's packages into the user's menu and takes them out again. */
public final class MenuEntries {
    private final Workspace workspace;
    private final MenuExport export;

    public MenuEntries(Workspace workspace, Path dataHome, List<String> launcher) {
        this.workspace = workspace;
        this.export = new MenuExport(dataHome, launcher);
    }

    /** Entries in $XDG_DATA_HOME whose Exec runs the launcher script that started this JVM. */
    public static MenuEntries forCurrentUser(Workspace workspace) {
        return new MenuEntries(workspace, XdgDirectories.fromEnvironment().dataHome(), List.of(launcher()));
    }

    /** The absolute path of bin/trydeb (-Dtrydeb.launcher), else "trydeb" from PATH. */
    static String launcher() {
        String configured = System.getProperty("trydeb.launcher");
        return configured != null && configured.startsWith("/") ? configured : "trydeb";
    }

    /** Exports the menu entries of an installed package, replacing its earlier ones. */
    public MenuExport.Result export(EnvironmentName name, String packageName) {
        EnvironmentRecord env = workspace.existingEnvironment(name).orElseThrow(() ->
                NotInstalled.inEnvironment(packageName, name.value()));
        PackageRecord pkg = workspace.store().findCurrentPackage(env.id(), packageName).orElseThrow(() ->
                NotInstalled.inEnvironment(packageName, name.value()));
        EnvironmentLayout layout = workspace.environment(name);
        GuestView view = new GuestView(workspace.hostRoot(), EnvironmentLayers.uppersTopFirst(
                EnvironmentLayers.stack(layout, workspace.store().committedLayerIds(env.id()))));
        return export.export(name.value(), packageName, workspace.store().packageFiles(pkg.id()), view,
                new ExportedFiles(layout.menuExports()));
    }

    /** Removes what the package exported; returns the files removed. */
    public List<Path> unexport(EnvironmentName name, String packageName) {
        workspace.existingEnvironment(name);
        return new ExportedFiles(workspace.environment(name).menuExports()).remove(packageName);
    }

    /** Removes the menu entries of packages the environment no longer has (after remove or rollback). */
    public List<Path> unexportGone(EnvironmentName name) {
        ExportedFiles exported = new ExportedFiles(workspace.environment(name).menuExports());
        Set<String> current = workspace.store().findEnvironment(name.value())
                .map(env -> workspace.store().currentPackages(env.id()).stream()
                        .map(PackageRecord::name).collect(Collectors.toSet()))
                .orElse(Set.of());
        List<Path> removed = new ArrayList<>();
        for (String packageName : exported.read().keySet()) {
            if (!current.contains(packageName)) {
                removed.addAll(exported.remove(packageName));
            }
        }
        return removed;
    }

    /** Exports the entries of current packages that have none recorded (after a rollback brought them back). */
    public void exportMissing(EnvironmentName name) {
        ExportedFiles exported = new ExportedFiles(workspace.environment(name).menuExports());
        Set<String> done = exported.read().keySet();
        workspace.store().findEnvironment(name.value()).ifPresent(env -> workspace.store().currentPackages(env.id())
                .stream().map(PackageRecord::name).filter(pkg -> !done.contains(pkg))
                .forEach(pkg -> export(name, pkg)));
    }
}
