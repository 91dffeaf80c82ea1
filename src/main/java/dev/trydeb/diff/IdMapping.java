package dev.trydeb.diff;

import dev.trydeb.sandbox.UidMapping;
import java.util.Optional;

/**
 * How a layer's writer saw the host's ids, to compare owners in guest terms. Install layers
 * were written as namespaced root: the user shows as 0 and subordinate ids S..S+count-1 as
 * 1..count. The runtime and home layers were written by the user as the user. Anything
 * unmapped shows as the overflow id.
 */
public record IdMapping(long userUid, long userGid, long subuid, long subgid, long count, boolean userIsRoot) {
    /** What the kernel shows for an id the namespace does not map (nobody, nogroup). */
    public static final long OVERFLOW_ID = 65534;

    public IdMapping {
        if (count < 0) {
            throw new IllegalArgumentException("negative id count: " + count);
        }
    }

    /** An install sandbox's mapping: the user is root, subordinate ids (if any) are 1..count. */
    public static IdMapping install(long userUid, long userGid, Optional<UidMapping.Full> subordinate) {
        return subordinate
                .map(s -> new IdMapping(userUid, userGid, s.subuid(), s.subgid(), s.count(), true))
                .orElseGet(() -> new IdMapping(userUid, userGid, 0, 0, 0, true));
    }

    /** A run sandbox's mapping: the user stays the user, nothing else is mapped. */
    public static IdMapping run(long userUid, long userGid) {
        return new IdMapping(userUid, userGid, 0, 0, 0, false);
    }

    public long guestUid(long hostUid) {
        return guestId(hostUid, userUid, subuid);
    }

    public long guestGid(long hostGid) {
        return guestId(hostGid, userGid, subgid);
    }

    private long guestId(long hostId, long userId, long firstSubordinate) {
        if (hostId == userId) {
            return userIsRoot ? 0 : userId;
        }
        if (userIsRoot && hostId >= firstSubordinate && hostId - firstSubordinate < count) {
            return hostId - firstSubordinate + 1;
        }
        return OVERFLOW_ID;
    }
}
