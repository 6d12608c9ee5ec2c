package org.layerwise.eval;

import org.layerwise.net.Activation;
import org.layerwise.net.Affine;
import org.layerwise.net.Head;
import org.layerwise.net.Layer;
import org.layerwise.net.Network;
import org.layerwise.numeric.Dyadic;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The same network evaluated in plain IEEE doubles: every weight and bias rounded to the nearest
 * double (huge ones become infinite), {@code ReLU} as {@code max}, the sine neuron as
 * {@code Math.sin(2 * Math.PI * (z - floor(z)))}. It exists only to show where floating point
 * breaks (construction note, section 4): {@link #diagnose} reports the first level whose readout
 * leaves the decoder bound around the exact reference, and why.
 */
public final class Float64Evaluator implements Evaluator {

    /** The first failing level at a point ({@code -1} when none) and a one-line explanation. */
    public record Diagnosis(int level, double float64, double reference, String reason) {
        public boolean failed() {
            return level >= 1;
        }
    }

    private final Network network;
    private final double[][][] weights;
    private final double[][] biases;

    public Float64Evaluator(Network network) {
        this.network = network;
        int depth = network.depth();
        weights = new double[depth][][];
        biases = new double[depth][];
        for (int k = 0; k < depth; k++) {
            Layer layer = network.layers().get(k);
            weights[k] = new double[layer.width()][];
            biases[k] = new double[layer.width()];
            for (int j = 0; j < layer.width(); j++) {
                Affine a = layer.neuron(j).affine();
                weights[k][j] = new double[a.size()];
                for (int t = 0; t < a.size(); t++) {
                    weights[k][j][t] = a.weight(t).doubleValue();
                }
                biases[k][j] = a.bias().doubleValue();
            }
        }
    }

    @Override
    public Network network() {
        return network;
    }

    @Override
    public double[] readouts(double[] x) {
        Evaluator.checkPoint(network.dim(), x);
        double[] h = x.clone();
        double[] out = new double[network.levels()];
        for (int k = 0; k < network.depth(); k++) {
            Layer layer = network.layers().get(k);
            double[] next = new double[layer.width()];
            for (int j = 0; j < next.length; j++) {
                Affine a = layer.neuron(j).affine();
                double z = biases[k][j];
                for (int t = 0; t < a.size(); t++) {
                    z += weights[k][j][t] * h[a.input(t)];
                }
                if (layer.neuron(j).activation() == Activation.SINE) {
                    next[j] = Math.sin(2 * Math.PI * (z - Math.floor(z)));
                } else {
                    next[j] = z > 0 ? z : (Double.isNaN(z) ? z : 0.0);
                }
            }
            h = next;
            for (int l = 1; l <= network.levels(); l++) {
                Head head = network.head(l);
                if (head.layer() == k) {
                    double z = head.affine().bias().doubleValue();
                    for (int t = 0; t < head.affine().size(); t++) {
                        z += head.affine().weight(t).doubleValue() * h[head.affine().input(t)];
                    }
                    out[l - 1] = z;
                }
            }
        }
        return out;
    }

    /**
     * Compares with the exact evaluation at {@code x} (bit for bit the reference's): the first level {@code l} with
     * {@code |Phi_l^float64 - Phi_l^ref| > 2 B_l + ulp} (or a non-finite readout), and the reason: the
     * first weight up to that level's head that is infinite in double, else the first one that
     * double cannot hold exactly (more than 53 significant bits), else accumulated rounding.
     */
    public Diagnosis diagnose(double[] x) {
        return diagnose(x, exact());
    }

    /** The exact evaluation compared against: the fast exact evaluator when it applies (the reference's doubles). */
    private Evaluator exact() {
        return Evaluators.forNetwork(network, false);
    }

    private Diagnosis diagnose(double[] x, Evaluator exact) {
        double[] f = readouts(x);
        double[] ref = exact.readouts(x);
        for (int l = 1; l <= network.levels(); l++) {
            double bound = 2 * DecoderBound.bound(network, l);
            if (!DecoderBound.holds(f[l - 1], ref[l - 1], bound)) {
                return new Diagnosis(l, f[l - 1], ref[l - 1], reason(l));
            }
        }
        return new Diagnosis(-1, Double.NaN, Double.NaN, "float64 agrees with the exact evaluation at every level");
    }

    /** The diagnosis with the lowest failing level over the points (the first such point), or a pass. */
    public Diagnosis diagnose(double[][] xs) {
        // points are diagnosed in parallel, then scanned in order: the result does not depend on threads
        Diagnosis[] all = new Diagnosis[xs.length];
        Evaluator exact = exact();
        java.util.stream.IntStream.range(0, xs.length).parallel().forEach(k -> all[k] = diagnose(xs[k], exact));
        Diagnosis best = null;
        for (Diagnosis d : all) {
            if (d.failed() && (best == null || d.level() < best.level())) {
                best = d;
            }
        }
        return best != null ? best
                : new Diagnosis(-1, Double.NaN, Double.NaN, "float64 agrees with the exact evaluation at every level");
    }

    private String reason(int level) {
        int last = network.headLayer(level);
        String huge = firstWeight(last, w -> !Double.isFinite(w.doubleValue()),
                w -> " is about 2^" + w.topBit() + ", beyond the double range 2^1024");
        if (huge != null) {
            return huge;
        }
        String long53 = firstWeight(last, w -> w.bitLength() > 53,
                w -> " has " + w.bitLength() + " significant bits, a double holds 53");
        if (long53 != null) {
            return long53;
        }
        return "rounding of intermediate values (a gated address differs from a huge switch value by more than 2^53)";
    }

    /**
     * "layer k neuron j: weight t" (or "bias") followed by {@code what(w)} for the first weight or bias {@code w} in
     * layers {@code 0..last} (neuron by neuron, the bias after the weights) that {@code matches}; null if none does.
     */
    private String firstWeight(int last, Predicate<Dyadic> matches, Function<Dyadic, String> what) {
        for (int k = 0; k <= last; k++) {
            Layer layer = network.layers().get(k);
            for (int j = 0; j < layer.width(); j++) {
                Affine a = layer.neuron(j).affine();
                for (int t = 0; t <= a.size(); t++) {
                    Dyadic w = t < a.size() ? a.weight(t) : a.bias();
                    if (matches.test(w)) {
                        return "layer " + k + " neuron " + j + ": " + (t < a.size() ? "weight " + t : "bias")
                                + what.apply(w);
                    }
                }
            }
        }
        return null;
    }
}
