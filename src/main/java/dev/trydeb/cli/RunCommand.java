package dev.trydeb.cli;

import dev.trydeb.env.RunRequest;
import dev.trydeb.env.Runner;
import dev.trydeb.env.Warnings;
import dev.trydeb.env.Workspace;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "run",
        description = {"Run a package's program inside the environment, as you.", "",
            "The program runs with your home directory, current directory (when inside home) and "
                + "desktop session (display, sound, session bus), in new user, mount, PID and UTS namespaces. "
                + "The IPC namespace is the host's unless --isolate-ipc: X11's shared memory (MIT-SHM) needs it. "
                + "A second run of an environment whose programs are running joins their sandbox. The exit "
                + "status is the program's.",
            "",
            "  trydeb run hello                     the package's only program",
            "  trydeb run hello -- --greeting=hi    with arguments",
            "  trydeb run --exec NAME PKG           one of several programs of PKG",
            "  trydeb run --exec ls -- -l /usr      any command inside the environment",
            "  trydeb run --ephemeral --diff-on-exit --exec ./installer.sh",
            "                                       see what a program would change, keep nothing"},
        mixinStandardHelpOptions = true)
final class RunCommand implements Callable<Integer> {
    @ParentCommand
    TrydebCommand parent;

    @Spec
    CommandSpec spec;

    @Mixin
    RunOptionsMixin runOptions;

    @Option(names = "--exec", paramLabel = "COMMAND",
            description = "The program to run: one of the package's, or any command when no package is named.")
    String exec;

    @Parameters(paramLabel = "PKG [-- ARGS...]", description = "The package, then '--' and the program's arguments.")
    List<String> words = new ArrayList<>();

    @Override
    public Integer call() {
        RunRequest request = request();
        try (Workspace workspace = Workspace.forCurrentUser()) {
            Runner runner = new Runner(workspace, new DiffOnExit(workspace), Warnings.to(System.err));
            return runner.run(request);
        }
    }

    /** The request the parsed options make, or the usage error they are. */
    RunRequest request() {
        Split split = split(words, spec.commandLine().getParseResult().originalArgs());
        if (split.packageName().isEmpty() && exec == null) {
            throw new ParameterException(spec.commandLine(), "name a package to run, or a command with --exec");
        }
        return new RunRequest(parent.global.environment(), split.packageName(), Optional.ofNullable(exec),
                split.arguments(), Path.of("").toAbsolutePath(), runOptions.toOptions());
    }

    record Split(Optional<String> packageName, List<String> arguments) {}

    /**
     * Separates the package from the program's arguments. picocli consumes a "--" that comes
     * before any positional; after the package it stops parsing, so a "--" there stays among
     * the words (and the arguments may contain further "--" of their own).
     */
    static Split split(List<String> words, List<String> originalArgs) {
        int separator = originalArgs.indexOf("--");
        if (separator >= 0 && words.size() == originalArgs.size() - separator - 1) {
            return new Split(Optional.empty(), List.copyOf(words));
        }
        if (words.isEmpty()) {
            return new Split(Optional.empty(), List.of());
        }
        List<String> rest = words.subList(1, words.size());
        if (!rest.isEmpty() && rest.get(0).equals("--")) {
            rest = rest.subList(1, rest.size());
        }
        return new Split(Optional.of(words.get(0)), List.copyOf(rest));
    }
}
