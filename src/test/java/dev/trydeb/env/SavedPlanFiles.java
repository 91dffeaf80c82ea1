package dev.trydeb.env;

import dev.trydeb.store.EnvironmentLayout;
import java.nio.file.Path;
import java.util.Optional;

/** {@link PlanSaving#fileFor}, for tests outside this package (the launcher's grammar). */
public final class SavedPlanFiles {
    private SavedPlanFiles() {}

    public static Optional<Path> fileFor(RunRequest request, EnvironmentLayout layout) {
        return PlanSaving.fileFor(request, layout);
    }
}
