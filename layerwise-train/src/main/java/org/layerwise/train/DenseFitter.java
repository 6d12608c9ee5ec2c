package org.layerwise.train;

import java.util.SplittableRandom;
import java.util.function.IntConsumer;

/**
 * The plain-Java float64 trainer of an MLP (used for every float64 run): the same loss, minibatches, schedule and
 * {@link Adam} update as {@link Fitter#fit} on the engine, computed in double arrays with the {@link Dense}
 * kernels, with no allocation per step and no native call.
 *
 * <p>Per minibatch of {@code n_B} rows {@code x_i} and residuals {@code r_i}: forward
 * {@code z_l = h_l W_l + b_l}, {@code h_{l+1} = act_l(z_l)}, {@code out = z_{L-1}} (each entry summed in the order of
 * {@link MlpWeights#apply}, so the trainer's forward pass equals the frozen network's bit for bit); loss
 * {@code sum_i (r_i - out_i)^2 / (2 n_B)}; backward {@code delta_{L-1} = (out - r) / n_B},
 * {@code grad W_l = h_l^T delta_l}, {@code grad b_l = sum_i delta_l[i]},
 * {@code delta_{l-1} = (delta_l W_l^T) * act'_{l-1}(z_{l-1})} with {@code relu'(z) = [z > 0]}, {@code sin' = cos},
 * {@code tanh'(z) = 1 - tanh(z)^2}; then one Adam step per parameter entry:
 * {@code m = beta1 m + (1 - beta1) g}, {@code v = beta2 v + (1 - beta2) g^2},
 * {@code p -= m (lr / (1 - beta1^t)) / (sqrt(v / (1 - beta2^t)) + eps)}. A step fuses the Adam update into the
 * backward pass (each block of weight rows is updated while its gradient is in cache, see {@link #backpropagate});
 * the result is the same, bit for bit, as all gradients first and then the updates.
 * Deterministic: the same initial parameters, data, schedule and generator give bitwise-equal parameters.
 */
final class DenseFitter {

    private final int layers;
    private final Activation[] acts;
    private final double[][][] w;
    private final double[][] b;
    private final double[][][] wt;
    private final double[][][] gw;
    private final double[][] gb;
    private final double[][][] mw;
    private final double[][][] vw;
    private final double[][] mb;
    private final double[][] vb;
    /** {@code z[l]}: pre-activations of layer {@code l}, rows x out_l. */
    private final double[][][] z;
    /** {@code h[l]} for {@code l >= 1}: activations feeding layer {@code l}; {@code h[0]} is set to the batch rows. */
    private final double[][][] h;
    private final double[][][] delta;
    /** {@code ht[l]}: {@code h[l]} transposed, in_l x rows. */
    private final double[][][] ht;
    private int t;

    /** A trainer starting from {@code init}, for batches of at most {@code maxRows} rows. */
    DenseFitter(MlpWeights init, int maxRows) {
        layers = init.layerCount();
        acts = init.activations().toArray(new Activation[0]);
        int[] widths = init.widths();
        w = new double[layers][][];
        b = new double[layers][];
        wt = new double[layers][][];
        gw = new double[layers][][];
        gb = new double[layers][];
        mw = new double[layers][][];
        vw = new double[layers][][];
        mb = new double[layers][];
        vb = new double[layers][];
        z = new double[layers][][];
        h = new double[layers][][];
        delta = new double[layers][][];
        ht = new double[layers][][];
        for (int l = 0; l < layers; l++) {
            int in = widths[l];
            int out = widths[l + 1];
            w[l] = init.weight(l);
            b[l] = init.bias(l);
            wt[l] = l == 0 ? null : new double[out][in];
            gw[l] = new double[in][out];
            gb[l] = new double[out];
            mw[l] = new double[in][out];
            vw[l] = new double[in][out];
            mb[l] = new double[out];
            vb[l] = new double[out];
            z[l] = new double[maxRows][out];
            h[l] = l == 0 ? new double[maxRows][] : new double[maxRows][in];
            delta[l] = new double[maxRows][out];
            ht[l] = new double[in][maxRows];
        }
        refreshTransposes();
    }

