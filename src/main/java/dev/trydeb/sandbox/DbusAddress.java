package dev.trydeb.sandbox;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One D-Bus server address, {@code transport:key=value,...}, as the D-Bus specification
 * writes them (several are separated by ';', values are %-escaped).
 */
record DbusAddress(String transport, Map<String, String> keys) {
    DbusAddress {
        keys = Map.copyOf(keys);
    }

    /** The addresses of a DBUS_SESSION_BUS_ADDRESS value; malformed ones are left out. */
    static List<DbusAddress> parseAll(String value) {
        List<DbusAddress> addresses = new ArrayList<>();
        for (String one : value.split(";")) {
            int colon = one.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            Map<String, String> keys = new LinkedHashMap<>();
            boolean wellFormed = true;
            for (String pair : one.substring(colon + 1).split(",")) {
                int equals = pair.indexOf('=');
                if (pair.isEmpty()) {
                    continue;
                }
                Optional<String> decoded = equals > 0 ? unescape(pair.substring(equals + 1)) : Optional.empty();
                if (decoded.isEmpty()) {
                    wellFormed = false;
                    break;
                }
                keys.put(pair.substring(0, equals), decoded.get());
            }
            if (wellFormed) {
                addresses.add(new DbusAddress(one.substring(0, colon), keys));
            }
        }
        return addresses;
    }

    /** The socket file of a {@code unix:path=} address. */
    Optional<Path> socketPath() {
        String path = transport.equals("unix") ? keys.get("path") : null;
        return path != null && path.startsWith("/") ? Optional.of(Path.of(path).normalize()) : Optional.empty();
    }

    private static Optional<String> unescape(String value) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c != '%') {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
                continue;
            }
            try {
                bytes.write(Integer.parseInt(value.substring(i + 1, i + 3), 16));
            } catch (NumberFormatException | IndexOutOfBoundsException e) {
                return Optional.empty();
            }
            i += 2;
        }
        return Optional.of(bytes.toString(StandardCharsets.UTF_8));
    }
}
