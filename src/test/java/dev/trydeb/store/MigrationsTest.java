package dev.trydeb.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.trydeb.core.ExitCode;
import dev.trydeb.core.TrydebException;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrationsTest {
    private static final String V1 = "CREATE TABLE a (x TEXT NOT NULL);";
    private static final String V2 = "ALTER TABLE a ADD COLUMN y TEXT; CREATE TABLE b (z TEXT);";

    @TempDir
    Path tmp;

    private Database db;

    @BeforeEach
    void openDatabase() {
        db = Database.open(tmp.resolve("test.db"));
    }

    @AfterEach
    void closeDatabase() {
        db.close();
    }

    @Test
    void load_commentsAndBlankLines_areIgnored() {
        Migrations migrations = Migrations.load(resources(Map.of(
                "INDEX", "# comment\n\nV001__a.sql\n  V002__b_and_c.sql  \n")));

        assertEquals(2, migrations.latestVersion());
    }

    @Test
    void load_versionsOutOfOrder_throwsInternalNamingTheEntry() {
        TrydebException e = assertThrows(TrydebException.class,
                () -> Migrations.load(resources(Map.of("INDEX", "V002__b.sql\nV001__a.sql\n"))));

        assertEquals(ExitCode.INTERNAL, e.exitCode());
        assertEquals("trydeb is damaged: migration 1 in persistence/migrations/INDEX is 'V002__b.sql',"
                + " expected V001__description.sql; reinstall trydeb", e.getMessage());
    }

    @Test
    void load_nameWithoutDescription_throwsInternal() {
        TrydebException e = assertThrows(TrydebException.class,
                () -> Migrations.load(resources(Map.of("INDEX", "V001.sql\n"))));

        assertEquals(ExitCode.INTERNAL, e.exitCode());
    }

    @Test
    void load_indexMissing_throwsInternal() {
        TrydebException e = assertThrows(TrydebException.class, () -> Migrations.load(resources(Map.of())));

        assertEquals(ExitCode.INTERNAL, e.exitCode());
        assertEquals("trydeb is damaged: persistence/migrations/INDEX is missing; reinstall trydeb", e.getMessage());
    }

    @Test
    void applyTo_freshDatabase_appliesAllAndSetsUserVersion() {
        twoMigrations().applyTo(db);

        assertEquals(2, db.userVersion());
        assertEquals(List.of("a", "b"), tableNames());
    }

    @Test
    void applyTo_databaseAtVersionOne_appliesOnlyTheRestAndKeepsData() {
        oneMigration().applyTo(db);
        db.update("INSERT INTO a (x) VALUES ('kept')");

        twoMigrations().applyTo(db);

        assertEquals(2, db.userVersion());
        assertEquals(List.of("kept"), db.query("SELECT x FROM a WHERE y IS NULL", row -> row.getString(1)));
    }

    @Test
    void applyTo_upToDate_readsNoMigrationFile() {
        twoMigrations().applyTo(db);
        Migrations indexOnly = Migrations.load(resources(Map.of("INDEX", "V001__a.sql\nV002__b.sql\n")));

        indexOnly.applyTo(db);

        assertEquals(2, db.userVersion());
    }

    @Test
    void applyTo_anotherTrydebMigratesMeanwhile_skipsWhatItApplied() {
        Path file = db.file();
        Map<String, String> files = Map.of("INDEX", "V001__a.sql\n", "V001__a.sql", V1);
        Migrations racing = Migrations.load(name -> {
            if (name.equals("V001__a.sql")) {
                // Another process migrates after our version check, before our transaction.
                try (Database other = Database.open(file)) {
                    oneMigration().applyTo(other);
                }
            }
            return resources(files).apply(name);
        });

        racing.applyTo(db);

        assertEquals(1, db.userVersion());
        assertEquals(List.of("a"), tableNames());
    }

    @Test
    void applyTo_failingMigration_rollsItBackAndKeepsThePreviousVersion() {
        oneMigration().applyTo(db);
        Migrations broken = Migrations.load(resources(Map.of(
                "INDEX", "V001__a.sql\nV002__b.sql\n",
                "V001__a.sql", V1,
                "V002__b.sql", "CREATE TABLE b (z TEXT); INSERT INTO a (x) VALUES (NULL);")));

        assertThrows(TrydebException.class, () -> broken.applyTo(db));

        assertEquals(1, db.userVersion());
        assertEquals(List.of("a"), tableNames());
    }

    @Test
    void applyTo_databaseFromNewerVersion_throwsFailureNamingBothVersions() {
        db.execute("PRAGMA user_version = 3");

        TrydebException e = assertThrows(TrydebException.class, () -> twoMigrations().applyTo(db));

        assertEquals(ExitCode.FAILURE, e.exitCode());
        assertEquals("store " + db.file() + " was written by a newer trydeb (schema 3, this one knows 2);"
                + " upgrade trydeb", e.getMessage());
    }

    private List<String> tableNames() {
        return db.query("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name",
                row -> row.getString(1));
    }

    private static Migrations oneMigration() {
        return Migrations.load(resources(Map.of("INDEX", "V001__a.sql\n", "V001__a.sql", V1)));
    }

    private static Migrations twoMigrations() {
        return Migrations.load(resources(Map.of(
                "INDEX", "V001__a.sql\nV002__b.sql\n", "V001__a.sql", V1, "V002__b.sql", V2)));
    }

    private static Function<String, InputStream> resources(Map<String, String> files) {
        return name -> files.containsKey(name)
                ? new ByteArrayInputStream(files.get(name).getBytes(StandardCharsets.UTF_8))
                : null;
    }
}
