package dev.trydeb.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HexFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FileCapabilitiesTest {
    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
        // v2, as setcap writes it outside a user namespace
        "01000002 00200000 00000000 00000000 00000000 | cap_net_raw+ep",
        // v3, as setcap writes it as a namespace's root: the root id (1000 here) is not a capability
        "01000003 00200000 00000000 00000000 00000000 e8030000 | cap_net_raw+ep",
        "00000002 00200000 00200000 00000000 00000000 | cap_net_raw+ip",
        "01000002 00300000 00000000 00000000 00000000 | cap_net_admin,cap_net_raw+ep",
        "01000002 00000000 00000000 ff010000 00000000 | cap_mac_override,cap_mac_admin,cap_syslog,cap_wake_alarm,"
                + "cap_block_suspend,cap_audit_read,cap_perfmon,cap_bpf,cap_checkpoint_restore+ep",
        "01000002 00000000 00000000 00020000 00000000 | cap_41+ep",
        "01000001 80000000 00000000 | cap_setuid+ep",
        "01000009 00000000 | unrecognised data 0100000900000000",
    })
    void decode_kernelFormats_libcapText(String hex, String text) {
        assertEquals(text, FileCapabilities.decode(HexFormat.of().parseHex(hex.replace(" ", ""))).text());
    }
}
