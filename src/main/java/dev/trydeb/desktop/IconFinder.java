package dev.trydeb.desktop;

import dev.trydeb.core.GuestPath;
import dev.trydeb.layer.GuestView;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds the file of a desktop entry's Icon in the environment's layers: an absolute path,
 * or a name looked up the way icon themes do (hicolor, scalable first, then the largest
 * size, then /usr/share/pixmaps). Icons the host has are left to the host's themes.
 */
final class IconFinder {
    static final List<String> PNG_SIZES = List.of("512x512", "256x256", "192x192", "128x128", "96x96", "64x64",
            "48x48", "32x32", "24x24", "22x22", "16x16");
    private static final String HICOLOR = "/usr/share/icons/hicolor";

    /**
     * An icon file of a layer (symbolic links followed), the name it was found under without
     * its extension, and the hicolor size directory it belongs in ("scalable", "48x48").
     */
    record Found(Path file, String name, String sizeDirectory, String extension) {}

    private final GuestView view;

    IconFinder(GuestView view) {
        this.view = view;
    }

    Optional<Found> find(String icon) {
        if (icon.startsWith("/")) {
            try {
                return inLayer(GuestPath.of(icon));
            } catch (IllegalArgumentException notNormalized) {
                return Optional.empty();
            }
        }
        if (icon.isEmpty() || icon.contains("/") || icon.startsWith(".")) {
            return Optional.empty();
        }
        for (GuestPath candidate : candidates(icon)) {
            Optional<Found> found = inLayer(candidate);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    static List<GuestPath> candidates(String name) {
        List<GuestPath> paths = new ArrayList<>();
        paths.add(GuestPath.of(HICOLOR + "/scalable/apps/" + name + ".svg"));
        for (String size : PNG_SIZES) {
            paths.add(GuestPath.of(HICOLOR + "/" + size + "/apps/" + name + ".png"));
        }
        for (String extension : List.of("svg", "png", "xpm")) {
            paths.add(GuestPath.of("/usr/share/pixmaps/" + name + "." + extension));
        }
        return paths;
    }

    /** The file, when a layer (not the host) provides the path; symbolic links followed inside the guest. */
    private Optional<Found> inLayer(GuestPath path) {
        Optional<GuestView.Found> entry = view.lookup(path);
        if (entry.isEmpty() || entry.get().source() != GuestView.Source.LAYER) {
            return Optional.empty();
        }
        Optional<Path> file = view.resolve(path).flatMap(view::lookup).map(GuestView.Found::hostPath)
                .filter(Files::isRegularFile);
        String name = path.fileName();
        int dot = name.lastIndexOf('.');
        String extension = dot > 0 ? name.substring(dot + 1) : "";
        if (file.isEmpty() || !List.of("svg", "png", "xpm").contains(extension)) {
            return Optional.empty();
        }
        return Optional.of(new Found(file.get(), name.substring(0, dot), sizeDirectory(path, extension), extension));
    }

    private static String sizeDirectory(GuestPath path, String extension) {
        List<String> parts = path.components();
        // usr/share/icons/hicolor/SIZE/apps/NAME
        if (path.value().startsWith(HICOLOR + "/") && parts.size() == 7) {
            return parts.get(4);
        }
        return extension.equals("svg") ? "scalable" : "48x48";
    }
}
