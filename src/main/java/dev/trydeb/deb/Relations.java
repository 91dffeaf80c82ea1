package dev.trydeb.deb;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses relation fields (Depends, Pre-Depends, Provides, ...): comma-separated groups of
 * '|'-separated alternatives. Architecture restrictions ("[amd64]") and build profiles
 * ("&lt;!nocheck&gt;") only matter when building from source, so they are dropped.
 */
public final class Relations {
    private static final Pattern RELATION = Pattern.compile(
            "\\s*(?<name>[^\\s:(\\[<]+)(?::(?<arch>[^\\s(\\[<]+))?\\s*"
                    + "(?:\\(\\s*(?<op><<|<=|>=|>>|=|<|>)\\s*(?<version>[^\\s()]+)\\s*\\)\\s*)?"
                    + "(?:(?:\\[[^\\[\\]]*\\]|<[^<>]*>)\\s*)*");

    private Relations() {
    }

    /** The groups of the field in order; an empty list for a blank field. */
    public static List<List<Relation>> parse(String field) {
        if (field.isBlank()) {
            return List.of();
        }
        List<List<Relation>> groups = new ArrayList<>();
        for (String group : field.split(",", -1)) {
            List<Relation> alternatives = new ArrayList<>();
            for (String alternative : group.split("\\|", -1)) {
                alternatives.add(parseRelation(alternative, field));
            }
            groups.add(List.copyOf(alternatives));
        }
        return List.copyOf(groups);
    }

    /** One relation such as "libc6 (>= 2.34)". */
    public static Relation parseRelation(String text) {
        return parseRelation(text, text);
    }

    private static Relation parseRelation(String text, String field) {
        if (text.isBlank()) {
            throw new IllegalArgumentException("missing package name in relation field '" + oneLine(field) + "'");
        }
        Matcher m = RELATION.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("malformed relation '" + oneLine(text.strip()) + "'");
        }
        try {
            String op = m.group("op");
            return new Relation(
                    PackageName.of(m.group("name")),
                    m.group("arch"),
                    op == null ? null : Relation.Op.fromSymbol(op),
                    op == null ? null : DebianVersion.parse(m.group("version")));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("malformed relation '" + oneLine(text.strip()) + "': " + e.getMessage(), e);
        }
    }

    /** Renders a group of alternatives as in a control file, e.g. "libfoo (>= 1.2) | libbar". */
    public static String format(List<Relation> alternatives) {
        List<String> parts = new ArrayList<>();
        for (Relation r : alternatives) {
            parts.add(r.toString());
        }
        return String.join(" | ", parts);
    }

    private static String oneLine(String s) {
        return s.replaceAll("\\s+", " ");
    }
}
