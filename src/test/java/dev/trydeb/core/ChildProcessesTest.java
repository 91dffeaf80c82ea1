package dev.trydeb.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InterruptedIOException;
import org.junit.jupiter.api.Test;

class ChildProcessesTest {
    // The JDK 17 messages (libjava's childproc) when its spawn helper does not report back.
    private static IOException spawnHelper(String how) {
        return new IOException("Cannot run program \"/usr/bin/xz\": error=0, Failed to exec spawn helper: pid: 4242, " + how);
    }

    @Test
    void stoppedBySignal_hangupInterruptTerminate_areInterruptions() {
        assertTrue(ChildProcesses.stoppedBySignal(spawnHelper("signal: 1")));
        assertTrue(ChildProcesses.stoppedBySignal(spawnHelper("signal: 2")));
        assertTrue(ChildProcesses.stoppedBySignal(spawnHelper("signal: 15")));
    }

    @Test
    void stoppedBySignal_otherFailures_areNot() {
        assertFalse(ChildProcesses.stoppedBySignal(spawnHelper("signal: 9")), "SIGKILL: trydeb was not asked to stop");
        assertFalse(ChildProcesses.stoppedBySignal(spawnHelper("signal: 11")));
        assertFalse(ChildProcesses.stoppedBySignal(spawnHelper("exit value: 1")));
        assertFalse(ChildProcesses.stoppedBySignal(new IOException("Cannot run program \"x\": error=2, No such file or directory")));
        assertFalse(ChildProcesses.stoppedBySignal(new IOException((String) null)));
    }

    @Test
    void start_missingProgram_isAnOrdinaryFailure() {
        IOException e = assertThrows(IOException.class,
                () -> ChildProcesses.start(new ProcessBuilder("/nonexistent/trydeb-test-program")));
        assertFalse(e instanceof InterruptedIOException, e.toString());
        assertFalse(ErrorText.isInterruption(e));
    }

    @Test
    void start_program_runs() throws Exception {
        assertEquals(3, ChildProcesses.start(new ProcessBuilder("/bin/sh", "-c", "exit 3")).waitFor());
    }
}
