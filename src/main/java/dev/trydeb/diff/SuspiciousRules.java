package dev.trydeb.diff;

import dev.trydeb.core.FileMode;
import dev.trydeb.core.GuestPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What an auditor of an installer must see: changes that grant privileges, add software
 * sources or keys, run code at boot, login or on a schedule, or touch users and homes.
 * The path rules are one table; the first matching row gives the reason.
 */
public final class SuspiciousRules {
    private static final int SETUID = 04000;
    private static final int SETGID = 02000;

    private static final List<PathRule> PATH_RULES = List.of(
            PathRule.exact("/etc/apt/sources.list", "apt source"),
            PathRule.below("/etc/apt/sources.list.d", "apt source"),
            PathRule.exact("/etc/apt/trusted.gpg", "apt signing key"),
            PathRule.below("/etc/apt/trusted.gpg.d", "apt signing key"),
            PathRule.below("/etc/apt/keyrings", "apt signing key"),
            PathRule.below("/usr/share/keyrings", "apt signing key"),
            PathRule.exact("/etc/apt/preferences", "apt pinning"),
            PathRule.below("/etc/apt/preferences.d", "apt pinning"),
            // The rest of /etc/apt is apt's configuration too: apt.conf.d can turn off signature
            // checks or run commands as root on every apt run (DPkg::Pre-Invoke), auth.conf.d holds credentials.
            PathRule.below("/etc/apt", "apt configuration"),
            PathRule.belowWithSuffix("/etc/systemd/system", ".timer", "systemd timer"),
            PathRule.belowWithSuffix("/lib/systemd/system", ".timer", "systemd timer"),
            PathRule.belowWithSuffix("/usr/lib/systemd/system", ".timer", "systemd timer"),
            PathRule.belowWithSuffix("/etc/systemd/user", ".timer", "systemd timer"),
            PathRule.belowWithSuffix("/usr/lib/systemd/user", ".timer", "systemd timer"),
            PathRule.below("/etc/systemd/system", "systemd unit"),
            PathRule.below("/lib/systemd/system", "systemd unit"),
            PathRule.below("/usr/lib/systemd/system", "systemd unit"),
            PathRule.below("/etc/systemd/user", "systemd unit"),
            PathRule.below("/usr/lib/systemd/user", "systemd unit"),
            PathRule.exact("/etc/crontab", "cron job"),
            PathRule.below("/etc/cron.d", "cron job"),
            PathRule.below("/etc/cron.hourly", "cron job"),
            PathRule.below("/etc/cron.daily", "cron job"),
            PathRule.below("/etc/cron.weekly", "cron job"),
            PathRule.below("/etc/cron.monthly", "cron job"),
            PathRule.below("/var/spool/cron", "cron job"),
            PathRule.below("/etc/udev/rules.d", "udev rule"),
            PathRule.below("/lib/udev/rules.d", "udev rule"),
            PathRule.below("/usr/lib/udev/rules.d", "udev rule"),
            PathRule.exact("/etc/sudoers", "sudoers"),
            PathRule.below("/etc/sudoers.d", "sudoers"),
            PathRule.below("/etc/pam.d", "PAM configuration"),
            PathRule.below("/etc/security", "PAM configuration"),
            PathRule.exact("/etc/ld.so.preload", "library preload"),
            PathRule.exact("/etc/profile", "shell profile script"),
            PathRule.below("/etc/profile.d", "shell profile script"),
            PathRule.exact("/etc/bash.bashrc", "shell profile script"),
            PathRule.exact("/etc/environment", "shell profile script"),
            PathRule.below("/etc/zsh", "shell profile script"),
            PathRule.exact("/etc/passwd", "users or groups changed").removedAs("user or group database removed"),
            PathRule.exact("/etc/group", "users or groups changed").removedAs("user or group database removed"),
            PathRule.exact("/etc/shadow", "users or groups changed").removedAs("user or group database removed"),
            PathRule.exact("/etc/gshadow", "users or groups changed").removedAs("user or group database removed"),
            PathRule.below("/lib/modules", "kernel module"),
            PathRule.below("/usr/lib/modules", "kernel module"),
            PathRule.below("/etc/modules-load.d", "kernel module"),
            PathRule.below("/etc/modprobe.d", "kernel module"),
            PathRule.below("/home", "file in a user's home"),
            PathRule.below("/root", "file in a user's home"),
            PathRule.below("/etc/xdg/autostart", "autostart entry"));

    private SuspiciousRules() {}

    /**
     * Why a change deserves an auditor's attention, reasons joined with "; ", or empty.
     *
     * @param mode the new entry's st_mode (file type bits included, as {@code unix:mode}
     *             gives it), or -1 when the path was deleted
     */
    public static Optional<String> reason(GuestPath path, ChangeKind kind, int mode) {
        List<String> reasons = new ArrayList<>();
        if (kind != ChangeKind.DELETED && mode >= 0 && !isDirectory(kind, mode)) {
            if ((mode & SETUID) != 0) {
                reasons.add("setuid file");
            }
            if ((mode & SETGID) != 0) {
                reasons.add("setgid file");
            }
        }
        PATH_RULES.stream()
                .filter(rule -> rule.matches(path))
                .findFirst()
                .ifPresent(rule -> reasons.add(kind == ChangeKind.DELETED ? rule.removedReason() : rule.reason()));
        return reasons.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", reasons));
    }

    /**
     * {@link #reason(GuestPath, ChangeKind, int)} and what only the contents tell: a second
     * root account in /etc/passwd or /etc/group, file capabilities (a setuid root in all but name).
     *
     * @param now what the guest has at the path, empty when it was deleted
     * @param host what the host has there
     */
    static Optional<String> reason(GuestPath path, ChangeKind kind, Optional<Entry> now, Optional<Entry> host) {
        List<String> reasons = new ArrayList<>();
        now.filter(e -> e.type() == EntryType.FILE).ifPresent(file -> RootAccounts.added(path, file.path(),
                host.filter(h -> h.type() == EntryType.FILE).map(Entry::path)).ifPresent(reasons::add));
        now.flatMap(Entry::capabilities).ifPresent(caps -> reasons.add("file capabilities: " + caps.text()));
        reason(path, kind, now.map(Entry::mode).orElse(-1)).ifPresent(reasons::add);
        return reasons.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", reasons));
    }

    private static boolean isDirectory(ChangeKind kind, int mode) {
        int type = mode & FileMode.TYPE_MASK;
        return type == 0 ? kind.isDirectory() : type == FileMode.DIRECTORY;
    }
}
