package dev.trydeb.desktop;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trydeb.core.AtomicFile;
import dev.trydeb.core.ErrorText;
import dev.trydeb.core.TrydebException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The record of what an environment exported to the user's menu: for each package, the
 * files trydeb wrote outside its store (menu entries and icons). A small JSON file in the
 * environment's directory, replaced atomically; only files it lists are ever removed.
 * Exports run without the environment's lock (alongside its programs, in several terminals
 * at once), so each change is read, made and written under a lock of the record's own
 * (RECORD.lock), or one export would drop another's package.
 */
public final class ExportedFiles {
    /** Started on first use: databind takes ~40 ms, and most installs export nothing and read no record. */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }

    /** A JVM holds a file lock once: its own threads take turns here first. */
    private static final Object IN_THIS_PROCESS = new Object();

    private final Path recordFile;

    public ExportedFiles(Path recordFile) {
        this.recordFile = recordFile;
    }

    /** Package name to the files it exported, sorted by package. */
    public Map<String, List<Path>> read() {
        Map<String, List<String>> raw;
        try {
            byte[] json = Files.readAllBytes(recordFile);
            raw = Json.MAPPER.readValue(json, new TypeReference<TreeMap<String, List<String>>>() {});
        } catch (NoSuchFileException e) {
            return new TreeMap<>();
        } catch (IOException e) {
            throw TrydebException.failure("cannot read the record of menu entries " + recordFile + ": "
                    + ErrorText.describe(e) + "; remove it and run 'trydeb export PACKAGE' again");
        }
        Map<String, List<Path>> record = new TreeMap<>();
        raw.forEach((pkg, files) -> record.put(pkg, files.stream().map(Path::of).toList()));
        return record;
    }

    /** Whether some package of this environment exported {@code file}. */
    public boolean owns(Path file) {
        return read().values().stream().anyMatch(files -> files.contains(file));
    }

    /** Records {@code files} as the package's exports (none: forgets the package). */
    public void put(String packageName, List<Path> files) {
        if (read().getOrDefault(packageName, List.of()).equals(files)) {
            return; // most packages have no menu entries: no record file (nor lock) for them
        }
        synchronized (IN_THIS_PROCESS) {
            try (FileChannel lockFile = FileChannel.open(recordFile.resolveSibling(recordFile.getFileName() + ".lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock lock = lockFile.lock()) {
                Map<String, List<Path>> record = read();
                if (files.isEmpty()) {
                    record.remove(packageName);
                } else {
                    record.put(packageName, List.copyOf(files));
                }
                write(record);
            } catch (IOException e) {
                throw TrydebException.failure("cannot lock the record of menu entries " + recordFile + ": "
                        + ErrorText.describe(e));
            }
        }
    }

    /** Deletes the package's exported files and forgets them; returns the files deleted. */
    public List<Path> remove(String packageName) {
        List<Path> files = read().getOrDefault(packageName, List.of());
        List<Path> deleted = delete(files);
        put(packageName, List.of());
        return deleted;
    }

    /** Deletes every exported file of the environment and the record itself. */
    public void removeAll() {
        read().values().forEach(ExportedFiles::delete);
        try {
            Files.deleteIfExists(recordFile);
        } catch (IOException e) {
            throw TrydebException.failure("cannot remove " + recordFile + ": " + ErrorText.describe(e));
        }
    }

    private static List<Path> delete(List<Path> files) {
        List<Path> deleted = new ArrayList<>();
        for (Path file : files) {
            try {
                if (Files.deleteIfExists(file)) {
                    deleted.add(file);
                }
            } catch (IOException e) {
                throw TrydebException.failure("cannot remove the exported file " + file + ": " + ErrorText.describe(e));
            }
        }
        return deleted;
    }

    private void write(Map<String, List<Path>> record) {
        Map<String, List<String>> raw = new TreeMap<>();
        record.forEach((pkg, files) -> raw.put(pkg, files.stream().map(Path::toString).toList()));
        try {
            AtomicFile.write(recordFile, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(raw), "rw-r--r--");
        } catch (IOException e) {
            throw TrydebException.failure("cannot write the record of menu entries " + recordFile + ": "
                    + ErrorText.describe(e));
        }
    }
}
