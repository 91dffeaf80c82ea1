package dev.trydeb.deb;

import java.util.ArrayList;
import java.util.List;

/**
 * A package dpkg has installed. {@code multiArch} is "no" when the package does not declare
 * Multi-Arch; {@code provides} holds the virtual packages it provides, each unversioned or "= version".
 */
public record InstalledPackage(PackageName name, DebianVersion version, String architecture, String multiArch,
                               List<Relation> provides) {

    public InstalledPackage {
        if (name == null || version == null || architecture == null || multiArch == null) {
            throw new IllegalArgumentException("installed package needs a name, version, architecture and Multi-Arch value");
        }
        provides = List.copyOf(provides);
        for (Relation provided : provides) {
            if (provided.isVersioned() && provided.op() != Relation.Op.EQ) {
                throw new IllegalArgumentException("package " + name + " provides '" + provided
                        + "', but a Provides version must use '='");
            }
        }
    }

    /** Reads Package, Version, Architecture, Multi-Arch and Provides of a control or status stanza. */
    public static InstalledPackage fromStanza(ControlStanza stanza) {
        PackageName name = stanza.packageName();
        try {
            return new InstalledPackage(
                    name,
                    stanza.version(),
                    stanza.architecture(),
                    stanza.field("Multi-Arch").orElse("no"),
                    parseProvides(stanza.field("Provides").orElse("")));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("package " + name + ": " + e.getMessage(), e);
        }
    }

    private static List<Relation> parseProvides(String field) {
        List<Relation> provides = new ArrayList<>();
        for (List<Relation> group : Relations.parse(field)) {
            if (group.size() != 1) {
                throw new IllegalArgumentException("Provides must not contain alternatives: '" + Relations.format(group) + "'");
            }
            provides.add(group.get(0));
        }
        return provides;
    }
}
