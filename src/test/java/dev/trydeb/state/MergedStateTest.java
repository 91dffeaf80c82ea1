package dev.trydeb.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.trydeb.core.TrydebException;
import dev.trydeb.store.AccountRecord;
import dev.trydeb.store.StatusRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** MergedState against a fake host root in a temporary directory. */
class MergedStateTest {
    static final String HOST_STATUS = """
            Package: base-files
            Essential: yes
            Status: install ok installed
            Maintainer: Debian <debian@example.org>
            Priority: required
            Architecture: amd64
            Version: 12.4+deb12u5
            Conffiles:
             /etc/debian_version 0123456789abcdef0123456789abcdef
            Description: Debian base system miscellaneous files

            Package: libcap2
            Status: install ok installed
            Maintainer: Debian <debian@example.org>
            Architecture: amd64
            Multi-Arch: same
            Version: 1:2.66-4
            Description: POSIX 1003.1e capabilities (library)

            Package: jq
            Status: install ok installed
            Maintainer: Debian <debian@example.org>
            Architecture: amd64
            Version: 1.6-2.1+deb12u1
            Description: lightweight and flexible command-line JSON processor

            Package: oldconf
            Status: deinstall ok config-files
            Maintainer: Debian <debian@example.org>
            Architecture: amd64
            Version: 3.0
            Description: removed, its configuration kept

            """;
    static final String HOST_PASSWD = "root:x:0:0:root:/root:/bin/bash\nalice:x:1000:1000::/home/alice:/bin/bash\n";
    static final String HOST_GROUP = "root:x:0:\nadm:x:4:alice\nalice:x:1000:\n";

    @TempDir
    Path tmp;
    Path host;
    Path stateRoot;

    @BeforeEach
    void fakeHost() throws IOException {
        host = tmp.resolve("host");
        stateRoot = tmp.resolve("env/state");
        Files.createDirectories(host.resolve("var/lib/dpkg"));
        Files.createDirectories(host.resolve("etc"));
        Files.writeString(host.resolve(MergedState.STATUS), HOST_STATUS, StatusFile.CHARSET);
        Files.writeString(host.resolve("etc/passwd"), HOST_PASSWD);
        Files.writeString(host.resolve("etc/group"), HOST_GROUP);
    }

    static String stanza(String name, String arch, String version, String status) {
        return "Package: " + name + "\nStatus: " + status + "\nMaintainer: Debian <debian@example.org>"
                + "\nArchitecture: " + arch + "\nVersion: " + version
                + "\nDescription: " + name + " as the environment has it";
    }

    static StatusRecord installed(String name, String arch, String version) {
        return new StatusRecord(name, arch, Optional.of(stanza(name, arch, version, "install ok installed")));
    }

    static StatusRecord removed(String name, String arch) {
        return new StatusRecord(name, arch, Optional.empty());
    }

    private MergedState build(List<StatusRecord> status, List<AccountRecord> accounts) {
        return MergedState.build(host, status, accounts);
    }

    private MergedState build(StatusRecord... status) {
        return build(List.of(status), List.of());
    }

    private static List<String> keys(String status) {
        return new ArrayList<>(StatusFile.parse(status).keySet());
    }

    private static int mode(Path path) throws IOException {
        return (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 07777;
    }

    private static Set<String> tree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            return paths.filter(p -> !p.equals(root)).map(p -> root.relativize(p).toString())
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }

    // --- dpkg status ---

    @Test
    void build_noRecords_statusIsTheHostsByteForByte() {
        assertEquals(HOST_STATUS, build().status());
    }

    @Test
    void build_recordOfHostPackage_replacesItsStanzaInPlace() {
        StatusRecord jq = installed("jq", "amd64", "1.7.1-3");

        String status = build(jq).status();

        assertEquals(List.of("base-files:amd64", "libcap2:amd64", "jq:amd64", "oldconf:amd64"), keys(status));
        assertEquals(jq.stanza().get(), StatusFile.parse(status).get("jq:amd64"));
        assertFalse(status.contains("1.6-2.1+deb12u1"), "the host's jq stanza is gone");
    }

