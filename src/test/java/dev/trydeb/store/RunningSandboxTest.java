package dev.trydeb.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class RunningSandboxTest {
    @Test
    void programName_shortComm_isTheComm() {
        assertEquals("yad", RunningSandbox.programName("yad", List.of("/usr/bin/yad", "--title=x")));
    }

    @Test
    void programName_cutCommOfABinary_isArgvZerosFileName() {
        assertEquals("gnome-calculator", RunningSandbox.programName("gnome-calculato",
                List.of("/usr/bin/gnome-calculator")));
    }

    @Test
    void programName_cutCommOfAScript_isTheScriptsFileName() {
        assertEquals("trydeb-itest-cli", RunningSandbox.programName("trydeb-itest-cl",
                List.of("/bin/sh", "/usr/bin/trydeb-itest-cli", "/home/u/go")));
    }

    @Test
    void programName_cutCommNotOnTheCommandLine_isTheComm() {
        assertEquals("a-renamed-threa", RunningSandbox.programName("a-renamed-threa", List.of("/usr/bin/prog")));
        assertEquals("fifteen-bytes-x", RunningSandbox.programName("fifteen-bytes-x", List.of()));
    }
}
