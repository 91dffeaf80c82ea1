package dev.trydeb.store;

import dev.trydeb.core.GuestPath;
import dev.trydeb.deb.ShippedFile;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The SQLite database of the store: environments, their transactions (a committed transaction
 * is one overlay layer), and the packages each transaction installed. Opened on every trydeb
 * command, so opening does no more than connect and check the schema version.
 * One connection; not thread-safe.
 */
public final class Store implements AutoCloseable {
    private static final String TRANSACTION_COLUMNS =
            "id, environment_id, kind, request, started_at, finished_at, outcome, error";
    private static final String PACKAGE_COLUMNS = "id, environment_id, transaction_id, name, version,"
            + " architecture, source_file, sha256, control, installed_at, automatic, host_version";

    private final Database db;
    private final Clock clock;

    private Store(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Creates the store root (0700) if needed, opens the database and migrates it. */
    public static Store open(StoreLayout layout) {
        return open(layout, Clock.systemUTC());
    }

    static Store open(StoreLayout layout, Clock clock) {
        layout.createDirectories();
        Database db = Database.open(layout.database());
        try {
            Migrations.bundled().applyTo(db);
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
        return new Store(db, clock);
    }

    public Optional<EnvironmentRecord> findEnvironment(String name) {
        return db.queryOne("SELECT id, name, created_at FROM environments WHERE name = ?",
                Store::environmentRecord, name);
    }

    /** The environment with this name, created if it does not exist yet. */
    public EnvironmentRecord environment(String name) {
        String validName = EnvironmentName.of(name).value();
        db.update("INSERT INTO environments (name, created_at) VALUES (?, ?) ON CONFLICT (name) DO NOTHING",
                validName, now());
        return findEnvironment(validName).orElseThrow();
    }

    /** All environments, by name. */
    public List<EnvironmentRecord> environments() {
        return db.query("SELECT id, name, created_at FROM environments ORDER BY name", Store::environmentRecord);
    }

    /** Records the start of a change to an environment; its outcome is pending until it ends. */
    public TransactionRecord beginTransaction(long envId, String kind, String requestJson) {
        String startedAt = now();
        long id = db.queryLong("INSERT INTO transactions (environment_id, kind, request, started_at, outcome)"
                + " VALUES (?, ?, ?, ?, 'pending') RETURNING id", envId, kind, requestJson, startedAt);
        return new TransactionRecord(id, envId, kind, requestJson, Instant.parse(startedAt), null,
                TransactionRecord.PENDING, null);
    }

    /**
     * Commits a pending transaction with everything it changed, in one SQLite transaction:
     * either all of it is recorded or none. An installed package replaces the current package
     * of the same name in the environment (an upgrade or reinstall); a package in
     * {@code changes.removed()} must be current in the environment.
     */
    public void commitTransaction(long txId, TransactionChanges changes) {
        List<NewPackage> installed = changes.installed();
        List<String> removed = changes.removed();
        requireDistinctNames(installed);
        db.inTransaction(() -> {
            long envId = pendingEnvironmentId(txId);
            String finishedAt = now();
            for (String name : removed) {
                if (markRemoved(envId, name, txId) == 0) {
                    throw new IllegalArgumentException("package " + name + " is not installed in environment "
                            + envId + ", so transaction " + txId + " cannot remove it");
                }
            }
            for (NewPackage pkg : installed) {
                markRemoved(envId, pkg.name(), txId);
                insertPackage(envId, txId, pkg, finishedAt);
            }
            List<Object[]> status = new ArrayList<>();
            for (StatusRecord record : changes.status()) {
                status.add(new Object[] {txId, record.packageName(), record.architecture(),
                        record.stanza().orElse(null)});
            }
            db.updateBatch("INSERT INTO status_records (transaction_id, package, architecture, stanza)"
                    + " VALUES (?, ?, ?, ?)", status);
            List<Object[]> accounts = new ArrayList<>();
            for (AccountRecord record : changes.accounts()) {
                accounts.add(new Object[] {txId, record.file(), record.name(), record.line()});
            }
            db.updateBatch("INSERT INTO account_records (transaction_id, file, name, line) VALUES (?, ?, ?, ?)",
                    accounts);
            db.update("UPDATE transactions SET outcome = 'committed', finished_at = ? WHERE id = ?",
                    finishedAt, txId);
        });
    }

    /**
     * What the environment's committed transactions left in dpkg's database, oldest first:
     * applied in order, a newer record of a package replaces an older one.
     */
    public List<StatusRecord> statusRecords(long envId) {
        return db.query("SELECT s.package, s.architecture, s.stanza FROM status_records s"
                + " JOIN transactions t ON t.id = s.transaction_id"
                + " WHERE t.environment_id = ? AND t.outcome = 'committed' ORDER BY t.id",
                row -> new StatusRecord(row.getString(1), row.getString(2),
                        Optional.ofNullable(row.getString(3))), envId);
    }

    /** The account lines the environment's committed transactions added or changed, oldest first. */
    public List<AccountRecord> accountRecords(long envId) {
        return db.query("SELECT a.file, a.name, a.line FROM account_records a"
                + " JOIN transactions t ON t.id = a.transaction_id"
                + " WHERE t.environment_id = ? AND t.outcome = 'committed' ORDER BY t.id",
                row -> new AccountRecord(row.getString(1), row.getString(2), row.getString(3)), envId);
    }

    /**
     * Forgets a transaction: what it installed goes, what it removed becomes current again.
     * Its layer directory is the caller's to delete first.
     */
    public void deleteTransaction(long txId) {
        db.inTransaction(() -> {
            // In this order: the rows it installed go before the ones it replaced come back,
            // or the two would be current at once (packages_current_by_name).
            db.update("DELETE FROM packages WHERE transaction_id = ?", txId);
            db.update("UPDATE packages SET removed_by_transaction_id = NULL WHERE removed_by_transaction_id = ?", txId);
            db.update("DELETE FROM transactions WHERE id = ?", txId);
        });
    }

    /** Ends a pending transaction without a layer. */
    public void failTransaction(long txId, String outcome, String error) {
        if (!outcome.equals(TransactionRecord.FAILED) && !outcome.equals(TransactionRecord.ABORTED)) {
            throw new IllegalArgumentException("a transaction can fail as 'failed' or 'aborted', not '"
                    + outcome + "'");
        }
        db.inTransaction(() -> {
            pendingEnvironmentId(txId);
            db.update("UPDATE transactions SET outcome = ?, finished_at = ?, error = ? WHERE id = ?",
                    outcome, now(), error, txId);
        });
    }

    /** Keeps what apt and dpkg printed during a pending transaction, whatever its outcome will be. */
    public void saveOutput(long txId, String output) {
        db.update("INSERT OR REPLACE INTO transaction_output (transaction_id, output) VALUES (?, ?)", txId, output);
    }

    /** What apt and dpkg printed during the newest of the environment's transactions that kept it. */
    public Optional<String> newestOutput(long envId) {
        return db.queryOne("SELECT o.output FROM transaction_output o JOIN transactions t ON t.id = o.transaction_id"
                + " WHERE t.environment_id = ? ORDER BY t.id DESC LIMIT 1", row -> row.getString(1), envId);
    }

    /** What apt and dpkg printed during the transaction, if it was kept. */
    public Optional<String> output(long txId) {
        return db.queryOne("SELECT output FROM transaction_output WHERE transaction_id = ?", row -> row.getString(1), txId);
    }

    /** All transactions of the environment, oldest first. */
    public List<TransactionRecord> transactions(long envId) {
        return db.query("SELECT " + TRANSACTION_COLUMNS + " FROM transactions WHERE environment_id = ? ORDER BY id",
                Store::transactionRecord, envId);
    }

    /**
     * Identifies the environment's committed records as they are: their count and newest id.
     * Records are only ever added by a commit (with a new id: ids are never reused) and
     * removed with their transaction, so equal versions mean equal records.
     */
    public String recordsVersion(long envId) {
        return db.queryOne("SELECT count(*) || ':' || coalesce(max(id), 0) FROM transactions"
                + " WHERE environment_id = ? AND outcome = 'committed'", row -> row.getString(1), envId).orElseThrow();
    }

    /**
     * The ids of the environment's committed transactions that have a layer of their own (not
     * compacted into a later one's): its layers, bottom to top.
     */
    public List<Long> committedLayerIds(long envId) {
        return db.query("SELECT id FROM transactions WHERE environment_id = ? AND outcome = 'committed'"
                + " AND compacted_into IS NULL ORDER BY id", row -> row.getLong(1), envId);
    }

    /**
     * Records that the layers of {@code merged} (committed transactions, oldest first) are now
     * one, the layer of the last of them: one SQLite transaction, the compaction's commit point.
     */
    public void compactLayers(List<Long> merged) {
        long into = merged.get(merged.size() - 1);
        db.inTransaction(() -> {
            for (long id : merged.subList(0, merged.size() - 1)) {
                if (db.update("UPDATE transactions SET compacted_into = ? WHERE id = ? AND outcome = 'committed'"
                        + " AND compacted_into IS NULL", into, id) != 1) {
                    throw new IllegalStateException("transaction " + id + " has no layer of its own to compact");
                }
            }
            // A layer that already held compacted ones: they move along.
            db.update("UPDATE transactions SET compacted_into = ? WHERE compacted_into IN ("
                    + String.join(",", merged.stream().map(String::valueOf).toList()) + ")", into);
        });
    }

    /** The transactions whose layers were compacted into this transaction's layer, oldest first. */
    public List<Long> compactedTransactionIds(long txId) {
        return db.query("SELECT id FROM transactions WHERE compacted_into = ? ORDER BY id", row -> row.getLong(1), txId);
    }

    /** Transactions that began and never ended, e.g. because trydeb was killed; oldest first. */
    public List<TransactionRecord> pendingTransactions(long envId) {
        return db.query("SELECT " + TRANSACTION_COLUMNS + " FROM transactions"
                + " WHERE environment_id = ? AND outcome = 'pending' ORDER BY id", Store::transactionRecord, envId);
    }

    /** Installed packages that no later transaction removed or replaced, by name. */
    public List<PackageRecord> currentPackages(long envId) {
        return db.query("SELECT " + PACKAGE_COLUMNS + " FROM packages"
                + " WHERE environment_id = ? AND removed_by_transaction_id IS NULL ORDER BY name",
                Store::packageRecord, envId);
    }

    /**
     * The names of the environment's current packages, each with the sha256 of the .deb it was
     * installed from: {@link #currentPackages} without the rest of each record, for planning.
     */
    public Map<String, String> currentPackageHashes(long envId) {
        Map<String, String> hashes = new TreeMap<>();
        db.query("SELECT name, sha256 FROM packages WHERE environment_id = ? AND removed_by_transaction_id IS NULL",
                row -> Map.entry(row.getString(1), row.getString(2)), envId)
                .forEach(entry -> hashes.put(entry.getKey(), entry.getValue()));
        return hashes;
    }

    /** The packages a transaction installed, whether or not a later one replaced them. */
    public List<PackageRecord> packagesInstalledBy(long transactionId) {
        return db.query("SELECT " + PACKAGE_COLUMNS + " FROM packages WHERE transaction_id = ? ORDER BY name",
                Store::packageRecord, transactionId);
    }

    public Optional<PackageRecord> findCurrentPackage(long envId, String name) {
        return db.queryOne("SELECT " + PACKAGE_COLUMNS + " FROM packages"
                + " WHERE environment_id = ? AND name = ? AND removed_by_transaction_id IS NULL",
                Store::packageRecord, envId, name);
    }

    /** The guest paths the package owns, sorted. */
    public List<String> packageFiles(long packageId) {
        return db.query("SELECT path FROM package_files WHERE package_id = ? ORDER BY path",
                row -> row.getString(1), packageId);
    }

    /** What the package's data.tar held at each non-directory; empty for packages recorded before schema 3. */
    public List<ShippedFile> shippedFiles(long packageId) {
        return db.query("SELECT path, kind, mode, size, mtime, sha256, link_target FROM shipped_files"
                + " WHERE package_id = ? ORDER BY path",
                row -> new ShippedFile(GuestPath.of(row.getString(1)),
                        ShippedFile.Kind.valueOf(row.getString(2).toUpperCase(Locale.ROOT)), row.getInt(3),
                        row.getLong(4), row.getLong(5), row.getString(6), row.getString(7)), packageId);
    }

    /** Deletes the environment's records: its transactions, packages and files go with it. */
    public void deleteEnvironment(long envId) {
        db.update("DELETE FROM environments WHERE id = ?", envId);
    }

    @Override
    public void close() {
        db.close();
    }

    private long pendingEnvironmentId(long txId) {
        TransactionRecord tx = db.queryOne("SELECT " + TRANSACTION_COLUMNS + " FROM transactions WHERE id = ?",
                Store::transactionRecord, txId)
                .orElseThrow(() -> new IllegalArgumentException("no transaction " + txId));
        if (!tx.outcome().equals(TransactionRecord.PENDING)) {
            throw new IllegalStateException("transaction " + txId + " is " + tx.outcome() + ", not pending");
        }
        return tx.environmentId();
    }

    private int markRemoved(long envId, String name, long txId) {
        return db.update("UPDATE packages SET removed_by_transaction_id = ?"
                + " WHERE environment_id = ? AND name = ? AND removed_by_transaction_id IS NULL", txId, envId, name);
    }

    private void insertPackage(long envId, long txId, NewPackage pkg, String installedAt) {
        long packageId = db.queryLong("INSERT INTO packages (environment_id, transaction_id, name, version,"
                + " architecture, source_file, sha256, control, installed_at, automatic, host_version)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                envId, txId, pkg.name(), pkg.version(), pkg.architecture(), pkg.sourceFile(), pkg.sha256(),
                pkg.control(), installedAt, pkg.automatic() ? 1 : 0, pkg.hostVersion().orElse(null));
        List<Object[]> files = new ArrayList<>();
        for (String path : new TreeSet<>(pkg.files())) {
            files.add(new Object[] {packageId, path});
        }
        db.updateBatch("INSERT INTO package_files (package_id, path) VALUES (?, ?)", files);
        List<Object[]> shipped = new ArrayList<>();
        for (ShippedFile file : pkg.shipped()) {
            shipped.add(new Object[] {packageId, file.path().value(), file.kind().name().toLowerCase(Locale.ROOT),
                file.mode(), file.size(), file.mtime(), file.sha256(), file.linkTarget()});
        }
        // OR REPLACE: a data.tar may hold a path twice; dpkg leaves the last.
        db.updateBatch("INSERT OR REPLACE INTO shipped_files (package_id, path, kind, mode, size, mtime, sha256,"
                + " link_target) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", shipped);
    }

    private static void requireDistinctNames(List<NewPackage> installed) {
        Set<String> names = new HashSet<>();
        for (NewPackage pkg : installed) {
            if (!names.add(pkg.name())) {
                throw new IllegalArgumentException("package " + pkg.name() + " is installed twice by one transaction");
            }
        }
    }

    private String now() {
        return clock.instant().toString();
    }

    private static EnvironmentRecord environmentRecord(ResultSet row) throws SQLException {
        return new EnvironmentRecord(row.getLong("id"), row.getString("name"), instant(row, "created_at"));
    }

    private static TransactionRecord transactionRecord(ResultSet row) throws SQLException {
        return new TransactionRecord(row.getLong("id"), row.getLong("environment_id"), row.getString("kind"),
                row.getString("request"), instant(row, "started_at"), instant(row, "finished_at"),
                row.getString("outcome"), row.getString("error"));
    }

    private static PackageRecord packageRecord(ResultSet row) throws SQLException {
        return new PackageRecord(row.getLong("id"), row.getLong("environment_id"), row.getLong("transaction_id"),
                row.getString("name"), row.getString("version"), row.getString("architecture"),
                row.getString("source_file"), row.getString("sha256"), row.getString("control"),
                instant(row, "installed_at"), row.getInt("automatic") != 0,
                Optional.ofNullable(row.getString("host_version")));
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        String text = row.getString(column);
        return text == null ? null : Instant.parse(text);
    }
}
