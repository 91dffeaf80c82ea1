package dev.trydeb.state;

import dev.trydeb.core.ErrorText;
import dev.trydeb.core.TrydebException;
import dev.trydeb.deb.DebianVersion;
import dev.trydeb.store.AccountRecord;
import dev.trydeb.store.StatusRecord;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The files an environment shares with the host and also changes itself (dpkg's status, the
 * account files), rebuilt from the host's current files and the environment's records each
 * time a sandbox starts. A copy in a layer would hide every later host change (apt upgrade,
 * a new package, a new user); this layer lies above the environment's layers instead and is
 * regenerated, so inside `dpkg -l` lists the host's current packages and the environment's.
 *
 * <p>Stored content-addressed under the environment's state directory, so a running sandbox's
 * layer never changes under it (overlayfs leaves changes to a mounted lower undefined).
 */
public final class MergedState {
    public static final String STATUS = "var/lib/dpkg/status";
    public static final String POLICY_RC_D = "usr/sbin/policy-rc.d";

    /**
     * What stays of dpkg's status in a committed layer. The state layer above every layer
     * always has the status, so a layer's copy is never seen; the records hold what the
     * transaction changed in it, and this short file still tells diff that it did.
     */
    public static final String STATUS_IN_LAYER = "# trydeb: this transaction changed dpkg's status; the environment's"
            + " status is rebuilt from trydeb's records (a full copy here would cost as much as the status)\n";

    /** Replaces a committed layer's copy of dpkg's status (UPPER, the layer's root) by {@link #STATUS_IN_LAYER}. */
    public static void shrinkStatusCopy(Path upper) {
        Path copy = upper.resolve(STATUS);
        try {
            if (Files.isRegularFile(copy, LinkOption.NOFOLLOW_LINKS)) {
                Files.writeString(copy, STATUS_IN_LAYER, StatusFile.CHARSET);
            }
        } catch (IOException e) {
            // Kept whole: it only costs space.
        }
    }

    /** A package the environment holds at an older version than the host now has. */
    public record HostNewer(String packageName, String environmentVersion, String hostVersion) {}

    private record Content(byte[] bytes, int mode) {}

    /**
     * What the state is built over: the host's dpkg status and account files, parsed, and
     * their {@link #hostStamp} as it was before they were read.
     */
    private record HostFiles(Map<String, String> status, Map<String, Map<String, String>> accounts, String stamp) {
        static HostFiles read(Path hostRoot) {
            String stamp = hostStamp(hostRoot);
            Map<String, Map<String, String>> accounts = new LinkedHashMap<>();
            for (String file : AccountRecord.FILES) {
                accounts.put(file, AccountFile.parse(MergedState.read(hostRoot.resolve("etc").resolve(file))));
            }
            return new HostFiles(StatusFile.parse(MergedState.read(hostRoot.resolve(STATUS))), accounts, stamp);
        }
    }

    /**
     * Identifies the host files a state is built over as they are now: size, times and inode
     * of each (dpkg and the account tools replace them by rename, and touch them when editing).
     * Equal stamps mean a state built over them then is the state built over them now.
     */
    public static String hostStamp(Path hostRoot) {
        StringBuilder stamp = new StringBuilder();
        List<Path> files = new ArrayList<>(List.of(hostRoot.resolve(STATUS)));
        AccountRecord.FILES.stream().sorted().forEach(file -> files.add(hostRoot.resolve("etc").resolve(file)));
        for (Path file : files) {
            try {
                Map<String, Object> a = Files.readAttributes(file, "unix:size,lastModifiedTime,ctime,ino");
                stamp.append(a.get("size")).append(',').append(nanos(a.get("lastModifiedTime"))).append(',')
                        .append(nanos(a.get("ctime"))).append(',').append(a.get("ino"));
            } catch (IOException e) {
                stamp.append('-');
            }
            stamp.append(';');
        }
        return stamp.toString();
    }

    private static long nanos(Object fileTime) {
        return ((FileTime) fileTime).to(TimeUnit.NANOSECONDS);
    }

    /** The {@link #hostStamp} of the host files this state was built over, taken before they were read. */
    public String builtOverHost() {
        return host.stamp();
    }

    private final HostFiles host;
    private final Map<String, String> status;
    private final Map<String, Content> files;
    private final List<HostNewer> hostNewer;

    private MergedState(HostFiles host, Map<String, String> status, Map<String, Content> files, List<HostNewer> hostNewer) {
        this.host = host;
        this.status = status;
        this.files = files;
        this.hostNewer = List.copyOf(hostNewer);
    }

