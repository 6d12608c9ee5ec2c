package org.layerwise.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import org.layerwise.InvalidInputException;

/**
 * The frozen parameters of a trained MLP, held in Java (no native memory) and evaluated in double precision.
 * Layer {@code l = 0..L-1} maps {@code z -> z W_l + b_l} with {@code W_l} of shape {@code in_l x out_l};
 * hidden layer {@code l < L-1} is followed by {@code activations[l]}, the output layer is linear and has width 1.
 *
 * <p>With {@code h_0 = x} and {@code h_{l+1} = act_l(h_l W_l + b_l)} for {@code l < L-1}:
 * {@link #features} returns {@code h_{L-1}} (the last hidden layer) and {@link #apply} returns
 * {@code h_{L-1} W_{L-1} + b_{L-1}}.
 */
public final class MlpWeights {

    private final double[][][] weights;
    private final double[][] biases;
    private final Activation[] activations;

    /**
     * @param weights     {@code weights[l][i][j]}: from unit {@code i} of layer {@code l} to unit {@code j}
     * @param biases      {@code biases[l][j]}
     * @param activations one per hidden layer ({@code weights.length - 1} of them)
     */
    public MlpWeights(double[][][] weights, double[][] biases, Activation[] activations) {
        if (weights.length < 2) {
            throw new InvalidInputException("an MLP needs at least one hidden layer, got " + weights.length + " layer(s)");
        }
        if (biases.length != weights.length || activations.length != weights.length - 1) {
            throw new InvalidInputException("inconsistent MLP: " + weights.length + " weight matrices, "
                    + biases.length + " bias vectors, " + activations.length + " activations");
        }
        this.weights = new double[weights.length][][];
        this.biases = new double[weights.length][];
        for (int l = 0; l < weights.length; l++) {
            int in = weights[l].length;
            if (in == 0) {
                throw new InvalidInputException("layer " + (l + 1) + " has no inputs");
            }
            int out = weights[l][0].length;
            if (l > 0 && in != weights[l - 1][0].length) {
                throw new InvalidInputException("layer " + (l + 1) + " expects " + in + " inputs but layer " + l
                        + " has " + weights[l - 1][0].length + " outputs");
            }
            if (biases[l].length != out) {
                throw new InvalidInputException("layer " + (l + 1) + " has " + out + " outputs but " + biases[l].length + " biases");
            }
            this.weights[l] = new double[in][];
            for (int i = 0; i < in; i++) {
                if (weights[l][i].length != out) {
                    throw new InvalidInputException("layer " + (l + 1) + ": ragged weight matrix at row " + i);
                }
                this.weights[l][i] = weights[l][i].clone();
            }
            this.biases[l] = biases[l].clone();
        }
        if (this.biases[weights.length - 1].length != 1) {
            throw new InvalidInputException("the output layer must have width 1, got " + this.biases[weights.length - 1].length);
        }
        this.activations = activations.clone();
    }

    /**
     * Freshly initialised parameters of widths {@code [in, h_1, ..., h_m, 1]}: every weight and bias of layer
     * {@code l} is {@code (2u - 1) sqrt(1 / in_l)} with {@code u = rng.nextDouble()}, drawn in the order {@code W_0}
     * (row-major), {@code b_0}, {@code W_1}, ... (see {@link Mlp}).
     */
    public static MlpWeights initial(int[] widths, Activation[] activations, SplittableRandom rng) {
        int layers = widths.length - 1;
        double[][][] w = new double[layers][][];
        double[][] b = new double[layers][];
        for (int l = 0; l < layers; l++) {
            double scale = Math.sqrt(1.0 / widths[l]);
            w[l] = new double[widths[l]][widths[l + 1]];
            for (double[] row : w[l]) {
                for (int j = 0; j < row.length; j++) {
                    row[j] = (2 * rng.nextDouble() - 1) * scale;
                }
            }
            b[l] = new double[widths[l + 1]];
            for (int j = 0; j < b[l].length; j++) {
                b[l][j] = (2 * rng.nextDouble() - 1) * scale;
            }
        }
        return new MlpWeights(w, b, activations);
    }

