package dev.trydeb.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every cell of the (topmost layer holds x what lies below holds) table of {@link DiffEngine},
 * at /etc/x: once with the lower entry on the host, once with it only in a lower layer
 * (where the diff, being against the host, must treat it as never having existed).
 */
class ChangeMatrixTest {
    enum Upper { FILE, DIRECTORY, OPAQUE_DIRECTORY, SYMLINK, WHITEOUT, OTHER }

    enum Lower { ABSENT, FILE, DIRECTORY, SYMLINK }

    @TempDir
    Path tmp;
    FakeStack stack;

    @BeforeEach
    void fixture() throws IOException {
        stack = new FakeStack(tmp);
        stack.dir(stack.host, "etc", 0755);
    }

    static Stream<Arguments> overHost() {
        return Stream.of(
                arguments(Upper.FILE, Lower.ABSENT, List.of("/etc/x added")),
                arguments(Upper.FILE, Lower.FILE, List.of("/etc/x modified")),
                arguments(Upper.FILE, Lower.DIRECTORY, List.of("/etc/x dir-to-file")),
                arguments(Upper.FILE, Lower.SYMLINK, List.of("/etc/x symlink-changed")),
                arguments(Upper.DIRECTORY, Lower.ABSENT, List.of("/etc/x new-directory", "/etc/x/new added")),
                arguments(Upper.DIRECTORY, Lower.FILE, List.of("/etc/x file-to-dir", "/etc/x/new added")),
                arguments(Upper.DIRECTORY, Lower.DIRECTORY, List.of("/etc/x metadata", "/etc/x/new added")),
                arguments(Upper.DIRECTORY, Lower.SYMLINK, List.of("/etc/x file-to-dir", "/etc/x/new added")),
                arguments(Upper.OPAQUE_DIRECTORY, Lower.ABSENT, List.of("/etc/x new-directory", "/etc/x/new added")),
                arguments(Upper.OPAQUE_DIRECTORY, Lower.FILE, List.of("/etc/x file-to-dir", "/etc/x/new added")),
                arguments(Upper.OPAQUE_DIRECTORY, Lower.DIRECTORY, List.of("/etc/x/new added", "/etc/x/old deleted")),
                arguments(Upper.OPAQUE_DIRECTORY, Lower.SYMLINK, List.of("/etc/x file-to-dir", "/etc/x/new added")),
                arguments(Upper.SYMLINK, Lower.ABSENT, List.of("/etc/x added")),
                arguments(Upper.SYMLINK, Lower.FILE, List.of("/etc/x symlink-changed")),
                arguments(Upper.SYMLINK, Lower.DIRECTORY, List.of("/etc/x dir-to-file")),
                arguments(Upper.SYMLINK, Lower.SYMLINK, List.of("/etc/x symlink-changed")),
                arguments(Upper.WHITEOUT, Lower.ABSENT, List.of()),
                arguments(Upper.WHITEOUT, Lower.FILE, List.of("/etc/x deleted")),
                arguments(Upper.WHITEOUT, Lower.DIRECTORY, List.of("/etc/x deleted")),
                arguments(Upper.WHITEOUT, Lower.SYMLINK, List.of("/etc/x deleted")),
                arguments(Upper.OTHER, Lower.ABSENT, List.of("/etc/x added")),
                arguments(Upper.OTHER, Lower.FILE, List.of("/etc/x modified")),
                arguments(Upper.OTHER, Lower.DIRECTORY, List.of("/etc/x dir-to-file")),
                arguments(Upper.OTHER, Lower.SYMLINK, List.of("/etc/x symlink-changed")));
    }

