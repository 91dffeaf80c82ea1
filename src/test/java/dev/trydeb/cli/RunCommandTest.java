package dev.trydeb.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class RunCommandTest {
    private static RunCommand.Split parse(String... args) {
        CommandLine cli = Main.commandLine();
        CommandLine.ParseResult result = cli.parseArgs(args);
        CommandLine.ParseResult run = result.subcommand();
        RunCommand command = (RunCommand) run.commandSpec().userObject();
        return RunCommand.split(command.words, run.originalArgs());
    }

    @Test
    void split_packageAlone_noArguments() {
        assertEquals(new RunCommand.Split(Optional.of("hello"), List.of()), parse("run", "hello"));
    }

    @Test
    void split_packageThenSeparator_argumentsAfterIt() {
        assertEquals(new RunCommand.Split(Optional.of("hello"), List.of("--greeting=hi", "--")),
                parse("run", "hello", "--", "--greeting=hi", "--"));
    }

    @Test
    void split_packageThenOptionLikeWords_areArguments() {
        assertEquals(new RunCommand.Split(Optional.of("hello"), List.of("-g", "x")), parse("run", "hello", "-g", "x"));
    }

    @Test
    void split_execWithSeparatorFirst_noPackage() {
        assertEquals(new RunCommand.Split(Optional.empty(), List.of("-c", "exit 3")),
                parse("run", "--exec", "sh", "--", "-c", "exit 3"));
    }

    @Test
    void split_execArgumentsContainingSeparator_keptAsArguments() {
        assertEquals(new RunCommand.Split(Optional.empty(), List.of("%s\\n", "a", "--", "-")),
                parse("run", "--exec", "printf", "--", "%s\\n", "a", "--", "-"));
    }

    @Test
    void split_packageThenWordsThenSeparator_separatorIsAnArgument() {
        assertEquals(new RunCommand.Split(Optional.of("hello"), List.of("a", "--", "b")),
                parse("run", "hello", "a", "--", "b"));
    }

    @Test
    void split_argumentStartingWithAt_notReadAsArgumentFile(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws java.io.IOException {
        java.nio.file.Path file = java.nio.file.Files.writeString(dir.resolve("args"), "EXPANDED");
        assertEquals(new RunCommand.Split(Optional.empty(), List.of("@" + file)),
                parse("run", "--exec", "echo", "--", "@" + file));
    }

    @Test
    void split_execWithPackage_packageBeforeSeparator() {
        assertEquals(new RunCommand.Split(Optional.of("coreutils"), List.of("-l")),
                parse("run", "--exec", "ls", "coreutils", "--", "-l"));
    }

    @Test
    void parse_envBeforeOrAfterCommand_bothAccepted() {
        CommandLine cli = Main.commandLine();
        cli.parseArgs("--env", "one", "run", "hello");
        assertEquals("one", ((TrydebCommand) cli.getCommand()).global.environment);
        CommandLine again = Main.commandLine();
        again.parseArgs("run", "--env", "two", "hello");
        assertEquals("two", ((TrydebCommand) again.getCommand()).global.environment);
    }
}
