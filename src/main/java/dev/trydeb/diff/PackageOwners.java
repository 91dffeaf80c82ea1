package dev.trydeb.diff;

import dev.trydeb.core.GuestPath;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** Which package of a transaction owns a guest path, by the packages' file lists. */
final class PackageOwners {
    private final Map<GuestPath, PackageFiles> owners = new HashMap<>();

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
        }
        return result;
    }

    Optional<PackageFiles> ownerOf(GuestPath path) {
        return Optional.ofNullable(owners.get(path));
    }
}
