package dev.trydeb.sandbox;

import dev.trydeb.core.GuestPath;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a run sandbox is made of: the layers below, where writes go, the host directories
 * below them that no layer touches (shown from the host as they are), the home, the
 * network, the host's IPC namespace or a new one, the desktop session's paths to show, and
 * a throwaway layer to remove once the sandbox has ended (--ephemeral).
 */
public record RunPlanRequest(LayerStack layers, WritableLayer writable, List<GuestPath> untouchedHostDirectories,
                             HomeView home, boolean network,
                             boolean shareIpc, List<SessionPath> session, Path mountPoint, Path lockFile,
                             GuestPath workingDirectory, Optional<Path> removeAfter, List<String> command,
                             Map<String, String> environment) {
    public RunPlanRequest {
        untouchedHostDirectories = List.copyOf(untouchedHostDirectories);
        session = List.copyOf(session);
    }
}
