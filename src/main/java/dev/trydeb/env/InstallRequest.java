package dev.trydeb.env;

import dev.trydeb.store.EnvironmentName;
import java.util.List;

/**
 * Install packages into an environment in one transaction.
 *
 * @param targets .deb files (a path with a '/' or ending in .deb) and package names, NAME[=VERSION]
 * @param interactiveDebconf let debconf ask its questions on the terminal instead of taking defaults
 * @param aptOptions extra options for apt, such as --no-install-recommends
 * @param network let maintainer scripts reach the network (they have none by default)
 */
public record InstallRequest(EnvironmentName environment, List<String> targets, boolean interactiveDebconf,
        List<String> aptOptions, boolean network) {
    public InstallRequest {
        targets = List.copyOf(targets);
        aptOptions = List.copyOf(aptOptions);
    }
}
