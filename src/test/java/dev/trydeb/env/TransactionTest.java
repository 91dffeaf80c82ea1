package dev.trydeb.env;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.trydeb.core.TrydebException;
import java.io.PrintStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TransactionTest {
    private final List<String> drops = new ArrayList<>();

    private static Cancellation cancellation() {
        return Cancellation.watch("e", null, new PrintStream(OutputStream.nullOutputStream()));
    }

    @Test
    void run_bodyFails_droppedAsFailedWithTheBodysMessage() {
        try (Cancellation cancellation = cancellation()) {
            Transaction tx = new Transaction(cancellation, (outcome, error) -> drops.add(outcome + ": " + error));

            TrydebException e = assertThrows(TrydebException.class, () -> tx.run(() -> {
                throw TrydebException.failure("dpkg failed (exit status 1)");
            }));

            assertEquals("dpkg failed (exit status 1)", e.getMessage());
            assertEquals(List.of("failed: dpkg failed (exit status 1)"), drops);
        }
    }

    @Test
    void run_bodyFailsAndTheDropFailsToo_theUserSeesTheBodysErrorWithTheDropsAttached() {
        TrydebException dpkg = TrydebException.failure("dpkg failed (exit status 1)");
        RuntimeException removal = new IllegalStateException("could not remove the layer");
        try (Cancellation cancellation = cancellation()) {
            Transaction tx = new Transaction(cancellation, (outcome, error) -> {
                throw removal;
            });

            TrydebException e = assertThrows(TrydebException.class, () -> tx.run(() -> {
                throw dpkg;
            }));

            assertSame(dpkg, e);
            assertEquals(List.of(removal), List.of(e.getSuppressed()));
        }
    }

    @Test
    void run_failureAfterTheCommit_nothingDropped() {
        try (Cancellation cancellation = cancellation()) {
            Transaction tx = new Transaction(cancellation, (outcome, error) -> drops.add(outcome));

            assertThrows(TrydebException.class, () -> tx.run(() -> {
                tx.commit(() -> { });
                throw TrydebException.failure("could not refresh the state layer");
            }));

            assertEquals(List.of(), drops);
        }
    }

    @Test
    void run_succeeds_nothingDropped() {
        try (Cancellation cancellation = cancellation()) {
            Transaction tx = new Transaction(cancellation, (outcome, error) -> drops.add(outcome));

            assertEquals("done", tx.run(() -> "done"));

            assertEquals(List.of(), drops);
        }
    }
}
