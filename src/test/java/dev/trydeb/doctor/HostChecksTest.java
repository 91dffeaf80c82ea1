package dev.trydeb.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trydeb.core.HostUser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostChecksTest {
    @TempDir
    Path root;

    private final FakeProbes probes = new FakeProbes();
    private final HostUser user = new HostUser("alice", 1000, 1000, Path.of("/home/alice"));

    private HostChecks checks() {
        return new HostChecks(root, user, probes);
    }

    private void write(String relative, String content) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    @Test
    void kernel_newEnough_ok() throws IOException {
        write("proc/sys/kernel/osrelease", "6.1.0-28-amd64\n");
        Finding f = checks().kernel();
        assertEquals(Finding.Status.OK, f.status());
        assertTrue(f.detail().startsWith("Linux 6.1.0-28-amd64"), f.detail());
    }

    @Test
    void kernel_5_11_ok() throws IOException {
        write("proc/sys/kernel/osrelease", "5.11.0\n");
        assertEquals(Finding.Status.OK, checks().kernel().status());
    }

    @Test
    void kernel_olderThan5_11_errorWithFix() throws IOException {
        write("proc/sys/kernel/osrelease", "5.10.0-21-amd64\n");
        Finding f = checks().kernel();
        assertEquals(Finding.Status.ERROR, f.status());
        assertTrue(f.detail().contains("5.11"), f.detail());
        assertTrue(f.fix().orElseThrow().contains("Linux 5.11 or newer"), f.fix().toString());
    }

    @Test
    void kernel_unreadable_warningNotError() {
        assertEquals(Finding.Status.WARNING, checks().kernel().status());
    }

    @Test
    void maxUserNamespaces_zero_errorWithSysctl() throws IOException {
        write("proc/sys/user/max_user_namespaces", "0\n");
        Finding f = checks().maxUserNamespaces();
        assertEquals(Finding.Status.ERROR, f.status());
        assertTrue(f.fix().orElseThrow().startsWith("sudo sysctl -w user.max_user_namespaces=15000"), f.fix().toString());
    }

    @Test
    void maxUserNamespaces_positiveOrAbsent_ok() throws IOException {
        assertEquals(Finding.Status.OK, checks().maxUserNamespaces().status());
        write("proc/sys/user/max_user_namespaces", "63446\n");
        assertEquals("user.max_user_namespaces = 63446", checks().maxUserNamespaces().detail());
    }

    @Test
    void unprivilegedUsernsClone_zero_errorWithSysctl() throws IOException {
        write("proc/sys/kernel/unprivileged_userns_clone", "0\n");
        Finding f = checks().unprivilegedUsernsClone();
        assertEquals(Finding.Status.ERROR, f.status());
        assertTrue(f.fix().orElseThrow().startsWith("sudo sysctl -w kernel.unprivileged_userns_clone=1"), f.fix().toString());
    }

    @Test
    void unprivilegedUsernsClone_oneOrAbsent_ok() throws IOException {
        assertEquals(Finding.Status.OK, checks().unprivilegedUsernsClone().status());
        write("proc/sys/kernel/unprivileged_userns_clone", "1\n");
        assertEquals(Finding.Status.OK, checks().unprivilegedUsernsClone().status());
    }

    private static final Path PACKAGED = Path.of(HostChecks.PACKAGED_HELPER);

    @Test
    void appArmor_noRestriction_ok() throws IOException {
        assertEquals(Finding.Status.OK, checks().appArmor(PACKAGED, Optional.of("refused")).status());
        write("proc/sys/kernel/apparmor_restrict_unprivileged_userns", "0\n");
        assertEquals(Finding.Status.OK, checks().appArmor(PACKAGED, Optional.of("refused")).status());
    }

    @Test
    void appArmor_restrictedWithoutProfile_errorInstallsTheProfile() throws IOException {
        write("proc/sys/kernel/apparmor_restrict_unprivileged_userns", "1\n");
        Finding f = checks().appArmor(PACKAGED, Optional.of("cannot create a user namespace: Permission denied"));
        assertEquals(Finding.Status.ERROR, f.status());
        assertEquals("sudo install -m 644 /usr/share/trydeb/apparmor/trydeb-sandbox /etc/apparmor.d/"
                + " && sudo apparmor_parser -r /etc/apparmor.d/trydeb-sandbox", f.fix().orElseThrow());
    }

    @Test
    void appArmor_restrictedProfileNotLoaded_errorLoadsIt() throws IOException {
        write("proc/sys/kernel/apparmor_restrict_unprivileged_userns", "1\n");
        write("etc/apparmor.d/trydeb-sandbox", "profile trydeb-sandbox {}\n");
        Finding f = checks().appArmor(PACKAGED, Optional.of("refused"));
        assertEquals(Finding.Status.ERROR, f.status());
        assertEquals("sudo apparmor_parser -r /etc/apparmor.d/trydeb-sandbox", f.fix().orElseThrow());
    }

    @Test
    void appArmor_restrictedButTheHelperWorks_ok() throws IOException {
        write("proc/sys/kernel/apparmor_restrict_unprivileged_userns", "1\n");
        write("etc/apparmor.d/trydeb-sandbox", "profile trydeb-sandbox {}\n");
        Finding f = checks().appArmor(PACKAGED, Optional.empty());
        assertEquals(Finding.Status.OK, f.status());
        assertTrue(f.detail().contains("allows the helper"), f.detail());
    }

    @Test
    void appArmor_restrictedAndAHelperElsewhere_errorNamesIt() throws IOException {
        write("proc/sys/kernel/apparmor_restrict_unprivileged_userns", "1\n");
        write("etc/apparmor.d/trydeb-sandbox", "profile trydeb-sandbox {}\n");
        Finding f = checks().appArmor(Path.of("/home/alice/trydeb/libexec/trydeb-sandbox"), Optional.of("refused"));
        assertEquals(Finding.Status.ERROR, f.status());
        assertTrue(f.detail().contains("/home/alice/trydeb/libexec/trydeb-sandbox"), f.detail());
    }

    @Test
    void sandbox_refused_errorWithTheHelpersMessage() {
        Finding f = checks().sandbox(PACKAGED, root, Optional.of("cannot create a user namespace: No space left on device"));
        assertEquals(Finding.Status.ERROR, f.status());
        assertTrue(f.detail().endsWith("cannot create a user namespace: No space left on device"), f.detail());
        assertEquals(Finding.Status.OK, checks().sandbox(PACKAGED, root, Optional.empty()).status());
    }

    @Test
    void store_withUserXattrs_ok() {
        Finding f = checks().store(root.resolve("data/trydeb"));
        assertEquals(Finding.Status.OK, f.status());
        assertTrue(f.detail().contains("not created yet"), f.detail());
    }

    @Test
    void store_withoutUserXattrs_errorMovesTheStore() {
        probes.xattr = Optional.of("nfs: Operation not supported");
        Finding f = checks().store(root.resolve("data/trydeb"));
        assertEquals(Finding.Status.ERROR, f.status());
        assertTrue(f.detail().contains(root + ": nfs: Operation not supported"), f.detail());
        assertTrue(f.fix().orElseThrow().startsWith("set XDG_DATA_HOME to a directory on a local ext4, xfs, btrfs or tmpfs"),
                f.fix().toString());
    }

    @Test
    void store_inADirectoryNotWritable_errorNotBlamingXattrs() throws IOException {
        Path locked = Files.createDirectory(root.resolve("locked"));
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("r-x------"));
        org.junit.jupiter.api.Assumptions.assumeFalse(Files.isWritable(locked), "root writes anywhere");
        Finding f = checks().store(locked.resolve("trydeb"));
        assertEquals(Finding.Status.ERROR, f.status());
        assertTrue(f.detail().endsWith(locked + " is not writable"), f.detail());
    }

    @Test
    void store_underAnOverlaidDirectory_error() {
        Finding f = checks().store(Path.of("/var/lib/alice/trydeb"));
        assertEquals(Finding.Status.ERROR, f.status());
        assertTrue(f.detail().contains("is under /var"), f.detail());
    }

    @Test
    void existingAncestor_isTheNearestDirectoryThatExists() throws IOException {
        Files.createDirectories(root.resolve("a"));
        assertEquals(root.resolve("a"), HostChecks.existingAncestor(root.resolve("a/b/c")));
        assertEquals(root.resolve("a"), HostChecks.existingAncestor(root.resolve("a")));
    }

    @Test
    void subordinateIds_rangesByNameOrUid_ok() throws IOException {
        write("etc/subuid", "bob:100000:65536\nalice:165536:65536\n");
        write("etc/subgid", "1000:165536:65536\n");
        Finding f = checks().subordinateIds();
        assertEquals(Finding.Status.OK, f.status());
        assertEquals("alice has subordinate uids 165536-231071 and gids 165536-231071", f.detail());
    }

    @Test
    void subordinateIds_none_warningWithAFreeRange() throws IOException {
        write("etc/subuid", "bob:100000:65536\ncarol:165536:65536\n");
        write("etc/subgid", "bob:100000:65536\n");
        Finding f = checks().subordinateIds();
        assertEquals(Finding.Status.WARNING, f.status());
        assertTrue(f.detail().contains("/etc/subuid and /etc/subgid"), f.detail());
        assertEquals("sudo usermod --add-subuids 231072-296607 --add-subgids 231072-296607 alice", f.fix().orElseThrow());
    }

    @Test
    void subordinateIds_tooSmallOrOnlyUids_warning() throws IOException {
        write("etc/subuid", "alice:100000:65536\n");
        write("etc/subgid", "alice:100000:1000\n");
        Finding f = checks().subordinateIds();
        assertEquals(Finding.Status.WARNING, f.status());
        assertTrue(f.detail().contains("in /etc/subgid:"), f.detail());
        // the too small range is in use: the suggested one lies past it
        assertEquals("sudo usermod --add-subuids 165536-231071 --add-subgids 165536-231071 alice", f.fix().orElseThrow());
    }

    @Test
    void subordinateIds_noFiles_warningFromTheFirstRange() {
        assertEquals("sudo usermod --add-subuids 100000-165535 --add-subgids 100000-165535 alice",
                checks().subordinateIds().fix().orElseThrow());
    }

    private void mapper(String name, String mode) throws IOException {
        write("usr/bin/" + name, "");
        Files.setPosixFilePermissions(root.resolve("usr/bin/" + name), PosixFilePermissions.fromString(mode));
    }

    @Test
    void idMappers_absent_warningInstallsUidmap() throws IOException {
        mapper("newgidmap", "rwxr-xr-x");
        Finding f = checks().idMappers(Optional.empty());
        assertEquals(Finding.Status.WARNING, f.status());
        assertTrue(f.detail().startsWith("newuidmap not installed"), f.detail());
        assertEquals("sudo apt install uidmap", f.fix().orElseThrow());
    }

    @Test
    void idMappers_neitherSetuidRootNorCapabilities_warningSetsTheBit() throws IOException {
        mapper("newuidmap", "rwxr-xr-x");
        mapper("newgidmap", "rwxr-xr-x");
        Finding f = checks().idMappers(Optional.empty());
        assertEquals(Finding.Status.WARNING, f.status());
        assertEquals("sudo chmod u+s /usr/bin/newuidmap /usr/bin/newgidmap", f.fix().orElseThrow());
    }

    @Test
    void idMappers_fileCapabilities_ok() throws IOException {
        mapper("newuidmap", "rwxr-xr-x");
        mapper("newgidmap", "rwxr-xr-x");
        probes.capabilities = true;
        assertEquals(Finding.Status.OK, checks().idMappers(Optional.empty()).status());
    }

    @Test
    void idMappers_presentButTheMappingFailed_warningWithTheMessage() throws IOException {
        mapper("newuidmap", "rwxr-xr-x");
        mapper("newgidmap", "rwxr-xr-x");
        probes.capabilities = true;
        Finding f = checks().idMappers(Optional.of(Optional.of("newuidmap: write to uid_map failed: Operation not permitted")));
        assertEquals(Finding.Status.WARNING, f.status());
        assertTrue(f.detail().endsWith("newuidmap: write to uid_map failed: Operation not permitted"), f.detail());
    }
}
