package org.layerwise.net;

import org.layerwise.numeric.Dyadic;
import java.util.List;
import java.util.Objects;

/**
 * A nested, fixed-width, mixed-activation network with one affine readout head per level
 * (construction note, section 3). Immutable; the constructor checks that every index is in range.
 *
 * <p>The input is a point {@code x in [0,1]^d}; hidden layer 0 reads {@code x}, hidden layer
 * {@code k > 0} reads layer {@code k-1}; head {@code l} (1-based level, stored at list position
 * {@code l-1}) reads one hidden layer and returns {@code Phi_l}.
 *
 * <p><b>Nestedness.</b> For the {@linkplain NarrowLayout narrow layout} built by
 * {@code construct.NetworkBuilder}: the network of {@code L} levels is a <em>prefix</em> of the network of
 * {@code L+1} levels built from a table that agrees on levels {@code 0..L}: its layers
 * {@code 0..2dL-1} are equal, its last layer {@code 2dL} (the carries and {@code v_L}) consists of the
 * first neurons, position by position, of layer {@code 2dL} of the deeper network (which appends
 * the level-{@code L+1} switch neurons {@code p_j, q_j}), and its heads are the first {@code L}
 * heads. See {@link #isPrefixOf}.
 *
 * @param dim        {@code d}
 * @param base       {@code N}
 * @param levels     {@code L >= 1}, the number of heads
 * @param bits       the phase bit budget {@code b}
 * @param layout     the layout ({@link Layout#NARROW})
 * @param layers     hidden layers
 * @param heads      heads of levels {@code 1..L}
 * @param amplitudes {@code a_1..a_L}, positive powers of two
 */
public record Network(int dim, int base, int levels, int bits, Layout layout, List<Layer> layers, List<Head> heads,
                      List<Dyadic> amplitudes) {

    /**
     * Copies the lists and checks the structure.
     *
     * @param dim        {@code d >= 1}
     * @param base       {@code N >= 2}
     * @param levels     {@code L >= 1}
     * @param bits       {@code b >= 1}
     * @param layout     the layout, not null
     * @param layers     the hidden layers, at least one, each reading only indices of the previous one
     *                   (of {@code x} for layer 0)
     * @param heads      {@code L} heads, each reading an existing index of an existing layer
     * @param amplitudes {@code L} positive powers of two
     *
     * @throws NullPointerException     if {@code layout} or a list is null
     * @throws IllegalArgumentException if {@code d < 1}, {@code N < 2}, {@code L < 1} or {@code b < 1}; there is no
     *                                  hidden layer; the numbers of heads or amplitudes differ from {@code L}; an
     *                                  amplitude is not a positive power of two; or a neuron or head reads an index or
     *                                  layer that does not exist (the message names it)
     */
    public Network {
        Objects.requireNonNull(layout, "layout");
        layers = List.copyOf(layers);
        heads = List.copyOf(heads);
        amplitudes = List.copyOf(amplitudes);
        if (dim < 1 || base < 2 || levels < 1 || bits < 1) {
            throw new IllegalArgumentException("network with d = " + dim + ", N = " + base + ", L = " + levels
                    + ", b = " + bits);
        }
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("a network needs at least one hidden layer");
        }
        if (heads.size() != levels) {
            throw new IllegalArgumentException(heads.size() + " heads for " + levels + " levels");
        }
        if (amplitudes.size() != levels) {
            throw new IllegalArgumentException(amplitudes.size() + " amplitudes for " + levels + " levels");
        }
        for (int l = 0; l < levels; l++) {
            Dyadic a = amplitudes.get(l);
            if (a.signum() <= 0 || !a.isPowerOfTwoMagnitude()) {
                throw new IllegalArgumentException("amplitude of level " + (l + 1) + " is " + a
                        + ", not a positive power of two");
            }
        }
        int previous = dim;
        for (int k = 0; k < layers.size(); k++) {
            for (int j = 0; j < layers.get(k).width(); j++) {
                int m = layers.get(k).neuron(j).affine().maxInput();
                if (m >= previous) {
                    throw new IllegalArgumentException("layer " + k + " neuron " + j + " reads index " + m
                            + " but the " + (k == 0 ? "input has " : "previous layer has ") + previous + " values");
                }
            }
            previous = layers.get(k).width();
        }
        for (int l = 0; l < levels; l++) {
            Head h = heads.get(l);
            if (h.layer() >= layers.size()) {
                throw new IllegalArgumentException("head of level " + (l + 1) + " reads layer " + h.layer()
                        + " of " + layers.size());
            }
            int m = h.affine().maxInput();
            if (m >= layers.get(h.layer()).width()) {
                throw new IllegalArgumentException("head of level " + (l + 1) + " reads index " + m
                        + " of a layer of width " + layers.get(h.layer()).width());
            }
        }
    }

    /** @return the width: the largest number of neurons in a hidden layer */
    public int width() {
        return layers.stream().mapToInt(Layer::width).max().orElse(0);
    }

    /** @return the depth: the number of hidden layers */
    public int depth() {
        return layers.size();
    }

    /**
     * @param l the level, {@code 1..L}
     * @return the head of level {@code l}, whose readout is {@code Phi_l}
     * @throws IndexOutOfBoundsException if {@code l} is not in {@code 1..L}
     */
    public Head head(int l) {
        return heads.get(l - 1);
    }

    /**
     * @param l the level, {@code 1..L}
     * @return the amplitude {@code a_l}, a positive power of two
     * @throws IndexOutOfBoundsException if {@code l} is not in {@code 1..L}
     */
    public Dyadic amplitude(int l) {
        return amplitudes.get(l - 1);
    }

    /**
     * @param l the level, {@code 1..L}
     * @return the index (0-based) of the hidden layer the head of level {@code l} reads
     * @throws IndexOutOfBoundsException if {@code l} is not in {@code 1..L}
     */
    public int headLayer(int l) {
        return head(l).layer();
    }

    /** @return the paper's width bound {@code 2dN + d + 2} for this network's {@code d} and {@code N} */
    public int paperWidth() {
        return 2 * dim * base + dim + 2;
    }

    /**
     * Whether this network's layers and heads form a prefix of {@code deeper}'s (see the class
     * javadoc): same {@code d, N, b, layout}, every layer except the last equal, the last layer a
     * position-by-position prefix of the corresponding layer, and the heads and amplitudes equal.
     *
     * @param deeper a network with at least as many levels
     * @return whether this network is a prefix of {@code deeper}; false when it has more levels or layers
     */
    public boolean isPrefixOf(Network deeper) {
        if (dim != deeper.dim || base != deeper.base || bits != deeper.bits || layout != deeper.layout
                || levels > deeper.levels || layers.size() > deeper.layers.size()) {
            return false;
        }
        int last = layers.size() - 1;
        for (int k = 0; k < last; k++) {
            if (!layers.get(k).equals(deeper.layers.get(k))) {
                return false;
            }
        }
        return layers.get(last).isPrefixOf(deeper.layers.get(last))
                && heads.equals(deeper.heads.subList(0, levels))
                && amplitudes.equals(deeper.amplitudes.subList(0, levels));
    }
}