    @Test
    void build_recordOfNewPackage_isAddedAfterTheHostsStanzas() {
        StatusRecord cowsay = installed("cowsay", "all", "3.03+dfsg2-8");

        String status = build(cowsay).status();

        assertEquals(List.of("base-files:amd64", "libcap2:amd64", "jq:amd64", "oldconf:amd64", "cowsay:all"),
                keys(status));
        assertTrue(status.startsWith(HOST_STATUS), "the host's stanzas stay byte for byte");
        assertTrue(status.endsWith(cowsay.stanza().get() + "\n\n"));
    }

    @Test
    void build_emptyRecordOfHostPackage_removesItsStanza() {
        String status = build(removed("jq", "amd64")).status();

        assertEquals(List.of("base-files:amd64", "libcap2:amd64", "oldconf:amd64"), keys(status));
        assertFalse(status.contains("Package: jq"));
    }

    @Test
    void hostRemoved_theHostsInstalledPackagesTheEnvironmentRemoved() {
        MergedState state = build(removed("jq", "amd64"), removed("cowsay", "all"), installed("libcap2", "amd64", "1:2.66-5"));

        assertEquals(List.of(new MergedState.HostRemoved("jq", "1.6-2.1+deb12u1", "amd64")), state.hostRemoved());
        assertEquals(List.of(), build().hostRemoved());
    }

    @Test
    void build_emptyRecordOfPackageTheHostLacks_changesNothing() {
        assertEquals(HOST_STATUS, build(removed("cowsay", "all")).status());
    }

    @Test
    void build_multiArchSameRecordOfOtherArchitecture_leavesTheHostsInstanceAlone() {
        StatusRecord plain = installed("libcap2", "i386", "1:2.66-4");
        StatusRecord i386 = new StatusRecord("libcap2", "i386",
                Optional.of(plain.stanza().get() + "\nMulti-Arch: same"));

        Map<String, String> status = StatusFile.parse(build(i386).status());

        assertTrue(status.get("libcap2:amd64").contains("Version: 1:2.66-4"));
        assertEquals(i386.stanza().get(), status.get("libcap2:i386"));
    }

    @Test
    void build_recordOfOtherArchitectureNotMultiArchSame_replacesTheHostsInstance() {
        Map<String, String> status = StatusFile.parse(build(installed("libcap2", "i386", "1:2.66-4")).status());

        assertFalse(status.containsKey("libcap2:amd64"));
        assertTrue(status.containsKey("libcap2:i386"));
    }

    @Test
    void build_installedThenRemovedByLaterTransaction_isAbsent() {
        String status = build(installed("cowsay", "all", "3.03"), removed("cowsay", "all")).status();

        assertFalse(status.contains("cowsay"));
    }

    @Test
    void build_removedThenReinstalledByLaterTransaction_isTheNewestStanza() {
        StatusRecord again = installed("jq", "amd64", "1.7.1-3");

        Map<String, String> status = StatusFile.parse(build(removed("jq", "amd64"), installed("jq", "amd64", "1.7"),
                again).status());

        assertEquals(again.stanza().get(), status.get("jq:amd64"));
    }

    @Test
    void build_severalRecords_replaceAddAndRemoveTogether() {
        StatusRecord jq = installed("jq", "amd64", "1.7.1-3");
        StatusRecord cowsay = installed("cowsay", "all", "3.03+dfsg2-8");

        String status = build(jq, removed("oldconf", "amd64"), cowsay).status();

        assertEquals(List.of("base-files:amd64", "libcap2:amd64", "jq:amd64", "cowsay:all"), keys(status));
    }

