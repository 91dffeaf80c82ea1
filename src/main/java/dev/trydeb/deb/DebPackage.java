package dev.trydeb.deb;

import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What trydeb knows about a .deb file after reading it: its SHA-256 (lowercase hex), its control
 * stanza, the headers of its data.tar members in archive order, its non-directories as dpkg
 * leaves them (content digests included), the names of the files in its
 * control.tar ("control", "postinst", "conffiles", ...) and the compression of its data.tar
 * ("gzip", "xz", "zstd", "bzip2" or "none").
 */
public record DebPackage(Path source, String sha256, ControlStanza control, List<DataEntry> entries,
                         List<ShippedFile> shipped, Set<String> controlMembers, String dataCompression) {

    public DebPackage {
        entries = List.copyOf(entries);
        shipped = List.copyOf(shipped);
        controlMembers = Collections.unmodifiableSortedSet(new TreeSet<>(controlMembers));
    }

    public PackageName packageName() {
        return control.packageName();
    }

    public DebianVersion version() {
        return control.version();
    }

    public String architecture() {
        return control.architecture();
    }
}
