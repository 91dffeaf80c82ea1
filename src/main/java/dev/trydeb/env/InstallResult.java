package dev.trydeb.env;

import java.util.List;
import java.util.Optional;

/**
 * What a transaction committed; no transaction id when there was nothing to do.
 *
 * @param installed {@code name version arch} of each package unpacked
 */
public record InstallResult(String environment, Optional<Long> transactionId, List<String> installed,
        List<String> removed) {
    public InstallResult {
        installed = List.copyOf(installed);
        removed = List.copyOf(removed);
    }

    /** The names of the packages unpacked. */
    public List<String> packageNames() {
        return installed.stream().map(p -> p.split(" ", 2)[0]).toList();
    }
}
