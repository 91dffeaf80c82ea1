package dev.trydeb.env;

import dev.trydeb.core.GuestPath;
import dev.trydeb.core.TrydebException;
import dev.trydeb.layer.GuestView;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the program of a package: its only executable in a bin directory, or the one named
 * like the package, else the Exec= line of its .desktop file; with several, {@code --exec NAME}
 * chooses.
 */
final class ProgramResolver {
    private static final Set<String> BIN_DIRECTORIES = Set.of("/usr/bin", "/usr/sbin", "/usr/games", "/bin", "/sbin");
    private static final String APPLICATIONS = "/usr/share/applications";

    private ProgramResolver() {}

    static List<String> resolve(String packageName, List<String> files, Optional<String> exec, GuestView view) {
        List<String> programs = programs(packageName, files, exec, view);
        if (exec.isPresent()) {
            String wanted = exec.get();
            return programs.stream()
                    .filter(p -> p.equals(wanted) || GuestPath.of(p).fileName().equals(wanted))
                    .findFirst()
                    .map(List::of)
                    .orElseThrow(() -> TrydebException.badInput("package '" + packageName + "' has no program '" + wanted
                            + "'" + (programs.isEmpty() ? "" : "; its programs are: " + names(programs))));
        }
        if (programs.size() == 1) {
            return List.of(programs.get(0));
        }
        Optional<String> sameName = programs.stream()
                .filter(p -> GuestPath.of(p).fileName().equals(packageName))
                .findFirst();
        if (sameName.isPresent()) {
            return List.of(sameName.get());
        }
        if (programs.size() > 1) {
            throw TrydebException.badInput("package '" + packageName + "' has several programs: " + names(programs)
                    + "; choose one with 'trydeb run --exec NAME " + packageName + "'");
        }
        return desktopExec(packageName, files, view).orElseThrow(() -> TrydebException.badInput("package '"
                + packageName + "' has no program in /usr/bin, /usr/sbin or /usr/games and no .desktop entry;"
                + " run a command in its environment with 'trydeb run --exec COMMAND'"));
    }

    /**
     * The package's programs: its files in a bin directory, and the names its maintainer
     * scripts linked to one of its files (update-alternatives: figlet's /usr/bin/figlet is
     * figlet-figlet's), the package's own name and {@code exec}, first.
     */
    static List<String> programs(String packageName, List<String> files, Optional<String> exec, GuestView view) {
        List<String> programs = new ArrayList<>();
        for (String file : files) {
            GuestPath path = GuestPath.of(file);
            if (BIN_DIRECTORIES.contains(path.parent().value()) && !BIN_DIRECTORIES.contains(file)) {
                programs.add(file);
            }
        }
        for (String name : exec.map(wanted -> List.of(wanted, packageName)).orElse(List.of(packageName))) {
            linkedProgram(name, files, view).filter(p -> !programs.contains(p)).ifPresent(p -> programs.add(0, p));
        }
        return programs;
    }

    /**
     * How to start the package's program, for the end of an install: {@code run NAME} when that
     * picks one, {@code run --exec PROGRAM NAME} naming the choices when it has several, else
     * nothing.
     */
    static Optional<String> runHint(String packageName, List<String> files, GuestView view) {
        List<String> programs = programs(packageName, files, Optional.empty(), view);
        boolean oneIsPicked = programs.size() == 1
                || programs.stream().anyMatch(p -> GuestPath.of(p).fileName().equals(packageName));
        if (oneIsPicked || (programs.isEmpty() && desktopExec(packageName, files, view).isPresent())) {
            return Optional.of("run " + packageName);
        }
        return programs.isEmpty() ? Optional.empty()
                : Optional.of("run --exec PROGRAM " + packageName + " (PROGRAM: " + names(programs) + ")");
    }

    /** /usr/bin/NAME (or another bin directory's) when it is a link that ends at one of the package's files. */
    private static Optional<String> linkedProgram(String name, List<String> files, GuestView view) {
        if (name.contains("/") || name.startsWith(".")) {
            return Optional.empty();
        }
        for (String dir : List.of("/usr/bin", "/usr/sbin", "/usr/games", "/bin", "/sbin")) {
            GuestPath link = GuestPath.of(dir + "/" + name);
            if (view.lookup(link).isPresent()
                    && view.resolve(link).map(GuestPath::value).filter(target -> !target.equals(link.value()))
                            .filter(files::contains).isPresent()) {
                return Optional.of(link.value());
            }
        }
        return Optional.empty();
    }

    private static Optional<List<String>> desktopExec(String packageName, List<String> files, GuestView view) {
        for (String file : files) {
            if (!file.startsWith(APPLICATIONS + "/") || !file.endsWith(".desktop")) {
                continue;
            }
            Optional<GuestView.Found> found = view.lookup(GuestPath.of(file));
            if (found.isEmpty()) {
                continue;
            }
            try {
                for (String line : Files.readAllLines(found.get().hostPath())) {
                    if (line.startsWith("Exec=")) {
                        return Optional.of(execCommand(line.substring("Exec=".length())));
                    }
                }
            } catch (IOException e) {
                throw TrydebException.failure("cannot read " + file + " of package '" + packageName + "': " + e.getMessage());
            }
        }
        return Optional.empty();
    }

    /** The Exec= value without its field codes (%f, %U, ...), which have no meaning here. */
    static List<String> execCommand(String exec) {
        List<String> words = new ArrayList<>();
        for (String word : exec.trim().split("\\s+")) {
            if (!(word.length() == 2 && word.charAt(0) == '%')) {
                words.add(word.replace("%%", "%"));
            }
        }
        return words;
    }

    private static String names(List<String> programs) {
        return String.join(", ", programs.stream().map(p -> GuestPath.of(p).fileName()).toList());
    }
}
