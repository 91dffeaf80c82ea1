package dev.trydeb.deb;

import dev.trydeb.core.GuestPath;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;

/** What control.tar and data.tar readers share: walking entries, naming them, classifying them. */
final class TarMembers {
    private TarMembers() {
    }

    /** The next entry, or null at the end; a header with a wrong checksum is corruption. */
    static TarArchiveEntry next(TarArchiveInputStream tar) throws IOException {
        TarArchiveEntry entry = tar.getNextTarEntry();
        if (entry != null && !entry.isCheckSumOK()) {
            throw new IOException("bad header checksum for member " + BadDeb.quote(entry.getName()));
        }
        return entry;
    }

    /**
     * Reads what follows the end-of-archive marker, so that the decompressor gets to check its
     * trailer (gzip CRC, xz check) and a truncated member is noticed.
     */
    static void drain(InputStream tarStream) throws IOException {
        tarStream.transferTo(OutputStream.nullOutputStream());
    }

    /** The entry's place in the guest; a name with ".." or an absolute name is refused. */
    static GuestPath guestPath(Path debFile, String tarName, String memberName) {
        try {
            return GuestPath.fromArchiveName(memberName);
        } catch (IllegalArgumentException e) {
            throw BadDeb.refused(debFile, tarName + " member " + BadDeb.quote(memberName) + " escapes the package root");
        }
    }

    static DataEntry.Type typeOf(TarArchiveEntry entry) {
        if (entry.isSymbolicLink()) {
            return DataEntry.Type.SYMLINK;
        }
        if (entry.isLink()) {
            return DataEntry.Type.HARDLINK;
        }
        if (entry.isDirectory()) {
            return DataEntry.Type.DIRECTORY;
        }
        if (entry.isCharacterDevice() || entry.isBlockDevice() || entry.isFIFO()) {
            return DataEntry.Type.OTHER;
        }
        return DataEntry.Type.FILE;
    }
}
