package dev.trydeb.sandbox;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * An environment's committed layers, bottom to top. Each layer's upper directory holds one
 * subdirectory per top-level guest directory it changed (upper/usr, upper/etc, ...), the
 * unit in which overlays are mounted.
 */
public record LayerStack(List<Layer> bottomToTop) {
    public record Layer(Path upper, Set<String> topLevelDirectories) {
        public Layer {
            topLevelDirectories = Set.copyOf(topLevelDirectories);
        }
    }

    public LayerStack {
        bottomToTop = List.copyOf(bottomToTop);
    }

    /** The layers' directories for one top-level directory, top first, as overlayfs lists lowers. */
    public List<Path> lowersFor(String topLevel) {
        List<Path> lowers = new ArrayList<>();
        for (Layer layer : bottomToTop) {
            if (layer.topLevelDirectories().contains(topLevel)) {
                lowers.add(layer.upper().resolve(topLevel));
            }
        }
        Collections.reverse(lowers);
        return lowers;
    }

    public Set<String> topLevelDirectories() {
        Set<String> all = new TreeSet<>();
        bottomToTop.forEach(layer -> all.addAll(layer.topLevelDirectories()));
        return all;
    }
}
