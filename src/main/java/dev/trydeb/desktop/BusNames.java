package dev.trydeb.desktop;

import dev.trydeb.core.GuestPath;
import dev.trydeb.layer.GuestView;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The well-known D-Bus names a package's programs claim on the session bus, as far as its
 * files tell: the Name of its session services, and the ID of each of its desktop entries
 * that looks like a bus name (a D-Bus activatable entry must be named after its bus name,
 * and a GApplication's ID conventionally is its entry's).
 */
public final class BusNames {
    private static final String SERVICES = "/usr/share/dbus-1/services/";
    private static final Pattern BUS_NAME = Pattern.compile("[A-Za-z_-][A-Za-z0-9_-]*(\\.[A-Za-z_-][A-Za-z0-9_-]*)+");

    private BusNames() {}

    public static Set<String> of(List<String> packageFiles, GuestView view) {
        Set<String> names = new TreeSet<>();
        for (Map.Entry<GuestPath, String> desktop : MenuExport.desktopIds(packageFiles).entrySet()) {
            String stem = desktop.getValue().substring(0, desktop.getValue().length() - ".desktop".length());
            if (isBusName(stem)) {
                names.add(stem);
            }
        }
        for (String file : packageFiles) {
            if (file.startsWith(SERVICES) && file.endsWith(".service")) {
                read(GuestPath.of(file), view)
                        .flatMap(text -> DesktopEntry.parse(text).get("D-BUS Service", "Name"))
                        .filter(BusNames::isBusName)
                        .ifPresent(names::add);
            }
        }
        return names;
    }

    static boolean isBusName(String name) {
        return name.length() <= 255 && BUS_NAME.matcher(name).matches();
    }

    private static Optional<String> read(GuestPath path, GuestView view) {
        Optional<Path> file = view.resolve(path).flatMap(view::lookup).map(GuestView.Found::hostPath)
                .filter(Files::isRegularFile);
        try {
            return file.isPresent() ? Optional.of(Files.readString(file.get(), StandardCharsets.UTF_8)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty(); // an unreadable service file claims nothing we could warn about
        }
    }
}
