package dev.trydeb.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DbusAddressTest {
    @Test
    void parseAll_severalAddresses_transportsAndUnescapedKeys() {
        List<DbusAddress> addresses = DbusAddress.parseAll("unix:path=/tmp/a%20b,guid=9;tcp:host=h,port=1");
        assertEquals(List.of(new DbusAddress("unix", Map.of("path", "/tmp/a b", "guid", "9")),
                new DbusAddress("tcp", Map.of("host", "h", "port", "1"))), addresses);
    }

    @Test
    void socketPath_onlyForUnixPath() {
        assertEquals(Optional.of(Path.of("/run/user/1/bus")),
                DbusAddress.parseAll("unix:path=/run/user/1/bus").get(0).socketPath());
        assertEquals(Optional.empty(), DbusAddress.parseAll("unix:abstract=/tmp/x").get(0).socketPath());
        assertEquals(Optional.empty(), DbusAddress.parseAll("unix:path=relative").get(0).socketPath());
    }

    @Test
    void parseAll_malformed_leftOut() {
        assertEquals(List.of(), DbusAddress.parseAll("nocolon;unix:path=/x%zz;unix:novalue"));
        assertEquals(List.of(), DbusAddress.parseAll(""));
    }
}
