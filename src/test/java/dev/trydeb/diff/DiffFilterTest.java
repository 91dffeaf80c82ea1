package dev.trydeb.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.trydeb.core.GuestPath;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DiffFilterTest {
    private static List<Change> accepted(DiffFilter filter) {
        return Changes.ALL.stream().filter(filter::accepts).toList();
    }

    @Test
    void accepts_noConditions_everything() {
        assertEquals(Changes.ALL, accepted(DiffFilter.all()));
    }

    @Test
    void accepts_packageName_itsFilesAndItsTransactionsScripts() {
        DiffFilter hello = new DiffFilter(Optional.of("hello"), Optional.empty(), Optional.empty(), false, false);
        assertEquals(List.of(Changes.PACKAGE_FILE, Changes.SCRIPT_CRON_JOB), accepted(hello));
    }

    @Test
    void accepts_packageNamedOnlyWithOthersInScripts_matchesWholeName() {
        DiffFilter world = new DiffFilter(Optional.of("world"), Optional.empty(), Optional.empty(), false, false);
        DiffFilter partial = new DiffFilter(Optional.of("hel"), Optional.empty(), Optional.empty(), false, false);
        assertEquals(List.of(Changes.SCRIPT_CRON_JOB), accepted(world));
        assertEquals(List.of(), accepted(partial));
    }

    @Test
    void accepts_transaction_onlyItsChanges() {
        DiffFilter four = new DiffFilter(Optional.empty(), Optional.of(4L), Optional.empty(), false, false);
        assertEquals(List.of(Changes.OTHER_TRANSACTION), accepted(four));
    }

    @Test
    void accepts_pathPrefix_pathsAtOrBelowIt() {
        DiffFilter usr = new DiffFilter(Optional.empty(), Optional.empty(), Optional.of(GuestPath.of("/usr")), false, false);
        DiffFilter exact = new DiffFilter(Optional.empty(), Optional.empty(),
                Optional.of(GuestPath.of("/usr/bin/hello")), false, false);
        assertEquals(List.of(Changes.PACKAGE_FILE, Changes.OTHER_TRANSACTION), accepted(usr));
        assertEquals(List.of(Changes.PACKAGE_FILE), accepted(exact));
    }

    @Test
    void accepts_runtimeOnly_onlyRuntimeChanges() {
        DiffFilter runtime = new DiffFilter(Optional.empty(), Optional.empty(), Optional.empty(), true, false);
        assertEquals(List.of(Changes.RUNTIME_DELETION), accepted(runtime));
    }

    @Test
    void accepts_suspiciousOnly_onlySuspiciousChanges() {
        DiffFilter suspicious = new DiffFilter(Optional.empty(), Optional.empty(), Optional.empty(), false, true);
        assertEquals(List.of(Changes.SCRIPT_CRON_JOB), accepted(suspicious));
    }

    @Test
    void accepts_severalConditions_allMustHold() {
        DiffFilter helloUnderEtc = new DiffFilter(Optional.of("hello"), Optional.of(3L),
                Optional.of(GuestPath.of("/etc")), false, false);
        assertEquals(List.of(Changes.SCRIPT_CRON_JOB), accepted(helloUnderEtc));
    }
}
