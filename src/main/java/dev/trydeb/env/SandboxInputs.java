package dev.trydeb.env;

import dev.trydeb.apt.HostApt;
import dev.trydeb.core.ErrorText;
import dev.trydeb.core.GuestPath;
import dev.trydeb.core.TrydebException;
import dev.trydeb.sandbox.MountOp;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What the install sandbox is given besides the layers: the .deb files (read-only, under
 * /run/trydeb), the command that applies the plan, apt's configuration and the user's cache
 * of apt's lists for it, the copy-up library, and the environment of maintainer scripts.
 */
final class SandboxInputs {
    private static final GuestPath INPUTS = GuestPath.of("/run/trydeb");
    private static final GuestPath DEBS = INPUTS.resolve("debs");
    private static final GuestPath ARCHIVES = INPUTS.resolve("archives");
    private static final GuestPath APT_CONF = INPUTS.resolve("apt.conf");
    private static final GuestPath COPY_UP_LIBRARY = INPUTS.resolve("copy-up.so");
    private static final GuestPath COPY_UP_SOCKET = INPUTS.resolve("copy-up.sock");
    /**
     * The user's cache of apt's lists, which the plan's apt runs just made valid: read-only, so
     * that apt inside uses it and, should it be stale, rebuilds in memory (apt writes a cache
     * only into a directory it may write). Only removals read the lists inside.
     */
    private static final GuestPath LISTS_CACHE = INPUTS.resolve("apt-cache");
    /**
     * An install gives apt inside the plan's .debs and no sources at all: apt then orders and
     * runs what the plan's apt worked out from a cache of the status and those files (~20 ms)
     * instead of parsing every list again (~0.6 s) to solve the same problem a second time.
     */
    private static final GuestPath NO_SOURCES_LIST = INPUTS.resolve("no-sources.list");
    private static final GuestPath NO_SOURCE_PARTS = INPUTS.resolve("no-sources.d");

    /**
     * apt inside the sandbox: the environment's caches and logs stay out of the layer, and the
     * host's DPkg::Pre-Invoke/Post-Invoke hooks (PackageKit, needrestart: they serve the host's
     * own package manager and fail in a sandbox without the host's /run) do not run.
     */
    /**
     * Keep the configuration files the user has, as a noninteractive upgrade should; and no
     * dpkg.log, which would be a copy of the host's (hundreds of KB) in every layer: the
     * store's transactions are the environment's log.
     */
    private static final List<String> DPKG_OPTIONS = List.of("--force-confdef", "--force-confold", "--log=/dev/null");

    private static final String APT_CONFIG = String.join("\n",
            "#clear DPkg::Pre-Invoke;",
            "#clear DPkg::Post-Invoke;",
            // debconf's preconfiguration ("delaying package configuration, since apt-utils is not
            // installed") and apt-listchanges: the questions come at configure time all the same.
            "#clear DPkg::Pre-Install-Pkgs;",
            "Dir::Cache::archives \"" + ARCHIVES.value() + "/\";",
            "Dir::Cache::pkgcache \"\";",
            "Dir::Log \"/run\";",
            "Dir::State::extended_states \"/run/trydeb-extended_states\";",
            // Already root inside: the _apt user only matters for downloads, which never happen here.
            "APT::Sandbox::User \"root\";",
            // The archives directory is the transaction's own: no other process can use it, and
            // the environment's lock, held outside, keeps every other trydeb process out.
            "Debug::NoLocking \"true\";",
            "Dpkg::Options { " + DPKG_OPTIONS.stream().map(o -> "\"" + o + "\"; ").collect(Collectors.joining()) + "};",
            // The install sandbox has no /dev/pts; apt would fail to open a pty for dpkg's log.
            "Dpkg::Use-Pty \"0\";",
            "");

    private final ChangePlan plan;
    private final Path aptConf;
    private final List<String> aptOptions;
    private final boolean interactiveDebconf;
    private final Optional<Path> copyUpLibrary;
    private final Optional<Path> listsCache;

