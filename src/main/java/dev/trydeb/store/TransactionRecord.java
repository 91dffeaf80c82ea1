package dev.trydeb.store;

import java.time.Instant;

/**
 * A row of the transactions table: one attempt to change an environment. A committed
 * transaction is one overlay layer of the environment.
 *
 * @param kind what was attempted: install, remove, ...
 * @param request JSON of what was asked
 * @param finishedAt null while pending
 * @param outcome one of {@link #PENDING}, {@link #COMMITTED}, {@link #FAILED}, {@link #ABORTED}
 * @param error why it failed or was aborted; may be null
 */
public record TransactionRecord(long id, long environmentId, String kind, String request, Instant startedAt,
        Instant finishedAt, String outcome, String error) {
    public static final String PENDING = "pending";
    public static final String COMMITTED = "committed";
    public static final String FAILED = "failed";
    public static final String ABORTED = "aborted";
}
