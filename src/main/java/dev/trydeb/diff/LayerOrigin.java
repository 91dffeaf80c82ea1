package dev.trydeb.diff;

import java.util.ArrayList;
import java.util.List;

/** Who wrote a layer: decides how its changes are attributed. */
public sealed interface LayerOrigin {
    /**
     * A committed install transaction and the packages it installed; {@code compacted}, the
     * earlier transactions whose layers were merged into this one, newest first.
     */
    record Install(long transactionId, List<PackageFiles> packages, List<Install> compacted) implements LayerOrigin {
        public Install {
            packages = List.copyOf(packages);
            compacted = List.copyOf(compacted);
        }

        /** A layer of one transaction's own. */
        public Install(long transactionId, List<PackageFiles> packages) {
            this(transactionId, packages, List.of());
        }

        /** This transaction, then the ones compacted into its layer, newest first. */
        public List<Install> newestFirst() {
            List<Install> all = new ArrayList<>(List.of(this));
            all.addAll(compacted);
            return all;
        }
    }

    /** What programs wrote outside the home while running in the environment. */
    record Runtime() implements LayerOrigin {}

    /** The environment's private copy-on-write home layer. */
    record Home() implements LayerOrigin {}
}
