package dev.trydeb.deb;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DpkgFileListTest {
    @Test
    void candidateNames_withArchitecture_multiArchNameFirst() {
        assertEquals(List.of("libc6:amd64.list", "libc6.list"), DpkgFileList.candidateNames("libc6", "amd64"));
    }

    @Test
    void candidateNames_withoutArchitecture_plainNameOnly() {
        assertEquals(List.of("cowsay.list"), DpkgFileList.candidateNames("cowsay", ""));
    }

    @Test
    void read_rootAndNonPathLines_leftOutOthersKeptInOrder(@TempDir Path tmp) throws Exception {
        Path list = tmp.resolve("x.list");
        Files.write(list, "/.\n/usr\n/usr/bin/caf\u00e9\n\n/usr/bin/x\n".getBytes(StandardCharsets.ISO_8859_1));

        assertEquals(List.of("/usr", "/usr/bin/caf\u00e9", "/usr/bin/x"), DpkgFileList.read(list));
    }
}
