package org.layerwise.format;

import org.layerwise.net.Affine;
import org.layerwise.net.Head;
import org.layerwise.net.Layer;
import org.layerwise.net.Network;
import org.layerwise.net.Neuron;
import org.layerwise.numeric.Dyadic;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the {@link Model} from the members read, shared by every version: checks the numbers against the header
 * ({@link HeaderBounds}), resolves each weight text against the constants (a reference {@code $i} or a form such as
 * {@code $i*(2^a-2^b)} is expanded only after its size passed the bounds and the bit budget of the
 * {@link ReadBudget}), and lets {@link Network} check the structure. Version 1 allows only plain dyadic weights.
 */
final class ModelAssembly {

    private ModelAssembly() {
    }

    /**
     * The model the members describe.
     *
     * @param m      the members read
     * @param table  the constants ({@code $0, $1, ...}); empty for version 1
     * @param budget the account of this read
     * @return the model, of version {@code m.version()}, with an empty target block when the file has none
     * @throws ModelFormatException when the header is not a network, a number is out of the header's bounds, a
     *                              weight refers to a missing constant or exceeds the bit budget, or the network is
     *                              inconsistent (the message of {@link Network}'s check, prefixed)
     */
    static Model build(ModelMembers m, List<Dyadic> table, ReadBudget budget) {
        HeaderBounds bounds = HeaderBounds.of(m, budget);
        bounds.checkStored(m, table);
        Resolver resolver = new Resolver(table, m.version(), bounds, budget);
        List<Layer> netLayers = new ArrayList<>(m.layers().size());
        for (List<ModelMembers.Pending> layer : m.layers()) {
            List<Neuron> neurons = new ArrayList<>(layer.size());
            for (ModelMembers.Pending n : layer) {
                neurons.add(new Neuron(n.act(), resolver.affine(n)));
            }
            netLayers.add(new Layer(neurons));
        }
        List<Head> netHeads = new ArrayList<>(m.heads().size());
        for (ModelMembers.Pending h : m.heads()) {
            netHeads.add(new Head(h.head(), resolver.affine(h)));
        }
        Network net;
        try {
            net = new Network(m.dim(), m.base(), m.levels(), m.bits(), m.layout(), netLayers, netHeads,
                    m.amplitudes());
        } catch (IllegalArgumentException e) {
            throw budget.fail("inconsistent network: " + e.getMessage());
        }
        return new Model(net, m.target() == null ? Map.of() : m.target(), m.version());
    }

    /**
     * Resolves weight texts against the constants, within the bounds and the bit budget. A form met again (the
     * weights {@code +theta c_j} and {@code -theta c_j} of a sine neuron) is expanded once and its value shared, so a
     * level's phase products cost one pass over its mantissa, not one per weight.
     */
    private static final class Resolver {
        private final List<Dyadic> constants;
        private final int version;
        private final HeaderBounds bounds;
        private final ReadBudget budget;
        private final Map<WeightText.Parsed, Dyadic> expanded = new HashMap<>();

        Resolver(List<Dyadic> constants, int version, HeaderBounds bounds, ReadBudget budget) {
            this.constants = constants;
            this.version = version;
            this.bounds = bounds;
            this.budget = budget;
        }

        /** The weights of a neuron or head. */
        Affine affine(ModelMembers.Pending n) {
            Dyadic[] w = new Dyadic[n.w().length];
            for (int k = 0; k < w.length; k++) {
                w[k] = resolve(n.w()[k], n.where() + " weight " + k);
            }
            Dyadic b = resolve(n.b(), n.where() + " bias");
            try {
                return new Affine(n.in(), w, b);
            } catch (IllegalArgumentException e) {
                throw budget.fail(n.where() + ": " + e.getMessage());
            }
        }

        /**
         * One weight: a plain dyadic as is, a reference or form expanded after its size passed the checks (every
         * occurrence is checked and charged to the budget, also when its value is shared).
         */
        private Dyadic resolve(WeightText.Parsed x, String where) {
            if (x.isPlain()) {
                return x.plain();
            }
            if (version < 2) {
                throw budget.fail(where + ": version " + version + " allows only plain dyadic weights");
            }
            if (x.constant() >= constants.size()) {
                throw budget.fail(where + ": refers to constant $" + x.constant() + " but there are "
                        + constants.size() + " constants");
            }
            long e = x.exponent(constants);
            bounds.checkExpanded(e, x.valueBits(constants), where);
            budget.spend(x.newBits(constants), where);
            Dyadic v = expanded.computeIfAbsent(x.key(), k -> k.magnitude(constants));
            return x.negative() ? v.negate() : v;
        }
    }
}