    public static MergedState build(Path hostRoot, List<StatusRecord> status, List<AccountRecord> accounts) {
        return build(HostFiles.read(hostRoot), status, accounts);
    }

    /**
     * The state of the environment's new records over the same host files as this one, not
     * read and parsed again: for a state written ahead for the next sandbox, which rebuilds
     * it from the host's files of its day anyway.
     */
    public MergedState withRecords(List<StatusRecord> status, List<AccountRecord> accounts) {
        return build(host, status, accounts);
    }

    private static MergedState build(HostFiles host, List<StatusRecord> status, List<AccountRecord> accounts) {
        Map<String, Content> files = new TreeMap<>();
        Map<String, Optional<String>> environmentStatus = new LinkedHashMap<>();
        status.forEach(r -> environmentStatus.put(StatusFile.key(r.packageName(), r.architecture()), r.stanza()));
        Map<String, String> hostStatus = host.status();
        List<HostNewer> hostNewer = new ArrayList<>();
        Map<String, String> merged = new LinkedHashMap<>(hostStatus);
        // The keys of each package's instances: a record then costs the same however many packages there are.
        Map<String, Set<String>> instances = new HashMap<>();
        merged.keySet().forEach(key -> instances.computeIfAbsent(nameOf(key), n -> new HashSet<>()).add(key));
        environmentStatus.forEach((key, stanza) -> {
            Set<String> same = instances.computeIfAbsent(nameOf(key), n -> new HashSet<>());
            if (stanza.isEmpty()) {
                merged.remove(key);
                same.remove(key);
                return;
            }
            removeOtherInstances(merged, same, key, stanza.get());
            merged.put(key, stanza.get());
            same.add(key);
            newerOnHost(hostStatus.get(key), stanza.get()).ifPresent(hostNewer::add);
        });
        files.put(STATUS, text(StatusFile.format(merged), 0644));

        for (String file : AccountRecord.FILES) {
            Map<String, String> environment = new LinkedHashMap<>();
            accounts.stream().filter(a -> a.file().equals(file)).forEach(a -> environment.put(a.name(), a.line()));
            Map<String, String> mergedAccounts = AccountFile.merge(file, host.accounts().get(file), environment);
            String shadow = "etc/" + (file.equals("passwd") ? "shadow" : "gshadow");
            files.put("etc/" + file, text(AccountFile.format(mergedAccounts), 0644));
            // The host's shadow files are unreadable to the user; adduser and useradd need them.
            files.put(shadow, text(AccountFile.shadowFor(file, mergedAccounts), 0640));
            // The '-' backups, which useradd and groupadd rewrite in place: the host's are root's.
            files.put("etc/" + file + "-", files.get("etc/" + file));
            files.put(shadow + "-", files.get(shadow));
        }
        // invoke-rc.d asks policy-rc.d before starting a service; 101 means "not allowed".
        files.put(POLICY_RC_D, text("#!/bin/sh\n# trydeb: services are never started inside an environment.\nexit 101\n", 0755));
        return new MergedState(host, Collections.unmodifiableMap(merged), files, hostNewer);
    }

    /** The host's own dpkg status stanzas, by {@code name:arch}. */
    public Map<String, String> hostStatus() {
        return Collections.unmodifiableMap(host.status());
    }

    /** A host package the environment removed: what the host has of it. */
    public record HostRemoved(String packageName, String version, String architecture) {}

    /** The host's installed packages that this state does not have installed ('trydeb remove' of a host package). */
    public List<HostRemoved> hostRemoved() {
        List<HostRemoved> removed = new ArrayList<>();
        host.status().forEach((key, stanza) -> {
            if (StatusFile.isInstalled(stanza) && !StatusFile.isInstalled(Optional.ofNullable(status.get(key)))) {
                removed.add(new HostRemoved(StatusFile.field(stanza, "Package").orElse(key),
                        StatusFile.field(stanza, "Version").orElse(""), StatusFile.field(stanza, "Architecture").orElse("")));
            }
        });
        removed.sort(Comparator.comparing(HostRemoved::packageName));
        return removed;
    }

    public List<HostNewer> hostNewer() {
        return hostNewer;
    }

    /** The dpkg status this state gives the sandbox. */
    public String status() {
        return new String(files.get(STATUS).bytes(), StatusFile.CHARSET);
    }

    /** The same as stanzas, by {@code name:arch}, in the file's order. */
    public Map<String, String> statusStanzas() {
        return status;
    }

