package dev.trydeb.diff;

import java.util.List;

/** Who wrote a layer: decides how its changes are attributed. */
public sealed interface LayerOrigin {
    /** A committed install transaction and the packages it installed. */
    record Install(long transactionId, List<PackageFiles> packages) implements LayerOrigin {
        public Install {
            packages = List.copyOf(packages);
        }
    }

    /** What programs wrote outside the home while running in the environment. */
    record Runtime() implements LayerOrigin {}

    /** The environment's private copy-on-write home layer. */
    record Home() implements LayerOrigin {}
}