    private SandboxInputs(ChangePlan plan, Path aptConf, List<String> aptOptions, boolean interactiveDebconf,
                          Optional<Path> copyUpLibrary, Optional<Path> listsCache) {
        this.plan = plan;
        this.aptConf = aptConf;
        this.aptOptions = aptOptions;
        this.interactiveDebconf = interactiveDebconf;
        this.copyUpLibrary = copyUpLibrary;
        this.listsCache = listsCache;
    }

    /**
     * @param scratch a directory of the transaction's own, outside its layer, for apt.conf
     * @param copyUpLibrary trydeb-copy-up.so, which puts the programs dpkg and apt start under
     *     the helper's copy-up supervisor (copy-up.c); without it they run as they are
     * @param listsCacheDirectory the directory of the user's cache of apt's lists (HostApt)
     */
    static SandboxInputs forPlan(ChangePlan plan, Path scratch, List<String> aptOptions,
                                 boolean interactiveDebconf, Optional<Path> copyUpLibrary, Path listsCacheDirectory) {
        Path aptConf = scratch.resolve("apt.conf");
        boolean fromDebsAlone = fromDebsAlone(plan);
        Optional<Path> listsCache = !fromDebsAlone && Files.isRegularFile(listsCacheDirectory.resolve(HostApt.SOURCE_CACHE_FILE))
                ? Optional.of(listsCacheDirectory) : Optional.empty();
        if (plan.viaApt()) {
            String sources = fromDebsAlone
                    ? "Dir::Etc::sourcelist \"" + NO_SOURCES_LIST.value() + "\";\nDir::Etc::sourceparts \""
                            + NO_SOURCE_PARTS.value() + "\";\nDir::Cache::srcpkgcache \"\";\n"
                    : "Dir::Cache::srcpkgcache \"" + listsCache.map(dir -> LISTS_CACHE.resolve(HostApt.SOURCE_CACHE_FILE).value())
                            .orElse("") + "\";\n";
            try {
                Files.writeString(aptConf, APT_CONFIG + sources);
                Files.writeString(scratch.resolve(NO_SOURCES_LIST.fileName()), "");
            } catch (IOException e) {
                throw TrydebException.failure("cannot write " + aptConf + ": " + ErrorText.describe(e), e);
            }
        }
        return new SandboxInputs(plan, aptConf, List.copyOf(aptOptions), interactiveDebconf, copyUpLibrary,
                plan.viaApt() ? listsCache : Optional.empty());
    }

    List<MountOp> mounts(Path hostRoot) {
        List<MountOp> mounts = new ArrayList<>();
        if (!plan.viaApt()) {
            plan.unpacks().forEach(unpack -> mounts.add(new MountOp.Bind(unpack.file(), guestFile(unpack), true)));
        } else {
            mounts.add(new MountOp.Bind(aptConf, APT_CONF, true));
            if (fromDebsAlone(plan)) {
                mounts.add(new MountOp.Bind(aptConf.resolveSibling(NO_SOURCES_LIST.fileName()), NO_SOURCES_LIST, true));
                mounts.add(new MountOp.Dir(NO_SOURCE_PARTS, 0755));
            }
            listsCache.ifPresent(dir -> mounts.add(new MountOp.Bind(dir, LISTS_CACHE, true)));
            // An archives directory of the transaction's own, never the user's download cache:
            // each .deb of the plan, read-only, under the name apt looks for, given to apt by its
            // absolute path (a bare file name makes apt fail: "Pathname to install is not absolute").
            mounts.add(new MountOp.Tmpfs(ARCHIVES, 0755));
            // apt sets partial/ up (chmod 0700) even when it downloads nothing.
            mounts.add(new MountOp.Dir(ARCHIVES.resolve("partial"), 0700));
            for (ChangePlan.Unpack unpack : plan.unpacks()) {
                mounts.add(new MountOp.Bind(unpack.file(), ARCHIVES.resolve(unpack.archiveFileName()), true));
            }
        }
        copyUpLibrary.ifPresent(library -> {
            mounts.add(new MountOp.Bind(library, COPY_UP_LIBRARY, true));
            mounts.add(new MountOp.CopyUpSocket(COPY_UP_SOCKET, copyUpLog()));
        });
        // man-db's trigger rebuilds /var/cache/man, which host users own and the sandbox cannot
        // write; it skips the rebuild when /var/lib/man-db/auto-update is absent.
        if (Files.isDirectory(hostRoot.resolve("var/lib/man-db"))) {
            mounts.add(new MountOp.Tmpfs(GuestPath.of("/var/lib/man-db"), 0755));
        }
        return mounts;
    }

