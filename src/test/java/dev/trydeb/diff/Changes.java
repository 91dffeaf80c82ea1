package dev.trydeb.diff;

import dev.trydeb.core.GuestPath;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Changes built by hand, for the tests of what consumes them. */
final class Changes {
    static final PackageFiles HELLO = new PackageFiles("hello", "2.10-3", Set.of("/usr/bin/hello"));
    static final PackageFiles WORLD = new PackageFiles("world", "1.0", Set.of());

    static final Change PACKAGE_FILE = new Change(GuestPath.of("/usr/bin/hello"), ChangeKind.ADDED,
            Attribution.ofPackage("hello", "2.10-3", 3), Optional.empty(), 0);
    static final Change SCRIPT_CRON_JOB = new Change(GuestPath.of("/etc/cron.d/hello"), ChangeKind.ADDED,
            Attribution.ofMaintainerScripts(List.of(HELLO, WORLD), 3), Optional.of("cron job"), 0);
    static final Change OTHER_TRANSACTION = new Change(GuestPath.of("/usr/share/doc/other"), ChangeKind.NEW_DIRECTORY,
            Attribution.ofPackage("other", "5", 4), Optional.empty(), 1);
    static final Change RUNTIME_DELETION = new Change(GuestPath.of("/var/tmp/cache"), ChangeKind.DELETED,
            Attribution.ofRuntime(), Optional.empty(), 2);

    static final List<Change> ALL = List.of(PACKAGE_FILE, SCRIPT_CRON_JOB, OTHER_TRANSACTION, RUNTIME_DELETION);

    private Changes() {}
}
