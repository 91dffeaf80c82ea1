package dev.trydeb.cli;

import dev.trydeb.core.HostUser;
import dev.trydeb.env.RunRequest;
import dev.trydeb.env.Runner;
import dev.trydeb.env.Warnings;
import dev.trydeb.env.Workspace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "shell",
        description = {"Start your shell inside the environment.", "",
            "$SHELL (or, without it, your login shell) starts as 'run' starts programs. TRYDEB_ENV "
                + "is set to the environment's name inside, and debian_chroot to trydeb:NAME, which "
                + "Debian's bash prompt shows: (trydeb:NAME)you@host:~$"},
        mixinStandardHelpOptions = true)
final class ShellCommand implements Callable<Integer> {
    @ParentCommand
    TrydebCommand parent;

    @Mixin
    RunOptionsMixin runOptions;

    @Parameters(paramLabel = "ARGS", description = "Arguments for the shell, after '--'.")
    List<String> arguments = new ArrayList<>();

    @Override
    public Integer call() {
        String shell = Optional.ofNullable(System.getenv("SHELL")).filter(s -> !s.isBlank())
                .orElseGet(() -> loginShell(HostUser.current().name(), Path.of("/etc/passwd")));
        try (Workspace workspace = Workspace.forCurrentUser()) {
            Runner runner = new Runner(workspace, new DiffOnExit(workspace), Warnings.to(System.err));
            return runner.run(new RunRequest(parent.global.environment(),
                    Optional.empty(), Optional.of(shell), arguments, Path.of("").toAbsolutePath(),
                    runOptions.toOptions()));
        }
    }

    /** The user's login shell as passwd names it (the seventh field), else /bin/sh. */
    static String loginShell(String user, Path passwd) {
        try {
            for (String line : Files.readAllLines(passwd)) {
                String[] fields = line.split(":", -1);
                if (fields.length == 7 && fields[0].equals(user) && fields[6].startsWith("/")) {
                    return fields[6];
                }
            }
        } catch (IOException e) {
            // no passwd to read: the POSIX shell
        }
        return "/bin/sh";
    }
}
