package dev.trydeb.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Suspicious reasons the engine finds in what a changed file holds, not only in its path and mode. */
class SuspiciousContentTest {
    static final PackageFiles EVIL = new PackageFiles("evil", "1.0", Set.of("/usr/bin/evil"));
    static final String HOST_PASSWD = "root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1::/usr/sbin:/usr/sbin/nologin\n";
    static final String HOST_GROUP = "root:x:0:\ndaemon:x:1:\n";

    @TempDir
    Path tmp;
    FakeStack stack;
    Path layer;

    @BeforeEach
    void fixture() throws IOException {
        stack = new FakeStack(tmp);
        stack.file(stack.host, "etc/passwd", HOST_PASSWD, 0644);
        stack.file(stack.host, "etc/group", HOST_GROUP, 0644);
        stack.dir(stack.host, "usr/bin", 0755);
        layer = stack.upper(0);
    }

    @Test
    void diff_passwdGainsUidZeroAccount_namesTheSecondRootAccount() throws IOException {
        stack.file(layer, "etc/passwd", HOST_PASSWD + "toor:x:0:0::/root:/bin/sh\n", 0644);

        Change change = FakeStack.only(stack.diff(stack.install(layer, 4, EVIL)));

        assertEquals(Optional.of("a second root account: toor; users or groups changed"), change.suspicious());
    }

    @Test
    void diff_passwdGainsOrdinaryAccount_onlyUsersChanged() throws IOException {
        stack.file(layer, "etc/passwd", HOST_PASSWD + "evil:x:999:999::/nonexistent:/usr/sbin/nologin\n", 0644);

        Change change = FakeStack.only(stack.diff(stack.install(layer, 4, EVIL)));

        assertEquals(Optional.of("users or groups changed"), change.suspicious());
    }

    @Test
    void diff_existingAccountMadeUidZero_named() throws IOException {
        stack.file(layer, "etc/passwd", HOST_PASSWD.replace("daemon:x:1:1", "daemon:x:00:1"), 0644);

        Change change = FakeStack.only(stack.diff(stack.install(layer, 4, EVIL)));

        assertEquals(Optional.of("a second root account: daemon; users or groups changed"), change.suspicious());
    }

    @Test
    void diff_groupGainsGidZeroGroup_namesTheSecondRootGroup() throws IOException {
        stack.file(layer, "etc/group", HOST_GROUP + "wheel2:x:0:\n", 0644);

        Change change = FakeStack.only(stack.diff(stack.install(layer, 4, EVIL)));

        assertEquals(Optional.of("a second root group: wheel2; users or groups changed"), change.suspicious());
    }

    @Test
    void diff_capabilitiesSetOnHostFile_metadataWithCapabilities() throws IOException {
        stack.file(stack.host, "usr/bin/tool", "ELF\n", 0755);
        FakeStack.setcap(stack.file(layer, "usr/bin/tool", "ELF\n", 0755), "cap_net_raw+ep");

        Change change = FakeStack.only(stack.diff(stack.install(layer, 4, EVIL)));

        assertEquals(ChangeKind.METADATA_ONLY, change.kind());
        assertEquals(Optional.of("file capabilities: cap_net_raw+ep"), change.suspicious());
    }

    @Test
    void diff_addedFileWithCapabilities_flagged() throws IOException {
        FakeStack.setcap(stack.file(layer, "usr/bin/evil", "ELF\n", 0755), "cap_net_admin,cap_net_raw+ip cap_sys_admin+p");

        Change change = FakeStack.only(stack.diff(stack.install(layer, 4, EVIL)));

        assertEquals(ChangeKind.ADDED, change.kind());
        assertEquals(Optional.of("file capabilities: cap_net_admin,cap_net_raw+ip cap_sys_admin+p"),
                change.suspicious());
    }

    @Test
    void diff_hostFileWithCapabilitiesCopiedUpUnchanged_noLine() throws IOException {
        FakeStack.setcap(stack.file(stack.host, "usr/bin/ping", "ELF\n", 0755), "cap_net_raw+ep");
        FakeStack.setcap(stack.file(layer, "usr/bin/ping", "ELF\n", 0755), "cap_net_raw+ep");

        assertEquals(List.of(), stack.diff(stack.install(layer, 4, EVIL)));
    }
}
