package dev.trydeb.env;

/** What an install committed. */
public record InstallResult(String environment, long transactionId, String packageName, String version,
                            String architecture) {}
