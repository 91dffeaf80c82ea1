package dev.trydeb.diff;

import dev.trydeb.core.GuestPath;
import dev.trydeb.deb.ShippedFile;
import dev.trydeb.layer.GuestView;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Names who made a change found in a layer: in an install layer, the package whose file list
 * has the path (unless its scripts changed what the package unpacked there), else that
 * transaction's maintainer scripts; in the runtime and home layers, the programs run there.
 */
final class Attributor {
    private final List<LayerSource> layers;
    private final UnaryOperator<GuestPath> hostDirectories;
    /** By identity: the records' own equality would hash every file list each time. */
    private final Map<LayerOrigin.Install, PackageOwners> owners = new IdentityHashMap<>();

    Attributor(Path hostRoot, List<LayerSource> layers) {
        this.layers = layers;
        // Only the host's symlinks: a layer's symlinks are the installer's and not to be trusted.
        GuestView host = new GuestView(hostRoot, List.of());
        Map<GuestPath, GuestPath> resolved = new HashMap<>();
        this.hostDirectories = dir -> resolved.computeIfAbsent(dir, d -> host.resolve(d).orElse(d));
    }

    /**
     * @param afterUnpack the layer changed what its own package unpacked at the path: its
     *        maintainer scripts did, whoever owns the path
     */
    Attribution attribute(GuestPath path, int level, boolean afterUnpack) {
        LayerOrigin origin = layers.get(level).origin();
        if (origin instanceof LayerOrigin.Install install) {
            // In a compacted layer, what the merged transactions' scripts did goes to the newest of them.
            Attribution scripts = Attribution.ofMaintainerScripts(install.packages(), install.transactionId());
            if (afterUnpack) {
                return scripts;
            }
            for (LayerOrigin.Install part : install.newestFirst()) {
                Optional<PackageFiles> owner = owners(part).ownerOf(path);
                if (owner.isPresent()) {
                    return Attribution.ofPackage(owner.get().name(), owner.get().version(), part.transactionId());
                }
            }
            return scripts;
        }
        return Attribution.ofRuntime();
    }

    /** What a package of the install layer at {@code level} unpacked at the path. */
    Optional<ShippedFile> shippedAt(GuestPath path, int level) {
        if (!(layers.get(level).origin() instanceof LayerOrigin.Install install)) {
            return Optional.empty();
        }
        for (LayerOrigin.Install part : install.newestFirst()) {
            Optional<ShippedFile> shipped = owners(part).shippedAt(path);
            if (shipped.isPresent()) {
                return shipped;
            }
        }
        return Optional.empty();
    }

    private PackageOwners owners(LayerOrigin.Install part) {
        return owners.computeIfAbsent(part, p -> PackageOwners.of(p.packages(), hostDirectories));
    }
}