    static Stream<Arguments> overLowerLayerOnly() {
        List<String> newDir = List.of("/etc/x new-directory @1", "/etc/x/new added @1");
        return Stream.of(
                arguments(Upper.FILE, Lower.ABSENT, List.of("/etc/x added @1")),
                arguments(Upper.FILE, Lower.FILE, List.of("/etc/x added @1")),
                arguments(Upper.FILE, Lower.DIRECTORY, List.of("/etc/x added @1")),
                arguments(Upper.FILE, Lower.SYMLINK, List.of("/etc/x added @1")),
                arguments(Upper.DIRECTORY, Lower.ABSENT, newDir),
                arguments(Upper.DIRECTORY, Lower.FILE, newDir),
                // Not opaque: the lower layer's entries show through, and are new to the host.
                arguments(Upper.DIRECTORY, Lower.DIRECTORY,
                        List.of("/etc/x new-directory @1", "/etc/x/new added @1", "/etc/x/old added @0")),
                arguments(Upper.DIRECTORY, Lower.SYMLINK, newDir),
                arguments(Upper.OPAQUE_DIRECTORY, Lower.ABSENT, newDir),
                arguments(Upper.OPAQUE_DIRECTORY, Lower.FILE, newDir),
                // Same mode as the lower layer's directory: layer 0 created it, layer 1 emptied it.
                arguments(Upper.OPAQUE_DIRECTORY, Lower.DIRECTORY,
                        List.of("/etc/x new-directory @0", "/etc/x/new added @1")),
                arguments(Upper.OPAQUE_DIRECTORY, Lower.SYMLINK, newDir),
                arguments(Upper.SYMLINK, Lower.ABSENT, List.of("/etc/x added @1")),
                arguments(Upper.SYMLINK, Lower.FILE, List.of("/etc/x added @1")),
                arguments(Upper.SYMLINK, Lower.DIRECTORY, List.of("/etc/x added @1")),
                arguments(Upper.SYMLINK, Lower.SYMLINK, List.of("/etc/x added @1")),
                arguments(Upper.WHITEOUT, Lower.ABSENT, List.of()),
                arguments(Upper.WHITEOUT, Lower.FILE, List.of()),
                arguments(Upper.WHITEOUT, Lower.DIRECTORY, List.of()),
                arguments(Upper.WHITEOUT, Lower.SYMLINK, List.of()),
                arguments(Upper.OTHER, Lower.ABSENT, List.of("/etc/x added @1")),
                arguments(Upper.OTHER, Lower.FILE, List.of("/etc/x added @1")),
                arguments(Upper.OTHER, Lower.DIRECTORY, List.of("/etc/x added @1")),
                arguments(Upper.OTHER, Lower.SYMLINK, List.of("/etc/x added @1")));
    }

    @ParameterizedTest(name = "{0} over host {1}: {2}")
    @MethodSource("overHost")
    void diff_topLayerOverHostEntry_givesTableCell(Upper upper, Lower lower, List<String> expected) throws IOException {
        makeLower(lower, stack.host);
        Path layer = stack.upper(0);
        stack.dir(layer, "etc", 0755);
        makeUpper(upper, layer);

        assertEquals(expected, FakeStack.lines(stack.diff(stack.runtime(layer))));
    }

    @ParameterizedTest(name = "{0} over layer-only {1}: {2}")
    @MethodSource("overLowerLayerOnly")
    void diff_topLayerOverLowerLayerEntry_comparesWithHost(Upper upper, Lower lower, List<String> expected)
            throws IOException {
        Path below = stack.upper(0);
        stack.dir(below, "etc", 0755);
        makeLower(lower, below);
        Path top = stack.upper(1);
        stack.dir(top, "etc", 0755);
        makeUpper(upper, top);

        assertEquals(expected, FakeStack.linesWithLayers(stack.diff(stack.runtime(below), stack.runtime(top))));
    }

    @Test
    void matrices_coverEveryCell() {
        for (Stream<Arguments> cells : List.of(overHost(), overLowerLayerOnly())) {
            Set<List<Object>> pairs = new HashSet<>();
            cells.forEach(cell -> pairs.add(List.of(cell.get()[0], cell.get()[1])));
            assertEquals(Upper.values().length * Lower.values().length, pairs.size());
        }
    }

    private void makeUpper(Upper upper, Path layer) throws IOException {
        switch (upper) {
            case FILE -> stack.file(layer, "etc/x", "layer\n", 0644);
            case DIRECTORY -> {
                stack.dir(layer, "etc/x", 0700);
                stack.file(layer, "etc/x/new", "new\n", 0644);
            }
            case OPAQUE_DIRECTORY -> {
                FakeStack.opaque(stack.dir(layer, "etc/x", 0755));
                stack.file(layer, "etc/x/new", "new\n", 0644);
            }
            case SYMLINK -> stack.symlink(layer, "etc/x", "layer-target");
            case WHITEOUT -> stack.whiteout(layer, "etc/x");
            case OTHER -> stack.fifo(layer, "etc/x");
        }
    }

    private void makeLower(Lower lower, Path root) throws IOException {
        switch (lower) {
            case ABSENT -> { }
            case FILE -> stack.file(root, "etc/x", "lower\n", 0644);
            case DIRECTORY -> {
                stack.dir(root, "etc/x", 0755);
                stack.file(root, "etc/x/old", "old\n", 0644);
            }
            case SYMLINK -> stack.symlink(root, "etc/x", "lower-target");
        }
    }
}
