package dev.trydeb.doctor;

import dev.trydeb.core.HostUser;
import dev.trydeb.sandbox.SubordinateIds;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The host's side of whether trydeb can work: the kernel and its sysctls, AppArmor, the
 * subordinate ids and their mappers. Files are read under {@code root} (/ on a real host, a
 * faked tree in tests); one method per check.
 */
public final class HostChecks {
    /** Unprivileged overlayfs mounts (with userxattr) arrived in Linux 5.11. */
    static final int[] OVERLAY_IN_USERNS = {5, 11};
    static final String PACKAGED_HELPER = "/usr/libexec/trydeb/trydeb-sandbox";
    static final String PACKAGED_PROFILE = "/usr/share/trydeb/apparmor/trydeb-sandbox";
    private static final Pattern RELEASE = Pattern.compile("^(\\d+)\\.(\\d+)");
    /** Where Debian's useradd starts giving out subordinate ids, and how many it gives each user. */
    private static final long FIRST_SUBORDINATE = 100000;
    private static final long SUBORDINATE_COUNT = 65536;

    private final Path root;
    private final HostUser user;
    private final LiveProbes probes;

    public HostChecks(Path root, HostUser user, LiveProbes probes) {
        this.root = root;
        this.user = user;
        this.probes = probes;
    }

    public Finding kernel() {
        Optional<String> release = read("proc/sys/kernel/osrelease");
        if (release.isEmpty()) {
            return Finding.warning("kernel", "cannot read /proc/sys/kernel/osrelease to tell the kernel's version", null);
        }
        Matcher m = RELEASE.matcher(release.get());
        if (!m.find()) {
            return Finding.warning("kernel", "Linux " + release.get() + ": a version trydeb cannot read", null);
        }
        int major = Integer.parseInt(m.group(1));
        int minor = Integer.parseInt(m.group(2));
        boolean oldEnough = major > OVERLAY_IN_USERNS[0] || (major == OVERLAY_IN_USERNS[0] && minor >= OVERLAY_IN_USERNS[1]);
        String needs = "overlayfs in a user namespace needs Linux 5.11 or newer";
        return oldEnough ? Finding.ok("kernel", "Linux " + release.get() + " (" + needs + ")")
                : Finding.error("kernel", "Linux " + release.get() + ": " + needs,
                        "ask your administrator to boot a Linux 5.11 or newer (Debian 12 has 6.1)");
    }

    public Finding maxUserNamespaces() {
        Optional<String> value = read("proc/sys/user/max_user_namespaces");
        if (value.isEmpty()) {
            return Finding.ok("max-user-namespaces", "user.max_user_namespaces is not in this kernel: no limit to check");
        }
        return "0".equals(value.get())
                ? Finding.error("max-user-namespaces", "user namespaces are disabled (user.max_user_namespaces = 0)",
                        "sudo sysctl -w user.max_user_namespaces=15000 (and the same line in /etc/sysctl.d/ to keep it)")
                : Finding.ok("max-user-namespaces", "user.max_user_namespaces = " + value.get());
    }

    /** Debian's own switch (its kernels before 6.1 had it off by default). */
    public Finding unprivilegedUsernsClone() {
        Optional<String> value = read("proc/sys/kernel/unprivileged_userns_clone");
        if (value.isEmpty()) {
            return Finding.ok("unprivileged-userns-clone", "kernel.unprivileged_userns_clone is not in this kernel: nothing to allow");
        }
        return "0".equals(value.get())
                ? Finding.error("unprivileged-userns-clone",
                        "unprivileged user namespaces are disabled (kernel.unprivileged_userns_clone = 0)",
                        "sudo sysctl -w kernel.unprivileged_userns_clone=1 (and the same line in /etc/sysctl.d/ to keep it)")
                : Finding.ok("unprivileged-userns-clone", "kernel.unprivileged_userns_clone = " + value.get());
    }

