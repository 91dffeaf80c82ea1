package dev.trydeb.desktop;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns a package's desktop entry into the menu entry trydeb exports: every Exec runs the
 * command through trydeb in the entry's environment, the name says it is a trial, the icon
 * is the exported copy, and nothing sends the desktop to a program outside the environment.
 */
final class MenuEntryRewriter {
    private MenuEntryRewriter() {}

    /**
     * The exported entry, or empty when the entry is not an application with a usable Exec.
     *
     * @param desktopId the original desktop file ID, e.g. "org.example.Foo.desktop"
     * @param launcher  the command that starts trydeb, e.g. ["/usr/bin/trydeb"]
     * @param icon      the absolute path of the exported icon, when there is one
     */
    static Optional<String> rewrite(String text, String desktopId, String environment, String packageName,
                                    List<String> launcher, Optional<String> icon) {
        DesktopEntry entry = DesktopEntry.parse(text);
        String main = DesktopEntry.MAIN_GROUP;
        if (!entry.groups().contains(main) || !entry.get(main, "Type").map("Application"::equals).orElse(false)) {
            return Optional.empty();
        }
        for (String group : entry.groups()) {
            if (!group.equals(main) && !group.startsWith(DesktopEntry.ACTION_GROUP_PREFIX)) {
                continue;
            }
            Optional<String> exec = entry.get(group, "Exec");
            if (exec.isEmpty()) {
                continue;
            }
            Optional<List<String>> args = ExecLine.parse(exec.get());
            if (args.isEmpty()) {
                return Optional.empty();
            }
            entry.set(group, "Exec", ExecLine.format(throughTrydeb(args.get(), environment, launcher)));
        }
        if (entry.get(main, "Exec").isEmpty()) {
            return Optional.empty();
        }
        // TryExec names a program of the environment, which the menu would look for on the host.
        entry.remove(main, "TryExec");
        // A D-Bus activated entry is started by its bus name, i.e. by the host's copy or none; Exec instead.
        entry.remove(main, "DBusActivatable");
        String suffix = environment.equals("default") ? " (trydeb)" : " (trydeb: " + environment + ")";
        for (String key : entry.keys(main)) {
            if (key.equals("Name") || key.startsWith("Name[")) {
                entry.set(main, key, entry.get(main, key).orElseThrow() + suffix);
            }
        }
        if (entry.get(main, "StartupWMClass").isEmpty()) {
            // The exported ID differs from the original, which Wayland compositors compare the
            // window's app_id with; StartupWMClass lets them match the window to this entry.
            entry.set(main, "StartupWMClass", desktopId.substring(0, desktopId.length() - ".desktop".length()));
        }
        icon.ifPresent(path -> entry.set(main, "Icon", path));
        entry.set(main, "X-Trydeb-Environment", environment);
        entry.set(main, "X-Trydeb-Package", packageName);
        return Optional.of(entry.format());
    }

    /** trydeb --env ENV run --exec PROGRAM [-- ARGS...], field codes kept for the menu to expand. */
    static List<String> throughTrydeb(List<String> original, String environment, List<String> launcher) {
        List<String> args = new ArrayList<>(launcher);
        args.addAll(List.of("--env", environment, "run", "--exec", original.get(0)));
        if (original.size() > 1) {
            args.add("--");
            args.addAll(original.subList(1, original.size()));
        }
        return args;
    }
}
