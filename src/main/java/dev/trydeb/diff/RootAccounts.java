package dev.trydeb.diff;

import dev.trydeb.core.GuestPath;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Accounts with id 0 in a changed /etc/passwd (or /etc/group) that the host's file does not
 * give id 0: whoever logs in as one is root, whatever its name.
 */
final class RootAccounts {
    private static final GuestPath PASSWD = GuestPath.of("/etc/passwd");
    private static final GuestPath GROUP = GuestPath.of("/etc/group");
    private static final int ID_FIELD = 2;

    private RootAccounts() {}

    /**
     * "a second root account: toor" (or "group"), naming every such account; empty for other
     * paths or when there is none.
     */
    static Optional<String> added(GuestPath path, Path guestFile, Optional<Path> hostFile) {
        String what = path.equals(PASSWD) ? "account" : path.equals(GROUP) ? "group" : null;
        if (what == null) {
            return Optional.empty();
        }
        Optional<Set<String>> guest = rootNames(guestFile);
        if (guest.isEmpty()) {
            return Optional.of("cannot be read to look for root " + what + "s");
        }
        Set<String> host = hostFile.flatMap(RootAccounts::rootNames).orElse(Set.of());
        List<String> added = guest.get().stream().filter(name -> !host.contains(name)).map(DiffText::printable).toList();
        return added.isEmpty() ? Optional.empty() : Optional.of("a second root " + what + ": " + String.join(", ", added));
    }

    /** The names of the lines whose third field (uid or gid) is 0, as the C library parses it. */
    private static Optional<Set<String>> rootNames(Path file) {
        String text;
        try {
            text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return Optional.empty();
        }
        Set<String> names = new LinkedHashSet<>();
        for (String line : text.split("\n")) {
            String[] fields = line.split(":", -1);
            boolean comment = line.stripLeading().startsWith("#");
            if (!comment && fields.length > ID_FIELD && !fields[0].isEmpty() && isZero(fields[ID_FIELD])) {
                names.add(fields[0]);
            }
        }
        return Optional.of(names);
    }

    private static boolean isZero(String id) {
        try {
            return !id.isBlank() && Long.parseLong(id.strip()) == 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
