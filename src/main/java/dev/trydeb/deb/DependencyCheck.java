package dev.trydeb.deb;

import java.util.ArrayList;
import java.util.List;

/** Which of a package's Pre-Depends and Depends are not met by the installed packages. */
public final class DependencyCheck {
    private static final List<String> CHECKED_FIELDS = List.of("Pre-Depends", "Depends");

    private DependencyCheck() {
    }

    /**
     * The unmet groups, Pre-Depends first then Depends, each rendered as in a control file
     * ("libfoo (>= 1.2) | libbar"). IllegalArgumentException if a field is malformed.
     */
    public static List<String> unsatisfied(ControlStanza pkg, InstalledPackages installed) {
        List<String> unmet = new ArrayList<>();
        for (String field : CHECKED_FIELDS) {
            for (List<Relation> group : Relations.parse(pkg.field(field).orElse(""))) {
                if (!installed.satisfiesAny(group)) {
                    unmet.add(Relations.format(group));
                }
            }
        }
        return unmet;
    }
}
