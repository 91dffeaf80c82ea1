package dev.trydeb.diff;

/**
 * An entry of one level of the stack (a layer, or the host), with its owner in guest terms.
 *
 * @param level the layer's index, bottom to top, or {@link #HOST}
 * @param ownedByUser a layer entry the user owns on the host, as trydeb's own preparation
 *                    leaves what it creates
 */
record StackEntry(Entry entry, int level, long guestUid, long guestGid, boolean ownedByUser) {
    static final int HOST = -1;

    static StackEntry ofLayer(Entry entry, int level, IdMapping mapping) {
        return new StackEntry(entry, level, mapping.guestUid(entry.uid()), mapping.guestGid(entry.gid()),
                entry.uid() == mapping.userUid() && entry.gid() == mapping.userGid());
    }

    /** The host's owners are what the guest would see on the host itself: taken as they are. */
    static StackEntry ofHost(Entry entry) {
        return new StackEntry(entry, HOST, entry.uid(), entry.gid(), false);
    }

    boolean isHost() {
        return level == HOST;
    }

    EntryType type() {
        return entry.type();
    }
}
