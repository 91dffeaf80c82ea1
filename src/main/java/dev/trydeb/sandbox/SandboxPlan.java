package dev.trydeb.sandbox;

import dev.trydeb.core.GuestPath;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the helper needs to build one sandbox, as immutable data: built by
 * {@link SandboxPlanner}, tested as data, and only then handed to {@link SandboxLauncher}.
 */
public record SandboxPlan(
        UidMapping mapping,
        Path rootMountPoint,
        List<MountOp> operations,
        Optional<Path> sharedLock,
        boolean network,
        boolean shareIpc,
        GuestPath workingDirectory,
        boolean dropCapabilities,
        Optional<Path> removeAfter,
        List<String> command,
        Map<String, String> environment,
        Optional<Path> pidFile) {

    public SandboxPlan {
        operations = List.copyOf(operations);
        command = List.copyOf(command);
        environment = Map.copyOf(environment);
        if (command.isEmpty()) {
            throw new IllegalArgumentException("a sandbox needs a command");
        }
    }

    /**
     * A plan to build by name: as given, a sandbox with no mounts but the root's, no network,
     * an IPC namespace of its own, capabilities kept, started in /, and nothing to join or
     * remove afterwards.
     */
    public static Builder builder(UidMapping mapping, Path rootMountPoint, List<String> command) {
        return new Builder(mapping, rootMountPoint, command);
    }

    /** A builder holding this plan, to change some of it. */
    public Builder toBuilder() {
        return new Builder(mapping, rootMountPoint, command).operations(operations).sharedLock(sharedLock)
                .network(network).shareIpc(shareIpc).workingDirectory(workingDirectory).dropCapabilities(dropCapabilities)
                .removeAfter(removeAfter).environment(environment).pidFile(pidFile);
    }

    /**
     * The same plan, joinable: when {@code file} names a running sandbox, the helper starts
     * the program in it instead; otherwise it records this sandbox there.
     */
    public SandboxPlan joinableThrough(Path file) {
        return toBuilder().pidFile(Optional.of(file)).build();
    }

    /** The same plan with ARGUMENTS appended to the command. */
    public SandboxPlan withArguments(List<String> arguments) {
        List<String> longer = new ArrayList<>(command);
        longer.addAll(arguments);
        return toBuilder().command(longer).build();
    }

    /** Named construction of a {@link SandboxPlan} (the record's dozen positional components read badly). */
    public static final class Builder {
        private final UidMapping mapping;
        private final Path rootMountPoint;
        private List<String> command;
        private List<MountOp> operations = List.of();
        private Optional<Path> sharedLock = Optional.empty();
        private boolean network;
        private boolean shareIpc;
        private GuestPath workingDirectory = GuestPath.ROOT;
        private boolean dropCapabilities;
        private Optional<Path> removeAfter = Optional.empty();
        private Map<String, String> environment = Map.of();
        private Optional<Path> pidFile = Optional.empty();

        private Builder(UidMapping mapping, Path rootMountPoint, List<String> command) {
            this.mapping = mapping;
            this.rootMountPoint = rootMountPoint;
            this.command = command;
        }

        public Builder command(List<String> command) {
            this.command = command;
            return this;
        }

        /** The mounts, in order, below the root mount point. */
        public Builder operations(List<MountOp> operations) {
            this.operations = operations;
            return this;
        }

        /** A lock file the helper holds shared while the sandbox runs. */
        public Builder sharedLock(Optional<Path> sharedLock) {
            this.sharedLock = sharedLock;
            return this;
        }

        /** Whether the sandbox has the host's network (otherwise a loopback of its own). */
        public Builder network(boolean network) {
            this.network = network;
            return this;
        }

        /** Whether the sandbox shares the caller's IPC namespace. */
        public Builder shareIpc(boolean shareIpc) {
            this.shareIpc = shareIpc;
            return this;
        }

        public Builder workingDirectory(GuestPath workingDirectory) {
            this.workingDirectory = workingDirectory;
            return this;
        }

        /** Whether the program runs without capabilities, as the user (runs), or as namespaced root (installs). */
        public Builder dropCapabilities(boolean dropCapabilities) {
            this.dropCapabilities = dropCapabilities;
            return this;
        }

        /** A directory the helper removes when the sandbox ends (--ephemeral's layer). */
        public Builder removeAfter(Optional<Path> removeAfter) {
            this.removeAfter = removeAfter;
            return this;
        }

        public Builder environment(Map<String, String> environment) {
            this.environment = environment;
            return this;
        }

        /** Where the helper records (or finds) the running sandbox, to let others join it. */
        public Builder pidFile(Optional<Path> pidFile) {
            this.pidFile = pidFile;
            return this;
        }

        public SandboxPlan build() {
            return new SandboxPlan(mapping, rootMountPoint, operations, sharedLock, network, shareIpc, workingDirectory,
                    dropCapabilities, removeAfter, command, environment, pidFile);
        }
    }

    /** The helper's arguments after its own path (argv[1..]). */
    public List<String> helperArguments() {
        List<String> args = new ArrayList<>();
        args.add("--map");
        args.add(mapping.helperArgument());
        sharedLock.ifPresent(lock -> {
            args.add("--lock-shared");
            args.add(lock.toString());
        });
        if (!network) {
            args.add("--unshare-net");
        }
        if (shareIpc) {
            args.add("--share-ipc");
        }
        args.add("--root");
        args.add(rootMountPoint.toString());
        for (MountOp op : operations) {
            args.addAll(op.helperArguments());
        }
        args.add("--chdir");
        args.add(workingDirectory.value());
        if (dropCapabilities) {
            args.add("--drop-caps");
        }
        removeAfter.ifPresent(dir -> {
            args.add("--remove-after");
            args.add(dir.toString());
        });
        pidFile.ifPresent(file -> {
            args.add("--pid-file");
            args.add(file.toString());
        });
        args.add("--");
        args.addAll(command);
        return args;
    }
}
