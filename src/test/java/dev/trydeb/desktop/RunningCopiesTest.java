package dev.trydeb.desktop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RunningCopiesTest {
    @Test
    void parseDbusSend_listNamesReply_theNames() {
        String reply = "method return time=1 sender=org.freedesktop.DBus -> destination=:1.3 serial=3 reply_serial=2\n"
                + "   array [\n      string \"org.freedesktop.DBus\"\n      string \":1.3\"\n"
                + "      string \"org.example.Foo\"\n   ]\n";
        assertEquals(Set.of("org.freedesktop.DBus", ":1.3", "org.example.Foo"), RunningCopies.parseDbusSend(reply));
    }

    @Test
    void parseBusctl_firstColumn() {
        String list = ":1.0 1 systemd user user :1.0 user@1000.service - -\n"
                + "org.example.Foo 77 foo user :1.9 session-2.scope 2 -\n";
        assertEquals(Set.of(":1.0", "org.example.Foo"), RunningCopies.parseBusctl(list));
        assertEquals(Set.of(), RunningCopies.parseBusctl(""));
    }

    @Test
    void warnAbout_noSessionBus_nothingAskedNothingSaid() {
        List<String> warnings = new ArrayList<>();
        new RunningCopies(warnings::add).warnAbout(Set.of("org.example.Foo"), Map.of("PATH", "/usr/bin:/bin"));
        assertEquals(List.of(), warnings);
    }
}
