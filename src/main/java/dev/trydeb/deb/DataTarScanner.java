package dev.trydeb.deb;

import dev.trydeb.core.FileMode;
import dev.trydeb.core.GuestPath;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the headers of a decompressed data.tar (contents are skipped, never kept) and refuses
 * members that would land outside the package root once extracted: names with "..", absolute
 * names, members below a symlink of the same archive, hardlinks to anything but an earlier file
 * of the archive. Absolute symlink targets are normal: they are resolved inside the sandbox.
 */
final class DataTarScanner {
    private final Path debFile;
    private final List<DataEntry> entries = new ArrayList<>();
    private final Map<GuestPath, String> symlinkNames = new HashMap<>();
    private final Set<GuestPath> regularFiles = new HashSet<>();
    /** Every directory some member seen so far lives in, so a later symlink cannot replace it. */
    private final Set<GuestPath> ancestors = new HashSet<>();

    private DataTarScanner(Path debFile) {
        this.debFile = debFile;
    }

    static List<DataEntry> scan(Path debFile, InputStream tarStream) throws IOException {
        DataTarScanner scanner = new DataTarScanner(debFile);
        TarArchiveInputStream tar = new TarArchiveInputStream(tarStream);
        for (TarArchiveEntry entry = TarMembers.next(tar); entry != null; entry = TarMembers.next(tar)) {
            scanner.accept(entry);
        }
        TarMembers.drain(tarStream);
        return List.copyOf(scanner.entries);
    }

    private void accept(TarArchiveEntry entry) {
        String name = entry.getName();
        GuestPath path = TarMembers.guestPath(debFile, "data.tar", name);
        DataEntry.Type type = TarMembers.typeOf(entry);
        if (entry.isSparse()) {
            throw BadDeb.error(debFile, "data.tar member " + BadDeb.quote(name) + " is a sparse file, which dpkg does not support",
                    "rebuild the package with dpkg-deb");
        }
        if (path.isRoot() && type != DataEntry.Type.DIRECTORY) {
            throw BadDeb.refused(debFile, "data.tar member " + BadDeb.quote(name) + " replaces the package root with a non-directory");
        }
        requireNotBelowSymlink(name, path);
        String linkTarget = null;
        switch (type) {
            case SYMLINK -> linkTarget = acceptSymlink(entry, path);
            case HARDLINK -> linkTarget = acceptHardlink(entry);
            case FILE -> regularFiles.add(path);
            default -> {
            }
        }
        rememberAncestors(path);
        long size = type == DataEntry.Type.FILE ? entry.getSize() : 0;
        entries.add(new DataEntry(path, type, entry.getMode() & FileMode.PERMISSIONS, entry.getLongUserId(), entry.getLongGroupId(),
                linkTarget, size));
    }

    private String acceptSymlink(TarArchiveEntry entry, GuestPath path) {
        if (ancestors.contains(path)) {
            throw BadDeb.refused(debFile, "data.tar member " + BadDeb.quote(entry.getName())
                    + " is a symlink, but earlier members of the same package are inside it");
        }
        if (entry.getLinkName().isEmpty()) {
            throw BadDeb.error(debFile, "data.tar symlink " + BadDeb.quote(entry.getName()) + " has an empty target",
                    "download it again");
        }
        symlinkNames.put(path, entry.getName());
        return entry.getLinkName();
    }

    private String acceptHardlink(TarArchiveEntry entry) {
        String problem = "data.tar hardlink " + BadDeb.quote(entry.getName()) + " points to " + BadDeb.quote(entry.getLinkName());
        GuestPath target;
        try {
            target = GuestPath.fromArchiveName(entry.getLinkName());
        } catch (IllegalArgumentException e) {
            throw BadDeb.refused(debFile, problem + ", outside the package root");
        }
        requireNotBelowSymlink(entry.getLinkName(), target);
        if (!regularFiles.contains(target)) {
            throw BadDeb.refused(debFile, problem + ", which is not an earlier file of the same package");
        }
        return target.value();
    }

    /**
     * Stops at the first directory an earlier member lives in: it and its parents passed this
     * check then, and none of them can become a symlink later (acceptSymlink).
     */
    private void requireNotBelowSymlink(String name, GuestPath path) {
        for (GuestPath dir = path.parent(); !dir.isRoot() && !ancestors.contains(dir); dir = dir.parent()) {
            String symlink = symlinkNames.get(dir);
            if (symlink != null) {
                throw BadDeb.refused(debFile, "data.tar member " + BadDeb.quote(name) + " goes through the symlink "
                        + BadDeb.quote(symlink) + " in the same package");
            }
        }
    }

    private void rememberAncestors(GuestPath path) {
        for (GuestPath dir = path.parent(); !dir.isRoot() && ancestors.add(dir); dir = dir.parent()) {
            // Once a directory is known, so are all of its parents.
        }
    }
}
