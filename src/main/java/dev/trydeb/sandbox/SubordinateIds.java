package dev.trydeb.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The user's subordinate id ranges (/etc/subuid, /etc/subgid), which newuidmap lets an
 * unprivileged user map into a user namespace so that dpkg can chown files to other owners.
 */
public final class SubordinateIds {
    /** dpkg and maintainer scripts need every id a package may use (system and regular users). */
    public static final long REQUIRED_COUNT = 65536;

    private SubordinateIds() {}

    /** The full mapping if newuidmap is installed and both files give the user a large enough range. */
    public static Optional<UidMapping.Full> forUser(String userName, long uid, long gid) {
        if (!Files.isExecutable(Path.of("/usr/bin/newuidmap")) || !Files.isExecutable(Path.of("/usr/bin/newgidmap"))) {
            return Optional.empty();
        }
        Optional<long[]> subuid = range(read(Path.of("/etc/subuid")), userName, uid);
        Optional<long[]> subgid = range(read(Path.of("/etc/subgid")), userName, gid);
        if (subuid.isEmpty() || subgid.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new UidMapping.Full(subuid.get()[0], subgid.get()[0], REQUIRED_COUNT));
    }

    /** The first range of at least {@link #REQUIRED_COUNT} ids for the user, by name or number. */
    public static Optional<long[]> range(List<String> lines, String userName, long id) {
        for (String line : lines) {
            String[] fields = line.trim().split(":");
            if (fields.length != 3 || !(fields[0].equals(userName) || fields[0].equals(Long.toString(id)))) {
                continue;
            }
            try {
                long start = Long.parseLong(fields[1]);
                long count = Long.parseLong(fields[2]);
                if (count >= REQUIRED_COUNT) {
                    return Optional.of(new long[] {start, count});
                }
            } catch (NumberFormatException ignored) {
                // A malformed line is skipped, as newuidmap itself does.
            }
        }
        return Optional.empty();
    }

    private static List<String> read(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            return List.of();
        }
    }
}
