package dev.trydeb.sandbox;

import java.nio.file.Path;

/** Where a sandbox's writes go: upper/TOP and work/TOP for every overlaid top-level directory. */
public record WritableLayer(Path upper, Path work) {
    public Path upperFor(String topLevel) {
        return upper.resolve(topLevel);
    }

    public Path workFor(String topLevel) {
        return work.resolve(topLevel);
    }
}
