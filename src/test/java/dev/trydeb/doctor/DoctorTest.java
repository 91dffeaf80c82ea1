package dev.trydeb.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trydeb.core.HostUser;
import dev.trydeb.sandbox.UidMapping;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DoctorTest {
    @TempDir
    Path root;

    private final FakeProbes probes = new FakeProbes();
    private final HostUser user = new HostUser("alice", 1000, 1000, Path.of("/home/alice"));
    private Path helper;

    private void write(String relative, String content) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    @BeforeEach
    void aWorkingHost() throws IOException {
        write("proc/sys/kernel/osrelease", "6.1.0\n");
        write("proc/sys/user/max_user_namespaces", "1000\n");
        write("etc/subuid", "alice:100000:65536\n");
        write("etc/subgid", "alice:100000:65536\n");
        helper = root.resolve("libexec/trydeb-sandbox");
        for (String file : List.of("usr/bin/newuidmap", "usr/bin/newgidmap", "libexec/trydeb-sandbox")) {
            write(file, "");
            Files.setPosixFilePermissions(root.resolve(file), PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        probes.capabilities = true;
    }

    private Doctor.Report examine() {
        return Doctor.examine(root, user, Map.of(), root.resolve("data/trydeb"), helper, probes);
    }

    private static Finding named(Doctor.Report report, String check) {
        return report.findings().stream().filter(f -> f.check().equals(check)).findFirst().orElseThrow();
    }

    @Test
    void examine_workingHost_usableAndEveryCheckOk() {
        Doctor.Report report = examine();
        assertTrue(report.usable());
        report.findings().forEach(f -> assertEquals(Finding.Status.OK, f.status(), f.toString()));
        // one sandbox as the user, one with the subordinate ids
        assertEquals(List.of(new UidMapping.CurrentUser(), new UidMapping.Full(100000, 100000, 65536)), probes.sandboxes);
    }

    @Test
    void examine_noSubordinateIds_usableWithAWarningAndNoMappingTried() throws IOException {
        write("etc/subuid", "");
        Doctor.Report report = examine();
        assertTrue(report.usable());
        assertEquals(Finding.Status.WARNING, named(report, "subordinate-ids").status());
        assertEquals(List.of(new UidMapping.CurrentUser()), probes.sandboxes);
    }

    @Test
    void examine_namespacesRefused_notUsable() throws IOException {
        write("proc/sys/kernel/unprivileged_userns_clone", "0\n");
        probes.sandbox = Optional.of("cannot create a user namespace: Operation not permitted");
        Doctor.Report report = examine();
        assertFalse(report.usable());
        assertEquals(Finding.Status.ERROR, named(report, "unprivileged-userns-clone").status());
        assertEquals(Finding.Status.ERROR, named(report, "sandbox").status());
        assertEquals(List.of(new UidMapping.CurrentUser()), probes.sandboxes, "no mapping tried without namespaces");
    }

    @Test
    void examine_storeWithoutXattrs_notUsable() {
        probes.xattr = Optional.of("Operation not supported");
        Doctor.Report report = examine();
        assertFalse(report.usable());
        assertEquals(Finding.Status.ERROR, named(report, "store").status());
    }

    @Test
    void examine_helperMissing_notUsableAndNothingStarted() throws IOException {
        Files.delete(helper);
        Doctor.Report report = examine();
        assertFalse(report.usable());
        assertEquals("reinstall trydeb", named(report, "sandbox").fix().orElseThrow());
        assertEquals(List.of(), probes.sandboxes);
    }
}
