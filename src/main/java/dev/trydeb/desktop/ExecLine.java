package dev.trydeb.desktop;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The command line of a desktop entry's Exec key, as the Desktop Entry Specification
 * defines it: the string escapes (\s, \n, \t, \r, \\) first, then arguments separated by
 * spaces, double-quoted when they hold a reserved character. Field codes (%f, %U, ...)
 * stay arguments of their own for the menu to expand.
 */
final class ExecLine {
    private static final String RESERVED = " \t\n\"'\\><~|&;$*?#`()";

    private ExecLine() {}

    /** The arguments of a raw Exec value; empty when its quoting is broken. */
    static Optional<List<String>> parse(String raw) {
        String value = unescapeString(raw);
        List<String> args = new ArrayList<>();
        StringBuilder current = null;
        boolean quoted = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (quoted) {
                if (c == '\\' && i + 1 < value.length() && "\"`$\\".indexOf(value.charAt(i + 1)) >= 0) {
                    current.append(value.charAt(++i));
                } else if (c == '"') {
                    quoted = false;
                } else {
                    current.append(c);
                }
            } else if (c == ' ' || c == '\t') {
                if (current != null) {
                    args.add(current.toString());
                    current = null;
                }
            } else {
                if (current == null) {
                    current = new StringBuilder();
                }
                if (c == '"') {
                    quoted = true;
                } else {
                    current.append(c);
                }
            }
        }
        if (quoted) {
            return Optional.empty();
        }
        if (current != null) {
            args.add(current.toString());
        }
        return args.isEmpty() ? Optional.empty() : Optional.of(args);
    }

    /** The raw Exec value for these arguments; field codes are written unquoted. */
    static String format(List<String> args) {
        List<String> words = new ArrayList<>();
        for (String arg : args) {
            words.add(isFieldCode(arg) || !needsQuotes(arg) ? arg : quote(arg));
        }
        // The string escapes apply on top of the quoting: a backslash is written twice.
        return String.join(" ", words).replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")
                .replace("\r", "\\r");
    }

    static boolean isFieldCode(String arg) {
        return arg.length() == 2 && arg.charAt(0) == '%';
    }

    private static boolean needsQuotes(String arg) {
        if (arg.isEmpty()) {
            return true;
        }
        for (char c : arg.toCharArray()) {
            if (RESERVED.indexOf(c) >= 0) {
                return true;
            }
        }
        return false;
    }

    private static String quote(String arg) {
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : arg.toCharArray()) {
            if ("\"`$\\".indexOf(c) >= 0) {
                quoted.append('\\');
            }
            quoted.append(c);
        }
        return quoted.append('"').toString();
    }

    private static String unescapeString(String raw) {
        StringBuilder value = new StringBuilder();
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c != '\\' || i + 1 == raw.length()) {
                value.append(c);
                continue;
            }
            char next = raw.charAt(++i);
            switch (next) {
                case 's' -> value.append(' ');
                case 'n' -> value.append('\n');
                case 't' -> value.append('\t');
                case 'r' -> value.append('\r');
                case '\\' -> value.append('\\');
                default -> value.append('\\').append(next);
            }
        }
        return value.toString();
    }
}
