package dev.trydeb.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HelperProbesTest {
    @TempDir
    Path dir;

    @Test
    void message_helperAndNewuidmapLines_oneLineWithoutPrefixesOrPointer() {
        String stderr = "newuidmap: write to uid_map failed: Operation not permitted\n"
                + "trydeb: sandbox setup failed: newuidmap/newgidmap could not map the subordinate ids 1/1 (+65536)"
                + " of /etc/subuid and /etc/subgid (run 'trydeb doctor' for details)\n";
        assertEquals("newuidmap: write to uid_map failed: Operation not permitted; newuidmap/newgidmap could not map"
                + " the subordinate ids 1/1 (+65536) of /etc/subuid and /etc/subgid", HelperProbes.message(stderr, 125));
    }

    @Test
    void message_nothingOnStderr_theStatus() {
        assertEquals("exit status 125", HelperProbes.message("\n", 125));
    }

    @Test
    void userXattr_onTheTestsFileSystem_worksAndLeavesNothing() throws Exception {
        // ext4 and tmpfs (since 6.6) keep user xattrs; the build's temporary directory is on one
        assertEquals(Optional.empty(), new HelperProbes(Path.of("/nonexistent")).userXattr(dir));
        try (var left = java.nio.file.Files.list(dir)) {
            assertEquals(0, left.count());
        }
    }
}
