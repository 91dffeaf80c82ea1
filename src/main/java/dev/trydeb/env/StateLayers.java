package dev.trydeb.env;

import dev.trydeb.core.AtomicFile;
import dev.trydeb.state.MergedState;
import dev.trydeb.store.EnvironmentLayout;
import dev.trydeb.store.EnvironmentRecord;
import dev.trydeb.store.PackageRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Keeps an environment's merged-state layers (state.MergedState) in step with its records,
 * and remembers which one the current records and host files give (with the notes it gives a
 * run), so that starting a program costs the same after a thousand transactions as after one:
 * the state is built again only when a transaction or the host changed it.
 */
final class StateLayers {
    private static final String FORMAT = "trydeb-state 1";

    private StateLayers() {}

    /**
     * After a change was committed, under the exclusive lock: writes the state the next
     * sandbox will use and deletes the others, so a later failed change finds it and leaves
     * the environment's directory exactly as it was.
     */
    static void refresh(Workspace workspace, EnvironmentRecord env, EnvironmentLayout layout) {
        keepOnly(workspace, env, layout, workspace.mergedState(env));
    }

    /** The same, over the host files the change's own state was built from. */
    static void refresh(Workspace workspace, EnvironmentRecord env, EnvironmentLayout layout, MergedState before) {
        keepOnly(workspace, env, layout, workspace.mergedState(env, before));
    }

    /**
     * The state layer a program starts with, under the environment's lock (shared or
     * exclusive), telling NOTES what it tells the user about the state (host drift).
     */
    static Path forRun(Workspace workspace, EnvironmentRecord env, EnvironmentLayout layout, Progress notes) {
        String key = key(MergedState.hostStamp(workspace.hostRoot()), workspace.store().recordsVersion(env.id()));
        Optional<Current> current = Current.read(layout.currentStateFile())
                .filter(c -> c.key().equals(key) && Files.isDirectory(layout.stateDir().resolve(c.directory())));
        if (current.isPresent()) {
            current.get().notes().forEach(notes::step);
            return layout.stateDir().resolve(current.get().directory());
        }
        MergedState state = workspace.mergedState(env);
        Current built = remember(workspace, env, layout, state);
        built.notes().forEach(notes::step);
        return layout.stateDir().resolve(built.directory());
    }

    private static void keepOnly(Workspace workspace, EnvironmentRecord env, EnvironmentLayout layout, MergedState state) {
        Current current = remember(workspace, env, layout, state);
        MergedState.prune(layout.stateDir(), layout.stateDir().resolve(current.directory()));
    }

    /** Writes the state's layer and records it as current for the records as they are now. */
    private static Current remember(Workspace workspace, EnvironmentRecord env, EnvironmentLayout layout, MergedState state) {
        Path dir = state.materialize(layout.stateDir());
        Current current = new Current(key(state.builtOverHost(), workspace.store().recordsVersion(env.id())),
                dir.getFileName().toString(), notes(workspace, env, state));
        current.write(layout.currentStateFile());
        return current;
    }

    /** What a run says about the state: host packages newer than the environment's, broken dependencies. */
    private static List<String> notes(Workspace workspace, EnvironmentRecord env, MergedState state) {
        List<String> notes = new ArrayList<>();
        HostNewerReport.warn(state, env.name(), notes::add);
        Set<String> own = workspace.store().currentPackages(env.id()).stream().map(PackageRecord::name)
                .collect(Collectors.toSet());
        BrokenDependencies.warn(BrokenDependencies.of(state, own), env.name(),
                "the next 'trydeb install' plans bringing it back", notes::add);
        return notes;
    }

    private static String key(String hostStamp, String recordsVersion) {
        return "host " + hostStamp + " records " + recordsVersion;
    }

    /** The state.current file: the format, the key, the state directory's name, then a note per line. */
    private record Current(String key, String directory, List<String> notes) {
        static Optional<Current> read(Path file) {
            try {
                List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                if (lines.size() < 3 || !lines.get(0).equals(FORMAT) || lines.get(2).contains("/")) {
                    return Optional.empty();
                }
                return Optional.of(new Current(lines.get(1), lines.get(2), lines.subList(3, lines.size())));
            } catch (IOException e) {
                return Optional.empty();
            }
        }

        /** Atomically: a run reading it meanwhile sees the old one or this one. A failure only costs a rebuild. */
        void write(Path file) {
            StringBuilder text = new StringBuilder(FORMAT + "\n" + key + "\n" + directory + "\n");
            notes.forEach(note -> text.append(note.replace('\n', ' ')).append('\n'));
            try {
                AtomicFile.write(file, text.toString().getBytes(StandardCharsets.UTF_8), "rw-r--r--");
            } catch (IOException e) {
                // not remembered: the next run builds the state again
            }
        }
    }
}
