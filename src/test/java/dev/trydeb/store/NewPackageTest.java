package dev.trydeb.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NewPackageTest {
    @Test
    void constructor_relativeFilePath_throwsIllegalArgument() {
        assertThrows(IllegalArgumentException.class, () -> withFiles(List.of("usr/bin/hello")));
    }

    @Test
    void constructor_dotDotInFilePath_throwsIllegalArgument() {
        assertThrows(IllegalArgumentException.class, () -> withFiles(List.of("/usr/../etc/passwd")));
    }

    @Test
    void files_callerListChangedLater_keepsTheOriginal() {
        List<String> files = new ArrayList<>(List.of("/usr/bin/hello"));
        NewPackage pkg = withFiles(files);

        files.add("/usr/bin/other");

        assertEquals(List.of("/usr/bin/hello"), pkg.files());
    }

    private static NewPackage withFiles(List<String> files) {
        return new NewPackage("hello", "2.10-3", "amd64", "/tmp/hello.deb", "ab", "Package: hello\n", files, false, Optional.empty());
    }
}
