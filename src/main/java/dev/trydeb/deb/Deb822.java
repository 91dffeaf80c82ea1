package dev.trydeb.deb;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Parses deb822 text (control files, the dpkg status file): stanzas separated by blank lines,
 * "Name: value" fields, continuation lines starting with a space or tab, '#' comment lines.
 */
public final class Deb822 {
    private Deb822() {
    }

    /** Every stanza of the text, in order; IllegalArgumentException naming the line if malformed. */
    public static List<ControlStanza> parseAll(String text) {
        return new Parser().parse(text);
    }

    /** The single stanza of the text; IllegalArgumentException if there is none or more than one. */
    public static ControlStanza parseOne(String text) {
        List<ControlStanza> stanzas = parseAll(text);
        if (stanzas.size() != 1) {
            throw new IllegalArgumentException("expected exactly one stanza, found " + stanzas.size());
        }
        return stanzas.get(0);
    }

    private static final class Parser {
        private final List<ControlStanza> stanzas = new ArrayList<>();
        private final Map<String, String> fields = new LinkedHashMap<>();
        private final Set<String> lowerCaseNames = new HashSet<>();
        private String fieldName;
        private StringBuilder fieldValue;

        List<ControlStanza> parse(String text) {
            String[] lines = text.split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                try {
                    accept(lines[i]);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("line " + (i + 1) + ": " + e.getMessage(), e);
                }
            }
            endStanza();
            return List.copyOf(stanzas);
        }

        private void accept(String line) {
            if (line.isBlank()) {
                endStanza();
            } else if (line.startsWith("#")) {
                return;
            } else if (line.charAt(0) == ' ' || line.charAt(0) == '\t') {
                continueField(line);
            } else {
                startField(line);
            }
        }

        private void continueField(String line) {
            if (fieldName == null) {
                throw new IllegalArgumentException("continuation line without a field before it: '" + shorten(line) + "'");
            }
            String content = stripTrailingBlanks(line.substring(1));
            fieldValue.append('\n').append(content.equals(".") ? "" : content);
        }

        private void startField(String line) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("expected 'Field: value', found '" + shorten(line) + "'");
            }
            String name = line.substring(0, colon);
            ControlStanza.checkFieldName(name);
            endField();
            if (!lowerCaseNames.add(name.toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("duplicate field '" + name + "'");
            }
            fieldName = name;
            fieldValue = new StringBuilder(stripTrailingBlanks(stripLeadingBlanks(line.substring(colon + 1))));
        }

        private void endField() {
            if (fieldName != null) {
                fields.put(fieldName, fieldValue.toString());
                fieldName = null;
                fieldValue = null;
            }
        }

        private void endStanza() {
            endField();
            if (!fields.isEmpty()) {
                stanzas.add(ControlStanza.of(fields));
                fields.clear();
                lowerCaseNames.clear();
            }
        }
    }

    private static String stripLeadingBlanks(String s) {
        int start = 0;
        while (start < s.length() && isBlank(s.charAt(start))) {
            start++;
        }
        return s.substring(start);
    }

    private static String stripTrailingBlanks(String s) {
        int end = s.length();
        while (end > 0 && isBlank(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(0, end);
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || c == '\r';
    }

    private static String shorten(String line) {
        return line.length() <= 60 ? line : line.substring(0, 57) + "...";
    }
}
