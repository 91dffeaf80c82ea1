package dev.trydeb.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trydeb.sandbox.UidMapping;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class IdMappingTest {
    static final IdMapping INSTALL = IdMapping.install(1000, 1001, Optional.of(new UidMapping.Full(100000, 200000, 65536)));

    @Test
    void install_user_isRootInside() {
        assertTrue(INSTALL.userIsRoot());
        assertEquals(0, INSTALL.guestUid(1000));
        assertEquals(0, INSTALL.guestGid(1001));
    }

    @Test
    void install_subordinateIds_areOneToCount() {
        assertEquals(1, INSTALL.guestUid(100000));
        assertEquals(65536, INSTALL.guestUid(165535));
        assertEquals(1, INSTALL.guestGid(200000));
        assertEquals(8, INSTALL.guestGid(200007));
    }

    @Test
    void install_idsOutsideTheRanges_overflow() {
        assertEquals(IdMapping.OVERFLOW_ID, INSTALL.guestUid(0));
        assertEquals(IdMapping.OVERFLOW_ID, INSTALL.guestUid(99999));
        assertEquals(IdMapping.OVERFLOW_ID, INSTALL.guestUid(165536));
        assertEquals(IdMapping.OVERFLOW_ID, INSTALL.guestGid(100000));
    }

    @Test
    void install_withoutSubordinateIds_mapsOnlyTheUser() {
        IdMapping rootOnly = IdMapping.install(1000, 1000, Optional.empty());
        assertEquals(0, rootOnly.guestUid(1000));
        assertEquals(IdMapping.OVERFLOW_ID, rootOnly.guestUid(0));
        assertEquals(IdMapping.OVERFLOW_ID, rootOnly.guestUid(1));
    }

    @Test
    void run_userStaysTheUserAndOthersOverflow() {
        IdMapping run = IdMapping.run(1000, 1001);
        assertFalse(run.userIsRoot());
        assertEquals(1000, run.guestUid(1000));
        assertEquals(1001, run.guestGid(1001));
        assertEquals(IdMapping.OVERFLOW_ID, run.guestUid(0));
        assertEquals(IdMapping.OVERFLOW_ID, run.guestGid(1000));
    }
}
