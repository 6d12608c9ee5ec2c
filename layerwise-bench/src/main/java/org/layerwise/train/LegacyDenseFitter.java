package org.layerwise.train;

/**
 * The baseline of {@link DenseKernelBenchmark}: {@code DenseFitter} and {@code Dense} as they were at commit 339aa2d
 * (before the two-term kernel and the fused Adam step), kept unchanged but for the names so that the old and the new
 * step run side by side in one JVM: a kernel of two rows and four terms per pass (a loop body at C2's unroll limit,
 * vectorised in some contexts only), the gradients, then a separate Adam pass and a full refresh of the transposed
 * weights. The same bits as {@code DenseFitter} (both add every term in the same order).
 */
final class LegacyDenseFitter {

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
    LegacyDenseFitter(MlpWeights init, int maxRows) {
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
            LegacyDense.mulAdd(h[l], rows, w[l].length, w[l], zl);
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
        double[][] top = delta[layers - 1];
        double[][] zTop = z[layers - 1];
        for (int i = 0; i < rows; i++) {
            top[i][0] = (zTop[i][0] - r[i]) / rows;
        }
        for (int l = layers - 1; l >= 0; l--) {
            int in = w[l].length;
            double[][] dl = delta[l];
            LegacyDense.transpose(h[l], rows, ht[l]);
            for (double[] row : gw[l]) {
                java.util.Arrays.fill(row, 0.0);
            }
            LegacyDense.mulAdd(ht[l], in, rows, dl, gw[l]);
            double[] g = gb[l];
            java.util.Arrays.fill(g, 0.0);
            for (int i = 0; i < rows; i++) {
                double[] di = dl[i];
                for (int j = 0; j < g.length; j++) {
                    g[j] += di[j];
                }
            }
            if (l > 0) {
                double[][] below = delta[l - 1];
                for (int i = 0; i < rows; i++) {
                    java.util.Arrays.fill(below[i], 0.0);
                }
                LegacyDense.mulAdd(dl, rows, dl[0].length, wt[l], below);
                Activation a = acts[l - 1];
                double[][] zb = z[l - 1];
                double[][] hb = h[l];
                for (int i = 0; i < rows; i++) {
                    double[] di = below[i];
                    double[] zi = zb[i];
                    double[] hi = hb[i];
                    switch (a) {
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

    /** One Adam step at rate {@code lr} with the current gradients. */
    void adam(double lr) {
        t++;
        double c1 = 1 - Math.pow(Adam.BETA1, t);
        double c2 = 1 - Math.pow(Adam.BETA2, t);
        double a = lr / c1;
        for (int l = 0; l < layers; l++) {
            for (int i = 0; i < w[l].length; i++) {
                update(w[l][i], gw[l][i], mw[l][i], vw[l][i], a, c2);
            }
            update(b[l], gb[l], mb[l], vb[l], a, c2);
        }
        refreshTransposes();
    }

    private static void update(double[] p, double[] g, double[] m, double[] v, double a, double c2) {
        for (int j = 0; j < p.length; j++) {
            double gj = g[j];
            m[j] = m[j] * Adam.BETA1 + gj * (1 - Adam.BETA1);
            v[j] = v[j] * Adam.BETA2 + gj * gj * (1 - Adam.BETA2);
            p[j] -= m[j] * a / (Math.sqrt(v[j] / c2) + Adam.EPS);
        }
    }

    /** One minibatch step: {@link #forward}, {@link #backward} and {@link #adam} on the first {@code rows} rows. */
    void step(double[][] x, double[] r, int rows, double lr) {
        forwardPass(x, rows);
        backward(r, rows);
        adam(lr);
    }

    private void refreshTransposes() {
        for (int l = 1; l < layers; l++) {
            LegacyDense.transpose(w[l], w[l].length, wt[l]);
        }
    }

    /** {@code Dense} at commit 339aa2d. */
    static final class LegacyDense {

        /** Terms {@code p} per pass over the rows of {@code c} (keeps that slice of {@code b} in cache). */
        static final int BLOCK = 64;

        private LegacyDense() {
        }

        /**
         * {@code c[i][j] += sum_{p<k} a[i][p] b[p][j]} for {@code i < rows} and {@code j < b[0].length}, the terms
         * added in the order {@code p = 0..k-1} (see the class comment).
         */
        static void mulAdd(double[][] a, int rows, int k, double[][] b, double[][] c) {
            int m = b[0].length;
            for (int p0 = 0; p0 < k; p0 += BLOCK) {
                int p1 = Math.min(k, p0 + BLOCK);
                int i = 0;
                for (; i + 1 < rows; i += 2) {
                    pair(a[i], a[i + 1], p0, p1, b, c[i], c[i + 1], m);
                }
                if (i < rows) {
                    single(a[i], p0, p1, b, c[i], m);
                }
            }
        }

        private static void pair(double[] r0, double[] r1, int p0, int p1, double[][] b, double[] c0, double[] c1,
                                 int m) {
            int p = p0;
            for (; p + 3 < p1; p += 4) {
                double[] b0 = b[p];
                double[] b1 = b[p + 1];
                double[] b2 = b[p + 2];
                double[] b3 = b[p + 3];
                double x0 = r0[p];
                double x1 = r0[p + 1];
                double x2 = r0[p + 2];
                double x3 = r0[p + 3];
                double y0 = r1[p];
                double y1 = r1[p + 1];
                double y2 = r1[p + 2];
                double y3 = r1[p + 3];
                for (int j = 0; j < m; j++) {
                    double v0 = b0[j];
                    double v1 = b1[j];
                    double v2 = b2[j];
                    double v3 = b3[j];
                    c0[j] = c0[j] + x0 * v0 + x1 * v1 + x2 * v2 + x3 * v3;
                    c1[j] = c1[j] + y0 * v0 + y1 * v1 + y2 * v2 + y3 * v3;
                }
            }
            for (; p < p1; p++) {
                double[] bp = b[p];
                double x = r0[p];
                double y = r1[p];
                for (int j = 0; j < m; j++) {
                    c0[j] += x * bp[j];
                    c1[j] += y * bp[j];
                }
            }
        }

        private static void single(double[] r0, int p0, int p1, double[][] b, double[] c0, int m) {
            int p = p0;
            for (; p + 3 < p1; p += 4) {
                double[] b0 = b[p];
                double[] b1 = b[p + 1];
                double[] b2 = b[p + 2];
                double[] b3 = b[p + 3];
                double x0 = r0[p];
                double x1 = r0[p + 1];
                double x2 = r0[p + 2];
                double x3 = r0[p + 3];
                for (int j = 0; j < m; j++) {
                    c0[j] = c0[j] + x0 * b0[j] + x1 * b1[j] + x2 * b2[j] + x3 * b3[j];
                }
            }
            for (; p < p1; p++) {
                double[] bp = b[p];
                double x = r0[p];
                for (int j = 0; j < m; j++) {
                    c0[j] += x * bp[j];
                }
            }
        }

        /** Side of the square tiles {@link #transpose} copies (so that the strided writes stay in cache). */
        private static final int TILE = 16;

        /** {@code t[j][i] = a[i][j]} for {@code i < rows} and {@code j < t.length}. */
        static void transpose(double[][] a, int rows, double[][] t) {
            int cols = t.length;
            for (int i0 = 0; i0 < rows; i0 += TILE) {
                int i1 = Math.min(rows, i0 + TILE);
                for (int j0 = 0; j0 < cols; j0 += TILE) {
                    int j1 = Math.min(cols, j0 + TILE);
                    for (int i = i0; i < i1; i++) {
                        double[] ai = a[i];
                        for (int j = j0; j < j1; j++) {
                            t[j][i] = ai[j];
                        }
                    }
                }
            }
        }
    }
}
