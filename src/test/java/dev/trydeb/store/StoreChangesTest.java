package dev.trydeb.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trydeb.core.TrydebException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store's records of what transactions changed (schema V002): status and account records, rollback. */
class StoreChangesTest {
    private static final Instant NOW = Instant.parse("2024-05-06T07:08:09.123Z");
    private static final String REQUEST = "{\"packages\":[\"hello\"]}";

    @TempDir
    Path tmp;

    private Store store;
    private long envId;

    @BeforeEach
    void openStore() {
        store = Store.open(new StoreLayout(tmp.resolve("trydeb")), Clock.fixed(NOW, ZoneOffset.UTC));
        envId = store.environment("demo").id();
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    private static String stanza(String name, String version) {
        return "Package: " + name + "\nStatus: install ok installed\nArchitecture: amd64\nVersion: " + version;
    }

    private static StatusRecord status(String name, String version) {
        return new StatusRecord(name, "amd64", Optional.of(stanza(name, version)));
    }

    private static StatusRecord gone(String name) {
        return new StatusRecord(name, "amd64", Optional.empty());
    }

    private static NewPackage pkg(String name, String version, boolean automatic, Optional<String> hostVersion,
            String... files) {
        return new NewPackage(name, version, "amd64", "/cache/" + name + "_" + version + "_amd64.deb",
                "sha-" + name + "-" + version, stanza(name, version), List.of(files), automatic, hostVersion);
    }

    private static NewPackage pkg(String name, String version, String... files) {
        return pkg(name, version, false, Optional.empty(), files);
    }

    private long commit(long env, TransactionChanges changes) {
        long tx = store.beginTransaction(env, "install", REQUEST).id();
        store.commitTransaction(tx, changes);
        return tx;
    }

    private long install(NewPackage... packages) {
        List<StatusRecord> status = Arrays.stream(packages).map(p -> status(p.name(), p.version())).toList();
        return commit(envId, new TransactionChanges(List.of(packages), List.of(), status, List.of()));
    }

    private List<String> current() {
        return store.currentPackages(envId).stream().map(p -> p.name() + " " + p.version()).toList();
    }

    // --- commitTransaction with records ---

    @Test
    void commitTransaction_statusAndAccountRecords_areReadBack() {
        AccountRecord user = new AccountRecord("passwd", "postgres", "postgres:x:107:113::/var/lib/postgresql:/bin/bash");
        AccountRecord group = new AccountRecord("group", "ssl-cert", "ssl-cert:x:114:postgres");
        StatusRecord removedHostPackage = gone("jq");

        long tx = commit(envId, new TransactionChanges(List.of(pkg("postgresql", "15.8")), List.of(),
                List.of(status("postgresql", "15.8"), removedHostPackage), List.of(user, group)));

        assertEquals(List.of(tx), store.committedLayerIds(envId));
        assertEquals(Set.of(status("postgresql", "15.8"), removedHostPackage),
                Set.copyOf(store.statusRecords(envId)));
        assertEquals(Set.of(user, group), Set.copyOf(store.accountRecords(envId)));
        assertEquals(List.of("postgresql 15.8"), current());
    }

    @Test
    void commitTransaction_stanzaWithNonAsciiText_isReadBackUnchanged() {
        StatusRecord record = new StatusRecord("caf\u00e9", "all",
                Optional.of("Package: cafe\nDescription: na\u00efve \u2013 \u00ff\n .\n second paragraph"));

        commit(envId, new TransactionChanges(List.of(), List.of(), List.of(record), List.of()));

        assertEquals(List.of(record), store.statusRecords(envId));
    }

    @Test
    void commitTransaction_removedPackageAndItsEmptyStanza_recordedTogether() {
        install(pkg("hello", "2.10-3"));
        long remove = store.beginTransaction(envId, "remove", REQUEST).id();

        store.commitTransaction(remove, new TransactionChanges(List.of(), List.of("hello"), List.of(gone("hello")),
                List.of()));

        assertEquals(List.of(), current());
        assertEquals(List.of(status("hello", "2.10-3"), gone("hello")), store.statusRecords(envId));
    }

    @Test
    void commitTransaction_sameStatusKeyTwiceInOneTransaction_throwsAndRecordsNothing() {
        long tx = store.beginTransaction(envId, "install", REQUEST).id();

        assertThrows(TrydebException.class, () -> store.commitTransaction(tx, new TransactionChanges(
                List.of(pkg("hello", "1")), List.of(), List.of(status("hello", "1"), status("hello", "2")), List.of())));

        assertEquals(List.of(), store.statusRecords(envId));
        assertEquals(List.of(), current());
        assertEquals(1, store.pendingTransactions(envId).size());
    }

    @Test
    void commitTransaction_removingPackageNotInstalled_recordsNoStatusOrAccounts() {
        long tx = store.beginTransaction(envId, "remove", REQUEST).id();

        assertThrows(IllegalArgumentException.class, () -> store.commitTransaction(tx, new TransactionChanges(
                List.of(), List.of("nothere"), List.of(gone("nothere")),
                List.of(new AccountRecord("group", "adm", "adm:x:4:bob")))));

        assertEquals(List.of(), store.statusRecords(envId));
        assertEquals(List.of(), store.accountRecords(envId));
        assertEquals(1, store.pendingTransactions(envId).size());
    }

    @Test
    void commitTransaction_withoutRecords_recordsNoStatusOrAccounts() {
        long tx = store.beginTransaction(envId, "install", REQUEST).id();

        store.commitTransaction(tx, new TransactionChanges(List.of(pkg("hello", "1")), List.of(), List.of(), List.of()));

        assertEquals(List.of(), store.statusRecords(envId));
        assertEquals(List.of(), store.accountRecords(envId));
        assertEquals(List.of("hello 1"), current());
    }

    // --- statusRecords / accountRecords ---

    @Test
    void statusRecords_onlyCommittedTransactionsOfTheEnvironment_oldestFirst() {
        long otherEnv = store.environment("other").id();
        long first = install(pkg("hello", "1"));
        commit(otherEnv, new TransactionChanges(List.of(), List.of(), List.of(status("elsewhere", "1")), List.of()));
        long failed = store.beginTransaction(envId, "install", REQUEST).id();
        store.failTransaction(failed, "failed", "dpkg failed");
        store.beginTransaction(envId, "install", REQUEST);
        long third = install(pkg("hello", "2"), pkg("libhello", "2"));
        long fourth = commit(envId, new TransactionChanges(List.of(), List.of("libhello"), List.of(gone("libhello")),
                List.of()));

        List<StatusRecord> records = store.statusRecords(envId);

        assertTrue(first < third && third < fourth);
        assertEquals(List.of(status("hello", "1"), status("hello", "2"), status("libhello", "2"), gone("libhello")),
                records);
        assertEquals(List.of(status("elsewhere", "1")), store.statusRecords(otherEnv));
    }

    @Test
    void accountRecords_onlyCommittedTransactionsOfTheEnvironment_oldestFirst() {
        long otherEnv = store.environment("other").id();
        AccountRecord first = new AccountRecord("passwd", "bob", "bob:x:1001:1001::/home/bob:/bin/sh");
        AccountRecord second = new AccountRecord("passwd", "bob", "bob:x:1001:1001::/home/bob:/bin/bash");
        AccountRecord elsewhere = new AccountRecord("group", "x", "x:x:500:");
        commit(envId, new TransactionChanges(List.of(), List.of(), List.of(), List.of(first)));
        commit(otherEnv, new TransactionChanges(List.of(), List.of(), List.of(), List.of(elsewhere)));
        store.beginTransaction(envId, "install", REQUEST);
        commit(envId, new TransactionChanges(List.of(), List.of(), List.of(), List.of(second)));

        assertEquals(List.of(first, second), store.accountRecords(envId));
        assertEquals(List.of(elsewhere), store.accountRecords(otherEnv));
    }

    @Test
    void records_newEnvironment_areEmpty() {
        assertEquals(List.of(), store.statusRecords(envId));
        assertEquals(List.of(), store.accountRecords(envId));
    }

    @Test
    void accountRecord_unknownFile_isRejected() {
        assertThrows(IllegalArgumentException.class, () -> new AccountRecord("shadow", "bob", "bob:*:1::::::"));
    }

    // --- automatic and hostVersion ---

    @Test
    void commitTransaction_automaticAndHostVersion_roundTrip() {
        long tx = install(pkg("jq", "1.7.1-3", false, Optional.of("1.6-2.1+deb12u1"), "/usr/bin/jq"),
                pkg("libjq1", "1.7.1-3", true, Optional.of("1:1.6-2.1")),
                pkg("libonig5", "6.9.8-1", true, Optional.empty()));

        PackageRecord jq = store.findCurrentPackage(envId, "jq").orElseThrow();
        PackageRecord libjq = store.findCurrentPackage(envId, "libjq1").orElseThrow();
        PackageRecord onig = store.findCurrentPackage(envId, "libonig5").orElseThrow();
        assertFalse(jq.automatic());
        assertEquals(Optional.of("1.6-2.1+deb12u1"), jq.hostVersion());
        assertTrue(libjq.automatic());
        assertEquals(Optional.of("1:1.6-2.1"), libjq.hostVersion());
        assertTrue(onig.automatic());
        assertEquals(Optional.empty(), onig.hostVersion());
        assertEquals(List.of(jq, libjq, onig), store.packagesInstalledBy(tx));
        assertEquals(List.of(jq, libjq, onig), store.currentPackages(envId));
    }

    // --- deleteTransaction ---

    @Test
    void deleteTransaction_install_itsPackagesFilesAndRecordsGo() {
        AccountRecord user = new AccountRecord("passwd", "bob", "bob:x:1001:1001::/home/bob:/bin/sh");
        long keep = install(pkg("base", "1", "/usr/bin/base"));
        long tx = commit(envId, new TransactionChanges(List.of(pkg("hello", "1", "/usr/bin/hello")), List.of(),
                List.of(status("hello", "1")), List.of(user)));
        long helloId = store.findCurrentPackage(envId, "hello").orElseThrow().id();

        store.deleteTransaction(tx);

        assertEquals(List.of("base 1"), current());
        assertEquals(List.of(), store.packagesInstalledBy(tx));
        assertEquals(List.of(), store.packageFiles(helloId));
        assertEquals(List.of(status("base", "1")), store.statusRecords(envId));
        assertEquals(List.of(), store.accountRecords(envId));
        assertEquals(List.of(keep), store.committedLayerIds(envId));
        assertEquals(1, store.transactions(envId).size());
    }

    @Test
    void deleteTransaction_remove_packagesItRemovedAreCurrentAgain() {
        install(pkg("hello", "1", "/usr/bin/hello"), pkg("libhello", "1"));
        long remove = commit(envId, new TransactionChanges(List.of(), List.of("hello", "libhello"),
                List.of(gone("hello"), gone("libhello")), List.of()));
        assertEquals(List.of(), current());

        store.deleteTransaction(remove);

        assertEquals(List.of("hello 1", "libhello 1"), current());
        assertEquals(List.of("/usr/bin/hello"),
                store.packageFiles(store.findCurrentPackage(envId, "hello").orElseThrow().id()));
        assertEquals(List.of(status("hello", "1"), status("libhello", "1")), store.statusRecords(envId));
    }

    @Test
    void deleteTransaction_upgrade_olderVersionIsCurrentAgain() {
        long first = install(pkg("hello", "1", "/usr/bin/hello"));
        long upgrade = install(pkg("hello", "2", "/usr/bin/hello", "/usr/share/doc/hello"));
        assertEquals(List.of("hello 2"), current());

        store.deleteTransaction(upgrade);

        assertEquals(List.of("hello 1"), current());
        assertEquals(first, store.findCurrentPackage(envId, "hello").orElseThrow().transactionId());
        assertEquals(List.of(status("hello", "1")), store.statusRecords(envId));
        assertEquals(List.of(first), store.committedLayerIds(envId));
    }

    @Test
    void deleteTransaction_upgradeThatAlsoRemoved_rollsBackBoth() {
        install(pkg("hello", "1"), pkg("hello-traditional", "1"));
        long tx = commit(envId, new TransactionChanges(List.of(pkg("hello", "2")), List.of("hello-traditional"),
                List.of(status("hello", "2"), gone("hello-traditional")), List.of()));
        assertEquals(List.of("hello 2"), current());

        store.deleteTransaction(tx);

        assertEquals(List.of("hello 1", "hello-traditional 1"), current());
    }

    @Test
    void deleteTransaction_topmostOfSeveral_othersKeepTheirRecords() {
        AccountRecord bob = new AccountRecord("passwd", "bob", "bob:x:1001:1001::/home/bob:/bin/sh");
        AccountRecord carol = new AccountRecord("passwd", "carol", "carol:x:1002:1002::/home/carol:/bin/sh");
        long first = commit(envId, new TransactionChanges(List.of(pkg("a", "1")), List.of(), List.of(status("a", "1")),
                List.of(bob)));
        long second = commit(envId, new TransactionChanges(List.of(pkg("b", "1")), List.of(), List.of(status("b", "1")),
                List.of(carol)));

        store.deleteTransaction(second);

        assertEquals(List.of(first), store.committedLayerIds(envId));
        assertEquals(List.of("a 1"), current());
        assertEquals(List.of(status("a", "1")), store.statusRecords(envId));
        assertEquals(List.of(bob), store.accountRecords(envId));
    }

    @Test
    void deleteTransaction_pending_isForgotten() {
        install(pkg("a", "1"));
        long pending = store.beginTransaction(envId, "install", REQUEST).id();

        store.deleteTransaction(pending);

        assertEquals(List.of(), store.pendingTransactions(envId));
        assertEquals(1, store.transactions(envId).size());
        assertEquals(List.of("a 1"), current());
    }

    @Test
    void deleteTransaction_unknownId_changesNothing() {
        long tx = install(pkg("a", "1"));

        store.deleteTransaction(tx + 100);

        assertEquals(List.of(tx), store.committedLayerIds(envId));
        assertEquals(List.of("a 1"), current());
    }

    @Test
    void deleteTransaction_thenNewTransaction_getsAFreshId() {
        long tx = install(pkg("a", "1"));
        store.deleteTransaction(tx);

        long next = store.beginTransaction(envId, "install", REQUEST).id();

        assertTrue(next > tx, "a deleted transaction's layer directory is never reused");
    }

    @Test
    void deleteTransaction_survivesReopeningTheStore() {
        install(pkg("hello", "1"));
        long remove = commit(envId, new TransactionChanges(List.of(), List.of("hello"), List.of(gone("hello")),
                List.of(new AccountRecord("group", "adm", "adm:x:4:"))));
        store.deleteTransaction(remove);
        store.close();

        store = Store.open(new StoreLayout(tmp.resolve("trydeb")), Clock.fixed(NOW, ZoneOffset.UTC));

        assertEquals(List.of("hello 1"), current());
        assertEquals(List.of(status("hello", "1")), store.statusRecords(envId));
        assertEquals(List.of(), store.accountRecords(envId));
    }

    @Test
    void deleteTransaction_reinstall_isUndoneAndTheStoreStaysUsable() {
        long first = install(pkg("hello", "1"));
        long reinstall = install(pkg("hello", "1"));

        store.deleteTransaction(reinstall);

        assertEquals(first, store.findCurrentPackage(envId, "hello").orElseThrow().transactionId());
        assertEquals(List.of(first), store.committedLayerIds(envId));
    }
}
