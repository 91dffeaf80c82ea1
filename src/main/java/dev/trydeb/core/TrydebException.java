package dev.trydeb.core;

/**
 * Every error trydeb expects. The message is one line for the user: what failed, on which
 * file, and what to do. The CLI renders it once, without a stack trace.
 */
public class TrydebException extends RuntimeException {
    private final ExitCode exitCode;

    public TrydebException(ExitCode exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public TrydebException(ExitCode exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public ExitCode exitCode() {
        return exitCode;
    }

    public static TrydebException badInput(String message) {
        return new TrydebException(ExitCode.BAD_INPUT, message);
    }

    /**
     * This host cannot do it as it is set up (user namespaces, subordinate ids, the store's
     * file system): exit 3, and the message points to 'trydeb doctor', which says what to change.
     */
    public static TrydebException hostSetup(String message) {
        return new TrydebException(ExitCode.ENVIRONMENT_UNUSABLE, message + " " + ErrorText.SEE_DOCTOR);
    }

    public static TrydebException failure(String message) {
        return new TrydebException(ExitCode.FAILURE, message);
    }

    public static TrydebException failure(String message, Throwable cause) {
        return new TrydebException(ExitCode.FAILURE, message, cause);
    }
}
