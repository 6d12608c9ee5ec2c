package org.layerwise.grid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.layerwise.function.PiecewiseConstantTarget;
import org.layerwise.function.TestTargets;

/**
 * Images with known pixel means: every cell mean of every level is the exact rational mean of its pixels,
 * correctly rounded (nearest double, ties to even), and the certified half-width holds it. The reference is the
 * exact sum of pixel value times overlap area in {@link BigDecimal}, divided at 200 digits (exact for the ties
 * below, far closer than any double midpoint otherwise) and converted by {@link BigDecimal#doubleValue()}.
 */
class PixelMeansTest {

    private static final MathContext WIDE = new MathContext(200);

    @Test
    void exactMidpointsRoundToEven() {
        double u = Math.ulp(1.0);
        // mean of 1 and 1 + u is 1 + u/2: a tie, the even neighbour is 1
        CellMeans a = CellMeansBuilder.of(new Cells(1, 2)).build(TestTargets.pixels(new int[] {2},
                new double[] {1, 1 + u}), 1);
        assertEquals(1.0, a.mean(0, 0));
        // mean of 1 + u and 1 + 2u is 1 + 1.5u: a tie between 1 + u (odd) and 1 + 2u (even)
        CellMeans b = CellMeansBuilder.of(new Cells(1, 2)).build(TestTargets.pixels(new int[] {2},
                new double[] {1 + u, 1 + 2 * u}), 1);
        assertEquals(1 + 2 * u, b.mean(0, 0));
        // three pixels against two cells: (0.1 + 0.2 + 0.3) / 3 and the thirds of the middle pixel
        CellMeans c = CellMeansBuilder.of(new Cells(1, 2)).build(TestTargets.pixels(new int[] {3},
                new double[] {0.1, 0.2, 0.3}), 2);
        assertEquals(reference1(new double[] {0.1, 0.2, 0.3}, 0, 1), c.mean(0, 0));
        assertEquals(reference1(new double[] {0.1, 0.2, 0.3}, 0, 2), c.mean(1, 0));
    }

    /** Exact mean of cell k of m cells of a 1-D image, correctly rounded. */
    private static double reference1(double[] v, long k, long m) {
        int s = v.length;
        BigDecimal sum = BigDecimal.ZERO;
        for (int j = 0; j < s; j++) {
            sum = sum.add(new BigDecimal(v[j]).multiply(BigDecimal.valueOf(overlap(k, m, j, s))));
        }
        return sum.divide(BigDecimal.valueOf(s), WIDE).doubleValue();
    }

    /** Length of [k/m, (k+1)/m) cap [j/s, (j+1)/s) in units of 1/(m s). */
    private static long overlap(long k, long m, int j, int s) {
        return Math.max(0, Math.min((k + 1) * s, (j + 1L) * m) - Math.max(k * s, (long) j * m));
    }

    @Test
    void everyLevelIsTheCorrectlyRoundedExactMean() {
        SplittableRandom random = new SplittableRandom(17);
        int[] shape = {5, 3};
        double[][] images = new double[3][15];
        for (int i = 0; i < 15; i++) {
            images[0][i] = random.nextInt(256) / 255.0;          // bytes scaled to [0, 1]
            images[1][i] = random.nextDouble() * 2 - 1;          // signed doubles, cancelling sums
            images[2][i] = i % 2 == 0 ? 1 : 1 + Math.ulp(1.0);   // many near-ties
        }
        for (double[] v : images) {
            PiecewiseConstantTarget f = TestTargets.pixels(shape, v);
            for (int base : new int[] {2, 3}) {
                Cells cells = new Cells(2, base);
                CellMeans means = CellMeansBuilder.of(cells).build(f, 4);
                assertTrue(means.isCertified());
                long[] c = new long[2];
                for (int l = 0; l <= 4; l++) {
                    long m = cells.perAxis(l);
                    for (long k = 0; k < cells.count(l); k++) {
                        cells.corner(k, l, c);
                        BigDecimal sum = BigDecimal.ZERO;
                        for (int j0 = 0; j0 < 5; j0++) {
                            for (int j1 = 0; j1 < 3; j1++) {
                                long w = overlap(c[0], m, j0, 5) * overlap(c[1], m, j1, 3);
                                sum = sum.add(new BigDecimal(v[j0 + 5 * j1]).multiply(BigDecimal.valueOf(w)));
                            }
                        }
                        BigDecimal exact = sum.divide(BigDecimal.valueOf(15), WIDE);
                        double got = means.mean(l, k);
                        assertEquals(exact.doubleValue(), got, 0.0, "N=" + base + " l=" + l + " k=" + k);
                        assertTrue(exact.subtract(new BigDecimal(got)).abs()
                                .compareTo(new BigDecimal(means.halfWidth(l))) <= 0, "eta of level " + l);
                    }
                }
            }
        }
    }
}
