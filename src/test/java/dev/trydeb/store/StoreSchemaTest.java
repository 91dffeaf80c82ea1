package dev.trydeb.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trydeb.core.ExitCode;
import dev.trydeb.core.TrydebException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The schema shipped in persistence/ is the one a store gets. */
class StoreSchemaTest {
    /** Maven runs tests from the project directory. */
    private static final Path SOURCE_MIGRATIONS = Path.of("persistence/migrations");

    @TempDir
    Path tmp;

    @Test
    void open_freshStore_createsTheSchemaTables() {
        StoreLayout layout = new StoreLayout(tmp.resolve("trydeb"));
        Store.open(layout).close();

        try (Database db = Database.open(layout.database())) {
            List<String> tables = db.query("SELECT name FROM sqlite_master WHERE type = 'table'"
                    + " AND name NOT LIKE 'sqlite_%' ORDER BY name", row -> row.getString(1));
            assertEquals(List.of("account_records", "environments", "package_files", "packages", "shipped_files",
                    "status_records", "transaction_output", "transactions"), tables);
        }
    }

    @Test
    void open_freshStore_setsUserVersionToTheLastMigrationInPersistence() throws Exception {
        StoreLayout layout = new StoreLayout(tmp.resolve("trydeb"));
        Store.open(layout).close();

        try (Database db = Database.open(layout.database())) {
            assertEquals(sourceIndexEntries().size(), db.userVersion());
        }
    }

    @Test
    void open_freshStore_createsPrivateRoot() throws Exception {
        StoreLayout layout = new StoreLayout(tmp.resolve("share/trydeb"));

        Store.open(layout).close();

        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(layout.root())));
        assertTrue(Files.isDirectory(layout.emptyDir()));
    }

    @Test
    void open_twice_keepsVersionAndData() {
        StoreLayout layout = new StoreLayout(tmp.resolve("trydeb"));
        try (Store store = Store.open(layout)) {
            store.environment("kept");
        }

        try (Store store = Store.open(layout)) {
            assertEquals(List.of("kept"), store.environments().stream().map(EnvironmentRecord::name)
                    .collect(Collectors.toList()));
        }
        try (Database db = Database.open(layout.database())) {
            assertEquals(Migrations.bundled().latestVersion(), db.userVersion());
        }
    }

    @Test
    void open_databaseFromNewerTrydeb_throwsFailureNamingFileAndVersions() {
        StoreLayout layout = new StoreLayout(tmp.resolve("trydeb"));
        Store.open(layout).close();
        int known = Migrations.bundled().latestVersion();
        try (Database db = Database.open(layout.database())) {
            db.execute("PRAGMA user_version = " + (known + 1));
        }

        TrydebException e = assertThrows(TrydebException.class, () -> Store.open(layout));

        assertEquals(ExitCode.FAILURE, e.exitCode());
        assertEquals("store " + layout.database() + " was written by a newer trydeb (schema " + (known + 1)
                + ", this one knows " + known + "); upgrade trydeb", e.getMessage());
    }

    @Test
    void open_fileIsNotADatabase_throwsFailureNamingTheFile() throws Exception {
        StoreLayout layout = new StoreLayout(tmp.resolve("trydeb"));
        layout.createDirectories();
        Files.writeString(layout.database(), "this is not an SQLite database, just some text that is long enough");

        TrydebException e = assertThrows(TrydebException.class, () -> Store.open(layout));

        assertEquals(ExitCode.FAILURE, e.exitCode());
        assertTrue(e.getMessage().startsWith("store " + layout.database() + ": "), e.getMessage());
    }

    @Test
    void bundledIndex_always_isTheIndexInPersistence() throws Exception {
        try (InputStream bundled = getClass().getClassLoader().getResourceAsStream(
                Migrations.DIRECTORY + Migrations.INDEX)) {
            assertEquals(Files.readString(SOURCE_MIGRATIONS.resolve(Migrations.INDEX)),
                    new String(bundled.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void persistenceIndex_always_listsEverySqlFileInPersistence() throws Exception {
        try (Stream<Path> files = Files.list(SOURCE_MIGRATIONS)) {
            List<String> sqlFiles = files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".sql"))
                    .sorted().collect(Collectors.toList());
            assertEquals(sqlFiles, sourceIndexEntries());
        }
    }

    private static List<String> sourceIndexEntries() throws Exception {
        return Files.readAllLines(SOURCE_MIGRATIONS.resolve(Migrations.INDEX)).stream().map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#")).collect(Collectors.toList());
    }
}
