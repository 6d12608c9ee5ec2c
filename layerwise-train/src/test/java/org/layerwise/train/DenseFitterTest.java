package org.layerwise.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import org.junit.jupiter.api.Test;

/**
 * The plain-Java float64 trainer against independent references: its gradients against central finite differences
 * of the loss evaluated by {@link MlpWeights#apply} (and, for a one-unit network, against the closed form), its
 * kernel against the plain loop (bit for bit), and its training against the engine's float64 path.
 */
class DenseFitterTest {

    private static double[][] points(int n, int d, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] x = new double[n][d];
        for (double[] row : x) {
            for (int j = 0; j < d; j++) {
                row[j] = r.nextDouble() * 2 - 1;
            }
        }
        return x;
    }

    private static double[] labels(double[][] x) {
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = Math.sin(3 * x[i][0]) + Math.abs(x[i][x[i].length - 1]); // with a kink
        }
        return y;
    }

    @Test
    void mulAddEqualsThePlainLoopBitForBit() {
        // odd sizes exercise every tail (odd row, k not a multiple of 4, k beyond one block, one column, one term)
        for (int[] s : new int[][] {{7, 70, 5}, {1, 3, 1}, {6, 133, 9}, {5, 17, 1}, {4, 1, 6}}) {
            double[][] a = points(s[0], s[1], 1);
            double[][] b = points(s[1], s[2], 2);
            double[][] c = points(s[0], s[2], 3);
            double[][] plain = new double[s[0]][];
            for (int i = 0; i < s[0]; i++) {
                plain[i] = c[i].clone();
                for (int p = 0; p < s[1]; p++) {
                    for (int j = 0; j < s[2]; j++) {
                        plain[i][j] += a[i][p] * b[p][j];
                    }
                }
            }
            Dense.mulAdd(a, s[0], s[1], b, c);
            for (int i = 0; i < s[0]; i++) {
                assertArrayEquals(plain[i], c[i], 0.0);
            }
        }
        double[][] a = points(19, 37, 4);
        double[][] t = new double[37][19];
        Dense.transpose(a, 0, 19, t);
        for (int i = 0; i < 19; i++) {
            for (int j = 0; j < 37; j++) {
                assertEquals(a[i][j], t[j][i], 0.0);
            }
        }
    }

    /**
     * The textbook minibatch step in plain loops, every sum in the order the trainer documents (forward terms
     * {@code p = 0..in-1} after the bias, gradient terms {@code i = 0..rows-1} from 0, back-propagated terms
     * {@code j = 0..out-1} from 0), all gradients first, then one Adam update per entry: the reference for the
     * fused, blocked step.
     */
    private static void plainStep(double[][][] w, double[][] b, double[][][] m, double[][][] v, double[][] mb,
                                  double[][] vb, Activation[] acts, double[][] x, double[] r, double lr, int t) {
        int layers = w.length;
        int rows = x.length;
        double[][][] hs = new double[layers + 1][][];
        double[][][] zs = new double[layers][][];
        hs[0] = x;
        for (int l = 0; l < layers; l++) {
            int out = b[l].length;
            zs[l] = new double[rows][out];
            hs[l + 1] = new double[rows][out];
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < out; j++) {
                    double s = b[l][j];
                    for (int q = 0; q < w[l].length; q++) {
                        s += hs[l][i][q] * w[l][q][j];
                    }
                    zs[l][i][j] = s;
                    hs[l + 1][i][j] = l < layers - 1 ? acts[l].apply(s) : s;
                }
            }
        }
        double[][] d = new double[rows][1];
        for (int i = 0; i < rows; i++) {
            d[i][0] = (zs[layers - 1][i][0] - r[i]) / rows;
        }
        double[][][] gw = new double[layers][][];
        double[][] gb = new double[layers][];
        for (int l = layers - 1; l >= 0; l--) {
            int in = w[l].length;
            int out = b[l].length;
            gw[l] = new double[in][out];
            gb[l] = new double[out];
            for (int q = 0; q < in; q++) {
                for (int j = 0; j < out; j++) {
                    double s = 0.0;
                    for (int i = 0; i < rows; i++) {
                        s += hs[l][i][q] * d[i][j];
                    }
                    gw[l][q][j] = s;
                }
            }
            for (int j = 0; j < out; j++) {
                double s = 0.0;
                for (int i = 0; i < rows; i++) {
                    s += d[i][j];
                }
                gb[l][j] = s;
            }
            if (l > 0) {
                double[][] below = new double[rows][in];
                for (int i = 0; i < rows; i++) {
                    for (int q = 0; q < in; q++) {
                        double s = 0.0;
                        for (int j = 0; j < out; j++) {
                            s += d[i][j] * w[l][q][j];
                        }
                        double zq = zs[l - 1][i][q];
                        below[i][q] = switch (acts[l - 1]) {
                            case RELU -> zq > 0 ? s : 0.0;
                            case SIN -> s * Math.cos(zq);
                            case TANH -> s * (1 - hs[l][i][q] * hs[l][i][q]);
                        };
                    }
                }
                d = below;
            }
        }
        double a = lr / (1 - Math.pow(Adam.BETA1, t));
        double c2 = 1 - Math.pow(Adam.BETA2, t);
        for (int l = 0; l < layers; l++) {
            for (int q = 0; q < w[l].length; q++) {
                adamRow(w[l][q], gw[l][q], m[l][q], v[l][q], a, c2);
            }
            adamRow(b[l], gb[l], mb[l], vb[l], a, c2);
        }
    }

    private static void adamRow(double[] p, double[] g, double[] m, double[] v, double a, double c2) {
        for (int j = 0; j < p.length; j++) {
            m[j] = m[j] * Adam.BETA1 + g[j] * (1 - Adam.BETA1);
            v[j] = v[j] * Adam.BETA2 + g[j] * g[j] * (1 - Adam.BETA2);
            p[j] -= m[j] * a / (Math.sqrt(v[j] / c2) + Adam.EPS);
        }
    }

    @Test
    void stepEqualsThePlainLoopsBitForBit() {
        // widths beyond one row group (GROUP = 16) and one term block (BLOCK = 64), odd widths and batches for every
        // tail of the kernel, each activation; four steps so that the Adam moments and the transposed copies carry over
        int[][] shapes = {{3, 37, 70, 1}, {1, 18, 5, 2, 1}, {70, 17, 1}};
        int[] batches = {7, 32, 1};
        for (Activation act : Activation.values()) {
            for (int s = 0; s < shapes.length; s++) {
                int[] widths = shapes[s];
                Activation[] acts = new Activation[widths.length - 2];
                java.util.Arrays.fill(acts, act);
                MlpWeights init = MlpWeights.initial(widths, acts, new SplittableRandom(11 + s));
                int layers = init.layerCount();
                double[][][] w = new double[layers][][];
                double[][] b = new double[layers][];
                double[][][] m = new double[layers][][];
                double[][][] v = new double[layers][][];
                double[][] mb = new double[layers][];
                double[][] vb = new double[layers][];
                for (int l = 0; l < layers; l++) {
                    w[l] = init.weight(l);
                    b[l] = init.bias(l);
                    m[l] = new double[w[l].length][b[l].length];
                    v[l] = new double[w[l].length][b[l].length];
                    mb[l] = new double[b[l].length];
                    vb[l] = new double[b[l].length];
                }
                int rows = batches[s];
                DenseFitter f = new DenseFitter(init, rows);
                for (int t = 1; t <= 4; t++) {
                    double[][] x = points(rows, widths[0], 100 * s + t);
                    double[] y = labels(x);
                    f.step(x, y, rows, 1e-2 / t);
                    plainStep(w, b, m, v, mb, vb, acts, x, y, 1e-2 / t, t);
                }
                assertEquals(new MlpWeights(w, b, acts), f.parameters(), act + " " + java.util.Arrays.toString(widths));
            }
        }
    }

    @Test
    void gradientsMatchFiniteDifferencesForEveryActivation() {
        for (Activation act : Activation.values()) {
            double[][] x = points(9, 2, 5);
            double[] y = labels(x);
            MlpWeights p = MlpWeights.initial(new int[] {2, 5, 4, 1}, new Activation[] {act, act},
                    new SplittableRandom(7));
            DenseFitter f = new DenseFitter(p, x.length);
            assertArrayEquals(p.apply(x), f.forward(x, x.length), 0.0, "forward equals the frozen network");
            f.backward(y, x.length);
            int checked = 0;
            for (int l = 0; l < p.layerCount(); l++) {
                double[][] gw = f.weightGradient(l);
                for (int i = 0; i < gw.length; i++) {
                    for (int j = 0; j < gw[i].length; j++) {
                        double fd = AdamStepTest.fdWeight(p, l, i, j, x, y);
                        assertEquals(fd, gw[i][j], 1e-7 * (1 + Math.abs(fd)), act + " W" + l + "[" + i + "][" + j + "]");
                        checked++;
                    }
                }
                double[] gb = f.biasGradient(l);
                for (int j = 0; j < gb.length; j++) {
                    double fd = AdamStepTest.fdBias(p, l, j, x, y);
                    assertEquals(fd, gb[j], 1e-7 * (1 + Math.abs(fd)), act + " b" + l + "[" + j + "]");
                }
            }
            assertEquals(2 * 5 + 5 * 4 + 4, checked);
        }
    }

    @Test
    void oneUnitGradientIsTheClosedForm() {
        // out = v relu(w x + c) + e on x = {1, 2}, y = {0, 0}: with w = 1, c = 0, v = 2, e = 0, out = {2, 4};
        // loss = ((2)^2 + (4)^2) / 4 = 5; dL/dv = (2*1 + 4*2) / 2 = 5, dL/dw = v (2*1 + 4*2) / 2 = 10,
        // dL/dc = v (2 + 4) / 2 = 6, dL/de = (2 + 4) / 2 = 3
        MlpWeights p = new MlpWeights(new double[][][] {{{1}}, {{2}}}, new double[][] {{0}, {0}},
                new Activation[] {Activation.RELU});
        DenseFitter f = new DenseFitter(p, 2);
        double[][] x = {{1}, {2}};
        assertArrayEquals(new double[] {2, 4}, f.forward(x, 2), 0.0);
        f.backward(new double[] {0, 0}, 2);
        assertEquals(10, f.weightGradient(0)[0][0], 0.0);
        assertEquals(6, f.biasGradient(0)[0], 0.0);
        assertEquals(5, f.weightGradient(1)[0][0], 0.0);
        assertEquals(3, f.biasGradient(1)[0], 0.0);
    }

    @Test
    void trainingFollowsTheEngineFloat64PathAndIsReproducible() {
        double[][] x = points(40, 1, 8);
        double[] y = labels(x);
        int[] widths = {1, 12, 8, 1};
        Activation[] acts = {Activation.SIN, Activation.RELU};
        Fitter.Schedule s = e -> 1e-2 * Math.pow(0.5, e);
        MlpWeights java = DenseFitter.fit(MlpWeights.initial(widths, acts, new SplittableRandom(9)), x, y, 4, s, 16,
                new SplittableRandom(10), null);
        MlpWeights again = DenseFitter.fit(MlpWeights.initial(widths, acts, new SplittableRandom(9)), x, y, 4, s, 16,
                new SplittableRandom(10), null);
        assertEquals(java, again, "bitwise reproducible");
        MlpWeights engine;
        try (NDManager m = Djl.engine().newBaseManager();
             Mlp mlp = Mlp.of(m, MlpWeights.initial(widths, acts, new SplittableRandom(9)), DataType.FLOAT64)) {
            Fitter.fit(m, mlp, x, y, 4, s, 16, new SplittableRandom(10), null);
            engine = mlp.snapshot();
        }
        // 4 epochs x 3 minibatches of Adam: the two float64 paths differ only in summation order
        double worst = 0;
        for (int l = 0; l < widths.length - 1; l++) {
            double[][] a = java.weight(l);
            double[][] b = engine.weight(l);
            for (int i = 0; i < a.length; i++) {
                for (int j = 0; j < a[i].length; j++) {
                    worst = Math.max(worst, Math.abs(a[i][j] - b[i][j]));
                }
            }
        }
        assertTrue(worst < 1e-9, "largest weight difference " + worst);
        assertTrue(Fitter.loss(y, java.apply(x)) < Fitter.loss(y, MlpWeights.initial(widths, acts,
                new SplittableRandom(9)).apply(x)));
    }
}
