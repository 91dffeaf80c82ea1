package dev.trydeb.deb;

/**
 * One package relation such as {@code libc6 (>= 2.34)} or {@code perl:any}. The architecture
 * qualifier, the operator and the version are null when absent; operator and version come together.
 */
public record Relation(PackageName name, String archQualifier, Relation.Op op, DebianVersion version) {

    public enum Op {
        LT("<<"), LE("<="), EQ("="), GE(">="), GT(">>");

        private final String symbol;

        Op(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }

        /** The operator for a symbol, including dpkg's obsolete "<" (meaning "<=") and ">" (meaning ">="). */
        public static Op fromSymbol(String symbol) {
            return switch (symbol) {
                case "<<" -> LT;
                case "<=", "<" -> LE;
                case "=" -> EQ;
                case ">=", ">" -> GE;
                case ">>" -> GT;
                default -> throw new IllegalArgumentException("unknown relation operator '" + symbol + "'");
            };
        }

        boolean holds(int comparison) {
            return switch (this) {
                case LT -> comparison < 0;
                case LE -> comparison <= 0;
                case EQ -> comparison == 0;
                case GE -> comparison >= 0;
                case GT -> comparison > 0;
            };
        }
    }

    public Relation {
        if (name == null) {
            throw new IllegalArgumentException("relation needs a package name");
        }
        if ((op == null) != (version == null)) {
            throw new IllegalArgumentException("relation operator and version must be given together");
        }
        if (archQualifier != null && !archQualifier.matches("[a-z0-9][a-z0-9-]*")) {
            throw new IllegalArgumentException("invalid architecture qualifier '" + archQualifier + "'");
        }
    }

    public static Relation unversioned(PackageName name) {
        return new Relation(name, null, null, null);
    }

    public boolean isVersioned() {
        return op != null;
    }

    /** Whether a package at this version meets the version constraint; always true when unversioned. */
    public boolean satisfiedBy(DebianVersion candidate) {
        if (op == null) {
            return true;
        }
        return candidate != null && op.holds(candidate.compareTo(version));
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(name.value());
        if (archQualifier != null) {
            sb.append(':').append(archQualifier);
        }
        if (op != null) {
            sb.append(" (").append(op.symbol()).append(' ').append(version).append(')');
        }
        return sb.toString();
    }
}
