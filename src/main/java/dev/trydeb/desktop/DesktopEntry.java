package dev.trydeb.desktop;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A desktop entry file (freedesktop.org key file: groups of Key=Value lines) that can be
 * edited key by key while every other line, comments included, stays as it was.
 */
final class DesktopEntry {
    static final String MAIN_GROUP = "Desktop Entry";
    static final String ACTION_GROUP_PREFIX = "Desktop Action ";

    /** One line; {@code key} is null for comments, blank lines and group headers. */
    private record Line(String group, String key, String value, String text) {}

    private final List<Line> lines;

    private DesktopEntry(List<Line> lines) {
        this.lines = lines;
    }

    static DesktopEntry parse(String text) {
        List<Line> lines = new ArrayList<>();
        String group = null;
        for (String raw : text.split("\n", -1)) {
            String line = raw.endsWith("\r") ? raw.substring(0, raw.length() - 1) : raw;
            String trimmed = line.trim();
            int equals = line.indexOf('=');
            if (trimmed.startsWith("[") && trimmed.endsWith("]")) {
                group = trimmed.substring(1, trimmed.length() - 1);
                lines.add(new Line(group, null, null, line));
            } else if (group != null && !trimmed.startsWith("#") && equals > 0) {
                // The specification allows spaces around '='.
                lines.add(new Line(group, line.substring(0, equals).trim(), line.substring(equals + 1).trim(), line));
            } else {
                lines.add(new Line(group, null, null, line));
            }
        }
        if (!lines.isEmpty() && lines.get(lines.size() - 1).text().isEmpty()) {
            lines.remove(lines.size() - 1); // the split of a final newline
        }
        return new DesktopEntry(lines);
    }

    List<String> groups() {
        Set<String> groups = new LinkedHashSet<>();
        lines.stream().filter(l -> l.group() != null).forEach(l -> groups.add(l.group()));
        return List.copyOf(groups);
    }

    /** The keys of a group in file order, localized ones ("Name[de]") included. */
    List<String> keys(String group) {
        return lines.stream().filter(l -> group.equals(l.group()) && l.key() != null).map(Line::key).toList();
    }

    /** Whether menus list this entry file (no NoDisplay=true or Hidden=true); unreadable: no. */
    static boolean isShownInMenus(Path file) {
        try {
            DesktopEntry entry = parse(Files.readString(file));
            return !entry.get(MAIN_GROUP, "NoDisplay").orElse("false").strip().equals("true")
                    && !entry.get(MAIN_GROUP, "Hidden").orElse("false").strip().equals("true");
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    Optional<String> get(String group, String key) {
        return lines.stream().filter(l -> group.equals(l.group()) && key.equals(l.key())).map(Line::value).findFirst();
    }

    /** Replaces the key's value, or adds the key at the end of the group's entries. */
    void set(String group, String key, String value) {
        Line replacement = new Line(group, key, value, key + "=" + value);
        int insertAt = -1; // after the group's last entry, or after its header
        for (int i = 0; i < lines.size(); i++) {
            Line line = lines.get(i);
            if (!group.equals(line.group())) {
                continue;
            }
            if (key.equals(line.key())) {
                lines.set(i, replacement);
                return;
            }
            if (line.key() != null || insertAt < 0) {
                insertAt = i + 1;
            }
        }
        if (insertAt < 0) {
            throw new IllegalArgumentException("no group [" + group + "]");
        }
        lines.add(insertAt, replacement);
    }

    void remove(String group, String key) {
        lines.removeIf(l -> group.equals(l.group()) && key.equals(l.key()));
    }

    String format() {
        StringBuilder text = new StringBuilder();
        lines.forEach(l -> text.append(l.text()).append('\n'));
        return text.toString();
    }
}