    /**
     * Runs {@code epochs} epochs of {@link Fitter#fit}'s minibatch scheme on {@code (inputs, targets)} and returns
     * the trained parameters; {@code afterEpoch} gets the 0-based epoch after each.
     */
    static MlpWeights fit(MlpWeights init, double[][] inputs, double[] targets, int epochs, Fitter.Schedule schedule,
                          int batchSize, SplittableRandom rng, IntConsumer afterEpoch) {
        int n = targets.length;
        boolean full = batchSize <= 0 || batchSize >= n;
        int rows = full ? n : batchSize;
        DenseFitter f = new DenseFitter(init, rows);
        double[][] xb = new double[rows][];
        double[] rb = new double[rows];
        for (int e = 0; e < epochs; e++) {
            double lr = schedule.rate(e);
            if (full) {
                f.step(inputs, targets, n, lr);
            } else {
                int[] perm = Dataset.permutation(n, rng);
                for (int start = 0; start < n; start += batchSize) {
                    int nb = Math.min(batchSize, n - start);
                    for (int k = 0; k < nb; k++) {
                        xb[k] = inputs[perm[start + k]];
                        rb[k] = targets[perm[start + k]];
                    }
                    f.step(xb, rb, nb, lr);
                }
            }
            if (afterEpoch != null) {
                afterEpoch.accept(e);
            }
        }
        return f.parameters();
    }

    /** The current parameters. */
    MlpWeights parameters() {
        return new MlpWeights(w, b, acts);
    }

    /** The outputs at the first {@code rows} rows of {@code x} (the forward pass; fills the buffers). */
    double[] forward(double[][] x, int rows) {
        forwardPass(x, rows);
        double[] out = new double[rows];
        for (int i = 0; i < rows; i++) {
            out[i] = z[layers - 1][i][0];
        }
        return out;
    }

    /** The forward pass of the first {@code rows} rows of {@code x} into {@code z} and {@code h} (no allocation). */
    private void forwardPass(double[][] x, int rows) {
        for (int i = 0; i < rows; i++) {
            h[0][i] = x[i];
        }
        for (int l = 0; l < layers; l++) {
            double[][] zl = z[l];
            for (int i = 0; i < rows; i++) {
                System.arraycopy(b[l], 0, zl[i], 0, b[l].length);
            }
            Dense.mulAdd(h[l], rows, w[l].length, w[l], zl);
            if (l < layers - 1) {
                Activation a = acts[l];
                double[][] next = h[l + 1];
                for (int i = 0; i < rows; i++) {
                    a.applyRow(zl[i], next[i]);
                }
            }
        }
    }

    /**
     * The gradients of {@code sum_i (r_i - out_i)^2 / (2 rows)} after {@link #forward} of the same rows, into
     * {@code gw}, {@code gb}.
     */
    void backward(double[] r, int rows) {
        backpropagate(r, rows, Double.NaN);
    }

    /** Rows of a weight matrix whose gradient is completed, then (in a step) applied, while they are in cache. */
    private static final int GROUP = 16;