    @Test
    void build_noHostFiles_isTheEnvironmentsAlone() throws IOException {
        Path empty = Files.createDirectories(tmp.resolve("empty-host"));
        StatusRecord cowsay = installed("cowsay", "all", "3.03");
        AccountRecord user = new AccountRecord("passwd", "bob", "bob:x:1001:1001::/home/bob:/bin/sh");

        MergedState state = MergedState.build(empty, List.of(cowsay), List.of(user));

        assertEquals(cowsay.stanza().get() + "\n\n", state.status());
        assertEquals(user.line() + "\n", state.accounts("passwd"));
        assertEquals("", state.accounts("group"));
        assertEquals(Map.of(), state.hostStatus());
    }

    @Test
    void hostStatus_isTheHostsStanzasWhateverTheRecords() {
        MergedState state = build(installed("jq", "amd64", "1.7.1-3"), removed("base-files", "amd64"));

        assertEquals(StatusFile.parse(HOST_STATUS), state.hostStatus());
        assertThrows(UnsupportedOperationException.class, () -> state.hostStatus().clear());
    }

    // --- packages the host now has newer ---

    @Test
    void hostNewer_hostUpgradedPastTheEnvironmentsVersion_isReported() {
        MergedState state = build(installed("jq", "amd64", "1.6-2.1"));

        assertEquals(List.of(new MergedState.HostNewer("jq", "1.6-2.1", "1.6-2.1+deb12u1")), state.hostNewer());
    }

    @Test
    void hostNewer_hostHasHigherEpoch_isReportedThoughUpstreamIsLower() {
        MergedState state = build(installed("libcap2", "amd64", "2.70-1"));

        assertEquals(List.of(new MergedState.HostNewer("libcap2", "2.70-1", "1:2.66-4")), state.hostNewer());
    }

    @Test
    void hostNewer_environmentHasHigherEpoch_isNotReported() {
        assertEquals(List.of(), build(installed("jq", "amd64", "1:1.5-1")).hostNewer());
    }

    @Test
    void hostNewer_environmentNewerOrEqual_isNotReported() {
        assertEquals(List.of(), build(installed("jq", "amd64", "1.7.1-3")).hostNewer());
        assertEquals(List.of(), build(installed("jq", "amd64", "1.6-2.1+deb12u1")).hostNewer());
        assertEquals(List.of(), build(installed("libcap2", "amd64", "1:2.66-4+b1")).hostNewer());
        assertEquals(List.of(), build(installed("libcap2", "amd64", "1:2.66-4")).hostNewer());
    }

    @Test
    void hostNewer_tildeVersion_sortsBeforeTheRelease() {
        assertEquals(List.of(new MergedState.HostNewer("jq", "1.6-2.1+deb12u1~1", "1.6-2.1+deb12u1")),
                build(installed("jq", "amd64", "1.6-2.1+deb12u1~1")).hostNewer());
    }

    @Test
    void hostNewer_hostOnlyHasConfigFiles_isNotReported() {
        assertEquals(List.of(), build(installed("oldconf", "amd64", "1.0")).hostNewer());
    }

    @Test
    void hostNewer_environmentStanzaNotInstalled_isNotReported() {
        StatusRecord configFiles = new StatusRecord("jq", "amd64",
                Optional.of(stanza("jq", "amd64", "1.0", "deinstall ok config-files")));

        assertEquals(List.of(), build(configFiles).hostNewer());
    }

    @Test
    void hostNewer_packageTheHostLacksOrRemovedRecord_isNotReported() {
        assertEquals(List.of(), build(installed("cowsay", "all", "1"), removed("jq", "amd64")).hostNewer());
    }

    @Test
    void hostNewer_unparsableVersion_isNotReportedAndDoesNotFail() {
        assertEquals(List.of(), build(installed("jq", "amd64", "not a version!")).hostNewer());
    }

    @Test
    void hostNewer_severalPackages_inRecordOrder() {
        MergedState state = build(installed("libcap2", "amd64", "1:2.66-3"), installed("cowsay", "all", "1"),
                installed("base-files", "amd64", "12.4"));

        assertEquals(List.of("libcap2", "base-files"),
                state.hostNewer().stream().map(MergedState.HostNewer::packageName).toList());
    }

    private record DpkgQuery(int status, String output) {}

