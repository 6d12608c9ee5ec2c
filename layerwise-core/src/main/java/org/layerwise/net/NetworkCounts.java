package org.layerwise.net;

import java.util.ArrayList;
import java.util.List;

/**
 * Size figures of a network, counted by scanning it, and the closed forms of the narrow layout
 * ({@link NarrowLayout}) that the scan must reproduce.
 *
 * <p>Closed forms for {@code d, N, L} (narrow layout):
 * <pre>
 *   width      = 2N + d        for L = 1,   2N + d + 1   for L &gt;= 2     (&lt;= 2dN + d + 2)
 *   depth      = 2dL + 1                                (hidden layers)
 *   ReLU       = 2dL (2N + d) + d + 2                   (2dL switch layers of 2N + d, then d + 2 carries)
 *   sine       = L
 *   weights    = dL (2d + 9N - 5) + 2NL + d - 1 + 2L    (structural sparse entries, heads' 2 each included)
 *   parameters = weights + neurons + L                  (one bias per neuron and per head)
 * </pre>
 * Derivation of {@code weights}: a generic A layer has {@code d} copies of {@code y}, the address
 * update ({@code 2N-1}), the copy of {@code S}, and {@code p_j, q_j} (one each): {@code d + 4N - 2};
 * {@code A(1,1)} has {@code 2N} fewer (its {@code E, S} are constants), {@code A(l,1)} for {@code l >= 2}
 * has {@code v_{l-1}} ({@code 2N-1}) more. A B layer has {@code d - 1} copies, the {@code y_i} update
 * ({@code 2N-1}), copies of {@code E, S} and {@code g_j} (2), {@code r_j} (1): {@code d + 5N - 3}, and one
 * more in {@code B(l,1)}, {@code l >= 2} (the update of {@code S}). The last layer has
 * {@code d + (2N-1) + 1 + (2N-1)}. Summing: {@code dL(2d + 9N - 5) + 2NL + d - 1}.
 * Weights and biases are counted structurally, also when their value is 0 (e.g. {@code theta_l = 0}).
 *
 * <p>Bits per level: {@code phaseBits} is the bit length of {@code theta_l} ({@code <= b N^(dl)});
 * {@code addressBits} is {@code sum_{i,j} bitLength(c_j)} over the level's address coefficients,
 * {@code = sum_i (N-1) b N^(d(l-1)+i-1) = b (N^(dl) - N^(d(l-1)))}.
 */
public record NetworkCounts(int width, int depth, long reluNeurons, long sineNeurons, long weights, long parameters,
                            int paperWidth, List<LevelBits> levelBits) {

    /** Stored bits of one level: the packed phases and the address coefficients. */
    public record LevelBits(int level, long phaseBits, long addressBits) {
        /** @return the bits the level stores: {@code phaseBits + addressBits} */
        public long bits() {
            return phaseBits + addressBits;
        }
    }

    public NetworkCounts {
        levelBits = List.copyOf(levelBits);
    }

    /** Counts by scanning the network. Level bits are read off the narrow layout's positions. */
    public static NetworkCounts of(Network net) {
        long relu = 0;
        long sine = 0;
        long weights = 0;
        for (Layer layer : net.layers()) {
            for (Neuron n : layer.neurons()) {
                if (n.activation() == Activation.SINE) {
                    sine++;
                } else {
                    relu++;
                }
                weights += n.affine().size();
            }
        }
        for (Head h : net.heads()) {
            weights += h.affine().size();
        }
        long params = weights + relu + sine + net.heads().size();
        List<LevelBits> bits = new ArrayList<>();
        if (net.layout() == Layout.NARROW) {
            NarrowLayout layout = new NarrowLayout(net.dim(), net.base());
            for (int l = 1; l <= net.levels(); l++) {
                Layer read = net.layers().get(layout.readLayer(l));
                long phase = read.neuron(layout.v()).affine().weight(0).bitLength();
                long address = 0;
                for (int i = 1; i <= net.dim(); i++) {
                    // the E update after B(l,i) holds c_1..c_{N-1}
                    Layer after = net.layers().get(layout.layerB(l, i) + 1);
                    Affine e = after.neuron(layout.e()).affine();
                    for (int j = 1; j < net.base(); j++) {
                        address += e.weight(j).bitLength();
                    }
                }
                bits.add(new LevelBits(l, phase, address));
            }
        }
        return new NetworkCounts(net.width(), net.depth(), relu, sine, weights, params, net.paperWidth(), bits);
    }

    /** The closed forms of the narrow layout (see the class javadoc); level bits hold the address bits and the phase bound {@code b N^(dl)}. */
    public static NetworkCounts formula(int d, int n, int levels, int b) {
        long width = levels == 1 ? 2L * n + d : 2L * n + d + 1;
        long depth = 2L * d * levels + 1;
        long relu = 2L * d * levels * (2L * n + d) + d + 2;
        long sine = levels;
        long weights = (long) d * levels * (2L * d + 9L * n - 5) + 2L * n * levels + d - 1 + 2L * levels;
        long params = weights + relu + sine + levels;
        NarrowLayout layout = new NarrowLayout(d, n);
        List<LevelBits> bits = new ArrayList<>();
        for (int l = 1; l <= levels; l++) {
            bits.add(new LevelBits(l, b * layout.cells(l), b * (layout.cells(l) - layout.cells(l - 1))));
        }
        return new NetworkCounts((int) width, (int) depth, relu, sine, weights, params, 2 * d * n + d + 2, bits);
    }
}
