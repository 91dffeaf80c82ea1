package dev.trydeb.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trydeb.core.ExitCode;
import dev.trydeb.core.GuestPath;
import dev.trydeb.core.TrydebException;
import dev.trydeb.deb.ShippedFile;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreTest {
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

    @Test
    void environment_new_isCreatedWithTimestamp() {
        EnvironmentRecord created = store.environment("other");

        assertEquals("other", created.name());
        assertEquals(NOW, created.createdAt());
        assertEquals(Optional.of(created), store.findEnvironment("other"));
    }

    @Test
    void environment_existing_isReturnedNotDuplicated() {
        EnvironmentRecord again = store.environment("demo");

        assertEquals(envId, again.id());
        assertEquals(1, store.environments().size());
    }

    @Test
    void environment_invalidName_throwsBadInput() {
        TrydebException e = assertThrows(TrydebException.class, () -> store.environment("Bad Name"));

        assertEquals(ExitCode.BAD_INPUT, e.exitCode());
    }

    @Test
    void findEnvironment_unknown_isEmpty() {
        assertEquals(Optional.empty(), store.findEnvironment("nope"));
    }

    @Test
    void environments_several_areSortedByName() {
        store.environment("zeta");
        store.environment("alpha");

        assertEquals(List.of("alpha", "demo", "zeta"), names(store.environments()));
    }

    @Test
    void beginTransaction_always_returnsPendingRecordThatIsListed() {
        TransactionRecord tx = store.beginTransaction(envId, "install", REQUEST);

        assertEquals(new TransactionRecord(tx.id(), envId, "install", REQUEST, NOW, null, "pending", null), tx);
        assertEquals(List.of(tx), store.pendingTransactions(envId));
        assertEquals(List.of(tx), store.transactions(envId));
        assertEquals(List.of(), store.committedLayerIds(envId));
    }

    @Test
    void beginTransaction_unknownEnvironment_throwsFailure() {
        TrydebException e = assertThrows(TrydebException.class,
                () -> store.beginTransaction(envId + 100, "install", REQUEST));

        assertEquals(ExitCode.FAILURE, e.exitCode());
    }

    @Test
    void beginTransaction_requestNotJson_throwsFailure() {
        assertThrows(TrydebException.class, () -> store.beginTransaction(envId, "install", "hello"));
    }

    @Test
    void commitTransaction_withPackages_recordsPackagesFilesAndOutcome() {
        long tx = store.beginTransaction(envId, "install", REQUEST).id();

        commit(tx, List.of(hello("2.10-3", "/usr/bin/hello", "/usr/share/doc/hello"),
                pkg("libfoo", "1.0", "/usr/lib/libfoo.so.1")));

        List<PackageRecord> current = store.currentPackages(envId);
        assertEquals(List.of("hello", "libfoo"), current.stream().map(PackageRecord::name).collect(Collectors.toList()));
        PackageRecord hello = current.get(0);
        assertEquals(new PackageRecord(hello.id(), envId, tx, "hello", "2.10-3", "amd64", "/debs/hello_2.10-3.deb",
                "sha-hello-2.10-3", "Package: hello\nVersion: 2.10-3\n", NOW, false, Optional.empty()), hello);
        assertEquals(List.of("/usr/bin/hello", "/usr/share/doc/hello"), store.packageFiles(hello.id()));
        TransactionRecord committed = store.transactions(envId).get(0);
        assertEquals("committed", committed.outcome());
        assertEquals(NOW, committed.finishedAt());
        assertEquals(List.of(), store.pendingTransactions(envId));
        assertEquals(List.of(tx), store.committedLayerIds(envId));
    }

    @Test
    void commitTransaction_withShippedFiles_recordsWhatTheDataTarHeld() {
        long tx = store.beginTransaction(envId, "install", REQUEST).id();
        List<ShippedFile> shipped = List.of(
                new ShippedFile(GuestPath.of("/usr/bin/hello"), ShippedFile.Kind.FILE, 04755, 21, 1700000000L,
                        "ab".repeat(32), null),
                new ShippedFile(GuestPath.of("/usr/bin/hi"), ShippedFile.Kind.SYMLINK, 0777, 0, 1700000001L,
                        null, "hello"));
        NewPackage plain = hello("2.10-3", "/usr/bin/hello", "/usr/bin/hi");

        commit(tx, List.of(new NewPackage(plain.name(), plain.version(), plain.architecture(),
                plain.sourceFile(), plain.sha256(), plain.control(), plain.files(), false, Optional.empty(), shipped)));

        assertEquals(shipped, store.shippedFiles(store.currentPackages(envId).get(0).id()));
    }

    @Test
    void commitTransaction_upgrade_marksTheOlderPackageRemoved() {
        long first = store.beginTransaction(envId, "install", REQUEST).id();
        commit(first, List.of(hello("2.10-2", "/usr/bin/hello", "/usr/share/man/hello.1")));
        long oldId = store.findCurrentPackage(envId, "hello").orElseThrow().id();
        long second = store.beginTransaction(envId, "install", REQUEST).id();

        commit(second, List.of(hello("2.10-3", "/usr/bin/hello")));

        PackageRecord current = store.findCurrentPackage(envId, "hello").orElseThrow();
        assertEquals("2.10-3", current.version());
        assertEquals(second, current.transactionId());
        assertNotEquals(oldId, current.id());
        assertEquals(List.of(current), store.currentPackages(envId));
        assertEquals(List.of("/usr/bin/hello", "/usr/share/man/hello.1"), store.packageFiles(oldId),
                "the replaced package keeps its history");
    }

    @Test
    void packagesInstalledBy_replacedPackage_stillListedForItsTransaction() {
        long first = store.beginTransaction(envId, "install", REQUEST).id();
        commit(first, List.of(hello("2.10-2"), pkg("libfoo", "1.0")));
        long second = store.beginTransaction(envId, "install", REQUEST).id();
        commit(second, List.of(hello("2.10-3")));

        assertEquals(List.of("hello 2.10-2", "libfoo 1.0"), store.packagesInstalledBy(first).stream()
                .map(p -> p.name() + " " + p.version()).toList());
        assertEquals(List.of("hello 2.10-3"), store.packagesInstalledBy(second).stream()
                .map(p -> p.name() + " " + p.version()).toList());
    }

    @Test
    void commitTransaction_removedNames_marksThemRemoved() {
        long install = store.beginTransaction(envId, "install", REQUEST).id();
        commit(install, List.of(hello("2.10-3"), pkg("libfoo", "1.0")));
        long remove = store.beginTransaction(envId, "remove", "{\"packages\":[\"hello\"]}").id();

        commit(remove, List.of(), List.of("hello"));

        assertEquals(Optional.empty(), store.findCurrentPackage(envId, "hello"));
        assertEquals(List.of("libfoo"), store.currentPackages(envId).stream().map(PackageRecord::name)
                .collect(Collectors.toList()));
    }

    @Test
    void commitTransaction_removingPackageNotInstalled_throwsAndRecordsNothing() {
        long install = store.beginTransaction(envId, "install", REQUEST).id();
        commit(install, List.of(hello("2.10-3")));
        long tx = store.beginTransaction(envId, "remove", REQUEST).id();

        assertThrows(IllegalArgumentException.class,
                () -> commit(tx, List.of(pkg("libfoo", "1.0")), List.of("nothere")));

        assertEquals(List.of("hello"), store.currentPackages(envId).stream().map(PackageRecord::name)
                .collect(Collectors.toList()));
        assertEquals("pending", store.pendingTransactions(envId).get(0).outcome());
    }

    @Test
    void commitTransaction_samePackageTwice_throwsAndLeavesTransactionPending() {
        long tx = store.beginTransaction(envId, "install", REQUEST).id();

        assertThrows(IllegalArgumentException.class,
                () -> commit(tx, List.of(hello("1"), hello("2"))));

        assertEquals(List.of(), store.currentPackages(envId));
        assertEquals(1, store.pendingTransactions(envId).size());
    }

    @Test
    void commitTransaction_alreadyCommitted_throwsIllegalState() {
        long tx = store.beginTransaction(envId, "install", REQUEST).id();
        commit(tx, List.of(hello("2.10-3")));

        assertThrows(IllegalStateException.class, () -> commit(tx, List.of()));
    }

    @Test
    void commitTransaction_duplicateFilePaths_areStoredOnce() {
        long tx = store.beginTransaction(envId, "install", REQUEST).id();

        commit(tx, List.of(hello("2.10-3", "/usr/bin/hello", "/usr/bin/hello")));

        long helloId = store.findCurrentPackage(envId, "hello").orElseThrow().id();
        assertEquals(List.of("/usr/bin/hello"), store.packageFiles(helloId));
    }

    @Test
    void failTransaction_failed_recordsOutcomeErrorAndNoLayer() {
        long tx = store.beginTransaction(envId, "install", REQUEST).id();

        store.failTransaction(tx, "failed", "dpkg: error processing package hello");

        TransactionRecord failed = store.transactions(envId).get(0);
        assertEquals("failed", failed.outcome());
        assertEquals("dpkg: error processing package hello", failed.error());
        assertEquals(NOW, failed.finishedAt());
        assertEquals(List.of(), store.committedLayerIds(envId));
        assertEquals(List.of(), store.pendingTransactions(envId));
    }

    @Test
    void saveOutput_keptWhateverTheOutcome_goneWithTheTransaction() {
        long failed = store.beginTransaction(envId, "install", REQUEST).id();
        store.saveOutput(failed, "Setting up hello (2.10-3) ...\npostinst: failing\n");
        store.failTransaction(failed, "failed", "dpkg failed");
        long committed = store.beginTransaction(envId, "install", REQUEST).id();
        store.saveOutput(committed, "first\n");
        store.saveOutput(committed, "second\n");
        commit(committed, List.of(hello("2.10-3", "/usr/bin/hello")));

        assertEquals(Optional.of("Setting up hello (2.10-3) ...\npostinst: failing\n"), store.output(failed));
        assertEquals(Optional.of("second\n"), store.output(committed));
        long withoutOutput = store.beginTransaction(envId, "install", REQUEST).id();
        store.failTransaction(withoutOutput, "aborted", null);
        assertEquals(Optional.of("second\n"), store.newestOutput(envId), "the newest transaction that kept any");

        store.deleteTransaction(committed);
        assertEquals(Optional.empty(), store.output(committed));
        store.deleteEnvironment(envId);
        assertEquals(Optional.empty(), store.output(failed));
    }

    @Test
    void currentPackageHashes_currentOnesOnly() {
        long first = store.beginTransaction(envId, "install", REQUEST).id();
        commit(first, List.of(hello("2.10-2"), pkg("cowsay", "3.0")));
        long second = store.beginTransaction(envId, "install", REQUEST).id();
        commit(second, List.of(hello("2.10-3")), List.of("cowsay"));

        assertEquals(Map.of("hello", "sha-hello-2.10-3"), store.currentPackageHashes(envId));
    }

    @Test
    void failTransaction_abortedWithoutError_recordsNullError() {
        long tx = store.beginTransaction(envId, "install", REQUEST).id();

        store.failTransaction(tx, "aborted", null);

        TransactionRecord aborted = store.transactions(envId).get(0);
        assertEquals("aborted", aborted.outcome());
        assertNull(aborted.error());
    }

    @Test
    void failTransaction_outcomeCommitted_throwsIllegalArgument() {
        long tx = store.beginTransaction(envId, "install", REQUEST).id();

        assertThrows(IllegalArgumentException.class, () -> store.failTransaction(tx, "committed", null));
        assertEquals(1, store.pendingTransactions(envId).size());
    }

    @Test
    void failTransaction_alreadyFailed_throwsIllegalState() {
        long tx = store.beginTransaction(envId, "install", REQUEST).id();
        store.failTransaction(tx, "failed", "first");

        assertThrows(IllegalStateException.class, () -> store.failTransaction(tx, "aborted", "second"));
        assertEquals("first", store.transactions(envId).get(0).error());
    }

    @Test
    void committedLayerIds_mixedOutcomesAndEnvironments_areThisEnvironmentsCommittedAscending() {
        long otherEnv = store.environment("other").id();
        long first = committedInstall(envId, "a");
        store.failTransaction(store.beginTransaction(envId, "install", REQUEST).id(), "failed", "x");
        long otherLayer = committedInstall(otherEnv, "b");
        store.beginTransaction(envId, "install", REQUEST);
        long third = committedInstall(envId, "c");

        assertEquals(List.of(first, third), store.committedLayerIds(envId));
        assertEquals(List.of(otherLayer), store.committedLayerIds(otherEnv));
        assertTrue(first < otherLayer && otherLayer < third);
    }

    @Test
    void compactLayers_run_leavesTheNewestsLayerAndKeepsEveryPackage() {
        long first = committedInstall(envId, "a");
        long second = committedInstall(envId, "b");
        long third = committedInstall(envId, "c");
        long fourth = committedInstall(envId, "d");

        store.compactLayers(List.of(first, second, third));

        assertEquals(List.of(third, fourth), store.committedLayerIds(envId));
        assertEquals(List.of(first, second), store.compactedTransactionIds(third));
        assertEquals(List.of(), store.compactedTransactionIds(fourth));
        assertEquals(List.of("a", "b", "c", "d"), store.currentPackages(envId).stream().map(PackageRecord::name).sorted().toList());
    }

    @Test
    void compactLayers_again_carriesEarlierMergedTransactionsAlong() {
        long first = committedInstall(envId, "a");
        long second = committedInstall(envId, "b");
        long third = committedInstall(envId, "c");
        store.compactLayers(List.of(first, second));

        store.compactLayers(List.of(second, third));

        assertEquals(List.of(third), store.committedLayerIds(envId));
        assertEquals(List.of(first, second), store.compactedTransactionIds(third));
        assertEquals(List.of(), store.compactedTransactionIds(second));
    }

    @Test
    void compactLayers_transactionWithoutLayer_throwsAndChangesNothing() {
        long first = committedInstall(envId, "a");
        long failed = store.beginTransaction(envId, "install", REQUEST).id();
        store.failTransaction(failed, "failed", "x");
        long third = committedInstall(envId, "c");

        assertThrows(IllegalStateException.class, () -> store.compactLayers(List.of(first, failed, third)));

        assertEquals(List.of(first, third), store.committedLayerIds(envId));
    }

    @Test
    void deleteEnvironment_withHistory_removesAllItsRecordsOnly() {
        long otherEnv = store.environment("other").id();
        committedInstall(otherEnv, "kept");
        long first = store.beginTransaction(envId, "install", REQUEST).id();
        commit(first, List.of(hello("1", "/usr/bin/hello")));
        long oldHello = store.findCurrentPackage(envId, "hello").orElseThrow().id();
        long second = store.beginTransaction(envId, "install", REQUEST).id();
        commit(second, List.of(hello("2", "/usr/bin/hello")));
        store.beginTransaction(envId, "install", REQUEST);

        store.deleteEnvironment(envId);

        assertEquals(Optional.empty(), store.findEnvironment("demo"));
        assertEquals(List.of(), store.transactions(envId));
        assertEquals(List.of(), store.currentPackages(envId));
        assertEquals(List.of(), store.packageFiles(oldHello));
        assertEquals(List.of("kept"), store.currentPackages(otherEnv).stream().map(PackageRecord::name)
                .collect(Collectors.toList()));
    }

    @Test
    void beginTransaction_afterEnvironmentDeleted_neverReusesTransactionIds() {
        long old = committedInstall(envId, "a");
        store.deleteEnvironment(envId);
        long recreated = store.environment("demo").id();

        long next = store.beginTransaction(recreated, "install", REQUEST).id();

        assertTrue(next > old, "layer directories are named by transaction id");
    }

    private long committedInstall(long env, String packageName) {
        long tx = store.beginTransaction(env, "install", REQUEST).id();
        commit(tx, List.of(pkg(packageName, "1.0")));
        return tx;
    }

    private static NewPackage hello(String version, String... files) {
        return new NewPackage("hello", version, "amd64", "/debs/hello_" + version + ".deb", "sha-hello-" + version,
                "Package: hello\nVersion: " + version + "\n", List.of(files), false, Optional.empty());
    }

    private static NewPackage pkg(String name, String version, String... files) {
        return new NewPackage(name, version, "amd64", "/debs/" + name + ".deb", "sha-" + name,
                "Package: " + name + "\n", List.of(files), false, Optional.empty());
    }

    private static List<String> names(List<EnvironmentRecord> environments) {
        return environments.stream().map(EnvironmentRecord::name).collect(Collectors.toList());
    }

    /** A transaction that installed and replaced packages only, with no status or account records. */
    private void commit(long tx, List<NewPackage> installed) {
        commit(tx, installed, List.of());
    }

    /** The same, also removing the current packages named. */
    private void commit(long tx, List<NewPackage> installed, List<String> removed) {
        store.commitTransaction(tx, new TransactionChanges(installed, removed, List.of(), List.of()));
    }
}
