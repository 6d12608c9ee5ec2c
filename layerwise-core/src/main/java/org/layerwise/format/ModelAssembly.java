package org.layerwise.format;

import org.layerwise.net.Affine;
import org.layerwise.net.Head;
import org.layerwise.net.Layer;
import org.layerwise.net.Network;
import org.layerwise.net.Neuron;
import org.layerwise.numeric.Dyadic;
import java.util.ArrayList;
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
        List<Layer> netLayers = new ArrayList<>(m.layers().size());
        for (List<ModelMembers.Pending> layer : m.layers()) {
            List<Neuron> neurons = new ArrayList<>(layer.size());
            for (ModelMembers.Pending n : layer) {
                neurons.add(new Neuron(n.act(), affine(n, table, m.version(), bounds, budget)));
            }
            netLayers.add(new Layer(neurons));
        }
        List<Head> netHeads = new ArrayList<>(m.heads().size());
        for (ModelMembers.Pending h : m.heads()) {
            netHeads.add(new Head(h.head(), affine(h, table, m.version(), bounds, budget)));
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

    /** Resolves the weights of a neuron or head against the constants, within the bounds and the bit budget. */
    private static Affine affine(ModelMembers.Pending n, List<Dyadic> constants, int version, HeaderBounds bounds,
                                 ReadBudget budget) {
        Dyadic[] w = new Dyadic[n.w().length];
        for (int k = 0; k < w.length; k++) {
            w[k] = resolve(n.w()[k], constants, version, n.where() + " weight " + k, bounds, budget);
        }
        Dyadic b = resolve(n.b(), constants, version, n.where() + " bias", bounds, budget);
        try {
            return new Affine(n.in(), w, b);
        } catch (IllegalArgumentException e) {
            throw budget.fail(n.where() + ": " + e.getMessage());
        }
    }

    /** One weight: a plain dyadic as is, a reference or form expanded after its size passed the checks. */
    private static Dyadic resolve(WeightText.Parsed x, List<Dyadic> constants, int version, String where,
                                  HeaderBounds bounds, ReadBudget budget) {
        if (x.isPlain()) {
            return x.plain();
        }
        if (version < 2) {
            throw budget.fail(where + ": version " + version + " allows only plain dyadic weights");
        }
        if (x.constant() >= constants.size()) {
            throw budget.fail(where + ": refers to constant $" + x.constant() + " but there are " + constants.size()
                    + " constants");
        }
        long e = x.exponent(constants);
        long newBits = x.newBits(constants);
        bounds.checkExpanded(e, newBits, where);
        budget.spend(newBits, where);
        return x.resolve(constants);
    }
}
