package dev.trydeb.desktop;

import dev.trydeb.core.AtomicFile;
import dev.trydeb.core.ErrorText;
import dev.trydeb.core.GuestPath;
import dev.trydeb.core.TrydebException;
import dev.trydeb.layer.GuestView;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes a package's menu entries into the user's menu: each application entry of the
 * package (/usr/share/applications) becomes {@code $XDG_DATA_HOME/applications/trydeb-ENV-ID},
 * its icon, when the environment provides it, a copy in {@code $XDG_DATA_HOME/icons/hicolor}.
 *
 * <p>The exported desktop file ID differs from the package's on purpose: a user entry with
 * the same ID would hide the host's own copy of the application from the menu and make it
 * start the trial instead, and two environments could not offer the same application.
 * Compositors match windows to entries by the app_id, so StartupWMClass keeps the original
 * ID (see {@link MenuEntryRewriter}).
 */
public final class MenuExport {
    static final String APPLICATIONS = "/usr/share/applications";

    /** The files written, and why entries were left out. */
    public record Result(List<Path> written, List<String> skipped) {
        /** The entries written that menus list: not a NoDisplay (a MIME handler, a helper) or Hidden one. */
        public List<Path> shownInMenus() {
            return written.stream().filter(f -> f.toString().endsWith(".desktop") && DesktopEntry.isShownInMenus(f)).toList();
        }
    }

    private final Path applicationsDir;
    private final Path iconsDir;
    private final List<String> launcher;

    /** @param launcher the command that starts this trydeb, written into every Exec line */
    public MenuExport(Path dataHome, List<String> launcher) {
        this.applicationsDir = dataHome.resolve("applications");
        this.iconsDir = dataHome.resolve("icons").resolve("hicolor");
        this.launcher = List.copyOf(launcher);
    }

    /** Desktop file IDs of the package's entries, by their path: a/b.desktop under applications is "a-b.desktop". */
    static Map<GuestPath, String> desktopIds(List<String> packageFiles) {
        Map<GuestPath, String> ids = new LinkedHashMap<>();
        for (String file : packageFiles) {
            if (file.startsWith(APPLICATIONS + "/") && file.endsWith(".desktop")) {
                ids.put(GuestPath.of(file), file.substring(APPLICATIONS.length() + 1).replace('/', '-'));
            }
        }
        return ids;
    }

    /**
     * Exports the entries of one package, replacing what it exported before; files that exist
     * but that {@code record} does not list are the user's and are never overwritten.
     */
    public Result export(String environment, String packageName, List<String> packageFiles, GuestView view,
                         ExportedFiles record) {
        List<Path> previous = record.read().getOrDefault(packageName, List.of());
        List<Path> written = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        IconFinder icons = new IconFinder(view);
        for (Map.Entry<GuestPath, String> desktop : desktopIds(packageFiles).entrySet()) {
            Optional<Path> source = view.resolve(desktop.getKey()).flatMap(view::lookup)
                    .map(GuestView.Found::hostPath).filter(Files::isRegularFile);
            if (source.isEmpty()) {
                continue; // removed or replaced by a later layer
            }
            String text = read(source.get());
            String prefix = "trydeb-" + environment + "-";
            Path target = applicationsDir.resolve(prefix + desktop.getValue());
            if (Files.exists(target) && !previous.contains(target) && !record.owns(target)) {
                skipped.add(target + " exists and trydeb did not write it");
                continue;
            }
            Optional<IconFinder.Found> icon = DesktopEntry.parse(text).get(DesktopEntry.MAIN_GROUP, "Icon")
                    .flatMap(icons::find);
            Optional<Path> iconCopy = icon.flatMap(found -> iconTarget(found, prefix, previous, record));
            Optional<String> exported = MenuEntryRewriter.rewrite(text, desktop.getValue(), environment, packageName,
                    launcher, iconCopy.map(Path::toString));
            if (exported.isEmpty()) {
                skipped.add(desktop.getKey() + " is not an application entry with a valid Exec line");
                continue;
            }
            if (iconCopy.isPresent() && !written.contains(iconCopy.get())) {
                writeAtomically(iconCopy.get(), readBytes(icon.get().file()));
                written.add(iconCopy.get());
            }
            writeAtomically(target, exported.get().getBytes(StandardCharsets.UTF_8));
            written.add(target);
        }
        for (Path old : previous) {
            if (!written.contains(old)) {
                delete(old);
            }
        }
        record.put(packageName, written);
        return new Result(List.copyOf(written), List.copyOf(skipped));
    }

    /** Where the icon's copy goes, unless a file of the user's has that name (the entry then keeps its Icon). */
    private Optional<Path> iconTarget(IconFinder.Found found, String prefix, List<Path> previous, ExportedFiles record) {
        Path target = iconsDir.resolve(found.sizeDirectory()).resolve("apps")
                .resolve(prefix + found.name() + "." + found.extension());
        if (Files.exists(target) && !previous.contains(target) && !record.owns(target)) {
            return Optional.empty();
        }
        return Optional.of(target);
    }

    private static String read(Path file) {
        return new String(readBytes(file), StandardCharsets.UTF_8);
    }

    private static byte[] readBytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw TrydebException.failure("cannot read " + file + ": " + ErrorText.describe(e));
        }
    }

    private static void writeAtomically(Path target, byte[] content) {
        try {
            AtomicFile.write(target, content, "rw-r--r--");
        } catch (IOException e) {
            throw TrydebException.failure("cannot write " + target + ": " + ErrorText.describe(e));
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw TrydebException.failure("cannot remove " + file + ": " + ErrorText.describe(e));
        }
    }
}
