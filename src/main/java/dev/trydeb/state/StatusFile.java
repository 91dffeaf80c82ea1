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

    /**
     * The stanzas by key; a later stanza of the same key replaces an earlier one, as dpkg does.
     * Stanzas end at a line of blanks (spaces and tabs) only.
     */
    public static Map<String, String> parse(String text) {
        Map<String, String> stanzas = new LinkedHashMap<>();
        int stanzaStart = 0;
        for (int lineStart = 0, lineEnd; (lineEnd = text.indexOf('\n', lineStart)) >= 0; lineStart = lineEnd + 1) {
            if (isBlankLine(text, lineStart, lineEnd)) {
                add(stanzas, text.substring(stanzaStart, lineStart));
                stanzaStart = lineEnd + 1;
            }
        }
        add(stanzas, text.substring(stanzaStart));
        return stanzas;
    }

    private static boolean isBlankLine(String text, int start, int end) {
        for (int i = start; i < end; i++) {
            if (text.charAt(i) != ' ' && text.charAt(i) != '\t') {
                return false;
            }
        }
        return true;
    }

    private static void add(Map<String, String> stanzas, String stanza) {
        String trimmed = stanza.strip();
        if (trimmed.isEmpty()) {
            return;
        }
        Optional<String> name = field(trimmed, "Package");
        if (name.isPresent()) {
            stanzas.put(key(name.get(), field(trimmed, "Architecture").orElse("")), trimmed);
        }
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
        int length = name.length();
        for (int start = 0; start < stanza.length(); ) {
            int end = stanza.indexOf('\n', start);
            if (end < 0) {
                end = stanza.length();
            }
            // A field's name starts its line, so a continuation line (leading blank) never matches.
            if (end - start > length && stanza.charAt(start + length) == ':'
                    && stanza.regionMatches(true, start, name, 0, length)) {
                return Optional.of(stanza.substring(start + length + 1, end).strip());
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

    /** The same for a status record's stanza, where none means the package is gone. */
    public static boolean isInstalled(Optional<String> stanza) {
        return stanza.map(StatusFile::isInstalled).orElse(false);
    }
}