    /** The host's dpkg-query over an admin directory holding this status: name, arch and version of each package. */
    private DpkgQuery dpkgQuery(String status) throws IOException, InterruptedException {
        Path admin = Files.createDirectories(tmp.resolve("admin"));
        Files.createDirectories(admin.resolve("info"));
        Files.writeString(admin.resolve("status"), status, StatusFile.CHARSET);
        Process query = new ProcessBuilder("dpkg-query", "--admindir=" + admin, "-W",
                "-f", "${Package}:${Architecture}=${Version} ${db:Status-Abbrev}\n")
                .redirectErrorStream(true).start();
        String output = new String(query.getInputStream().readAllBytes(), StatusFile.CHARSET);
        return new DpkgQuery(query.waitFor(), output);
    }

    @Test
    void build_replacedAddedAndRemovedStanzas_statusIsReadByTheHostsDpkg() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/dpkg-query")), "needs dpkg-query");
        StatusRecord foreign = new StatusRecord("libcap2", "i386",
                Optional.of(stanza("libcap2", "i386", "1:2.66-4", "install ok installed") + "\nMulti-Arch: same"));
        MergedState state = build(installed("jq", "amd64", "1.7.1-3"), installed("cowsay", "all", "3.03+dfsg2-8"),
                removed("oldconf", "amd64"), foreign);

        DpkgQuery query = dpkgQuery(state.status());

