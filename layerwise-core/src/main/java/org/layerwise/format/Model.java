package org.layerwise.format;

import org.layerwise.net.Network;
import java.util.Map;

/**
 * A model as stored in a file: the network, the free-form target description (the CLI fills it with the target's
 * kind, spec, quadrature, ...) and the file's format version.
 *
 * @param network the network
 * @param target  the target description; {@code null} means empty
 * @param version the format version the model was read from (or will be written in)
 */
public record Model(Network network, Map<String, Object> target, int version) {

    /**
     * Takes the components as given; a {@code null} target becomes the empty map.
     *
     * @param network the network
     * @param target  the target description; {@code null} means empty
     * @param version the format version
     */
    public Model {
        target = target == null ? Map.of() : target;
    }

    /**
     * A model of the current version {@link ModelFile#VERSION}.
     *
     * @param network the network
     * @param target  the target description; {@code null} means empty
     */
    public Model(Network network, Map<String, Object> target) {
        this(network, target, ModelFile.VERSION);
    }
}
