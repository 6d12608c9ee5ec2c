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
        Dense.transpose(a, 19, t);
        for (int i = 0; i < 19; i++) {
            for (int j = 0; j < 37; j++) {
                assertEquals(a[i][j], t[j][i], 0.0);
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
