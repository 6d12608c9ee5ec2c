package org.layerwise.eval;

import org.layerwise.net.Activation;
import org.layerwise.net.Head;
import org.layerwise.net.Layer;
import org.layerwise.net.Network;
import org.layerwise.net.Neuron;
import org.layerwise.numeric.Dyadic;

/**
 * The generic exact evaluator (construction note, section 5): neuron by neuron in exact dyadic
 * arithmetic, knowing nothing about the construction.
 *
 * <ul>
 * <li>ReLU neuron: the exact pre-activation {@code z}, then {@code max(z, 0)}.</li>
 * <li>Sine neuron: the exact fractional part {@code r} of {@code z}, computed term by term as
 *     {@code frac(bias) + sum_k frac(w_k h_k) mod 1} (equal to {@code frac(z)}; the integer parts,
 *     which can have millions of bits, are never formed), then
 *     {@code Math.sin(2 * Math.PI * r.doubleValue())}, whose double value is taken as an exact dyadic.
 *     {@link DecoderBound#EPS_SIN} bounds the error of this step.</li>
 * <li>Head: the exact dyadic value of its affine form, rounded once to the nearest double.</li>
 * </ul>
 * Slow by design for deep levels (values have about {@code b N^(dl)} bits) but every step but
 * {@code sin} is exact, so it is the yardstick for faster evaluators.
 */
public final class ReferenceEvaluator implements Evaluator {

    private final Network network;

    /**
     * The most bits a weight may span ({@code bitLength + |exponent|}, {@code 2^31 - 1025}): the exact values are
     * BigIntegers, which hold at most {@code 2^31} bits, and a pre-activation shifts a weight by its exponent.
     */
    public static final long MAX_WEIGHT_SPAN = Integer.MAX_VALUE - 1024;

    /**
     * @param network the network
     * @throws org.layerwise.LimitExceededException naming the first layer, neuron and size when a weight or bias has
     *                                              more than {@link #MAX_WEIGHT_SPAN} bits or an exponent beyond it
     *                                              (the fast exact evaluator has no such limit)
     */
    public ReferenceEvaluator(Network network) {
        this.network = network;
        for (int k = 0; k < network.depth(); k++) {
            Layer layer = network.layers().get(k);
            for (int j = 0; j < layer.width(); j++) {
                Neuron n = layer.neuron(j);
                for (int w = 0; w <= n.affine().size(); w++) {
                    Dyadic v = w < n.affine().size() ? n.affine().weight(w) : n.bias();
                    long span = v.isZero() ? 0 : Math.max(v.bitLength(), Math.abs(v.exponent()) + v.bitLength());
                    if (span > MAX_WEIGHT_SPAN) {
                        throw new org.layerwise.LimitExceededException("the reference evaluator computes in BigIntegers "
                                + "of at most 2^31 bits, but layer " + k + " neuron " + j + " has a weight spanning "
                                + span + " bits (more than " + MAX_WEIGHT_SPAN + ")", false, null);
                    }
                }
            }
        }
    }

    @Override
    public Network network() {
        return network;
    }

    @Override
    public double[] readouts(double[] x) {
        Dyadic[] exact = exactReadouts(x);
        double[] out = new double[exact.length];
        for (int l = 0; l < exact.length; l++) {
            out[l] = exact[l].doubleValue();
        }
        return out;
    }

    /** The exact dyadic value of each head (given the double sine outputs). */
    public Dyadic[] exactReadouts(double[] x) {
        Evaluator.checkPoint(network.dim(), x);
        Dyadic[] h = new Dyadic[x.length];
        for (int i = 0; i < x.length; i++) {
            h[i] = Dyadic.valueOf(x[i]);
        }
        int levels = network.levels();
        Dyadic[] out = new Dyadic[levels];
        int lastNeeded = 0;
        for (Head head : network.heads()) {
            lastNeeded = Math.max(lastNeeded, head.layer());
        }
        for (int k = 0; k <= lastNeeded; k++) {
            h = layer(network.layers().get(k), h);
            for (int l = 0; l < levels; l++) {
                if (network.heads().get(l).layer() == k) {
                    out[l] = network.heads().get(l).affine().apply(h);
                }
            }
        }
        return out;
    }

    /** The values of one layer from the values of the previous one. */
    static Dyadic[] layer(Layer layer, Dyadic[] previous) {
        Dyadic[] next = new Dyadic[layer.width()];
        for (int j = 0; j < next.length; j++) {
            next[j] = neuron(layer.neuron(j), previous);
        }
        return next;
    }

    static Dyadic neuron(Neuron neuron, Dyadic[] previous) {
        if (neuron.activation() == Activation.SINE) {
            double r = neuron.affine().applyFractionalPart(previous).doubleValue();
            return Dyadic.valueOf(Math.sin(2 * Math.PI * r));
        }
        Dyadic z = neuron.affine().apply(previous);
        return z.signum() > 0 ? z : Dyadic.ZERO;
    }
}
