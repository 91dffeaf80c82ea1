package dev.trydeb.desktop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportedFilesTest {
    private static final int PROCESSES = 4;
    private static final int PACKAGES_EACH = 40;

    @TempDir
    Path tmp;

    @Test
    void put_packageWithNothingExported_writesNoFile() {
        Path file = tmp.resolve("menu-exports.json");

        new ExportedFiles(file).put("hello", List.of());

        assertEquals(List.of(), list(tmp));
    }

    @Test
    void put_thenRemove_forgetsOnlyThatPackage() throws IOException {
        ExportedFiles record = new ExportedFiles(tmp.resolve("menu-exports.json"));
        Path entry = Files.writeString(tmp.resolve("a.desktop"), "");
        record.put("a", List.of(entry));
        record.put("b", List.of(tmp.resolve("b.desktop")));

        assertEquals(List.of(entry), record.remove("a"));
        assertEquals(Map.of("b", List.of(tmp.resolve("b.desktop"))), record.read());
    }

    /** Exports running at once (trydeb export, install, rollback in several terminals) lose no entry. */
    @Test
    void put_fromProcessesAtOnce_keepsEveryPackage() throws Exception {
        Path file = tmp.resolve("menu-exports.json");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<Process> children = new ArrayList<>();
        try {
            for (int p = 0; p < PROCESSES; p++) {
                children.add(new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                        Exporter.class.getName(), file.toString(), "p" + p + "-")
                        .redirectErrorStream(true).start());
            }
            for (Process child : children) {
                assertEquals("ready", firstLine(child));
            }
            for (Process child : children) {
                OutputStream go = child.getOutputStream();
                go.write('\n');
                go.close();
            }
            for (Process child : children) {
                String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertEquals(true, child.waitFor(60, TimeUnit.SECONDS));
                assertEquals(0, child.exitValue(), output);
            }
        } finally {
            children.forEach(Process::destroyForcibly);
        }

        Map<String, List<Path>> expected = new TreeMap<>();
        for (int p = 0; p < PROCESSES; p++) {
            for (int i = 0; i < PACKAGES_EACH; i++) {
                expected.put("p" + p + "-" + i, List.of(Path.of("/menu/p" + p + "-" + i + ".desktop")));
            }
        }
        assertEquals(expected, new ExportedFiles(file).read());
        assertEquals(List.of("menu-exports.json", "menu-exports.json.lock"), list(tmp), "no temporary file left");
    }

    /** A child: RECORD PREFIX; says "ready", records PACKAGES_EACH packages once its stdin has a line. */
    static final class Exporter {
        public static void main(String[] args) throws IOException {
            ExportedFiles record = new ExportedFiles(Path.of(args[0]));
            System.out.println("ready");
            System.out.flush();
            new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            for (int i = 0; i < PACKAGES_EACH; i++) {
                record.put(args[1] + i, List.of(Path.of("/menu/" + args[1] + i + ".desktop")));
            }
        }
    }

    private static String firstLine(Process child) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = child.getInputStream().read(); c >= 0 && c != '\n'; c = child.getInputStream().read()) {
            line.append((char) c);
        }
        return line.toString();
    }

    private static List<String> list(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
