package dev.trydeb.deb;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** dpkg's list of an installed package's paths, /var/lib/dpkg/info/NAME[:ARCH].list. */
public final class DpkgFileList {
    public static final String INFO_DIRECTORY = "/var/lib/dpkg/info";

    private DpkgFileList() {}

    /** The file names dpkg may have used, most specific first (NAME:ARCH.list for Multi-Arch). */
    public static List<String> candidateNames(String name, String architecture) {
        List<String> names = new ArrayList<>();
        if (!architecture.isEmpty()) {
            names.add(name + ":" + architecture + ".list");
        }
        names.add(name + ".list");
        return names;
    }

    /** The absolute paths the list names, the root ("/.") left out; read byte for byte (ISO-8859-1). */
    public static List<String> read(Path list) throws IOException {
        return Files.readAllLines(list, StandardCharsets.ISO_8859_1).stream()
                .filter(line -> line.startsWith("/") && !line.equals("/."))
                .toList();
    }
}