    /**
     * Ubuntu's restriction (23.10 and later): only programs an AppArmor profile allows may
     * create user namespaces. Whether the helper could, {@code sandbox} says (empty: it could).
     */
    public Finding appArmor(Path helper, Optional<String> sandbox) {
        Optional<String> value = read("proc/sys/kernel/apparmor_restrict_unprivileged_userns");
        if (value.isEmpty() || "0".equals(value.get())) {
            return Finding.ok("apparmor", value.isEmpty()
                    ? "kernel.apparmor_restrict_unprivileged_userns is not in this kernel: no AppArmor restriction"
                    : "kernel.apparmor_restrict_unprivileged_userns = 0: no AppArmor restriction");
        }
        boolean profile = Files.isRegularFile(root.resolve("etc/apparmor.d/trydeb-sandbox"));
        String restricted = "AppArmor restricts unprivileged user namespaces (kernel.apparmor_restrict_unprivileged_userns = 1)";
        if (sandbox.isEmpty()) {
            return Finding.ok("apparmor", restricted + (profile ? "; the profile /etc/apparmor.d/trydeb-sandbox allows the helper"
                    : "; the helper is allowed all the same"));
        }
        if (!helper.toString().equals(PACKAGED_HELPER)) {
            return Finding.error("apparmor", restricted + ", and trydeb's profile allows " + PACKAGED_HELPER
                    + " only, not this trydeb's helper " + helper,
                    "use the Debian package's trydeb, or ask your administrator for a profile that allows 'userns,' for " + helper);
        }
        return profile
                ? Finding.error("apparmor", restricted + "; /etc/apparmor.d/trydeb-sandbox exists but is not loaded",
                        "sudo apparmor_parser -r /etc/apparmor.d/trydeb-sandbox")
                : Finding.error("apparmor", restricted + " and no profile allows the helper (/etc/apparmor.d/trydeb-sandbox is missing)",
                        "sudo install -m 644 " + PACKAGED_PROFILE + " /etc/apparmor.d/ && sudo apparmor_parser -r /etc/apparmor.d/trydeb-sandbox");
    }

    /** The helper creating a sandbox with an overlay: the sum of the kernel's checks above. */
    public Finding sandbox(Path helper, Path scratchParent, Optional<String> result) {
        if (result.isEmpty()) {
            return Finding.ok("sandbox", "the helper " + helper + " created a user namespace and mounted an overlay in "
                    + scratchParent);
        }
        return Finding.error("sandbox", "the helper " + helper + " could not set a sandbox up: " + result.get(),
                "see the other errors; if there are none, ask your administrator why the kernel refuses");
    }

    /**
     * The store's file system must keep user extended attributes (overlayfs keeps whiteouts
     * and opaque directories in them), and the store must lie outside what sandboxes overlay.
     * Tried on the store directory, or where it will be created.
     */
    public Finding store(Path storeRoot) {
        Path absolute = storeRoot.toAbsolutePath().normalize();
        Optional<String> overlaid = dev.trydeb.sandbox.SandboxPlanner.overlaidTopLevelOf(absolute);
        String elsewhere = "set XDG_DATA_HOME to a directory on a local ext4, xfs, btrfs or tmpfs file system outside"
                + " /usr, /etc, /var, /opt and /srv (the store is $XDG_DATA_HOME/trydeb)";
        if (overlaid.isPresent()) {
            return Finding.error("store", "the store " + absolute + " is under " + overlaid.get()
                    + ", which every sandbox overlays", elsewhere);
        }
        Path dir = existingAncestor(absolute);
        if (!Files.isWritable(dir)) {
            return Finding.error("store", "the store " + absolute + " cannot be created: " + dir + " is not writable",
                    "set XDG_DATA_HOME to a directory of yours (the store is $XDG_DATA_HOME/trydeb)");
        }
        Optional<String> xattr = probes.userXattr(dir);
        if (xattr.isPresent()) {
            return Finding.error("store", "the store " + absolute + " would be on a file system without user extended"
                    + " attributes, which overlays need (" + dir + ": " + xattr.get() + ")", elsewhere);
        }
        return Finding.ok("store", "the store " + absolute + (dir.equals(absolute) ? "" : " (not created yet)")
                + " is on a file system with user extended attributes");
    }

    /** The directory itself or its nearest parent that exists: where the store will be created. */
    public static Path existingAncestor(Path dir) {
        Path existing = dir.toAbsolutePath().normalize();
        while (existing.getParent() != null && !Files.isDirectory(existing)) {
            existing = existing.getParent();
        }
        return existing;
    }

    /** The user's ranges in /etc/subuid and /etc/subgid (empty when either lacks one). */
    public Optional<long[]> subordinateRanges() {
        Optional<long[]> uids = SubordinateIds.range(lines("etc/subuid"), user.name(), user.uid());
        Optional<long[]> gids = SubordinateIds.range(lines("etc/subgid"), user.name(), user.gid());
        return uids.isPresent() && gids.isPresent()
                ? Optional.of(new long[] {uids.get()[0], gids.get()[0]}) : Optional.empty();
    }