        assertEquals(0, query.status(), query.output());
        assertEquals(Set.of("base-files:amd64=12.4+deb12u5 ii ", "libcap2:amd64=1:2.66-4 ii ",
                "libcap2:i386=1:2.66-4 ii ", "jq:amd64=1.7.1-3 ii ", "cowsay:all=3.03+dfsg2-8 ii "),
                Set.of(query.output().split("\n")));
    }

    @Test
    void build_environmentArchAllPackageHostNowHasAsAmd64_statusHasOneInstanceOfIt() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/dpkg-query")), "needs dpkg-query");
        // The environment installed its own jq built as Architecture: all; the host later has jq:amd64.
        MergedState state = build(installed("jq", "all", "1.5-1"));

        DpkgQuery query = dpkgQuery(state.status());
        assertEquals(0, query.status(), "dpkg-query reads the merged status: " + query.output());
        long instances = StatusFile.parse(state.status()).values().stream()
                .filter(s -> StatusFile.field(s, "Package").orElse("").equals("jq") && StatusFile.isInstalled(s))
                .count();
        assertEquals(1, instances, "dpkg cannot read a status with jq:all and jq:amd64 both installed");
    }

    // --- account files ---

    @Test
    void accounts_recordsMergedOverTheHostsFiles() {
        List<AccountRecord> accounts = List.of(
                new AccountRecord("passwd", "postgres", "postgres:x:107:113::/var/lib/postgresql:/bin/bash"),
                new AccountRecord("passwd", "alice", "alice:x:1000:1000::/home/alice:/bin/zsh"),
                new AccountRecord("group", "postgres", "postgres:x:113:"),
                new AccountRecord("group", "adm", "adm:x:4:alice,postgres"));

        MergedState state = build(List.of(), accounts);

        assertEquals(HOST_PASSWD + "postgres:x:107:113::/var/lib/postgresql:/bin/bash\n", state.accounts("passwd"));
        assertEquals("root:x:0:\nadm:x:4:alice,postgres\nalice:x:1000:\npostgres:x:113:\n", state.accounts("group"));
    }

    @Test
    void accounts_laterRecordOfSameAccount_wins() {
        List<AccountRecord> accounts = List.of(
                new AccountRecord("passwd", "bob", "bob:x:1001:1001::/home/bob:/bin/sh"),
                new AccountRecord("passwd", "bob", "bob:x:1001:1001::/home/bob:/bin/bash"));

        assertTrue(build(List.of(), accounts).accounts("passwd").endsWith("bob:x:1001:1001::/home/bob:/bin/bash\n"));
    }

    // --- materialize ---

    @Test
    void materialize_writesEveryFileOfTheLayer() throws IOException {
        Path dir = build(installed("cowsay", "all", "3.03")).materialize(stateRoot);

        assertEquals(stateRoot, dir.getParent());
        assertEquals(new TreeSet<>(List.of("etc", "etc/group", "etc/group-", "etc/gshadow", "etc/gshadow-",
                "etc/passwd", "etc/passwd-", "etc/shadow", "etc/shadow-", "usr", "usr/sbin", "usr/sbin/policy-rc.d",
                "var", "var/lib", "var/lib/dpkg", "var/lib/dpkg/status")), tree(dir));
    }

    @Test
    void materialize_fileContents_areTheMergedState() throws IOException {
        AccountRecord bob = new AccountRecord("passwd", "bob", "bob:x:1001:1001::/home/bob:/bin/sh");
        AccountRecord staff = new AccountRecord("group", "adm", "adm:x:4:bob");
        MergedState state = build(List.of(installed("cowsay", "all", "3.03")), List.of(bob, staff));

        Path dir = state.materialize(stateRoot);

        assertEquals(state.status(), Files.readString(dir.resolve(MergedState.STATUS), StatusFile.CHARSET));
        assertEquals(state.accounts("passwd"), Files.readString(dir.resolve("etc/passwd")));
        assertEquals(state.accounts("passwd"), Files.readString(dir.resolve("etc/passwd-")));
        assertEquals(state.accounts("group"), Files.readString(dir.resolve("etc/group")));
        assertEquals(state.accounts("group"), Files.readString(dir.resolve("etc/group-")));
        String shadow = "root:*:19000:0:99999:7:::\nalice:*:19000:0:99999:7:::\nbob:*:19000:0:99999:7:::\n";
        assertEquals(shadow, Files.readString(dir.resolve("etc/shadow")));
        assertEquals(shadow, Files.readString(dir.resolve("etc/shadow-")));
        String gshadow = "root:*::\nadm:*::alice,bob\nalice:*::\n";
        assertEquals(gshadow, Files.readString(dir.resolve("etc/gshadow")));
        assertEquals(gshadow, Files.readString(dir.resolve("etc/gshadow-")));
    }

    @Test
    void materialize_fileAndDirectoryModes_areTheHostsUsualOnes() throws IOException {
        Path dir = build().materialize(stateRoot);

        for (String file : List.of("var/lib/dpkg/status", "etc/passwd", "etc/passwd-", "etc/group", "etc/group-")) {
            assertEquals(0644, mode(dir.resolve(file)), file);
        }
        for (String file : List.of("etc/shadow", "etc/shadow-", "etc/gshadow", "etc/gshadow-")) {
            assertEquals(0640, mode(dir.resolve(file)), file);
        }
        assertEquals(0755, mode(dir.resolve(MergedState.POLICY_RC_D)));
        for (String sub : List.of("", "etc", "usr", "usr/sbin", "var", "var/lib", "var/lib/dpkg")) {
            assertEquals(0755, mode(dir.resolve(sub)), "directory '" + sub + "'");
        }
    }

    @Test
    void materialize_underRestrictiveUmask_stillGivesTheHostsModes() throws Exception {
        Path dir = MaterializeProcess.runWithUmask("077", host, stateRoot);

        assertEquals(0700, mode(stateRoot), "the child ran under umask 077");
        assertEquals(0644, mode(dir.resolve(MergedState.STATUS)));
        assertEquals(0644, mode(dir.resolve("etc/passwd")));
        assertEquals(0640, mode(dir.resolve("etc/shadow")));
        assertEquals(0755, mode(dir.resolve(MergedState.POLICY_RC_D)));
        for (String sub : List.of("", "etc", "usr", "usr/sbin", "var", "var/lib", "var/lib/dpkg")) {
            assertEquals(0755, mode(dir.resolve(sub)), "directory '" + sub + "'");
        }
    }

    @Test
    void materialize_policyRcD_refusesEveryServiceWithStatus101() throws Exception {
        Path policy = build().materialize(stateRoot).resolve(MergedState.POLICY_RC_D);

        Process process = new ProcessBuilder(policy.toString(), "cron", "start").redirectErrorStream(true).start();

        assertEquals(101, process.waitFor());
        assertTrue(Files.readString(policy).startsWith("#!/bin/sh\n"));
    }

    @Test
    void materialize_sameContentTwice_isTheSameDirectory() {
        Path first = build(installed("cowsay", "all", "3.03")).materialize(stateRoot);
        Path second = build(installed("cowsay", "all", "3.03")).materialize(stateRoot);

        assertEquals(first, second);
    }

    @Test
    void materialize_existingDirectory_isReusedUntouched() throws IOException {
        Path first = build().materialize(stateRoot);
        Path marker = Files.writeString(first.resolve("marker"), "left by an earlier sandbox");
        FileTime statusTime = FileTime.fromMillis(0);
        Files.setLastModifiedTime(first.resolve(MergedState.STATUS), statusTime);

        Path again = build().materialize(stateRoot);

        assertEquals(first, again);
        assertTrue(Files.exists(marker));
        assertEquals(statusTime, Files.getLastModifiedTime(again.resolve(MergedState.STATUS)));
    }

    @Test
    void materialize_differentStatus_isAnotherDirectory() {
        Path first = build(installed("cowsay", "all", "3.03")).materialize(stateRoot);
        Path second = build(installed("cowsay", "all", "3.04")).materialize(stateRoot);

        assertNotEquals(first, second);
        assertTrue(Files.isDirectory(first), "an earlier state stays for sandboxes still running on it");
        assertTrue(Files.isDirectory(second));
    }

    @Test
    void materialize_differentAccounts_isAnotherDirectory() {
        Path first = build().materialize(stateRoot);
        Path second = build(List.of(), List.of(new AccountRecord("group", "adm", "adm:x:4:bob"))).materialize(stateRoot);

        assertNotEquals(first, second);
    }

    @Test
    void materialize_hostChangedBetweenStarts_isAnotherDirectory() throws IOException {
        Path first = build().materialize(stateRoot);
        Files.writeString(host.resolve("etc/passwd"), HOST_PASSWD + "carol:x:1002:1002::/home/carol:/bin/sh\n");

        Path second = build().materialize(stateRoot);

        assertNotEquals(first, second);
        assertTrue(Files.readString(second.resolve("etc/passwd")).contains("carol"));
        assertFalse(Files.readString(first.resolve("etc/passwd")).contains("carol"));
    }

    @Test
    void withRecords_sameHost_isTheStateABuildWithThoseRecordsMakes() {
        StatusRecord cowsay = installed("cowsay", "all", "3.03+dfsg2-8");
        AccountRecord daemon = new AccountRecord("passwd", "cowd", "cowd:x:999:999::/nonexistent:/usr/sbin/nologin");

        MergedState again = build(removed("jq", "amd64")).withRecords(List.of(cowsay), List.of(daemon));

        MergedState fresh = build(List.of(cowsay), List.of(daemon));
        assertEquals(fresh.status(), again.status());
        assertEquals(fresh.accounts("passwd"), again.accounts("passwd"));
        assertEquals(fresh.materialize(stateRoot), again.materialize(stateRoot));
    }

    @Test
    void withRecords_hostChangedSinceTheBuild_keepsTheHostFilesItWasBuiltOver() throws IOException {
        MergedState before = build();
        Files.writeString(host.resolve("etc/passwd"), HOST_PASSWD + "carol:x:1002:1002::/home/carol:/bin/sh\n");
        Files.writeString(host.resolve(MergedState.STATUS), "");

        MergedState after = before.withRecords(List.of(), List.of());

        assertEquals(HOST_STATUS, after.status());
        assertFalse(after.accounts("passwd").contains("carol"));
    }

    @Test
    void statusStanzas_areTheMergedStatusParsed() {
        MergedState state = build(installed("cowsay", "all", "3.03+dfsg2-8"), removed("jq", "amd64"));
        assertEquals(StatusFile.parse(state.status()), state.statusStanzas());
    }

    @Test
    void materialize_leavesNoTemporaryDirectories() throws IOException {
        build().materialize(stateRoot);
        build(installed("cowsay", "all", "1")).materialize(stateRoot);
        build().materialize(stateRoot);

        try (Stream<Path> entries = Files.list(stateRoot)) {
            List<String> names = entries.map(p -> p.getFileName().toString()).toList();
            assertEquals(2, names.size(), names.toString());
            assertTrue(names.stream().allMatch(n -> n.matches("[0-9a-f]{16}")), names.toString());
        }
    }

    @Test
    void materialize_concurrentWritersOfTheSameState_allGetTheSameDirectory() throws Exception {
        MergedState state = build(installed("cowsay", "all", "3.03"));
        int writers = 8;
        for (int round = 0; round < 20; round++) {
            Path root = tmp.resolve("race-" + round);
            CyclicBarrier start = new CyclicBarrier(writers);
            ExecutorService pool = Executors.newFixedThreadPool(writers);
            try {
                List<Future<Path>> results = new ArrayList<>();
                for (int i = 0; i < writers; i++) {
                    results.add(pool.submit(() -> {
                        start.await();
                        return state.materialize(root);
                    }));
                }
                Set<Path> dirs = new HashSet<>();
                for (Future<Path> result : results) {
                    dirs.add(result.get());
                }
                assertEquals(1, dirs.size(), dirs.toString());
                try (Stream<Path> entries = Files.list(root)) {
                    assertEquals(List.copyOf(dirs), entries.toList(), "no temporary directory is left");
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void materialize_stateRootIsAFile_throwsTrydebException() throws IOException {
        Path file = Files.writeString(tmp.resolve("not-a-dir"), "x");

        assertThrows(TrydebException.class, () -> build().materialize(file));
    }

    // --- prune ---

    @Test
    void prune_keepsOnlyTheGivenDirectory() throws IOException {
        Path old = build().materialize(stateRoot);
        Path older = build(installed("cowsay", "all", "1")).materialize(stateRoot);
        Path leftover = Files.createDirectories(stateRoot.resolve(".new-abandoned/etc"));
        Files.writeString(leftover.resolve("passwd"), "x");
        Path keep = build(installed("cowsay", "all", "2")).materialize(stateRoot);

        MergedState.prune(stateRoot, keep);

        assertFalse(Files.exists(old));
        assertFalse(Files.exists(older));
        assertFalse(Files.exists(stateRoot.resolve(".new-abandoned")));
        assertEquals(tree(build(installed("cowsay", "all", "2")).materialize(tmp.resolve("fresh"))), tree(keep));
        try (Stream<Path> entries = Files.list(stateRoot)) {
            assertEquals(List.of(keep), entries.toList());
        }
    }

    @Test
    void prune_keepIsTheRoot_deletesEveryStateDirectory() throws IOException {
        build().materialize(stateRoot);
        build(installed("cowsay", "all", "1")).materialize(stateRoot);

        MergedState.prune(stateRoot, stateRoot);

        assertTrue(Files.isDirectory(stateRoot));
        try (Stream<Path> entries = Files.list(stateRoot)) {
            assertEquals(0, entries.count());
        }
    }

    @Test
    void prune_noStateRoot_doesNothing() {
        MergedState.prune(tmp.resolve("missing"), tmp.resolve("missing/x"));

        assertFalse(Files.exists(tmp.resolve("missing")));
    }

    @Test
    void prune_symlinkInStateRoot_removesTheLinkNotItsTarget() throws IOException {
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Path precious = Files.writeString(outside.resolve("precious"), "keep me");
        Path keep = build().materialize(stateRoot);
        Files.createSymbolicLink(stateRoot.resolve("link"), outside);

        MergedState.prune(stateRoot, keep);

        assertTrue(Files.exists(precious));
        assertFalse(Files.exists(stateRoot.resolve("link"), LinkOption.NOFOLLOW_LINKS));
        assertTrue(Files.isDirectory(keep));
    }
}
