package dev.trydeb.sandbox;

import dev.trydeb.core.ErrorText;
import dev.trydeb.core.FileMode;
import dev.trydeb.core.TrydebException;
import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The top level of the host's file system, which every sandbox root is built from, and the
 * scratch directories below /var: directories there that anyone may write to (/var/tmp).
 */
public record HostRoot(Path path, List<Entry> entries, List<Entry> varScratch) {
    public enum Kind { DIRECTORY, SYMLINK, OTHER }

    public record Entry(String name, Kind kind, String linkTarget, int mode) {}

    private static final int OTHERS_WRITE = 0002;

    public HostRoot {
        entries = List.copyOf(entries);
        varScratch = List.copyOf(varScratch);
    }

    public HostRoot(Path path, List<Entry> entries) {
        this(path, entries, List.of());
    }

    public static HostRoot scan(Path root) {
        List<Entry> entries = list(root);
        Path var = root.resolve("var");
        List<Entry> scratch = Files.isDirectory(var, LinkOption.NOFOLLOW_LINKS)
                ? list(var).stream().filter(e -> e.kind() == Kind.DIRECTORY && (e.mode() & OTHERS_WRITE) != 0).toList()
                : List.of();
        return new HostRoot(root, entries, scratch);
    }

    private static List<Entry> list(Path directory) {
        List<Entry> entries = new ArrayList<>();
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(directory)) {
            for (Path child : dir) {
                try {
                    entries.add(describe(child));
                } catch (IOException e) {
                    throw cannotRead(child, e);
                }
            }
        } catch (IOException e) {
            throw cannotRead(directory, e);
        } catch (DirectoryIteratorException e) {
            throw cannotRead(directory, e.getCause());
        }
        entries.sort(Comparator.comparing(Entry::name));
        return entries;
    }

    private static TrydebException cannotRead(Path path, IOException e) {
        return TrydebException.failure("cannot read " + path + " (the host directory every sandbox is built"
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
