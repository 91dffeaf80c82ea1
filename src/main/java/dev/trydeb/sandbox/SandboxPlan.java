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

    /** A plan whose sandbox nothing can join (no pid file). */
    public SandboxPlan(UidMapping mapping, Path rootMountPoint, List<MountOp> operations, Optional<Path> sharedLock,
                       boolean network, boolean shareIpc, GuestPath workingDirectory, boolean dropCapabilities,
                       Optional<Path> removeAfter, List<String> command, Map<String, String> environment) {
        this(mapping, rootMountPoint, operations, sharedLock, network, shareIpc, workingDirectory, dropCapabilities,
                removeAfter, command, environment, Optional.empty());
    }

    /**
     * The same plan, joinable: when {@code file} names a running sandbox, the helper starts
     * the program in it instead; otherwise it records this sandbox there.
     */
    public SandboxPlan joinableThrough(Path file) {
        return new SandboxPlan(mapping, rootMountPoint, operations, sharedLock, network, shareIpc, workingDirectory,
                dropCapabilities, removeAfter, command, environment, Optional.of(file));
    }

    /** The same plan with ARGUMENTS appended to the command. */
    public SandboxPlan withArguments(List<String> arguments) {
        List<String> longer = new ArrayList<>(command);
        longer.addAll(arguments);
        return new SandboxPlan(mapping, rootMountPoint, operations, sharedLock, network, shareIpc, workingDirectory,
                dropCapabilities, removeAfter, longer, environment, pidFile);
    }

    public SandboxPlan {
        operations = List.copyOf(operations);
        command = List.copyOf(command);
        environment = Map.copyOf(environment);
        if (command.isEmpty()) {
            throw new IllegalArgumentException("a sandbox needs a command");
        }
    }

    /** A sandbox with an IPC namespace of its own, as install sandboxes have. */
    public SandboxPlan(UidMapping mapping, Path rootMountPoint, List<MountOp> operations, Optional<Path> sharedLock,
                       boolean network, GuestPath workingDirectory, boolean dropCapabilities, Optional<Path> removeAfter,
                       List<String> command, Map<String, String> environment) {
        this(mapping, rootMountPoint, operations, sharedLock, network, false, workingDirectory, dropCapabilities,
                removeAfter, command, environment);
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
