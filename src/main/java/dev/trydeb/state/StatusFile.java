package dev.trydeb.state;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * dpkg's status file as its stanzas, kept as text and keyed by package and architecture
 * ({@code name:arch}), in file order. Only the two key fields are read; everything else is
 * dpkg's and passes through untouched.
 */
public final class StatusFile {
    /** Read and written byte for byte: dpkg does not promise UTF-8, and nothing here decodes text beyond ASCII. */
    public static final java.nio.charset.Charset CHARSET = java.nio.charset.StandardCharsets.ISO_8859_1;

    private StatusFile() {}

    public static String key(String packageName, String architecture) {
        return packageName + ":" + architecture;
    }

    /** The stanzas by key; a later stanza of the same key replaces an earlier one, as dpkg does. */
    public static Map<String, String> parse(String text) {
        Map<String, String> stanzas = new LinkedHashMap<>();
        for (String stanza : text.split("\n(?:[ \t]*\n)+")) {
            String trimmed = stanza.strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            Optional<String> name = field(trimmed, "Package");
            if (name.isPresent()) {
                stanzas.put(key(name.get(), field(trimmed, "Architecture").orElse("")), trimmed);
            }
        }
        return stanzas;
    }

    public static String format(Map<String, String> stanzas) {
        StringBuilder out = new StringBuilder();
        for (String stanza : stanzas.values()) {
            out.append(stanza).append("\n\n");
        }
        return out.toString();
    }

    /** A single-line field's value (case-insensitive name, as deb822 says). */
    public static Optional<String> field(String stanza, String name) {
        int start = 0;
        while (start < stanza.length()) {
            int end = stanza.indexOf('\n', start);
            String line = stanza.substring(start, end < 0 ? stanza.length() : end);
            int colon = line.indexOf(':');
            if (colon > 0 && line.charAt(0) != ' ' && line.charAt(0) != '\t'
                    && line.substring(0, colon).equalsIgnoreCase(name)) {
                return Optional.of(line.substring(colon + 1).strip());
            }
            if (end < 0) {
                break;
            }
            start = end + 1;
        }
        return Optional.empty();
    }

    /** Whether dpkg considers the package installed (its files are on disk and configured or not). */
    public static boolean isInstalled(String stanza) {
        return field(stanza, "Status")
                .map(status -> {
                    String[] words = status.split("\\s+");
                    String state = words[words.length - 1];
                    return !state.equals("not-installed") && !state.equals("config-files");
                })
                .orElse(false);
    }
}
