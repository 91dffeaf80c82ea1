package dev.trydeb.deb;

/**
 * A Debian package version, {@code [epoch:]upstream[-revision]}, ordered exactly as dpkg orders
 * versions. An absent revision is the empty string; {@link #toString()} gives the canonical form,
 * without a zero epoch and without a "-" when there is no revision.
 *
 * <p>Ordering is dpkg's, so versions that dpkg considers equal compare as 0 even when
 * {@link #equals} differs ("1.0" and "1.00", "0:1" and "1", "1-0" and "1-00").
 */
public record DebianVersion(int epoch, String upstream, String revision) implements Comparable<DebianVersion> {

    private static final String UPSTREAM_PUNCTUATION = ".+~-:";
    private static final String REVISION_PUNCTUATION = ".+~";

    public DebianVersion {
        if (epoch < 0) {
            throw new IllegalArgumentException("epoch must not be negative: " + epoch);
        }
        if (upstream == null || upstream.isEmpty()) {
            throw new IllegalArgumentException("upstream version must not be empty");
        }
        if (revision == null) {
            throw new IllegalArgumentException("revision must not be null (use \"\" for none)");
        }
        checkCharacters(upstream, UPSTREAM_PUNCTUATION, "upstream version");
        checkCharacters(revision, REVISION_PUNCTUATION, "revision");
        // Otherwise toString() would not parse back to the same components.
        if (revision.isEmpty() && upstream.indexOf('-') >= 0) {
            throw new IllegalArgumentException("upstream version may contain '-' only when there is a revision: " + upstream);
        }
    }

    /**
     * Parses a version as dpkg does: surrounding blanks are ignored, the epoch ends at the first
     * ':' and the revision starts after the last '-'. An upstream version that does not start
     * with a digit is accepted (dpkg only warns about it).
     */
    public static DebianVersion parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("version must not be null");
        }
        String s = text.strip();
        if (s.isEmpty()) {
            throw new IllegalArgumentException("version string is empty");
        }
        for (int i = 0; i < s.length(); i++) {
            if (Character.isWhitespace(s.charAt(i))) {
                throw new IllegalArgumentException("version '" + s + "' has embedded spaces");
            }
        }
        int epoch = 0;
        String rest = s;
        int colon = s.indexOf(':');
        if (colon >= 0) {
            epoch = parseEpoch(s, s.substring(0, colon));
            rest = s.substring(colon + 1);
            if (rest.isEmpty()) {
                throw new IllegalArgumentException("version '" + s + "' has nothing after the epoch colon");
            }
        }
        String upstream = rest;
        String revision = "";
        int hyphen = rest.lastIndexOf('-');
        if (hyphen >= 0) {
            upstream = rest.substring(0, hyphen);
            revision = rest.substring(hyphen + 1);
            if (revision.isEmpty()) {
                throw new IllegalArgumentException("version '" + s + "' has an empty revision");
            }
        }
        if (upstream.isEmpty()) {
            throw new IllegalArgumentException("version '" + s + "' has an empty upstream version");
        }
        try {
            return new DebianVersion(epoch, upstream, revision);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("version '" + s + "': " + e.getMessage(), e);
        }
    }

    private static int parseEpoch(String version, String epoch) {
        if (epoch.isEmpty()) {
            throw new IllegalArgumentException("version '" + version + "' has an empty epoch");
        }
        for (int i = 0; i < epoch.length(); i++) {
            if (!isDigit(epoch.charAt(i))) {
                throw new IllegalArgumentException("version '" + version + "' has a non-numeric epoch");
            }
        }
        try {
            return Integer.parseInt(epoch);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("version '" + version + "' has an epoch that is too big", e);
        }
    }

    private static void checkCharacters(String part, String punctuation, String what) {
        for (int i = 0; i < part.length(); i++) {
            char c = part.charAt(i);
            if (!isDigit(c) && !isAsciiLetter(c) && punctuation.indexOf(c) < 0) {
                throw new IllegalArgumentException("invalid character '" + c + "' in " + what + " '" + part + "'");
            }
        }
    }

    @Override
    public int compareTo(DebianVersion other) {
        if (epoch != other.epoch) {
            return Integer.compare(epoch, other.epoch);
        }
        int byUpstream = compareParts(upstream, other.upstream);
        if (byUpstream != 0) {
            return byUpstream;
        }
        return compareParts(revision, other.revision);
    }

    /** dpkg's verrevcmp: alternating non-digit runs (by {@link #order}) and digit runs (numerically). */
    static int compareParts(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() || j < b.length()) {
            while ((i < a.length() && !isDigit(a.charAt(i))) || (j < b.length() && !isDigit(b.charAt(j)))) {
                int ac = order(charAt(a, i));
                int bc = order(charAt(b, j));
                if (ac != bc) {
                    return Integer.signum(ac - bc);
                }
                i++;
                j++;
            }
            while (i < a.length() && a.charAt(i) == '0') {
                i++;
            }
            while (j < b.length() && b.charAt(j) == '0') {
                j++;
            }
            int firstDifference = 0;
            while (i < a.length() && isDigit(a.charAt(i)) && j < b.length() && isDigit(b.charAt(j))) {
                if (firstDifference == 0) {
                    firstDifference = a.charAt(i) - b.charAt(j);
                }
                i++;
                j++;
            }
            if (i < a.length() && isDigit(a.charAt(i))) {
                return 1;
            }
            if (j < b.length() && isDigit(b.charAt(j))) {
                return -1;
            }
            if (firstDifference != 0) {
                return Integer.signum(firstDifference);
            }
        }
        return 0;
    }

    /** End of string and digits weigh 0, '~' weighs less than that, letters less than other characters. */
    private static int order(int c) {
        if (c == 0 || isDigit(c)) {
            return 0;
        }
        if (isAsciiLetter(c)) {
            return c;
        }
        if (c == '~') {
            return -1;
        }
        return c + 256;
    }

    private static int charAt(String s, int index) {
        return index < s.length() ? s.charAt(index) : 0;
    }

    private static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isAsciiLetter(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        // "0:" is dropped unless the upstream version has a colon that would otherwise read as one.
        if (epoch != 0 || upstream.indexOf(':') >= 0) {
            sb.append(epoch).append(':');
        }
        sb.append(upstream);
        if (!revision.isEmpty()) {
            sb.append('-').append(revision);
        }
        return sb.toString();
    }
}
