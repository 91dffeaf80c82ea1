package dev.trydeb.env;

import dev.trydeb.deb.ControlStanza;
import dev.trydeb.deb.Deb822;
import dev.trydeb.deb.DependencyCheck;
import dev.trydeb.deb.InstalledPackages;
import dev.trydeb.deb.Relations;
import dev.trydeb.state.MergedState;
import dev.trydeb.state.StatusFile;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The environment's packages whose Depends or Pre-Depends the environment no longer meets:
 * the host removed something they need (host drift). apt then refuses every plan ("Unmet
 * dependencies. Try 'apt --fix-broken install'"), which the user cannot run; the next
 * install plans the fix instead.
 */
final class BrokenDependencies {
    /** apt's option that plans the fix along with what was asked. */
    static final String FIX = "--fix-broken";

    record Broken(String packageName, List<String> unmet) {}

    private BrokenDependencies() {}

    /**
     * Every start of a program asks, so the common answer is cheap: the packages the
     * environment's packages name are looked at first, and the whole status (virtual packages'
     * providers included) only when that leaves something unmet.
     */
    static List<Broken> of(MergedState state, Set<String> environmentPackages) {
        Map<String, ControlStanza> own = new LinkedHashMap<>();
        Set<String> named = new HashSet<>();
        for (Map.Entry<String, String> entry : state.statusStanzas().entrySet()) {
            String name = entry.getKey().split(":", 2)[0];
            if (environmentPackages.contains(name) && StatusFile.isInstalled(entry.getValue())) {
                try {
                    ControlStanza stanza = Deb822.parseOne(entry.getValue());
                    own.put(name, stanza);
                    named.addAll(relationNames(stanza));
                } catch (IllegalArgumentException malformed) {
                    // dpkg wrote it; a stanza it could write and this cannot read is left to apt
                }
            }
        }
        String namedStatus = state.statusStanzas().entrySet().stream()
                .filter(e -> named.contains(e.getKey().split(":", 2)[0]))
                .map(Map.Entry::getValue)
                .collect(Collectors.joining("\n\n"));
        List<Broken> broken = unmet(own, InstalledPackages.parseStatus(namedStatus));
        return broken.isEmpty() ? broken : unmet(own, InstalledPackages.parseStatus(state.status()));
    }

    private static List<Broken> unmet(Map<String, ControlStanza> packages, InstalledPackages installed) {
        List<Broken> broken = new ArrayList<>();
        packages.forEach((name, stanza) -> {
            List<String> unmet = DependencyCheck.unsatisfied(stanza, installed);
            if (!unmet.isEmpty()) {
                broken.add(new Broken(name, unmet));
            }
        });
        return broken;
    }

    private static Set<String> relationNames(ControlStanza stanza) {
        Set<String> names = new HashSet<>();
        for (String field : List.of("Pre-Depends", "Depends")) {
            Relations.parse(stanza.field(field).orElse("")).forEach(group ->
                    group.forEach(relation -> names.add(relation.name().value())));
        }
        return names;
    }

    /** One line per broken package, ending with what happens about it. */
    static void warn(List<Broken> broken, String environment, String remedy, Progress progress) {
        for (Broken b : broken) {
            progress.step("Note: environment '" + environment + "' lacks what " + b.packageName() + " needs ("
                    + String.join(", ", b.unmet()) + "; the host removed it); " + remedy);
        }
    }
}
