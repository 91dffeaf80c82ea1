package dev.trydeb.env;

import dev.trydeb.apt.AptPlan;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one transaction will do to an environment, shown to the user before anything changes.
 *
 * @param verb install or remove
 * @param viaApt whether apt runs the transaction inside the sandbox (else dpkg alone, for
 *               .deb files whose dependencies are all there already)
 * @param aptArguments what apt-get is given after the verb, host paths for .deb files
 * @param downloadBytes bytes to fetch from the mirror (files already cached excluded)
 * @param installedKiB the unpacked packages' Installed-Size, summed
 */
public record ChangePlan(String verb, List<Unpack> unpacks, List<Removal> removals, boolean viaApt,
        List<String> aptArguments, long downloadBytes, long installedKiB) {
    /**
     * A package to unpack.
     *
     * @param file the .deb: the user's own, or where apt downloads it
     * @param replacedVersion the version installed now, if any
     * @param replacesHost whether that installed version is the host's (the environment then overrides it)
     * @param automatic whether apt pulls it in rather than the user asking for it
     * @param download whether it still has to be downloaded
     */
    public record Unpack(String name, String architecture, String version, Path file, Optional<String> replacedVersion,
            boolean replacesHost, boolean automatic, boolean download) {
        public Unpack {
            Objects.requireNonNull(replacedVersion, "replacedVersion");
        }

        /** The name apt looks for in its archives directory. */
        public String archiveFileName() {
            return AptPlan.archiveFileName(name, version, architecture);
        }
    }

    /** A package to remove; {@code host} when it is the host's (the environment then hides it). */
    public record Removal(String name, String architecture, String version, boolean host, boolean requested) {}

    public ChangePlan {
        unpacks = List.copyOf(unpacks);
        removals = List.copyOf(removals);
        aptArguments = List.copyOf(aptArguments);
    }

    public boolean isEmpty() {
        return unpacks.isEmpty() && removals.isEmpty();
    }

    /** As apt asks: when the transaction does more than was asked, or changes what the host has. */
    public boolean needsConfirmation() {
        return unpacks.stream().anyMatch(u -> u.automatic() || u.replacesHost())
                || removals.stream().anyMatch(r -> !r.requested() || r.host());
    }
}
