package dev.trydeb.env;

import dev.trydeb.core.AtomicFile;
import dev.trydeb.state.MergedState;
import dev.trydeb.store.EnvironmentLayout;
import dev.trydeb.store.EnvironmentRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Keeps an environment's merged-state layers (state.MergedState) in step with its records,
 * and remembers which one the current records and host files give (with the notes it gives a
 * run), so that starting a program costs the same after a thousand transactions as after one:
 * the state is built again only when a transaction or the host changed it.
 */
final class StateLayers {
    private static final String FORMAT = "trydeb-state 2";

    private StateLayers() {}

    /**
     * After a change was committed, under the exclusive lock: writes the state the next
     * sandbox will use and deletes the others, so a later failed change finds it and leaves
     * the environment's directory exactly as it was.
     */
    static void refresh(Workspace workspace, EnvironmentRecord env, EnvironmentLayout layout) {
        keepOnly(workspace, env, layout, workspace.mergedState(env), true);
    }

    /**
     * The same after a change, over the host files the change's own state was built from.
     * Unless something was broken before it, the change left nothing broken: dpkg configures
     * a package only with what it depends on there, and apt removes what depends on what it
     * removes; so the dependencies of every package need no second look.
     */
    static void refresh(Workspace workspace, EnvironmentRecord env, EnvironmentLayout layout, MergedState before,
                        boolean brokenBefore) {
        keepOnly(workspace, env, layout, workspace.mergedState(env, before), brokenBefore);
    }

    /**
     * Whether STATE, just built, is the current state remembered with nothing broken: the
     * check of every package's dependencies then need not be made again.
     */
    static boolean knownWhole(Workspace workspace, EnvironmentRecord env, EnvironmentLayout layout, MergedState state) {
        String key = key(state.builtOverHost(), workspace.store().recordsVersion(env.id()));
        return Current.read(layout.currentStateFile()).filter(c -> c.key().equals(key) && !c.broken()).isPresent();
    }

    /**
     * The state layer a program starts with, under the environment's lock (shared or
     * exclusive), telling NOTES what it tells the user about the state (host drift).
     */
    static Path forRun(Workspace workspace, EnvironmentRecord env, EnvironmentLayout layout, Progress notes) {
        String key = key(MergedState.hostStamp(workspace.hostRoot()), workspace.store().recordsVersion(env.id()));
        Current current = Current.read(layout.currentStateFile())
                .filter(c -> c.key().equals(key) && Files.isDirectory(layout.stateDir().resolve(c.directory())))
                .orElseGet(() -> remember(workspace, env, layout, workspace.mergedState(env), true));
        current.notes().forEach(notes::step);
        return layout.stateDir().resolve(current.directory());
    }

    private static void keepOnly(Workspace workspace, EnvironmentRecord env, EnvironmentLayout layout, MergedState state,
                                 boolean checkDependencies) {
        Current current = remember(workspace, env, layout, state, checkDependencies);
        MergedState.prune(layout.stateDir(), layout.stateDir().resolve(current.directory()));
    }

    /**
     * Writes the state's layer and records it as current for the records as they are now, with
     * what a run says about it: host packages newer than the environment's, and (when
     * CHECK_DEPENDENCIES) the environment's packages whose dependencies the host removed.
     */
    private static Current remember(Workspace workspace, EnvironmentRecord env, EnvironmentLayout layout, MergedState state,
                                    boolean checkDependencies) {
        Path dir = state.materialize(layout.stateDir());
        List<String> notes = new ArrayList<>();
        HostNewerReport.warn(state, env.name(), notes::add);
        List<BrokenDependencies.Broken> broken = checkDependencies
                ? BrokenDependencies.of(state, workspace.store().currentPackageHashes(env.id()).keySet()) : List.of();
        BrokenDependencies.warn(broken, env.name(), "the next 'trydeb install' plans bringing it back", notes::add);
        Current current = new Current(key(state.builtOverHost(), workspace.store().recordsVersion(env.id())),
                dir.getFileName().toString(), !broken.isEmpty(), notes);
        current.write(layout.currentStateFile());
        return current;
    }

    private static String key(String hostStamp, String recordsVersion) {
        return "host " + hostStamp + " records " + recordsVersion;
    }

    /**
     * The state.current file: the format, the key, the state directory's name, whether
     * dependencies are broken ("broken" or "whole"), then a note per line.
     */
    private record Current(String key, String directory, boolean broken, List<String> notes) {
        static Optional<Current> read(Path file) {
            try {
                List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                if (lines.size() < 4 || !lines.get(0).equals(FORMAT) || lines.get(2).contains("/")
                        || !List.of("broken", "whole").contains(lines.get(3))) {
                    return Optional.empty();
                }
                return Optional.of(new Current(lines.get(1), lines.get(2), lines.get(3).equals("broken"),
                        lines.subList(4, lines.size())));
            } catch (IOException e) {
                return Optional.empty();
            }
        }

        /** Atomically: a run reading it meanwhile sees the old one or this one. A failure only costs a rebuild. */
        void write(Path file) {
            StringBuilder text = new StringBuilder(FORMAT + "\n" + key + "\n" + directory + "\n"
                    + (broken ? "broken" : "whole") + "\n");
            notes.forEach(note -> text.append(note.replace('\n', ' ')).append('\n'));
            try {
                AtomicFile.write(file, text.toString().getBytes(StandardCharsets.UTF_8), "rw-r--r--");
            } catch (IOException e) {
                // not remembered: the next run builds the state again
            }
        }
    }
}