    /** Number of affine layers (hidden layers + 1). */
    public int layerCount() {
        return weights.length;
    }

    /** Widths {@code [in, h_1, ..., h_m, 1]}. */
    public int[] widths() {
        int[] w = new int[weights.length + 1];
        for (int l = 0; l < weights.length; l++) {
            w[l] = weights[l].length;
        }
        w[weights.length] = 1;
        return w;
    }

    /** The widths as text, e.g. {@code [1,32,32,1]}. */
    public String widthsText() {
        StringBuilder sb = new StringBuilder();
        for (int x : widths()) {
            sb.append(sb.length() == 0 ? "" : ",").append(x);
        }
        return "[" + sb + "]";
    }

    public int inputWidth() {
        return weights[0].length;
    }

    /** Width of the last hidden layer (the input width of the next grade). */
    public int featureWidth() {
        return weights[weights.length - 1].length;
    }

    public List<Activation> activations() {
        return List.of(activations);
    }

    /** A copy of {@code W_l}. */
    public double[][] weight(int l) {
        double[][] c = new double[weights[l].length][];
        for (int i = 0; i < c.length; i++) {
            c[i] = weights[l][i].clone();
        }
        return c;
    }

    /** A copy of {@code b_l}. */
    public double[] bias(int l) {
        return biases[l].clone();
    }

    /** The last hidden layer's activations {@code h_{L-1}} at each row of {@code x}. */
    public double[][] features(double[][] x) {
        double[][] h = x;
        for (int l = 0; l < weights.length - 1; l++) {
            h = affine(l, h, activations[l]);
        }
        return h;
    }

    /** The output {@code h_{L-1} W_{L-1} + b_{L-1}} given the last hidden layer's activations. */
    public double[] outputFromFeatures(double[][] features) {
        double[][] o = affine(weights.length - 1, features, null);
        double[] y = new double[o.length];
        for (int i = 0; i < o.length; i++) {
            y[i] = o[i][0];
        }
        return y;
    }

    /** The network's output at each row of {@code x}. */
    public double[] apply(double[][] x) {
        return outputFromFeatures(features(x));
    }

    /** Hidden layer {@code l}'s activations {@code act_l(h W_l + b_l)} at each row {@code h} of {@code in}. */
    double[][] hidden(int l, double[][] in) {
        return affine(l, in, activations[l]);
    }

    private double[][] affine(int l, double[][] in, Activation act) {
        double[][] w = weights[l];
        double[] b = biases[l];
        double[][] out = new double[in.length][];
        for (int n = 0; n < in.length; n++) {
            if (in[n].length != w.length) {
                throw new InvalidInputException("layer " + (l + 1) + " expects " + w.length + " inputs, point " + n
                        + " has " + in[n].length);
            }
            out[n] = b.clone();
        }
        // z = b + x_0 w_0 + x_1 w_1 + ..., the terms added in this order (Dense.mulAdd keeps it)
        Dense.mulAdd(in, in.length, w.length, w, out);
        if (act != null) {
            for (double[] z : out) {
                act.applyRow(z, z);
            }
        }
        return out;
    }

    /** Stacks the hidden layers of several grades and the output layer of the last one (for end-to-end training). */
    static int[] stackedWidths(int inputWidth, List<GradeSpec> grades) {
        List<Integer> w = new ArrayList<>();
        w.add(inputWidth);
        for (GradeSpec g : grades) {
            for (int h : g.hidden()) {
                w.add(h);
            }
        }
        w.add(1);
        return w.stream().mapToInt(Integer::intValue).toArray();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MlpWeights m && Arrays.deepEquals(weights, m.weights) && Arrays.deepEquals(biases, m.biases)
                && Arrays.equals(activations, m.activations);
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(weights) * 31 + Arrays.deepHashCode(biases);
    }
}
