package dev.trydeb.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChangeKindTest {
    @Test
    void labels_areStableForScripts() {
        assertEquals(List.of("added", "modified", "deleted", "new-directory", "dir-to-file", "file-to-dir",
                "symlink-changed", "metadata"), Arrays.stream(ChangeKind.values()).map(ChangeKind::label).toList());
    }
}
