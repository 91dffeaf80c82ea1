package dev.trydeb.apt;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** What apt would do, read from {@code apt-get --simulate}: packages to unpack and to remove, in apt's order. */
public record AptPlan(List<Install> installs, List<Removal> removals) {
    /**
     * A package apt would unpack.
     *
     * @param replacedVersion the version installed now (an upgrade, downgrade or reinstall), if any
     * @param local whether it comes from a .deb file given on the command line
     */
    public record Install(String name, String architecture, String version, Optional<String> replacedVersion,
            boolean local) {
        public Install {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(architecture, "architecture");
            Objects.requireNonNull(version, "version");
            Objects.requireNonNull(replacedVersion, "replacedVersion");
        }

        /** The file name apt gives the downloaded .deb in its archives directory. */
        public String archiveFileName() {
            return AptPlan.archiveFileName(name, version, architecture);
        }
    }

    /** The name apt gives a package's .deb in its archives directory (an epoch's ':' quoted). */
    public static String archiveFileName(String name, String version, String architecture) {
        return name + "_" + version.replace(":", "%3a") + "_" + architecture + ".deb";
    }

    public record Removal(String name, String architecture, String version) {}

    public AptPlan {
        installs = List.copyOf(installs);
        removals = List.copyOf(removals);
    }

    public boolean isEmpty() {
        return installs.isEmpty() && removals.isEmpty();
    }
}
