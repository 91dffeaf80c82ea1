package dev.trydeb.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFileTest {
    @TempDir
    Path tmp;

    private List<String> names(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void write_newFileInANewDirectory_contentAndModeAsAsked() throws IOException {
        Path target = tmp.resolve("a/b/plan");

        AtomicFile.write(target, new byte[] {1, 2, 3}, "rw-------");

        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(target));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(target)));
        assertEquals(List.of("plan"), names(target.getParent()));
    }

    @Test
    void write_existingFile_replacedWhole() throws IOException {
        Path target = tmp.resolve("record.json");
        Files.writeString(target, "a much longer old content than the new one");

        AtomicFile.write(target, "new".getBytes(), "rw-r--r--");

        assertEquals("new", Files.readString(target));
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(target)));
    }

    @Test
    void write_failingRename_leavesTheTargetAndNoTemporaryFile() throws IOException {
        Path target = Files.createDirectories(tmp.resolve("busy"));
        Files.writeString(target.resolve("inside"), "a directory that is not empty cannot be replaced by a file");

        assertThrows(IOException.class, () -> AtomicFile.write(target, "x".getBytes(), "rw-r--r--"));

        assertEquals(List.of("busy"), names(tmp));
        assertEquals(List.of("inside"), names(target));
    }
}
