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
        return new Parser(null).parse(text);
    }

    /**
     * The same, each stanza holding only the fields named in {@code kept} (lower case): the
     * host's dpkg status is ~1 MB, most of it descriptions and conffile lists that a reader of
     * a few fields need not copy. The whole text is still checked.
     */
    public static List<ControlStanza> parseAll(String text, Set<String> kept) {
        return new Parser(Set.copyOf(kept)).parse(text);
    }

    /** The single stanza of the text; IllegalArgumentException if there is none or more than one. */
    public static ControlStanza parseOne(String text) {
        List<ControlStanza> stanzas = parseAll(text);
        if (stanzas.size() != 1) {
            throw new IllegalArgumentException("expected exactly one stanza, found " + stanzas.size());
        }
        return stanzas.get(0);
    }

    /** Walks the text line by line by index: a substring is taken only of what is kept. */
    private static final class Parser {
        private final Set<String> kept;
        private final List<ControlStanza> stanzas = new ArrayList<>();
        private final Map<String, String> fields = new LinkedHashMap<>();
        private final Set<String> lowerCaseNames = new HashSet<>();
        private String fieldName;
        private StringBuilder fieldValue;

        Parser(Set<String> kept) {
            this.kept = kept;
        }

        List<ControlStanza> parse(String text) {
            int lineNumber = 0;
            for (int start = 0; start <= text.length(); ) {
                int end = text.indexOf('\n', start);
                if (end < 0) {
                    end = text.length();
                }
                lineNumber++;
                try {
                    accept(text, start, end);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("line " + lineNumber + ": " + e.getMessage(), e);
                }
                start = end + 1;
            }
            endStanza();
            return List.copyOf(stanzas);
        }

        private void accept(String text, int start, int end) {
            if (isWhitespaceOnly(text, start, end)) {
                endStanza();
            } else if (text.charAt(start) == '#') {
                return;
            } else if (text.charAt(start) == ' ' || text.charAt(start) == '\t') {
                continueField(text, start, end);
            } else {
                startField(text, start, end);
            }
        }

        private void continueField(String text, int start, int end) {
            if (fieldName == null) {
                throw new IllegalArgumentException("continuation line without a field before it: '"
                        + shorten(text.substring(start, end)) + "'");
            }
            if (fieldValue != null) {
                String content = stripTrailingBlanks(text.substring(start + 1, end));
                fieldValue.append('\n').append(content.equals(".") ? "" : content);
            }
        }

        private void startField(String text, int start, int end) {
            int colon = text.indexOf(':', start);
            if (colon <= start || colon >= end) {
                throw new IllegalArgumentException("expected 'Field: value', found '" + shorten(text.substring(start, end)) + "'");
            }
            String name = text.substring(start, colon);
            ControlStanza.checkFieldName(name);
            endField();
            String lowerCase = name.toLowerCase(Locale.ROOT);
            if (!lowerCaseNames.add(lowerCase)) {
                throw new IllegalArgumentException("duplicate field '" + name + "'");
            }
            fieldName = name;
            fieldValue = kept == null || kept.contains(lowerCase)
                    ? new StringBuilder(stripTrailingBlanks(stripLeadingBlanks(text.substring(colon + 1, end))))
                    : null;
        }

        private void endField() {
            if (fieldValue != null) {
                fields.put(fieldName, fieldValue.toString());
            }
            fieldName = null;
            fieldValue = null;
        }

        private void endStanza() {
            endField();
            if (!lowerCaseNames.isEmpty()) {
                stanzas.add(ControlStanza.of(fields));
                fields.clear();
                lowerCaseNames.clear();
            }
        }
    }

    /** As String.isBlank, which ended stanzas before: any whitespace, wider than isBlank(char). */
    private static boolean isWhitespaceOnly(String text, int start, int end) {
        for (int i = start; i < end; i++) {
            if (!Character.isWhitespace(text.charAt(i))) {
                return false;
            }
        }
        return true;
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
