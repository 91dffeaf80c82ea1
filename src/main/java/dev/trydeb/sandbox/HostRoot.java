package dev.trydeb.sandbox;

import dev.trydeb.core.ErrorText;
import dev.trydeb.core.FileMode;
import dev.trydeb.core.TrydebException;
import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
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
                try {
                    entries.add(describe(child));
                } catch (IOException e) {
                    throw cannotRead(child, e);
                }
            }
        } catch (IOException e) {
            throw cannotRead(root, e);
        } catch (DirectoryIteratorException e) {
            throw cannotRead(root, e.getCause());
        }
        entries.sort(Comparator.comparing(Entry::name));
        return new HostRoot(root, entries);
    }

    private static TrydebException cannotRead(Path path, IOException e) {
        return TrydebException.failure("cannot read " + path + " (the host's top level, which every sandbox is built"
                + " from): " + ErrorText.describe(e), e);
    }

    private static Entry describe(Path child) throws IOException {
        String name = child.getFileName().toString();
        int mode = FileMode.lstat(child);
        int permissions = mode & FileMode.PERMISSIONS;
        if (FileMode.isType(mode, FileMode.SYMLINK)) {
            return new Entry(name, Kind.SYMLINK, Files.readSymbolicLink(child).toString(), permissions);
        }
        return new Entry(name, FileMode.isType(mode, FileMode.DIRECTORY) ? Kind.DIRECTORY : Kind.OTHER, null, permissions);
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
