package dev.trydeb.store;

import dev.trydeb.core.ExitCode;
import dev.trydeb.core.TrydebException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteErrorCode;

/**
 * One SQLite connection with the settings trydeb relies on, small JDBC helpers, and SQL errors
 * turned into {@link TrydebException}s that name the database file. Not thread-safe.
 */
final class Database implements AutoCloseable {
    static final int BUSY_TIMEOUT_MILLIS = 5000;

    @FunctionalInterface
    interface RowMapper<T> {
        T map(ResultSet row) throws SQLException;
    }

    private final Path file;
    private final Connection connection;

    private Database(Path file, Connection connection) {
        this.file = file;
        this.connection = connection;
    }

    static Database open(Path file) {
        SQLiteConfig config = new SQLiteConfig();
        config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
        config.enforceForeignKeys(true);
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        try {
            return new Database(file, config.createConnection("jdbc:sqlite:" + file));
        } catch (SQLException e) {
            throw translate(file, e);
        }
    }

    Path file() {
        return file;
    }

    /** Runs SQL text that may hold several statements. */
    void execute(String sql) {
        try (Statement statement = connection.createStatement()) {
            statement.executeUpdate(sql);
        } catch (SQLException e) {
            throw translate(file, e);
        }
    }

    /** Runs one statement; returns the number of rows changed. */
    int update(String sql, Object... parameters) {
        try (PreparedStatement statement = prepare(sql, parameters)) {
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw translate(file, e);
        }
    }

    /** Runs one statement once per parameter row. */
    void updateBatch(String sql, List<Object[]> parameterRows) {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (Object[] parameters : parameterRows) {
                bind(statement, parameters);
                statement.addBatch();
            }
            statement.executeBatch();
        } catch (SQLException e) {
            throw translate(file, e);
        }
    }

    <T> List<T> query(String sql, RowMapper<T> mapper, Object... parameters) {
        try (PreparedStatement statement = prepare(sql, parameters);
                ResultSet rows = statement.executeQuery()) {
            List<T> results = new ArrayList<>();
            while (rows.next()) {
                results.add(mapper.map(rows));
            }
            return results;
        } catch (SQLException e) {
            throw translate(file, e);
        }
    }

    <T> Optional<T> queryOne(String sql, RowMapper<T> mapper, Object... parameters) {
        List<T> results = query(sql, mapper, parameters);
        if (results.size() > 1) {
            throw new IllegalStateException("expected at most one row from: " + sql);
        }
        return results.stream().findFirst();
    }

    long queryLong(String sql, Object... parameters) {
        return queryOne(sql, row -> row.getLong(1), parameters)
                .orElseThrow(() -> new IllegalStateException("no row from: " + sql));
    }

    int userVersion() {
        return (int) queryLong("PRAGMA user_version");
    }

    /**
     * Runs the work in one write transaction, rolled back if it throws.
     *
     * <p>BEGIN IMMEDIATE takes the write lock up front, waiting up to the busy timeout. A deferred
     * transaction that reads first and writes later could instead fail at once with SQLITE_BUSY,
     * which the busy timeout does not cover in WAL mode. The statements are issued explicitly
     * because sqlite-jdbc's commit() immediately begins the next transaction.
     */
    <T> T inTransaction(Supplier<T> work) {
        execute("BEGIN IMMEDIATE");
        boolean committed = false;
        try {
            T result = work.get();
            execute("COMMIT");
            committed = true;
            return result;
        } finally {
            if (!committed) {
                rollbackQuietly();
            }
        }
    }

    void inTransaction(Runnable work) {
        inTransaction(() -> {
            work.run();
            return null;
        });
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw translate(file, e);
        }
    }

    private PreparedStatement prepare(String sql, Object... parameters) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        try {
            bind(statement, parameters);
            return statement;
        } catch (SQLException e) {
            statement.close();
            throw e;
        }
    }

    private static void bind(PreparedStatement statement, Object... parameters) throws SQLException {
        for (int i = 0; i < parameters.length; i++) {
            statement.setObject(i + 1, parameters[i]);
        }
    }

    private void rollbackQuietly() {
        try (Statement statement = connection.createStatement()) {
            statement.executeUpdate("ROLLBACK");
        } catch (SQLException ignored) {
            // SQLite may already have rolled back (disk full, I/O error); the original error matters.
        }
    }

    static TrydebException translate(Path file, SQLException e) {
        if (e.getErrorCode() == SQLiteErrorCode.SQLITE_BUSY.code) {
            return new TrydebException(ExitCode.BUSY, "store " + file + " is busy: another trydeb has been"
                    + " writing to it for over " + BUSY_TIMEOUT_MILLIS / 1000 + " seconds; try again", e);
        }
        return TrydebException.failure("store " + file + ": " + e.getMessage(), e);
    }
}
