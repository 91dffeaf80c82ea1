package dev.trydeb.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trydeb.core.ExitCode;
import dev.trydeb.core.TrydebException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

class DatabaseTest {
    @TempDir
    Path tmp;

    private Path file;
    private Database db;

    @BeforeEach
    void openDatabase() {
        file = tmp.resolve("test.db");
        db = Database.open(file);
        db.execute("CREATE TABLE t (x INTEGER NOT NULL)");
    }

    @AfterEach
    void closeDatabase() {
        db.close();
    }

    @Test
    void open_always_setsBusyTimeoutForeignKeysAndWal() {
        assertEquals(5000, db.queryLong("PRAGMA busy_timeout"));
        assertEquals(1, db.queryLong("PRAGMA foreign_keys"));
        assertEquals(List.of("wal"), db.query("PRAGMA journal_mode", row -> row.getString(1)));
    }

    @Test
    void inTransaction_workSucceeds_isVisibleToAnotherConnection() {
        db.inTransaction(() -> {
            db.update("INSERT INTO t (x) VALUES (?)", 1);
        });

        try (Database other = Database.open(file)) {
            assertEquals(1, other.queryLong("SELECT count(*) FROM t"));
        }
    }

    @Test
    void inTransaction_workThrows_rollsBackEverything() {
        assertThrows(IllegalStateException.class, () -> db.inTransaction(() -> {
            db.update("INSERT INTO t (x) VALUES (?)", 1);
            throw new IllegalStateException("boom");
        }));

        assertEquals(0, db.queryLong("SELECT count(*) FROM t"));
    }

    @Test
    void inTransaction_afterRollback_acceptsTheNextTransaction() {
        assertThrows(TrydebException.class, () -> db.inTransaction(() -> {
            db.update("INSERT INTO t (x) VALUES (NULL)");
        }));

        db.inTransaction(() -> {
            db.update("INSERT INTO t (x) VALUES (2)");
        });

        assertEquals(2, db.queryLong("SELECT x FROM t"));
    }

    @Test
    void update_constraintViolated_throwsFailureNamingTheFile() {
        TrydebException e = assertThrows(TrydebException.class, () -> db.update("INSERT INTO t (x) VALUES (NULL)"));

        assertEquals(ExitCode.FAILURE, e.exitCode());
        assertTrue(e.getMessage().startsWith("store " + file + ": "), e.getMessage());
    }

    @Test
    void updateBatch_severalRows_insertsAll() {
        db.updateBatch("INSERT INTO t (x) VALUES (?)", List.of(new Object[] {1}, new Object[] {2}));

        assertEquals(List.of(1L, 2L), db.query("SELECT x FROM t ORDER BY x", row -> row.getLong(1)));
    }

    @Test
    void translate_busy_isBusyWithAHint() {
        TrydebException e = Database.translate(file, new SQLiteException("locked", SQLiteErrorCode.SQLITE_BUSY));

        assertEquals(ExitCode.BUSY, e.exitCode());
        assertEquals("store " + file + " is busy: another trydeb has been writing to it for over 5 seconds;"
                + " try again", e.getMessage());
    }
}
