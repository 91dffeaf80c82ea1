package dev.trydeb.core;

/**
 * The documented exit-status contract of trydeb. {@code trydeb run} and {@code trydeb shell}
 * return the program's own status instead; 125 is reserved for the sandbox helper failing
 * to set the sandbox up (as env(1) and chroot(1) do).
 */
public enum ExitCode {
    OK(0),
    /** The operation ran and failed (dpkg error, failing maintainer script, download failure). */
    FAILURE(1),
    /** Bad input or usage: not a .deb, unknown package or environment, wrong architecture. */
    BAD_INPUT(2),
    /** The machine cannot host a sandbox: user namespaces disabled, store on an unusable filesystem. */
    ENVIRONMENT_UNUSABLE(3),
    /** A bug in trydeb. */
    INTERNAL(4),
    /** The environment is locked by another trydeb process. */
    BUSY(5),
    /** The sandbox helper could not set the sandbox up. */
    SANDBOX_SETUP(125);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
