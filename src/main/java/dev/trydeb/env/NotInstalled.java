package dev.trydeb.env;

import dev.trydeb.core.TrydebException;

/** The one wording of "that package is not there", for every command that names a package. */
public final class NotInstalled {
    private NotInstalled() {
    }

    /** A package the environment itself does not have (info, export). */
    public static TrydebException inEnvironment(String packageName, String environment) {
        return TrydebException.badInput("package '" + packageName + "' is not installed in environment '" + environment
                + "'; 'trydeb list' shows what is");
    }

    /** A package neither the environment nor the host has (run, remove); REMEDY says what to do instead. */
    static TrydebException inEnvironmentNorOnHost(String packageName, String environment, String remedy) {
        return TrydebException.badInput("package '" + packageName + "' is not installed in environment '" + environment
                + "' nor on the host; " + remedy);
    }
}