    /** The merged account file ({@code passwd} or {@code group}). */
    public String accounts(String file) {
        return new String(files.get("etc/" + file).bytes(), StatusFile.CHARSET);
    }

    /**
     * The layer directory holding this state under {@code stateRoot}, written if no earlier
     * sandbox wrote the same content. Concurrent writers race to an atomic rename; the loser
     * uses the winner's directory.
     */
    public Path materialize(Path stateRoot) {
        Path dir = stateRoot.resolve(contentHash());
        if (Files.isDirectory(dir)) {
            return dir;
        }
        Path temporary = stateRoot.resolve(".new-" + UUID.randomUUID());
        try {
            Files.createDirectories(stateRoot);
            for (Map.Entry<String, Content> file : files.entrySet()) {
                Path path = temporary.resolve(file.getKey());
                createDirectories(temporary, path.getParent());
                Files.write(path, file.getValue().bytes());
                Files.setAttribute(path, "unix:mode", file.getValue().mode());
            }
            try {
                Files.move(temporary, dir, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileSystemException lost) {
                // rename(2) onto the directory a concurrent sandbox wrote first: ENOTEMPTY.
                if (!Files.isDirectory(dir)) {
                    throw lost;
                }
                deleteTree(temporary);
            }
            return dir;
        } catch (IOException e) {
            throw TrydebException.failure("cannot write the environment's merged state in " + stateRoot + ": "
                    + ErrorText.describe(e), e);
        }
    }

    /** Deletes every state directory but {@code keep}; call only while no sandbox of the environment runs. */
    public static void prune(Path stateRoot, Path keep) {
        if (!Files.isDirectory(stateRoot)) {
            return;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(stateRoot)) {
            for (Path entry : entries) {
                if (!entry.equals(keep)) {
                    deleteTree(entry);
                }
            }
        } catch (IOException e) {
            throw TrydebException.failure("cannot clean " + stateRoot + ": " + ErrorText.describe(e), e);
        }
    }

    /** Directories with the host's usual mode whatever the umask: a lower layer's mode is what the sandbox sees. */
    private static void createDirectories(Path root, Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        if (!dir.equals(root)) {
            createDirectories(root, dir.getParent());
        }
        Files.createDirectory(dir);
        Files.setAttribute(dir, "unix:mode", 0755);
    }

    private String contentHash() {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (Map.Entry<String, Content> file : files.entrySet()) {
                digest.update((file.getKey() + "\0" + file.getValue().mode() + "\0").getBytes(StatusFile.CHARSET));
                digest.update(file.getValue().bytes());
                digest.update((byte) 0);
            }
            return HexFormat.of().formatHex(digest.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * dpkg refuses a database with two instances of a package unless both are Multi-Arch:
     * same: the environment's jq (all) replaces the host's jq (amd64) rather than joining it.
     */
    private static void removeOtherInstances(Map<String, String> merged, Set<String> instances, String key, String stanza) {
        boolean coinstallable = StatusFile.field(stanza, "Multi-Arch").orElse("").equals("same");
        instances.removeIf(other -> !other.equals(key)
                && !(coinstallable && StatusFile.field(merged.get(other), "Multi-Arch").orElse("").equals("same"))
                && merged.remove(other) != null);
    }

    /** The package name of a {@code name:arch} key. */
    private static String nameOf(String key) {
        return key.substring(0, key.lastIndexOf(':'));
    }

    private static Optional<HostNewer> newerOnHost(String hostStanza, String environmentStanza) {
        if (hostStanza == null || !StatusFile.isInstalled(hostStanza) || !StatusFile.isInstalled(environmentStanza)) {
            return Optional.empty();
        }
        Optional<String> hostVersion = StatusFile.field(hostStanza, "Version");
        Optional<String> envVersion = StatusFile.field(environmentStanza, "Version");
        if (hostVersion.isEmpty() || envVersion.isEmpty()) {
            return Optional.empty();
        }
        try {
            if (DebianVersion.parse(hostVersion.get()).compareTo(DebianVersion.parse(envVersion.get())) > 0) {
                return Optional.of(new HostNewer(StatusFile.field(environmentStanza, "Package").orElse("?"),
                        envVersion.get(), hostVersion.get()));
            }
        } catch (RuntimeException unparsable) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    private static Content text(String text, int mode) {
        return new Content(text.getBytes(StatusFile.CHARSET), mode);
    }

    private static String read(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.readString(file, StatusFile.CHARSET) : "";
        } catch (IOException e) {
            throw TrydebException.failure("cannot read " + file + ": " + ErrorText.describe(e), e);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
