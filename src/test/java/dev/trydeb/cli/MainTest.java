package dev.trydeb.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class MainTest {
    /** Written out here, not derived from Main.SUBCOMMANDS: the tests below check that list. */
    private static final List<String> EVERY_COMMAND = List.of("install", "remove", "rollback", "compact", "run", "shell", "list", "envs",
            "info", "log", "diff", "reset", "export", "unexport", "doctor");

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    /** As main() does: with only the subcommand the arguments name. */
    private int execute(String... args) {
        CommandLine cli = Main.commandLine(Main.subcommandNamed(args));
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    @Test
    void execute_version_printsNameAndVersion() {
        assertEquals(0, execute("--version"));
        assertTrue(out.toString().startsWith("trydeb "), out.toString());
    }

    @Test
    void execute_unknownCommand_shortUsageErrorWithExit2() {
        assertEquals(2, execute("instal", "x.deb"));
        String text = err.toString();
        assertTrue(text.startsWith("trydeb: "), text);
        assertTrue(text.contains("install"), "suggests the near command: " + text);
        assertTrue(text.contains("Run 'trydeb --help'"), text);
        assertFalse(text.contains("Exit status:"), "not the whole help page: " + text);
    }

    @Test
    void execute_installWithoutTarget_usageErrorNamesParameter() {
        assertEquals(2, execute("install"));
        assertTrue(err.toString().contains("TARGET"), err.toString());
    }

    @Test
    void execute_invalidEnvironmentName_badInput() {
        assertEquals(2, execute("--env", "Bad/Name", "list"));
        assertTrue(err.toString().startsWith("trydeb: invalid environment name"), err.toString());
        assertFalse(err.toString().contains("\tat "), "no stack trace: " + err);
    }

    @Test
    void execute_help_listsEveryCommand() {
        assertEquals(0, execute("--help"));

        // The first word of each line of the "Commands:" section: the description uses these words too.
        String help = out.toString();
        int section = help.indexOf("\nCommands:\n");
        assertTrue(section >= 0, "no Commands section: " + help);
        List<String> listed = help.substring(section + "\nCommands:\n".length()).lines()
                .takeWhile(line -> line.startsWith("  "))
                .map(line -> line.strip().split("\\s+")[0])
                .toList();
        assertEquals(EVERY_COMMAND, listed);
    }

    @Test
    void subcommandNamed_afterGlobalOptions_isTheFirstWord() {
        assertEquals("install", Main.subcommandNamed(new String[] {"--env", "x", "install", "a.deb"}));
        assertEquals("list", Main.subcommandNamed(new String[] {"--env", "install", "list"}));
        assertEquals("run", Main.subcommandNamed(new String[] {"--env=x", "--stacktrace", "run", "hello", "list"}));
    }

    @Test
    void subcommandNamed_noneOrUnknown_isNull() {
        assertEquals(null, Main.subcommandNamed(new String[] {"--help"}));
        assertEquals(null, Main.subcommandNamed(new String[] {"instal", "x.deb"}));
        assertEquals(null, Main.subcommandNamed(new String[] {}));
    }

    @Test
    void commandLine_oneSubcommand_hasOnlyItWithTheGlobalOptions() {
        CommandLine cli = Main.commandLine("install");

        assertEquals(java.util.Set.of("install"), cli.getSubcommands().keySet());
        assertTrue(cli.getSubcommands().get("install").getCommandSpec().findOption("--env") != null);
    }

    @Test
    void commandLine_all_hasEverySubcommand() {
        assertEquals(EVERY_COMMAND, List.copyOf(Main.commandLine().getSubcommands().keySet()));
    }
}
