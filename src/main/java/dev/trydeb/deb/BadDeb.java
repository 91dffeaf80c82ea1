package dev.trydeb.deb;

import dev.trydeb.core.ErrorText;
import dev.trydeb.core.ExitCode;
import dev.trydeb.core.TrydebException;

import java.nio.file.Path;

/** The BAD_INPUT errors about a .deb file: "FILE: problem; fix", on one line. */
final class BadDeb {
    private BadDeb() {
    }

    static TrydebException error(Path debFile, String problem, String fix) {
        return TrydebException.badInput(debFile + ": " + problem + "; " + fix);
    }

    /** A member that would write outside its place, or where it should not. */
    static TrydebException refused(Path debFile, String problem) {
        return error(debFile, problem, "refusing to install it");
    }

    /** A member whose bytes cannot be decoded. */
    static TrydebException corrupt(Path debFile, String what, Throwable cause) {
        if (ErrorText.isInterruption(cause)) {
            return new TrydebException(ExitCode.FAILURE, debFile + ": reading its " + what + " was interrupted ("
                    + ErrorText.describe(cause) + ")", cause);
        }
        return new TrydebException(ExitCode.BAD_INPUT, debFile + ": truncated or corrupt " + what
                + " (" + ErrorText.describe(cause) + "); download it again", cause);
    }

    /** A name from the archive, quoted and made safe to print. */
    static String quote(String name) {
        return "'" + ErrorText.oneLine(name) + "'";
    }
}
