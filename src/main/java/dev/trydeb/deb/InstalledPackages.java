package dev.trydeb.deb;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The packages dpkg considers installed, and whether they satisfy relations.
 *
 * <p>Architectures are only compared for an explicit qualifier such as "foo:i386"; an unqualified
 * relation, ":any" and ":native" accept a package of any architecture.
 */
public final class InstalledPackages {
    /** dpkg statuses in which a package satisfies dependencies (installed, only triggers outstanding). */
    private static final Set<String> SATISFYING_STATES = Set.of("installed", "triggers-pending");
    private static final Set<String> STATUS_FIELDS = Set.of("status", "package", "version", "architecture", "multi-arch", "provides");

    private final List<InstalledPackage> packages;
    private final Map<PackageName, List<InstalledPackage>> byName = new HashMap<>();
    private final Map<PackageName, List<Provider>> providersByName = new HashMap<>();

    private record Provider(InstalledPackage pkg, Relation provided) {
    }

    private InstalledPackages(List<InstalledPackage> packages) {
        this.packages = List.copyOf(packages);
        for (InstalledPackage pkg : this.packages) {
            byName.computeIfAbsent(pkg.name(), n -> new ArrayList<>()).add(pkg);
            for (Relation provided : pkg.provides()) {
                providersByName.computeIfAbsent(provided.name(), n -> new ArrayList<>()).add(new Provider(pkg, provided));
            }
        }
    }

    public static InstalledPackages of(List<InstalledPackage> packages) {
        return new InstalledPackages(packages);
    }

    /**
     * The installed packages of a dpkg status file's text. IllegalArgumentException if the text is
     * malformed or an installed package's stanza is invalid.
     */
    public static InstalledPackages parseStatus(String statusFileText) {
        List<InstalledPackage> installed = new ArrayList<>();
        for (ControlStanza stanza : Deb822.parseAll(statusFileText, STATUS_FIELDS)) {
            if (isInstalled(stanza.field("Status").orElse(""))) {
                installed.add(InstalledPackage.fromStanza(stanza));
            }
        }
        return new InstalledPackages(installed);
    }

    /** Status is "want flag state": the flag must be "ok" and the state installed (or only awaiting triggers). */
    private static boolean isInstalled(String status) {
        String[] words = status.trim().split("\\s+");
        return words.length == 3 && words[1].equals("ok") && SATISFYING_STATES.contains(words[2]);
    }

    /** A copy with this package installed too, replacing one of the same name and architecture. */
    public InstalledPackages plus(ControlStanza extra) {
        InstalledPackage added = InstalledPackage.fromStanza(extra);
        List<InstalledPackage> result = new ArrayList<>();
        for (InstalledPackage pkg : packages) {
            if (!(pkg.name().equals(added.name()) && pkg.architecture().equals(added.architecture()))) {
                result.add(pkg);
            }
        }
        result.add(added);
        return new InstalledPackages(result);
    }

    public List<InstalledPackage> all() {
        return packages;
    }

    /** The installed package of this name (the first listed, if several architectures are installed). */
    public Optional<InstalledPackage> find(PackageName name) {
        return findAll(name).stream().findFirst();
    }

    /** Every installed package of this name, one per architecture. */
    public List<InstalledPackage> findAll(PackageName name) {
        return List.copyOf(byName.getOrDefault(name, List.of()));
    }

    /**
     * Whether an installed package, or an installed package's Provides, satisfies the relation.
     * An unversioned Provides satisfies only unversioned relations; "foo (= 1.2)" satisfies a
     * versioned relation as version 1.2 would.
     */
    public boolean satisfies(Relation relation) {
        for (InstalledPackage pkg : byName.getOrDefault(relation.name(), List.of())) {
            if (architectureMatches(relation, pkg) && relation.satisfiedBy(pkg.version())) {
                return true;
            }
        }
        for (Provider provider : providersByName.getOrDefault(relation.name(), List.of())) {
            if (architectureMatches(relation, provider.pkg()) && providedSatisfies(provider.provided(), relation)) {
                return true;
            }
        }
        return false;
    }

    public boolean satisfiesAny(List<Relation> alternatives) {
        for (Relation alternative : alternatives) {
            if (satisfies(alternative)) {
                return true;
            }
        }
        return false;
    }

    private static boolean providedSatisfies(Relation provided, Relation relation) {
        if (!relation.isVersioned()) {
            return true;
        }
        return provided.isVersioned() && relation.satisfiedBy(provided.version());
    }

    private static boolean architectureMatches(Relation relation, InstalledPackage pkg) {
        String qualifier = relation.archQualifier();
        return qualifier == null || qualifier.equals("any") || qualifier.equals("native")
                || qualifier.equals(pkg.architecture());
    }
}
