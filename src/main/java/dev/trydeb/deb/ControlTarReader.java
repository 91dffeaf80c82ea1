package dev.trydeb.deb;

import dev.trydeb.core.GuestPath;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;

/** Reads a decompressed control.tar: the text of ./control and the names of its top-level files. */
final class ControlTarReader {
    /** Real control files are a few KiB; this only stops a crafted one from filling the heap. */
    static final int MAX_CONTROL_SIZE = 1024 * 1024;

    /** {@code controlText} is null when the archive has no ./control file. */
    record Contents(String controlText, Set<String> members) {
    }

    private ControlTarReader() {
    }

    static Contents read(Path debFile, InputStream tarStream) throws IOException {
        TarArchiveInputStream tar = new TarArchiveInputStream(tarStream);
        String controlText = null;
        Set<String> members = new TreeSet<>();
        for (TarArchiveEntry entry = TarMembers.next(tar); entry != null; entry = TarMembers.next(tar)) {
            GuestPath path = TarMembers.guestPath(debFile, "control.tar", entry.getName());
            boolean topLevelFile = !path.isRoot() && path.parent().isRoot()
                    && TarMembers.typeOf(entry) == DataEntry.Type.FILE;
            if (!topLevelFile) {
                continue;
            }
            members.add(path.fileName());
            if (path.fileName().equals("control")) {
                controlText = readControl(debFile, tar, entry);
            }
        }
        TarMembers.drain(tarStream);
        return new Contents(controlText, members);
    }

    private static String readControl(Path debFile, TarArchiveInputStream tar, TarArchiveEntry entry) throws IOException {
        if (entry.getSize() > MAX_CONTROL_SIZE) {
            throw BadDeb.error(debFile, "the control file is " + entry.getSize() + " bytes, more than the "
                    + MAX_CONTROL_SIZE + " trydeb accepts", "check that this is a genuine Debian package");
        }
        byte[] bytes = tar.readNBytes((int) entry.getSize());
        if (bytes.length != entry.getSize()) {
            throw new EOFException("control file ends after " + bytes.length + " of " + entry.getSize() + " bytes");
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
