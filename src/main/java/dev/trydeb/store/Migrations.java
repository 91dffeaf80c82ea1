package dev.trydeb.store;

import dev.trydeb.core.ExitCode;
import dev.trydeb.core.TrydebException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The schema migrations shipped in persistence/migrations/ (see persistence/README.md).
 * INDEX lists the SQL files in order; the file on line N (ignoring blank and '#' lines) is
 * schema version N and must be named VNNN__description.sql. The database's PRAGMA user_version
 * is the last version applied.
 */
final class Migrations {
    static final String DIRECTORY = "persistence/migrations/";
    static final String INDEX = "INDEX";
    private static final Pattern FILE_NAME = Pattern.compile("V(\\d{3})__[a-z0-9_]+\\.sql");

    private final Function<String, InputStream> resources;
    private final List<String> fileNames;

    private Migrations(Function<String, InputStream> resources, List<String> fileNames) {
        this.resources = resources;
        this.fileNames = fileNames;
    }

    /** The migrations packed into trydeb's jar. */
    static Migrations bundled() {
        ClassLoader loader = Migrations.class.getClassLoader();
        return load(name -> loader.getResourceAsStream(DIRECTORY + name));
    }

    /** Reads INDEX through {@code resources}, which maps a file name to its content or null. */
    static Migrations load(Function<String, InputStream> resources) {
        List<String> fileNames = new ArrayList<>();
        for (String line : read(resources, INDEX).split("\n")) {
            String entry = line.strip();
            if (entry.isEmpty() || entry.startsWith("#")) {
                continue;
            }
            var matcher = FILE_NAME.matcher(entry);
            int expectedVersion = fileNames.size() + 1;
            if (!matcher.matches() || Integer.parseInt(matcher.group(1)) != expectedVersion) {
                throw broken("migration " + expectedVersion + " in " + DIRECTORY + INDEX + " is '" + entry
                        + "', expected V" + String.format("%03d", expectedVersion) + "__description.sql");
            }
            fileNames.add(entry);
        }
        return new Migrations(resources, List.copyOf(fileNames));
    }

    /** The schema version this trydeb writes. */
    int latestVersion() {
        return fileNames.size();
    }

    /** Brings the database to {@link #latestVersion()}; a no-op, one query, when it is there already. */
    void applyTo(Database db) {
        int current = checkNotNewer(db, db.userVersion());
        for (int version = current + 1; version <= latestVersion(); version++) {
            apply(db, version);
        }
    }

    /**
     * Each migration runs in its own transaction together with its user_version bump. The version
     * is read again inside the transaction because a concurrent trydeb may have applied it since.
     */
    private void apply(Database db, int version) {
        String sql = read(resources, fileNames.get(version - 1));
        db.inTransaction(() -> {
            if (checkNotNewer(db, db.userVersion()) < version) {
                db.execute(sql);
                db.execute("PRAGMA user_version = " + version);
            }
        });
    }

    private int checkNotNewer(Database db, int version) {
        if (version > latestVersion()) {
            throw TrydebException.failure("store " + db.file() + " was written by a newer trydeb (schema "
                    + version + ", this one knows " + latestVersion() + "); upgrade trydeb");
        }
        return version;
    }

    private static String read(Function<String, InputStream> resources, String name) {
        try (InputStream in = resources.apply(name)) {
            if (in == null) {
                throw broken(DIRECTORY + name + " is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + DIRECTORY + name, e);
        }
    }

    private static TrydebException broken(String problem) {
        return new TrydebException(ExitCode.INTERNAL, "trydeb is damaged: " + problem + "; reinstall trydeb");
    }
}