    /**
     * The backward pass; with a rate {@code lr} (not NaN) also the Adam step, fused into it: layer {@code l}'s
     * parameters are updated, {@link #GROUP} rows of {@code W_l} at a time, right after their gradient rows are
     * complete and after {@code delta_{l-1}} was propagated through the transposed copy {@code wt[l]} of the old
     * {@code W_l} (which is refreshed row group by row group as {@code W_l} changes). Each entry's update reads only
     * its own gradient and moments, so this gives the same bits as all gradients first, then Adam.
     */
    private void backpropagate(double[] r, int rows, double lr) {
        boolean update = !Double.isNaN(lr);
        double a = 0;
        double c2 = 0;
        if (update) {
            t++;
            a = lr / (1 - Math.pow(Adam.BETA1, t));
            c2 = 1 - Math.pow(Adam.BETA2, t);
        }
        double[][] top = delta[layers - 1];
        double[][] zTop = z[layers - 1];
        for (int i = 0; i < rows; i++) {
            top[i][0] = (zTop[i][0] - r[i]) / rows;
        }
        for (int l = layers - 1; l >= 0; l--) {
            int in = w[l].length;
            double[][] dl = delta[l];
            if (l > 0) {
                propagate(l, rows);
            }
            double[] g = gb[l];
            java.util.Arrays.fill(g, 0.0);
            for (int i = 0; i < rows; i++) {
                double[] di = dl[i];
                for (int j = 0; j < g.length; j++) {
                    g[j] += di[j];
                }
            }
            Dense.transpose(h[l], 0, rows, ht[l]);
            for (int p0 = 0; p0 < in; p0 += GROUP) {
                int p1 = Math.min(in, p0 + GROUP);
                for (int p = p0; p < p1; p++) {
                    java.util.Arrays.fill(gw[l][p], 0.0);
                }
                Dense.mulAdd(ht[l], p0, p1, rows, dl, gw[l]);
                if (update) {
                    for (int p = p0; p < p1; p++) {
                        update(w[l][p], gw[l][p], mw[l][p], vw[l][p], a, c2);
                    }
                    if (l > 0) {
                        Dense.transpose(w[l], p0, p1, wt[l]);
                    }
                }
            }
            if (update) {
                update(b[l], g, mb[l], vb[l], a, c2);
            }
        }
    }

    /** {@code delta_{l-1} = (delta_l W_l^T) * act'_{l-1}(z_{l-1})}, through {@code wt[l]} (the current {@code W_l}). */
    private void propagate(int l, int rows) {
        double[][] dl = delta[l];
        double[][] below = delta[l - 1];
        for (int i = 0; i < rows; i++) {
            java.util.Arrays.fill(below[i], 0.0);
        }
        Dense.mulAdd(dl, rows, dl[0].length, wt[l], below);
        Activation act = acts[l - 1];
        double[][] zb = z[l - 1];
        double[][] hb = h[l];
        for (int i = 0; i < rows; i++) {
            double[] di = below[i];
            double[] zi = zb[i];
            double[] hi = hb[i];
            switch (act) {
                case RELU -> {
                    for (int j = 0; j < di.length; j++) {
                        di[j] = zi[j] > 0 ? di[j] : 0.0;
                    }
                }
                case SIN -> {
                    for (int j = 0; j < di.length; j++) {
                        di[j] *= Math.cos(zi[j]);
                    }
                }
                case TANH -> {
                    for (int j = 0; j < di.length; j++) {
                        di[j] *= 1 - hi[j] * hi[j];
                    }
                }
            }
        }
    }

    /** Gradient of layer {@code l}'s weights (live). */
    double[][] weightGradient(int l) {
        return gw[l];
    }

    /** Gradient of layer {@code l}'s biases (live). */
    double[] biasGradient(int l) {
        return gb[l];
    }

    private static void update(double[] p, double[] g, double[] m, double[] v, double a, double c2) {
        for (int j = 0; j < p.length; j++) {
            double gj = g[j];
            m[j] = m[j] * Adam.BETA1 + gj * (1 - Adam.BETA1);
            v[j] = v[j] * Adam.BETA2 + gj * gj * (1 - Adam.BETA2);
            p[j] -= m[j] * a / (Math.sqrt(v[j] / c2) + Adam.EPS);
        }
    }

    /**
     * One minibatch step on the first {@code rows} rows: the forward pass, then the backward pass with the Adam step
     * at rate {@code lr} fused into it (see {@link #backpropagate}); the same bits as {@link #forward},
     * {@link #backward} and one Adam step per parameter entry one after another.
     */
    void step(double[][] x, double[] r, int rows, double lr) {
        forwardPass(x, rows);
        backpropagate(r, rows, lr);
    }

    private void refreshTransposes() {
        for (int l = 1; l < layers; l++) {
            Dense.transpose(w[l], 0, w[l].length, wt[l]);
        }
    }
}
