package dev.trydeb.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.AutoComplete;

/** Writes the bash completion script for the whole command line (run at build time). */
public final class CompletionScript {
    private CompletionScript() {}

    public static void main(String[] args) throws IOException {
        Files.writeString(Path.of(args[0]), AutoComplete.bash("trydeb", Main.commandLine()));
    }
}
