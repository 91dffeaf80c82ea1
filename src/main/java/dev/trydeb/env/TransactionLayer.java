package dev.trydeb.env;

import dev.trydeb.core.ErrorText;
import dev.trydeb.core.GuestPath;
import dev.trydeb.core.TrydebException;
import dev.trydeb.deb.DataEntry;
import dev.trydeb.deb.DebPackage;
import dev.trydeb.deb.DpkgFileList;
import dev.trydeb.deb.Relations;
import dev.trydeb.layer.EnvironmentLayers;
import dev.trydeb.layer.GuestView;
import dev.trydeb.layer.LayerPreparer;
import dev.trydeb.sandbox.LayerStack;
import dev.trydeb.sandbox.WritableLayer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Prepares a transaction's new layer from its plan: the directories of every package it
 * unpacks, replaces or removes, and copies of the host files it replaces.
 */
final class TransactionLayer {
    private final GuestView view;
    private final LayerPreparer preparer;

    TransactionLayer(Path hostRoot, LayerStack layers, WritableLayer target) {
        this.view = new GuestView(hostRoot, EnvironmentLayers.uppersTopFirst(layers));
        this.preparer = new LayerPreparer(view, target);
    }

    /** Returns the top-level directories the transaction touches. */
    Set<String> prepare(ChangePlan plan, List<DebPackage> debs) {
        Set<GuestPath> directories = new TreeSet<>();
        for (DebPackage deb : debs) {
            for (DataEntry entry : deb.entries()) {
                if (entry.type() == DataEntry.Type.DIRECTORY) {
                    directories.add(entry.path());
                }
                directories.add(entry.path().parent());
            }
        }
        List<GuestPath> replacedHostFiles = new ArrayList<>();
        for (ChangePlan.Unpack unpack : plan.unpacks()) {
            if (unpack.replacedVersion().isPresent()) {
                List<GuestPath> owned = ownedPaths(unpack.name(), unpack.architecture());
                // Every path: the preparer stops at the first component that is not a directory.
                directories.addAll(owned);
                if (unpack.replacesHost()) {
                    replacedHostFiles.addAll(owned);
                }
            }
        }
        for (ChangePlan.Removal removal : plan.removals()) {
            directories.addAll(ownedPaths(removal.name(), removal.architecture()));
        }
        directories.remove(GuestPath.ROOT);
        boolean debconf = plan.viaApt() || debs.stream().anyMatch(TransactionLayer::usesDebconf);
        return preparer.prepare(directories, replacedHostFiles, debconf);
    }

    /** After a successful run: drops the prepared state files and directories the transaction left alone. */
    void dropUntouched(Collection<GuestPath> copiedUp) {
        preparer.dropUnchangedCopyUps(copiedUp);
        preparer.dropUntouched();
    }

    /** The paths dpkg's database lists for an installed package, as the environment sees them. */
    private List<GuestPath> ownedPaths(String name, String architecture) {
        for (String candidate : DpkgFileList.candidateNames(name, architecture)) {
            Optional<GuestView.Found> found = view.lookup(GuestPath.of(DpkgFileList.INFO_DIRECTORY + "/" + candidate));
            if (found.isPresent()) {
                return guestPaths(found.get().hostPath());
            }
        }
        return List.of();
    }

    private static List<GuestPath> guestPaths(Path list) {
        try {
            List<GuestPath> paths = new ArrayList<>();
            for (String line : DpkgFileList.read(list)) {
                try {
                    paths.add(GuestPath.of(line));
                } catch (IllegalArgumentException notNormalized) {
                    // dpkg lists normalized paths; anything else names nothing to prepare
                }
            }
            return paths;
        } catch (IOException e) {
            throw TrydebException.failure("cannot read dpkg's file list " + list + ": " + ErrorText.describe(e), e);
        }
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
}
