package dev.trydeb.sandbox;

import dev.trydeb.core.FileMode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** The top level of the host's file system, which every sandbox root is built from. */
public record HostRoot(Path path, List<Entry> entries) {
    public enum Kind { DIRECTORY, SYMLINK, OTHER }

    public record Entry(String name, Kind kind, String linkTarget, int mode) {}

    public HostRoot {
        entries = List.copyOf(entries);
    }

    public static HostRoot scan(Path root) {
        List<Entry> entries = new ArrayList<>();
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(root)) {
            for (Path child : dir) {
                entries.add(describe(child));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        entries.sort(Comparator.comparing(Entry::name));
        return new HostRoot(root, entries);
    }

    private static Entry describe(Path child) throws IOException {
        String name = child.getFileName().toString();
        BasicFileAttributes attrs = Files.readAttributes(child, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        int mode = (Integer) Files.getAttribute(child, "unix:mode", LinkOption.NOFOLLOW_LINKS) & FileMode.PERMISSIONS;
        if (attrs.isSymbolicLink()) {
            return new Entry(name, Kind.SYMLINK, Files.readSymbolicLink(child).toString(), mode);
        }
        return new Entry(name, attrs.isDirectory() ? Kind.DIRECTORY : Kind.OTHER, null, mode);
    }

    public Optional<Entry> entry(String name) {
        return entries.stream().filter(e -> e.name().equals(name)).findFirst();
    }

    public boolean isDirectory(String name) {
        return entry(name).map(e -> e.kind() == Kind.DIRECTORY).orElse(false);
    }

    public Path resolve(String name) {
        return path.resolve(name);
    }
}
