package org.layerwise.net;

import org.layerwise.numeric.Dyadic;

/**
 * What {@link NarrowLayout#verify} reads from a network that has the narrow layout's structure: per level {@code l}
 * (1-based) the address shifts {@code s_{l,i}}, the phase {@code theta_l}, the head {@code S + a_l v_l + h_l} and the
 * S update {@code ReLU(S + w_l v_l + beta_l)} (levels {@code < L}), and the start value {@code S_0} of the running
 * readout. Only a verified network yields one, so an evaluator built on it may rely on every neuron being as the
 * construction note (section 3) says. Immutable (arrays are copied in and never handed out).
 */
public final class NarrowStructure {

    private final Network network;
    private final long[][] shifts;
    private final Dyadic[] thetas;
    private final Dyadic start;
    private final Dyadic[] headWeights;
    private final Dyadic[] headBiases;
    private final Dyadic[] updateWeights;
    private final Dyadic[] updateBiases;

    NarrowStructure(Network network, long[][] shifts, Dyadic[] thetas, Dyadic start, Dyadic[] headWeights,
                    Dyadic[] headBiases, Dyadic[] updateWeights, Dyadic[] updateBiases) {
        this.network = network;
        this.shifts = new long[shifts.length][];
        for (int l = 0; l < shifts.length; l++) {
            this.shifts[l] = shifts[l].clone();
        }
        this.thetas = thetas.clone();
        this.start = start;
        this.headWeights = headWeights.clone();
        this.headBiases = headBiases.clone();
        this.updateWeights = updateWeights.clone();
        this.updateBiases = updateBiases.clone();
    }

    /** The verified network. */
    public Network network() {
        return network;
    }

    /** The number of levels {@code L}. */
    public int levels() {
        return thetas.length;
    }

    /** {@code s_{l,i} = b N^(d(l-1)+(i-1))}, the address shift of coordinate {@code i} (1-based) of level {@code l}. */
    public long shift(int level, int coordinate) {
        return shifts[level - 1][coordinate - 1];
    }

    /** {@code theta_l}, the weight of the sine neuron of level {@code l} on {@code E}. */
    public Dyadic theta(int level) {
        return thetas[level - 1];
    }

    /** {@code S_0}, the first layer's constant running readout ({@code max(0, bias)}). */
    public Dyadic start() {
        return start;
    }

    /** {@code a_l}, the head's weight on {@code v_l}, a signed power of two. */
    public Dyadic headWeight(int level) {
        return headWeights[level - 1];
    }

    /** {@code h_l}, the head's bias. */
    public Dyadic headBias(int level) {
        return headBiases[level - 1];
    }

    /** {@code w_l}, the weight of the S update after level {@code l < L} on {@code v_l}, a signed power of two. */
    public Dyadic updateWeight(int level) {
        return updateWeights[level - 1];
    }

    /** {@code beta_l >= |w_l|}, the bias of the S update after level {@code l < L}. */
    public Dyadic updateBias(int level) {
        return updateBiases[level - 1];
    }
}
