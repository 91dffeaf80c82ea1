package dev.trydeb.apt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DownloadCacheTest {
    @TempDir
    Path dir;

    @Test
    void prepare_linksAndSecondHardLinks_removedWithoutTouchingTheirTargets() throws IOException {
        Path usersFile = Files.writeString(dir.resolve("users-file"), "precious");
        Path archives = dir.resolve("archives");
        Files.createDirectories(archives.resolve("partial"));
        Files.createSymbolicLink(archives.resolve("partial/sl_5.02-1+b1_amd64.deb"), usersFile);
        Files.createSymbolicLink(archives.resolve("jq_1.6_amd64.deb"), usersFile);
        Files.createLink(archives.resolve("partial/hello_2.10_amd64.deb"), usersFile);
        Path kept = Files.writeString(archives.resolve("figlet_2.2.5_amd64.deb"), "a downloaded deb");

        DownloadCache.prepare(archives);

        assertEquals("precious", Files.readString(usersFile));
        assertFalse(Files.exists(archives.resolve("partial/sl_5.02-1+b1_amd64.deb"), LinkOption.NOFOLLOW_LINKS));
        assertFalse(Files.exists(archives.resolve("jq_1.6_amd64.deb"), LinkOption.NOFOLLOW_LINKS));
        assertFalse(Files.exists(archives.resolve("partial/hello_2.10_amd64.deb"), LinkOption.NOFOLLOW_LINKS));
        assertEquals("a downloaded deb", Files.readString(kept));
    }

    @Test
    void prepare_partialIsALink_replacedByADirectory() throws IOException {
        Path elsewhere = Files.createDirectory(dir.resolve("elsewhere"));
        Path archives = Files.createDirectory(dir.resolve("archives"));
        Files.createSymbolicLink(archives.resolve("partial"), elsewhere);

        DownloadCache.prepare(archives);

        assertTrue(Files.isDirectory(archives.resolve("partial"), LinkOption.NOFOLLOW_LINKS));
        assertTrue(Files.isDirectory(elsewhere));
    }

    @Test
    void prepare_archivesIsALink_replacedByADirectory() throws IOException {
        Path elsewhere = Files.createDirectory(dir.resolve("elsewhere"));
        Files.writeString(elsewhere.resolve("x.deb"), "not ours");
        Path archives = dir.resolve("archives");
        Files.createSymbolicLink(archives, elsewhere);

        DownloadCache.prepare(archives);

        assertTrue(Files.isDirectory(archives, LinkOption.NOFOLLOW_LINKS));
        assertEquals("not ours", Files.readString(elsewhere.resolve("x.deb")));
    }
}
