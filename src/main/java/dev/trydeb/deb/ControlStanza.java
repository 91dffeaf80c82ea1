package dev.trydeb.deb;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One deb822 paragraph: ordered fields whose names are matched case-insensitively.
 *
 * <p>A multi-line value holds its first line and its continuation lines joined with '\n'; each
 * continuation line has its one leading blank removed and " ." stands for an empty line. So the
 * value of "Description: short\n long\n .\n more" is "short\nlong\n\nmore".
 */
public final class ControlStanza {
    private final Map<String, String> fields;
    private final Map<String, String> namesByLowerCase;

    private ControlStanza(Map<String, String> fields) {
        this.fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        Map<String, String> lower = new HashMap<>();
        for (String name : fields.keySet()) {
            checkFieldName(name);
            if (lower.put(key(name), name) != null) {
                throw new IllegalArgumentException("duplicate field '" + name + "'");
            }
        }
        this.namesByLowerCase = lower;
    }

    /** A stanza with these fields, in the map's iteration order. */
    public static ControlStanza of(Map<String, String> fields) {
        for (Map.Entry<String, String> field : fields.entrySet()) {
            if (field.getValue() == null) {
                throw new IllegalArgumentException("field '" + field.getKey() + "' has no value");
            }
        }
        return new ControlStanza(fields);
    }

    static void checkFieldName(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("empty field name");
        }
        if (name.charAt(0) == '#' || name.charAt(0) == '-') {
            throw new IllegalArgumentException("field name '" + name + "' must not start with '#' or '-'");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c <= ' ' || c == ':' || c >= 0x7f) {
                throw new IllegalArgumentException("invalid character in field name '" + name + "'");
            }
        }
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    public Optional<String> field(String name) {
        String actual = namesByLowerCase.get(key(name));
        return actual == null ? Optional.empty() : Optional.of(fields.get(actual));
    }

    public String required(String name) {
        return field(name).orElseThrow(() -> new IllegalArgumentException("missing '" + name + "' field"));
    }

    /** Field names in their original spelling and order. */
    public List<String> names() {
        return List.copyOf(fields.keySet());
    }

    public PackageName packageName() {
        return PackageName.of(required("Package"));
    }

    public DebianVersion version() {
        return DebianVersion.parse(required("Version"));
    }

    public String architecture() {
        return required("Architecture");
    }

    /** The stanza in deb822 form, each line ending with '\n', without a trailing blank line. */
    public String text() {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, String> field : fields.entrySet()) {
            List<String> lines = splitLines(field.getValue());
            sb.append(field.getKey()).append(':');
            if (!lines.get(0).isEmpty()) {
                sb.append(' ').append(lines.get(0));
            }
            sb.append('\n');
            for (String line : lines.subList(1, lines.size())) {
                sb.append(' ').append(line.isEmpty() ? "." : line).append('\n');
            }
        }
        return sb.toString();
    }

    private static List<String> splitLines(String value) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        for (int nl = value.indexOf('\n'); nl >= 0; nl = value.indexOf('\n', start)) {
            lines.add(value.substring(start, nl));
            start = nl + 1;
        }
        lines.add(value.substring(start));
        return lines;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ControlStanza other && List.copyOf(fields.entrySet()).equals(List.copyOf(other.fields.entrySet()));
    }

    @Override
    public int hashCode() {
        return List.copyOf(fields.entrySet()).hashCode();
    }

    @Override
    public String toString() {
        return text();
    }
}
