package dev.trydeb.diff;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A file's capabilities (the {@code security.capability} xattr, which {@code setcap} writes)
 * in libcap's words: "cap_net_raw+ep". A namespace's root id (v3) is left out: it says
 * whose namespace may use them, not what they grant.
 */
record FileCapabilities(String text) {
    private static final int REVISION_MASK = 0xFF000000;
    private static final int REVISION_1 = 0x01000000;
    private static final int REVISION_2 = 0x02000000;
    private static final int REVISION_3 = 0x03000000;
    private static final int EFFECTIVE = 0x000001;
    private static final List<String> NAMES = List.of("chown", "dac_override", "dac_read_search", "fowner",
            "fsetid", "kill", "setgid", "setuid", "setpcap", "linux_immutable", "net_bind_service",
            "net_broadcast", "net_admin", "net_raw", "ipc_lock", "ipc_owner", "sys_module", "sys_rawio",
            "sys_chroot", "sys_ptrace", "sys_pacct", "sys_admin", "sys_boot", "sys_nice", "sys_resource",
            "sys_time", "sys_tty_config", "mknod", "lease", "audit_write", "audit_control", "setfcap",
            "mac_override", "mac_admin", "syslog", "wake_alarm", "block_suspend", "audit_read", "perfmon", "bpf",
            "checkpoint_restore");

    /** The capabilities the xattr's value grants; a value in no format the kernel writes is shown as hex. */
    static FileCapabilities decode(byte[] value) {
        ByteBuffer in = ByteBuffer.wrap(value).order(ByteOrder.LITTLE_ENDIAN);
        int words = value.length < 4 ? -1 : switch (in.getInt(0) & REVISION_MASK) {
            case REVISION_1 -> value.length == 12 ? 1 : -1;
            case REVISION_2 -> value.length == 20 ? 2 : -1;
            case REVISION_3 -> value.length == 24 ? 2 : -1;
            default -> -1;
        };
        if (words < 0) {
            return new FileCapabilities("unrecognised data " + HexFormat.of().formatHex(value));
        }
        boolean effective = (in.getInt(0) & EFFECTIVE) != 0;
        long permitted = 0;
        long inheritable = 0;
        for (int word = 0; word < words; word++) {
            permitted |= (in.getInt(4 + 8 * word) & 0xFFFFFFFFL) << (32 * word);
            inheritable |= (in.getInt(8 + 8 * word) & 0xFFFFFFFFL) << (32 * word);
        }
        return new FileCapabilities(text(permitted, inheritable, effective));
    }

    /** libcap's grouping: the capabilities with the same flags, then "+" and the flags. */
    private static String text(long permitted, long inheritable, boolean effective) {
        Map<String, List<String>> byFlags = new LinkedHashMap<>();
        for (int cap = 0; cap < Long.SIZE; cap++) {
            boolean p = (permitted >>> cap & 1) != 0;
            boolean i = (inheritable >>> cap & 1) != 0;
            if (p || i) {
                String flags = (effective ? "e" : "") + (i ? "i" : "") + (p ? "p" : "");
                byFlags.computeIfAbsent(flags, f -> new ArrayList<>()).add(name(cap));
            }
        }
        if (byFlags.isEmpty()) {
            return effective ? "none (effective bit only)" : "none";
        }
        List<String> groups = new ArrayList<>();
        byFlags.forEach((flags, caps) -> groups.add(String.join(",", caps) + "+" + flags));
        return String.join(" ", groups);
    }

    private static String name(int cap) {
        return cap < NAMES.size() ? "cap_" + NAMES.get(cap) : "cap_" + cap;
    }
}
