package dev.trydeb.doctor;

import dev.trydeb.sandbox.UidMapping;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Live probes with chosen answers, recording the sandboxes asked for. */
final class FakeProbes implements LiveProbes {
    Optional<String> sandbox = Optional.empty();
    Optional<String> fullMapping = Optional.empty();
    Optional<String> xattr = Optional.empty();
    boolean capabilities;
    final List<UidMapping> sandboxes = new ArrayList<>();

    @Override
    public Optional<String> sandbox(UidMapping mapping, Path scratchParent) {
        sandboxes.add(mapping);
        return mapping instanceof UidMapping.Full ? fullMapping : sandbox;
    }

    @Override
    public Optional<String> userXattr(Path dir) {
        return xattr;
    }

    @Override
    public boolean hasFileCapabilities(Path file) {
        return capabilities;
    }
}
