package dev.trydeb.env;

import dev.trydeb.deb.ControlStanza;
import dev.trydeb.deb.Deb822;
import dev.trydeb.deb.DependencyCheck;
import dev.trydeb.deb.InstalledPackages;
import dev.trydeb.state.MergedState;
import dev.trydeb.state.StatusFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

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

    static List<Broken> of(MergedState state, Set<String> environmentPackages) {
        InstalledPackages installed = InstalledPackages.parseStatus(state.status());
        List<Broken> broken = new ArrayList<>();
        for (Map.Entry<String, String> entry : state.statusStanzas().entrySet()) {
            String name = entry.getKey().split(":", 2)[0];
            if (!environmentPackages.contains(name) || !StatusFile.isInstalled(entry.getValue())) {
                continue;
            }
            try {
                ControlStanza stanza = Deb822.parseOne(entry.getValue());
                List<String> unmet = DependencyCheck.unsatisfied(stanza, installed);
                if (!unmet.isEmpty()) {
                    broken.add(new Broken(name, unmet));
                }
            } catch (IllegalArgumentException malformed) {
                // dpkg wrote it; a stanza it could write and this cannot read is left to apt
            }
        }
        return broken;
    }

    /** One line per broken package, ending with what happens about it. */
    static void warn(List<Broken> broken, String environment, String remedy, Progress progress) {
        for (Broken b : broken) {
            progress.step("Note: environment '" + environment + "' lacks what " + b.packageName() + " needs ("
                    + String.join(", ", b.unmet()) + "; the host removed it); " + remedy);
        }
    }
}
