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
        layer = stack.upper(0);
    }

    private Change only(List<Change> changes) {
        assertEquals(1, changes.size(), changes::toString);
        return changes.get(0);
    }

    @Test
    void diff_passwdGainsUidZeroAccount_namesTheSecondRootAccount() throws IOException {
        stack.file(layer, "etc/passwd", HOST_PASSWD + "toor:x:0:0::/root:/bin/sh\n", 0644);

        Change change = only(stack.diff(stack.install(layer, 4, EVIL)));

        assertEquals(Optional.of("a second root account: toor; users or groups changed"), change.suspicious());
    }

    @Test
    void diff_passwdGainsOrdinaryAccount_onlyUsersChanged() throws IOException {
        stack.file(layer, "etc/passwd", HOST_PASSWD + "evil:x:999:999::/nonexistent:/usr/sbin/nologin\n", 0644);

        Change change = only(stack.diff(stack.install(layer, 4, EVIL)));

        assertEquals(Optional.of("users or groups changed"), change.suspicious());
    }

    @Test
    void diff_existingAccountMadeUidZero_named() throws IOException {
        stack.file(layer, "etc/passwd", HOST_PASSWD.replace("daemon:x:1:1", "daemon:x:00:1"), 0644);

        Change change = only(stack.diff(stack.install(layer, 4, EVIL)));

        assertEquals(Optional.of("a second root account: daemon; users or groups changed"), change.suspicious());
    }

    @Test
    void diff_groupGainsGidZeroGroup_namesTheSecondRootGroup() throws IOException {
        stack.file(layer, "etc/group", HOST_GROUP + "wheel2:x:0:\n", 0644);

        Change change = only(stack.diff(stack.install(layer, 4, EVIL)));

        assertEquals(Optional.of("a second root group: wheel2; users or groups changed"), change.suspicious());
    }
}
