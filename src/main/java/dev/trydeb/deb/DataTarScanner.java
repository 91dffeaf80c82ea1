package dev.trydeb.deb;

import dev.trydeb.core.FileMode;
import dev.trydeb.core.GuestPath;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the headers of a decompressed data.tar (contents are hashed, never kept) and refuses
 * members that would land outside the package root once extracted: names with "..", absolute
 * names, members below a symlink of the same archive, hardlinks to anything but an earlier file
 * of the archive. Absolute symlink targets are normal: they are resolved inside the sandbox.
 */
final class DataTarScanner {
    /** The headers, and what each non-directory looks like once dpkg has unpacked it. */
    record Contents(List<DataEntry> entries, List<ShippedFile> shipped) {}

    private final Path debFile;
    private final List<DataEntry> entries = new ArrayList<>();
    private final List<ShippedFile> shipped = new ArrayList<>();
    private final Map<GuestPath, ShippedFile> shippedRegular = new HashMap<>();
    private final Map<GuestPath, String> symlinkNames = new HashMap<>();
    private final Set<GuestPath> regularFiles = new HashSet<>();
    /** Every directory some member seen so far lives in, so a later symlink cannot replace it. */
    private final Set<GuestPath> ancestors = new HashSet<>();

    private DataTarScanner(Path debFile) {
        this.debFile = debFile;
    }

    static Contents scan(Path debFile, InputStream tarStream) throws IOException {
        DataTarScanner scanner = new DataTarScanner(debFile);
        TarArchiveInputStream tar = new TarArchiveInputStream(tarStream);
        for (TarArchiveEntry entry = TarMembers.next(tar); entry != null; entry = TarMembers.next(tar)) {
            scanner.accept(entry);
            scanner.recordShipped(entry, tar);
        }
        TarMembers.drain(tarStream);
        return new Contents(List.copyOf(scanner.entries), List.copyOf(scanner.shipped));
    }

    /** Hashes a regular file's content (the stream is at it); a hardlink has its target's. */
    private void recordShipped(TarArchiveEntry header, InputStream content) throws IOException {
        DataEntry entry = entries.get(entries.size() - 1);
        long mtime = Math.floorDiv(header.getModTime().getTime(), 1000L);
        switch (entry.type()) {
            case FILE -> {
                ShippedFile file = new ShippedFile(entry.path(), ShippedFile.Kind.FILE, entry.mode(), entry.size(),
                        mtime, sha256(content), null);
                shippedRegular.put(entry.path(), file);
                shipped.add(file);
            }
            case HARDLINK -> {
                // One inode: the target's content, mode and mtime.
                ShippedFile original = shippedRegular.get(GuestPath.of(entry.linkTarget()));
                shipped.add(new ShippedFile(entry.path(), ShippedFile.Kind.FILE, original.mode(), original.size(),
                        original.mtime(), original.sha256(), null));
            }
            case SYMLINK -> shipped.add(new ShippedFile(entry.path(), ShippedFile.Kind.SYMLINK, entry.mode(), 0, mtime,
                    null, entry.linkTarget()));
            default -> {
            }
        }
    }

    private static String sha256(InputStream content) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        content.transferTo(new DigestOutputStream(OutputStream.nullOutputStream(), digest));
        return HexFormat.of().formatHex(digest.digest());
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
