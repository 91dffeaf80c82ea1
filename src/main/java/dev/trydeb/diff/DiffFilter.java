package dev.trydeb.diff;

import dev.trydeb.core.GuestPath;
import java.util.Objects;
import java.util.Optional;

/** Which changes to show; every condition given must hold. */
public record DiffFilter(Optional<String> packageName, Optional<Long> transactionId, Optional<GuestPath> pathPrefix,
        boolean runtimeOnly, boolean suspiciousOnly) {
    public DiffFilter {
        Objects.requireNonNull(packageName, "packageName");
        Objects.requireNonNull(transactionId, "transactionId");
        Objects.requireNonNull(pathPrefix, "pathPrefix");
    }

    public static DiffFilter all() {
        return new DiffFilter(Optional.empty(), Optional.empty(), Optional.empty(), false, false);
    }

    /** @return whether the change passes; a package matches its own files and its transaction's scripts */
    public boolean accepts(Change change) {
        Attribution by = change.attribution();
        return packageName.map(name -> by.source() != Attribution.Source.RUNTIME && by.packageNames().contains(name))
                        .orElse(true)
                && transactionId.map(id -> id.equals(by.transactionId())).orElse(true)
                && pathPrefix.map(prefix -> change.path().startsWith(prefix)).orElse(true)
                && (!runtimeOnly || by.source() == Attribution.Source.RUNTIME)
                && (!suspiciousOnly || change.suspicious().isPresent());
    }
}
