package dev.trydeb.env;

import dev.trydeb.sandbox.SandboxPlan;
import dev.trydeb.sandbox.SavedRun;
import dev.trydeb.store.EnvironmentLayout;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Whether and where a run's plan is saved for the launcher's fast path ({@link SavedRun}),
 * which takes only {@code trydeb [--env NAME] run PKG [[--] ARGS...]} and, as menu entries
 * start programs, {@code ... run --exec NAME [-- ARGS...]} with a plain program name (see
 * bin/trydeb). A run that warns is not saved: started from a saved plan, it would not warn.
 */
final class PlanSaving {
    private static final Pattern PLAIN_PROGRAM_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+-]*");

    /** The file the plan goes to, and what it is computed from. */
    private record Target(Path file, SavedRun.Inputs inputs) {}

    private final Optional<Target> target;
    private boolean refused;

    private PlanSaving(Optional<Target> target) {
        this.target = target;
    }

    /** Reads what the plan depends on now, before it is computed: a later change makes it stale, not wrong. */
    static PlanSaving forRequest(RunRequest request, EnvironmentLayout layout, Map<String, String> environment,
                                 Path helper) {
        Optional<Path> file = fileFor(request, layout);
        String launcherScript = System.getProperty("trydeb.launcher");
        if (file.isEmpty() || launcherScript == null) {
            return new PlanSaving(Optional.empty());
        }
        try {
            Path jar = Path.of(PlanSaving.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return new PlanSaving(Optional.of(new Target(file.get(),
                    SavedRun.Inputs.capture(environment, Path.of(launcherScript), jar, helper))));
        } catch (URISyntaxException | SecurityException e) {
            return new PlanSaving(Optional.empty());
        }
    }

    static Optional<Path> fileFor(RunRequest request, EnvironmentLayout layout) {
        if (!request.options().areDefaults()) {
            return Optional.empty();
        }
        if (request.packageName().isPresent() && request.exec().isEmpty()) {
            // A name the launcher takes: one file right in the run cache, never exec/NAME's nor outside it.
            return request.packageName().filter(name -> PLAIN_PROGRAM_NAME.matcher(name).matches())
                    .map(name -> layout.runCacheDir().resolve(name));
        }
        return request.exec()
                .filter(name -> request.packageName().isEmpty() && PLAIN_PROGRAM_NAME.matcher(name).matches())
                .map(name -> layout.runCacheDir().resolve("exec").resolve(name));
    }

    /** WARNINGS, noting that this run warned. */
    Warnings watchingWarnings(Warnings warnings) {
        return message -> {
            refused = true;
            warnings.warn(message);
        };
    }

    /** NOTES, noting that this run printed one. */
    Progress watchingNotes(Progress notes) {
        return message -> {
            refused = true;
            notes.step(message);
        };
    }

    /** For what changes between runs without a stamp to show it (a copy of the program running on the host). */
    void refuse() {
        refused = true;
    }

    /** Under the environment's shared lock, so that no change of the environment comes between. */
    void save(Path home, String environmentName, SandboxPlan plan) {
        if (target.isPresent() && !refused) {
            SavedRun.save(target.get().file(), target.get().inputs(), home, Runner.markers(environmentName), plan);
        }
    }
}
