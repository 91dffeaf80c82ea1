package dev.trydeb.diff;

import java.util.List;
import java.util.Objects;

/**
 * Who made a change: a package's own file, the maintainer scripts (or dpkg itself) of an install
 * transaction, or a program run in the environment.
 *
 * @param packageName the package; for maintainer scripts every package of the transaction,
 *                    joined with ", " (Debian package names contain no comma); null for runtime
 * @param version the package's version when exactly one package is named, else null
 * @param transactionId the install transaction, null for runtime
 */
public record Attribution(Source source, String packageName, String version, Long transactionId) {
    private static final String NAME_SEPARATOR = ", ";

    public enum Source {
        PACKAGE("package"), MAINTAINER_SCRIPT("maintainer-script"), RUNTIME("runtime");

        private final String label;

        Source(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public Attribution {
        Objects.requireNonNull(source, "source");
        if (source == Source.PACKAGE && (packageName == null || version == null || transactionId == null)) {
            throw new IllegalArgumentException("a package attribution needs a name, a version and a transaction");
        }
        if (source == Source.MAINTAINER_SCRIPT && transactionId == null) {
            throw new IllegalArgumentException("a maintainer-script attribution needs a transaction");
        }
    }

    public static Attribution ofPackage(String name, String version, long transactionId) {
        return new Attribution(Source.PACKAGE, name, version, transactionId);
    }

    /** The maintainer scripts of a transaction that installed these packages. */
    public static Attribution ofMaintainerScripts(List<PackageFiles> packages, long transactionId) {
        String names = packages.isEmpty() ? null
                : String.join(NAME_SEPARATOR, packages.stream().map(PackageFiles::name).toList());
        String version = packages.size() == 1 ? packages.get(0).version() : null;
        return new Attribution(Source.MAINTAINER_SCRIPT, names, version, transactionId);
    }

    public static Attribution ofRuntime() {
        return new Attribution(Source.RUNTIME, null, null, null);
    }

    /** The package names this attribution names, empty for runtime. */
    public List<String> packageNames() {
        return packageName == null ? List.of() : List.of(packageName.split(NAME_SEPARATOR));
    }

    /** "package hello 2.10-3", "maintainer scripts of foo (transaction 3)" or "runtime". */
    public String describe() {
        return switch (source) {
            case PACKAGE -> "package " + packageName + " " + version;
            case MAINTAINER_SCRIPT -> "maintainer scripts" + (packageName == null ? "" : " of " + packageName)
                    + " (transaction " + transactionId + ")";
            case RUNTIME -> "runtime";
        };
    }
}
