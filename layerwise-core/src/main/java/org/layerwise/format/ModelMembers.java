package org.layerwise.format;

import org.layerwise.net.Activation;
import org.layerwise.net.Layout;
import org.layerwise.numeric.Dyadic;
import java.util.List;
import java.util.Map;

/**
 * The members of a model object as {@link ModelParser} read them, before any weight is resolved: the JSON document
 * of versions 1 and 2, or the header of the binary container (versions 3 and 4). Every required member is present (the parser
 * checks); nothing is checked against the numbers' bounds yet ({@link ModelAssembly} does that).
 *
 * @param version    the format version, {@link ModelFile#OLDEST_VERSION} to {@link ModelFile#VERSION}
 * @param dim        the declared dimension {@code d} (not yet checked to be positive)
 * @param base       the declared refinement factor {@code N}
 * @param levels     the declared number of levels {@code L}, at most {@link ModelLimits#maxLevels()}
 * @param bits       the declared phase bits per cell {@code b}
 * @param layout     the layout named by the {@code layout} member
 * @param sha        the {@code sha256} member of a JSON document; {@code null} in a container's header
 * @param amplitudes the amplitudes, in level order
 * @param target     the free-form target block; {@code null} when absent
 * @param constants  the decoded constants of version 2; {@code null} for version 1 and in a container's header
 * @param declared   the constants a container's header declares, {@code {exp, limbs}} each; {@code null} otherwise
 * @param layers     the hidden layers, each a list of neurons
 * @param heads      the heads, in level order
 */
record ModelMembers(int version, int dim, int base, int levels, int bits, Layout layout, String sha,
                    List<Dyadic> amplitudes, Map<String, Object> target, List<Dyadic> constants,
                    List<long[]> declared, List<List<Pending>> layers, List<Pending> heads) {

    /**
     * A neuron or head as read: its weights still as text, resolved once the constants are known.
     *
     * @param where names it in messages, e.g. {@code "layer 2 neuron 5"} or {@code "head 1"}
     * @param act   the activation of a neuron; {@code null} for a head
     * @param head  the layer a head reads; {@code -1} for a neuron
     * @param in    the input indices
     * @param w     the weights, one per input
     * @param b     the bias
     */
    record Pending(String where, Activation act, int head, int[] in, WeightText.Parsed[] w, WeightText.Parsed b) {
    }
}
