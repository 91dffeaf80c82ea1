package dev.trydeb.env;

import dev.trydeb.store.EnvironmentName;
import java.util.List;

/** Remove packages from an environment (their configuration files too with {@code purge}) in one transaction. */
public record RemoveRequest(EnvironmentName environment, List<String> names, boolean purge) {
    public RemoveRequest {
        names = List.copyOf(names);
    }
}
