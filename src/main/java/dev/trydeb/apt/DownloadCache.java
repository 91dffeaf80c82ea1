package dev.trydeb.apt;

import dev.trydeb.core.ErrorText;
import dev.trydeb.core.TrydebException;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * The user's download cache ({@code archives/} and its {@code partial/}), made safe before
 * the host's apt writes into it as the user. Its contents are untrusted input: apt follows
 * symlinks and appends to partial files, so a link, a special file or a file with a second
 * hard link could make it write over one of the user's files. Only what apt itself makes
 * stays: directories and singly linked regular files.
 */
final class DownloadCache {
    private DownloadCache() {
    }

    /** Creates ARCHIVES and ARCHIVES/partial as real directories and removes what apt did not make. */
    static void prepare(Path archives) {
        directory(archives);
        directory(archives.resolve("partial"));
        clean(archives);
        clean(archives.resolve("partial"));
    }

    private static void directory(Path dir) {
        try {
            if (Files.isSymbolicLink(dir) || Files.exists(dir, LinkOption.NOFOLLOW_LINKS)
                    && !Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                Files.delete(dir);
            }
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw failure(dir, e);
        }
    }

    private static void clean(Path dir) {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                if (!madeByApt(entry)) {
                    Files.delete(entry);
                }
            }
        } catch (IOException e) {
            throw failure(dir, e);
        }
    }

    static boolean madeByApt(Path entry) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(entry, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (attributes.isDirectory()) {
            return true;
        }
        return attributes.isRegularFile() && ((Number) Files.getAttribute(entry, "unix:nlink", LinkOption.NOFOLLOW_LINKS)).intValue() == 1;
    }

    private static TrydebException failure(Path path, IOException e) {
        return TrydebException.failure("cannot prepare the download cache " + path + ": " + ErrorText.describe(e)
                + "; remove " + path.getParent() + " and try again");
    }
}
