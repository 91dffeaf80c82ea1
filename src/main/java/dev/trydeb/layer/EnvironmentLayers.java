package dev.trydeb.layer;

import dev.trydeb.core.ErrorText;
import dev.trydeb.core.TrydebException;
import dev.trydeb.sandbox.LayerStack;
import dev.trydeb.store.EnvironmentLayout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The committed layers of an environment on disk, as the sandbox and the preparer see them. */
public final class EnvironmentLayers {
    private EnvironmentLayers() {}

    public static LayerStack stack(EnvironmentLayout layout, List<Long> committedIdsBottomToTop) {
        List<LayerStack.Layer> layers = new ArrayList<>();
        for (long id : committedIdsBottomToTop) {
            Path upper = layout.upperDir(id);
            layers.add(new LayerStack.Layer(upper, topLevelDirectories(upper)));
        }
        return new LayerStack(layers);
    }

    /** The stack with the environment's runtime layer on top, as a throwaway run sees it from below. */
    public static LayerStack withRuntime(LayerStack stack, EnvironmentLayout layout) {
        List<LayerStack.Layer> layers = new ArrayList<>(stack.bottomToTop());
        layers.add(new LayerStack.Layer(layout.runtimeUpper(), topLevelDirectories(layout.runtimeUpper())));
        return new LayerStack(layers);
    }

    /** The stack with the environment's merged state (see state.MergedState) on top, hiding the layers' copies. */
    public static LayerStack withState(LayerStack stack, Path stateLayer) {
        List<LayerStack.Layer> layers = new ArrayList<>(stack.bottomToTop());
        layers.add(new LayerStack.Layer(stateLayer, topLevelDirectories(stateLayer)));
        return new LayerStack(layers);
    }

    public static List<Path> uppersTopFirst(LayerStack stack) {
        List<Path> uppers = new ArrayList<>();
        stack.bottomToTop().forEach(layer -> uppers.add(0, layer.upper()));
        return uppers;
    }

    private static Set<String> topLevelDirectories(Path upper) {
        if (!Files.isDirectory(upper)) {
            return Set.of();
        }
        try (Stream<Path> children = Files.list(upper)) {
            return children.filter(Files::isDirectory)
                    .map(p -> p.getFileName().toString())
                    .collect(Collectors.toSet());
        } catch (IOException e) {
            throw cannotRead(upper, e);
        } catch (UncheckedIOException e) { // from the listing, once begun
            throw cannotRead(upper, e.getCause());
        }
    }

    private static TrydebException cannotRead(Path layer, IOException e) {
        return TrydebException.failure("cannot read the layer " + layer + ": " + ErrorText.describe(e)
                + "; the environment's files in the trydeb store must be readable by you", e);
    }
}