    public Finding subordinateIds() {
        Optional<long[]> uids = SubordinateIds.range(lines("etc/subuid"), user.name(), user.uid());
        Optional<long[]> gids = SubordinateIds.range(lines("etc/subgid"), user.name(), user.gid());
        if (uids.isPresent() && gids.isPresent()) {
            return Finding.ok("subordinate-ids", user.name() + " has subordinate uids " + span(uids.get())
                    + " and gids " + span(gids.get()));
        }
        List<String> missing = new ArrayList<>();
        if (uids.isEmpty()) {
            missing.add("/etc/subuid");
        }
        if (gids.isEmpty()) {
            missing.add("/etc/subgid");
        }
        long start = freeRange();
        String range = start + "-" + (start + SUBORDINATE_COUNT - 1);
        return Finding.warning("subordinate-ids", "no range of " + SubordinateIds.REQUIRED_COUNT + " ids for "
                + user.name() + " in " + String.join(" and ", missing) + ": packages with files of other owners"
                + " (system users, setuid helpers) cannot be installed",
                "sudo usermod --add-subuids " + range + " --add-subgids " + range + " " + user.name());
    }

    /**
     * newuidmap and newgidmap (package uidmap), which must be setuid root or carry file
     * capabilities to map the subordinate ids; {@code mapped} is the helper's try with them
     * (empty: it worked; absent when there was nothing to try).
     */
    public Finding idMappers(Optional<Optional<String>> mapped) {
        List<String> absent = new ArrayList<>();
        List<String> powerless = new ArrayList<>();
        for (String name : List.of("newuidmap", "newgidmap")) {
            Path file = root.resolve("usr/bin").resolve(name);
            if (!Files.isRegularFile(file)) {
                absent.add(name);
            } else if (!setuidRoot(file) && !probes.hasFileCapabilities(file)) {
                powerless.add("/usr/bin/" + name);
            }
        }
        if (!absent.isEmpty()) {
            return Finding.warning("newuidmap", String.join(" and ", absent) + " not installed: only your own id is"
                    + " mapped in install sandboxes, and packages with files of other owners cannot be installed",
                    "sudo apt install uidmap");
        }
        if (!powerless.isEmpty()) {
            return Finding.warning("newuidmap", String.join(" and ", powerless) + " neither setuid root nor with file"
                    + " capabilities: they cannot map your subordinate ids",
                    "sudo chmod u+s " + String.join(" ", powerless));
        }
        if (mapped.isPresent() && mapped.get().isPresent()) {
            return Finding.warning("newuidmap", "newuidmap and newgidmap did not map your subordinate ids: "
                    + mapped.get().get(), "check " + user.name() + "'s lines in /etc/subuid and /etc/subgid");
        }
        return Finding.ok("newuidmap", "newuidmap and newgidmap can map ids"
                + (mapped.isPresent() ? " (the helper mapped your subordinate ids)" : ""));
    }

    private boolean setuidRoot(Path file) {
        try {
            PosixFileAttributes attributes = Files.readAttributes(file, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            return attributes.owner().getName().equals("root") && isSetuid(file);
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    private static boolean isSetuid(Path file) throws IOException {
        Object mode = Files.getAttribute(file, "unix:mode", LinkOption.NOFOLLOW_LINKS);
        return mode instanceof Integer bits && (bits & 04000) != 0;
    }

    /** The first block of 65536 ids from 100000 on that no line of either file uses, as useradd picks. */
    long freeRange() {
        List<long[]> used = new ArrayList<>();
        for (String file : List.of("etc/subuid", "etc/subgid")) {
            for (String line : lines(file)) {
                String[] fields = line.trim().split(":");
                try {
                    if (fields.length == 3) {
                        used.add(new long[] {Long.parseLong(fields[1]), Long.parseLong(fields[2])});
                    }
                } catch (NumberFormatException ignored) {
                    // not a range
                }
            }
        }
        long start = FIRST_SUBORDINATE;
        boolean moved = true;
        while (moved) {
            moved = false;
            for (long[] range : used) {
                if (start < range[0] + range[1] && range[0] < start + SUBORDINATE_COUNT) {
                    start += SUBORDINATE_COUNT;
                    moved = true;
                }
            }
        }
        return start;
    }

    private static String span(long[] range) {
        return range[0] + "-" + (range[0] + range[1] - 1);
    }

    private Optional<String> read(String relative) {
        try {
            return Optional.of(Files.readString(root.resolve(relative)).trim());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private List<String> lines(String relative) {
        try {
            return Files.readAllLines(root.resolve(relative));
        } catch (IOException e) {
            return List.of();
        }
    }
}
