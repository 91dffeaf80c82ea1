package dev.trydeb.sandbox;

/** How the sandbox's user namespace maps ids to the host. */
public sealed interface UidMapping {
    String helperArgument();

    /** Root inside is the user; nothing else is mapped (no newuidmap or no subordinate ids). */
    record RootOnly() implements UidMapping {
        public String helperArgument() {
            return "root";
        }
    }

    /** The user stays the user: how programs run. */
    record CurrentUser() implements UidMapping {
        public String helperArgument() {
            return "user";
        }
    }

    /** Root inside is the user, ids 1..count are the user's subordinate ids (/etc/subuid). */
    record Full(long subuid, long subgid, long count) implements UidMapping {
        public String helperArgument() {
            return "full:" + subuid + ":" + subgid + ":" + count;
        }
    }
}
