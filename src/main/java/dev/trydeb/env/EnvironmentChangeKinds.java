package dev.trydeb.env;

import dev.trydeb.core.FileMode;
import dev.trydeb.core.GuestPath;
import dev.trydeb.diff.Attribution;
import dev.trydeb.diff.Change;
import dev.trydeb.diff.ChangeKind;
import dev.trydeb.diff.SuspiciousRules;
import dev.trydeb.layer.GuestView;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The kind of a change between the environment's view and the view with a layer on top of it. */
final class EnvironmentChangeKinds {
    private enum Type { ABSENT, FILE, DIRECTORY, SYMLINK }

    private final GuestView below;
    private final GuestView above;

    EnvironmentChangeKinds(Path hostRoot, List<Path> belowTopFirst, List<Path> aboveTopFirst) {
        this.below = new GuestView(hostRoot, belowTopFirst);
        this.above = new GuestView(hostRoot, aboveTopFirst);
    }

    boolean changedByTop(GuestPath path) {
        Optional<Path> before = below.lookup(path).map(GuestView.Found::hostPath);
        Optional<Path> after = above.lookup(path).map(GuestView.Found::hostPath);
        return !before.equals(after);
    }

    /** Empty when the layer on top holds the path unchanged (overlayfs copied a directory up). */
    Optional<Change> relative(GuestPath path, long layerIndex) {
        Optional<Path> before = below.lookup(path).map(GuestView.Found::hostPath);
        Optional<Path> after = above.lookup(path).map(GuestView.Found::hostPath);
        ChangeKind kind = kind(type(before), type(after), before, after);
        int mode = after.map(EnvironmentChangeKinds::mode).orElse(-1);
        if (kind == ChangeKind.METADATA_ONLY && mode == before.map(EnvironmentChangeKinds::mode).orElse(-1)) {
            return Optional.empty();
        }
        return Optional.of(new Change(path, kind, Attribution.ofRuntime(), SuspiciousRules.reason(path, kind, mode),
                layerIndex));
    }

    private static ChangeKind kind(Type before, Type after, Optional<Path> beforePath, Optional<Path> afterPath) {
        if (before == Type.ABSENT) {
            return after == Type.DIRECTORY ? ChangeKind.NEW_DIRECTORY : ChangeKind.ADDED;
        }
        if (after == Type.ABSENT) {
            return ChangeKind.DELETED;
        }
        if (before == Type.SYMLINK || after == Type.SYMLINK) {
            return before == Type.DIRECTORY ? ChangeKind.DIRECTORY_REPLACED_BY_FILE : ChangeKind.SYMLINK_CHANGED;
        }
        if (before == Type.DIRECTORY) {
            return after == Type.DIRECTORY ? ChangeKind.METADATA_ONLY : ChangeKind.DIRECTORY_REPLACED_BY_FILE;
        }
        if (after == Type.DIRECTORY) {
            return ChangeKind.FILE_REPLACED_BY_DIRECTORY;
        }
        return sameContent(beforePath.get(), afterPath.get()) ? ChangeKind.METADATA_ONLY : ChangeKind.MODIFIED;
    }

    private static Type type(Optional<Path> path) {
        if (path.isEmpty()) {
            return Type.ABSENT;
        }
        if (Files.isSymbolicLink(path.get())) {
            return Type.SYMLINK;
        }
        return Files.isDirectory(path.get(), LinkOption.NOFOLLOW_LINKS) ? Type.DIRECTORY : Type.FILE;
    }

    private static boolean sameContent(Path a, Path b) {
        try {
            return Files.mismatch(a, b) == -1L;
        } catch (IOException e) {
            return false;
        }
    }

    private static int mode(Path path) {
        return FileMode.read(path, -1);
    }
}
