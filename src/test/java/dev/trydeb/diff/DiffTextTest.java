package dev.trydeb.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.trydeb.core.GuestPath;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DiffTextTest {
    @Test
    void render_noChanges_nothing() {
        assertEquals("", DiffText.render(List.of()));
    }

    @Test
    void render_unsuspiciousChanges_oneLineEachWithoutSection() {
        assertEquals("""
                added            /usr/bin/hello  (package hello 2.10-3)
                deleted          /var/tmp/cache  (runtime)
                """, DiffText.render(List.of(Changes.PACKAGE_FILE, Changes.RUNTIME_DELETION)));
    }

    @Test
    void render_suspiciousChange_listedAgainWithReason() {
        assertEquals("""
                added            /usr/bin/hello  (package hello 2.10-3)
                added            /etc/cron.d/hello  (maintainer scripts of hello, world (transaction 3))

                Suspicious:
                  /etc/cron.d/hello: cron job
                """, DiffText.render(List.of(Changes.PACKAGE_FILE, Changes.SCRIPT_CRON_JOB)));
    }

    @Test
    void render_controlCharactersInName_escaped() {
        Change forged = new Change(GuestPath.of("/etc/a\nadded            /etc/b\\"), ChangeKind.ADDED,
                Attribution.ofRuntime(), Optional.empty(), 0);
        assertEquals("added            /etc/a\\x0aadded            /etc/b\\\\  (runtime)\n",
                DiffText.render(List.of(forged)));
    }
}
