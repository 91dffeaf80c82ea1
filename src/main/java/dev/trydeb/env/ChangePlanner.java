package dev.trydeb.env;

import dev.trydeb.apt.AptPlan;
import dev.trydeb.apt.HostApt;
import dev.trydeb.core.TrydebException;
import dev.trydeb.deb.DebArchive;
import dev.trydeb.deb.DebPackage;
import dev.trydeb.deb.DependencyCheck;
import dev.trydeb.deb.InstalledPackages;
import dev.trydeb.state.StatusFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Works out a transaction against the environment's view (the host's packages plus its own):
 * .deb files whose dependencies are all there go straight to dpkg; anything else is asked of
 * the host's apt.
 */
final class ChangePlanner {
    private final HostApt apt;
    private final Map<String, String> hostStatus;
    private final Set<String> environmentPackages;
    private final Set<String> installedFiles;

    /**
     * @param hostStatus the host's dpkg status stanzas by {@code name:arch}
     * @param environmentPackages names of the packages the environment itself installed
     * @param installedFiles the SHA-256 of the .deb each of them came from
     */
    ChangePlanner(HostApt apt, Map<String, String> hostStatus, Set<String> environmentPackages, Set<String> installedFiles) {
        this.apt = apt;
        this.hostStatus = hostStatus;
        this.environmentPackages = environmentPackages;
        this.installedFiles = installedFiles;
    }

    ChangePlan install(List<DebPackage> debs, List<String> names, InstalledPackages installed, List<String> aptOptions) {
        // dpkg alone cannot fix what the host's drift broke: then apt plans, whatever was asked.
        if (names.isEmpty() && allSatisfied(debs, installed) && !aptOptions.contains(BrokenDependencies.FIX)) {
            List<ChangePlan.Unpack> unpacks = new ArrayList<>();
            List<DebPackage> toUnpack = new ArrayList<>();
            for (DebPackage deb : debs) {
                String name = deb.packageName().value();
                Optional<String> replaced = installed.find(deb.packageName()).map(p -> p.version().toString());
                if (replaced.equals(Optional.of(deb.version().toString())) && installedFiles.contains(deb.sha256())) {
                    continue; // the very file the environment installed this version from: nothing to do
                }
                toUnpack.add(deb);
                unpacks.add(new ChangePlan.Unpack(name, deb.architecture(), deb.version().toString(), deb.source(),
                        replaced, replaced.isPresent() && isHostPackage(name), false, false));
            }
            return new ChangePlan("install", unpacks, List.of(), false, List.of(), 0, installedKiB(toUnpack));
        }
        List<String> arguments = new ArrayList<>();
        Map<String, Path> localFiles = new HashMap<>();
        for (DebPackage deb : debs) {
            arguments.add(deb.source().toString());
            localFiles.put(deb.packageName().value(), deb.source());
        }
        arguments.addAll(names);
        AptPlan plan = apt.plan("install", arguments, aptOptions);
        Set<String> requested = new HashSet<>(localFiles.keySet());
        names.forEach(n -> requested.add(n.split("[=:/]", 2)[0]));
        List<ChangePlan.Unpack> unpacks = new ArrayList<>();
        List<String> toMeasure = new ArrayList<>();
        long installedKiB = installedKiB(debs);
        for (AptPlan.Install install : plan.installs()) {
            Path file = install.local() && localFiles.containsKey(install.name())
                    ? localFiles.get(install.name())
                    : apt.archives().resolve(install.archiveFileName());
            boolean download = !install.local() && !Files.isRegularFile(file);
            // A file downloaded before says its own size; asking apt costs a pass over its cache.
            OptionalLong cached = install.local() || download ? OptionalLong.empty() : installedKiB(file);
            if (cached.isPresent()) {
                installedKiB += cached.getAsLong();
            } else if (!install.local()) {
                toMeasure.add(install.name() + ":" + install.architecture() + "=" + install.version());
            }
            unpacks.add(new ChangePlan.Unpack(install.name(), install.architecture(), install.version(), file,
                    install.replacedVersion(), install.replacedVersion().isPresent() && isHostPackage(install.name()),
                    !requested.contains(install.name()), download));
        }
        Map<String, HostApt.Sizes> sizes = apt.sizes(toMeasure);
        long downloadBytes = 0;
        for (ChangePlan.Unpack unpack : unpacks) {
            HostApt.Sizes size = sizes.get(unpack.name() + ":" + unpack.architecture() + "=" + unpack.version());
            if (size != null) {
                downloadBytes += unpack.download() ? size.bytes() : 0;
                installedKiB += size.installedKiB();
            }
        }
        return new ChangePlan("install", unpacks, removals(plan, Set.of()), true, arguments, downloadBytes, installedKiB);
    }

    ChangePlan remove(List<String> names, boolean purge, List<String> aptOptions) {
        AptPlan plan = apt.plan(purge ? "purge" : "remove", names, aptOptions);
        return new ChangePlan(purge ? "purge" : "remove", List.of(), removals(plan, Set.copyOf(names)), true, names, 0, 0);
    }

    private List<ChangePlan.Removal> removals(AptPlan plan, Set<String> requested) {
        List<ChangePlan.Removal> removals = new ArrayList<>();
        for (AptPlan.Removal removal : plan.removals()) {
            removals.add(new ChangePlan.Removal(removal.name(), removal.architecture(), removal.version(),
                    isHostPackage(removal.name()), requested.contains(removal.name())));
        }
        return removals;
    }

    /** The Installed-Size of a .deb in the download cache, if it can be read. */
    private static OptionalLong installedKiB(Path deb) {
        try {
            return OptionalLong.of(Long.parseLong(DebArchive.readControl(deb).field("Installed-Size").orElse("0").strip()));
        } catch (TrydebException | NumberFormatException e) {
            return OptionalLong.empty(); // apt tells it
        }
    }

    private static long installedKiB(List<DebPackage> debs) {
        long total = 0;
        for (DebPackage deb : debs) {
            try {
                total += Long.parseLong(deb.control().field("Installed-Size").orElse("0").strip());
            } catch (NumberFormatException e) {
                // an optional field; a malformed one counts as unknown
            }
        }
        return total;
    }

    private boolean isHostPackage(String name) {
        if (environmentPackages.contains(name)) {
            return false;
        }
        return hostStatus.entrySet().stream()
                .anyMatch(e -> e.getKey().startsWith(name + ":") && StatusFile.isInstalled(e.getValue()));
    }

    private static boolean allSatisfied(List<DebPackage> debs, InstalledPackages installed) {
        InstalledPackages withBatch = installed;
        for (DebPackage deb : debs) {
            withBatch = withBatch.plus(deb.control());
        }
        for (DebPackage deb : debs) {
            if (!DependencyCheck.unsatisfied(deb.control(), withBatch).isEmpty()) {
                return false;
            }
        }
        return true;
    }
}
