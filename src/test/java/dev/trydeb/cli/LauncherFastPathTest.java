package dev.trydeb.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.trydeb.core.TrydebException;
import dev.trydeb.env.RunRequest;
import dev.trydeb.env.SavedPlanFiles;
import dev.trydeb.store.StoreLayout;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * bin/trydeb's fast path (TRYDEB_PROBE_FAST_PATH=1 prints the saved plan it would use, and
 * how many of its words are the program's) against what Java makes of the same words: the
 * launcher may use a saved plan only for a command line that picocli accepts and whose
 * request {@link dev.trydeb.env.PlanSaving} saves the plan of, in that very file, with
 * the same arguments; wherever Java refuses, it must start Java to say so.
 */
class LauncherFastPathTest {
    private static final String NONE = "none";

    @TempDir
    Path data;

    /** Command lines (words split on spaces) that the fast path takes. */
    @ParameterizedTest
    @ValueSource(strings = {
        "run hello",
        "run hello a b",
        "run hello -- a b",
        "run hello --",
        "run hello -- -- x",
        "run hello --env x",
        "run hello --exec y",
        "run hello.2+x_y",
        "--env x run hello",
        "--env=x run hello",
        "run --env x hello",
        "run --env=x hello",
        "--env x run --env y hello",
        "--env=x run --env=y hello -- a",
        "--env install run hello",
        "run --env run hello",
        "--env a.b_c-d run hello",
        "run --exec xeyes",
        "run --exec xeyes --",
        "run --exec xeyes -- -l /usr",
        "run --exec xeyes -- --",
        "--env x run --exec xeyes -- a",
        "run --env x --exec xeyes",
    })
    void launcher_fastPathCommandLine_usesThePlanJavaSaves(String words) throws Exception {
        String[] args = words.split(" ");
        String java = javaAnswer(args);

        assertNotEquals(NONE, java, "Java saves no plan for: " + words);
        assertEquals(java, launcherAnswer(args), words);
    }

    /** Command lines that Java refuses, or runs without saving the plan: the launcher must start Java. */
    @ParameterizedTest
    @ValueSource(strings = {
        "--env x --env y run hello",
        "--env=x --env y run hello",
        "--env x --env=y run hello",
        "run --env x --env y hello",
        "run --env=x --env=y hello",
        "run --env x --env=y --exec xeyes",
        "--env run run hello",
        "--env=run run hello",
        "--env -- run hello",
        "run --env -- hello",
        "--env Upper run hello",
        "--env aB run hello",
        "--env a+b run hello",
        "--env 01234567890123456789012345678901234567890123456789012345678901234 run hello",
        "run --env",
        "--env x run",
        "run",
        "run --",
        "run -- hello",
        "run --exec",
        "run --exec xeyes --exec xclock",
        "run --exec xeyes hello",
        "run --exec ./installer.sh",
        "run --exec a/b",
        "run --ephemeral hello",
        "run --no-network hello",
        "run -h hello",
        "run --help",
        "--help run hello",
        "-V run hello",
        "run -x hello",
        "run exec/xeyes",
        "run ../hello",
        "list",
        "install hello",
    })
    void launcher_whatJavaRefusesOrDoesNotSave_noFastPath(String words) throws Exception {
        String[] args = words.split(" ");

        assertEquals(NONE, javaAnswer(args), "Java saves a plan for: " + words);
        assertEquals(NONE, launcherAnswer(args), words);
    }

    /**
     * Command lines Java accepts and saves the plan of that the launcher leaves to Java
     * anyway: it knows only the options it needs, so the next run of these is not faster.
     */
    @ParameterizedTest
    @ValueSource(strings = {
        "--stacktrace run hello",
        "run --stacktrace hello",
        "run --exec=xeyes",
        "run --exec xeyes --env x",
    })
    void launcher_optionsItDoesNotKnow_leavesThemToJava(String words) throws Exception {
        String[] args = words.split(" ");

        assertNotEquals(NONE, javaAnswer(args), words);
        assertEquals(NONE, launcherAnswer(args), words);
    }

    /** What Java makes of ARGS, as main() parses them: the plan file and the program's arguments, or none. */
    private String javaAnswer(String[] args) {
        CommandLine cli = Main.commandLine(Main.subcommandNamed(args));
        ParseResult parsed;
        try {
            parsed = cli.parseArgs(args);
        } catch (ParameterException e) {
            return NONE;
        }
        ParseResult run = parsed.subcommand();
        if (parsed.isUsageHelpRequested() || parsed.isVersionHelpRequested() || run == null
                || !run.commandSpec().name().equals("run") || run.isUsageHelpRequested()
                || run.isVersionHelpRequested()) {
            return NONE;
        }
        RunRequest request;
        try {
            request = ((RunCommand) run.commandSpec().userObject()).request();
        } catch (ParameterException | TrydebException e) {
            return NONE;
        }
        Optional<Path> file = SavedPlanFiles.fileFor(request,
                new StoreLayout(data.resolve("trydeb")).environment(request.environment()));
        return file.map(f -> f + " " + request.arguments()).orElse(NONE);
    }

    /** What bin/trydeb makes of ARGS, in the same form. */
    private String launcherAnswer(String[] args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("/bin/sh", Path.of("bin", "trydeb").toAbsolutePath().toString()));
        command.addAll(Arrays.asList(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().put("PATH", "/usr/bin:/bin");
        builder.environment().put("HOME", data.resolve("home").toString());
        builder.environment().put("XDG_DATA_HOME", data.toString());
        builder.environment().put("TRYDEB_PROBE_FAST_PATH", "1");
        Process process = builder.start();
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new AssertionError("bin/trydeb failed: " + out);
        }
        String[] lines = out.split("\n");
        if (lines.length == 1 && lines[0].equals(NONE)) {
            return NONE;
        }
        if (lines.length != 2) {
            throw new AssertionError("bin/trydeb printed neither 'none' nor a file and a count: " + out);
        }
        int count = Integer.parseInt(lines[1]);
        return lines[0] + " " + Arrays.asList(args).subList(args.length - count, args.length);
    }
}
