package dev.trydeb.diff;

import dev.trydeb.core.GuestPath;
import dev.trydeb.deb.ShippedFile;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Which package of a transaction owns a guest path, by the packages' file lists, and what
 * its data.tar held there.
 */
final class PackageOwners {
    private final Map<GuestPath, PackageFiles> owners = new HashMap<>();
    private final Map<GuestPath, ShippedFile> shipped = new HashMap<>();

    /**
     * @param resolveDirectory resolves a directory through the host's symlinks: a package's
     *        {@code /lib/udev/rules.d/x} lands in the layer as {@code /usr/lib/udev/rules.d/x}
     *        on a merged-/usr host, because dpkg writes through the host's /lib symlink
     */
    static PackageOwners of(List<PackageFiles> packages, UnaryOperator<GuestPath> resolveDirectory) {
        PackageOwners result = new PackageOwners();
        for (PackageFiles pkg : packages) {
            for (String file : pkg.files()) {
                GuestPath path;
                try {
                    path = GuestPath.of(file);
                } catch (IllegalArgumentException e) {
                    continue; // not a path the diff can report anyway
                }
                result.owners.putIfAbsent(path, pkg);
                if (!path.isRoot()) {
                    result.owners.putIfAbsent(resolveDirectory.apply(path.parent()).resolve(path.fileName()), pkg);
                }
            }
            for (ShippedFile file : pkg.shipped()) {
                result.shipped.putIfAbsent(file.path(), file);
                if (!file.path().isRoot()) {
                    result.shipped.putIfAbsent(
                            resolveDirectory.apply(file.path().parent()).resolve(file.path().fileName()), file);
                }
            }
        }
        return result;
    }

    /** What a package of the transaction unpacked at the path, if one shipped a file or symlink there. */
    Optional<ShippedFile> shippedAt(GuestPath path) {
        return Optional.ofNullable(shipped.get(path));
    }

    Optional<PackageFiles> ownerOf(GuestPath path) {
        return Optional.ofNullable(owners.get(path));
    }
}