    List<String> command() {
        List<String> command = new ArrayList<>();
        // Set by env inside, not in the helper's environment: the helper would preload it itself.
        copyUpLibrary.ifPresent(library -> command.addAll(List.of("env", "LD_PRELOAD=" + COPY_UP_LIBRARY.value(),
                "TRYDEB_COPY_UP=" + COPY_UP_SOCKET.value())));
        if (!plan.viaApt()) {
            command.add("dpkg");
            command.addAll(DPKG_OPTIONS);
            command.add("--install");
            plan.unpacks().forEach(u -> command.add(guestFile(u).value()));
            return command;
        }
        // -qq: trydeb has shown the plan; apt's errors and dpkg's own lines still show. The plan
        // was confirmed as apt simulated it, downgrades included.
        command.addAll(List.of("apt-get", "-c", APT_CONF.value(), "-qq", "--yes", "--no-download", "--allow-downgrades"));
        command.addAll(aptOptions);
        command.add(plan.verb());
        if (fromDebsAlone(plan)) {
            plan.unpacks().forEach(u -> command.add(ARCHIVES.resolve(u.archiveFileName()).value()));
        } else {
            command.addAll(plan.aptArguments());
        }
        return command;
    }

    Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
        env.put("HOME", "/root");
        env.put("USER", "root");
        env.put("LOGNAME", "root");
        env.put("APT_LISTCHANGES_FRONTEND", "none");
        if (!interactiveDebconf) {
            env.put("DEBIAN_FRONTEND", "noninteractive");
            env.put("DEBCONF_NONINTERACTIVE_SEEN", "true");
        }
        for (String passed : List.of("TERM", "LANG", "LANGUAGE", "LC_ALL", "COLUMNS")) {
            String value = System.getenv(passed);
            if (value != null) {
                env.put(passed, value);
            }
        }
        return env;
    }

    /** The files the copy-up supervisor copied into the layer (see copy-up.c), as it recorded them. */
    List<GuestPath> copiedUp() {
        List<GuestPath> copied = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(copyUpLog())) {
                try {
                    copied.add(GuestPath.of(line));
                } catch (IllegalArgumentException notAPath) {
                    // a line the supervisor never writes
                }
            }
        } catch (IOException e) {
            // no log: nothing was copied (or no supervisor ran)
        }
        return copied;
    }

    private Path copyUpLog() {
        return aptConf.resolveSibling("copy-ups.log");
    }

    void cleanUp() {
        try {
            Files.deleteIfExists(aptConf);
            Files.deleteIfExists(copyUpLog());
            Files.deleteIfExists(aptConf.resolveSibling(NO_SOURCES_LIST.fileName()));
        } catch (IOException e) {
            // Left in the transaction's directory, outside its layer: harmless.
        }
    }

    /** Where the user's .deb appears inside, for the command line. */
    private static GuestPath guestFile(ChangePlan.Unpack unpack) {
        return DEBS.resolve(unpack.file().getFileName().toString().replaceAll("[^A-Za-z0-9._+~%-]", "_"));
    }

    /** An install with something to unpack; one that only removes has no .deb to give apt. */
    private static boolean fromDebsAlone(ChangePlan plan) {
        return plan.verb().equals("install") && !plan.unpacks().isEmpty();
    }
}
