package dev.trydeb.diff;

import java.util.List;

/**
 * Changes for people: one line per change (kind, path, who), then the suspicious ones again
 * with their reasons. Nothing at all for no changes: the caller says so in its own words.
 */
public final class DiffText {
    private DiffText() {}

    public static String render(List<Change> changes) {
        StringBuilder out = new StringBuilder();
        for (Change change : changes) {
            out.append(String.format("%-16s %s  (%s)%n", change.kind().label(), printable(change.path().value()),
                    change.attribution().describe()));
        }
        List<Change> suspicious = changes.stream().filter(c -> c.suspicious().isPresent()).toList();
        if (!suspicious.isEmpty()) {
            out.append(String.format("%nSuspicious:%n"));
            for (Change change : suspicious) {
                out.append(String.format("  %s: %s%n", printable(change.path().value()), change.suspicious().get()));
            }
        }
        return out.toString();
    }

    /**
     * File names are the installer's choice: control characters are escaped so that a name
     * cannot forge extra lines or terminal sequences in the report.
     */
    static String printable(String path) {
        StringBuilder sb = new StringBuilder();
        path.codePoints().forEach(c -> {
            if (c == '\\') {
                sb.append("\\\\");
            } else if (Character.isISOControl(c)) {
                sb.append(String.format("\\x%02x", c));
            } else {
                sb.append(Character.toChars(c));
            }
        });
        return sb.toString();
    }
}
