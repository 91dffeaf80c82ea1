package dev.trydeb.env;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PhaseTimesTest {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    @Test
    void reportsEachPhaseSinceTheLastOneEndedWhenTheVariableIsSet() throws InterruptedException {
        PhaseTimes times = PhaseTimes.from(Map.of("TRYDEB_TIMINGS", "1"), err);
        Thread.sleep(50);
        times.finished("plan");
        times.finished("sandbox");

        String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals(2, lines.length);
        assertTrue(lines[0].matches("trydeb: timing: plan [0-9]+ ms"), lines[0]);
        assertTrue(millis(lines[0]) >= 50, lines[0]);
        assertTrue(lines[1].matches("trydeb: timing: sandbox [0-9]+ ms"), lines[1]);
        assertTrue(millis(lines[1]) < millis(lines[0]), "the second phase starts when the first ends: " + lines[1]);
    }

    @Test
    void saysNothingWithoutTheVariable() {
        PhaseTimes times = PhaseTimes.from(Map.of("TRYDEB_TIMING", "1"), err);
        times.finished("plan");

        assertEquals("", bytes.toString(StandardCharsets.UTF_8));
    }

    private static long millis(String line) {
        String[] words = line.split(" ");
        return Long.parseLong(words[words.length - 2]);
    }
}
