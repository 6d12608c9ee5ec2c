package org.layerwise.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.layerwise.NonFiniteValueException;
import org.layerwise.grid.CellMeans;
import org.layerwise.grid.CellMeansBuilder;
import org.layerwise.grid.Cells;
import org.layerwise.function.PiecewiseConstantTarget;
import org.layerwise.function.Target;
import org.layerwise.function.TestTargets;

class CellMeanErrorTest {

    /** f(x) = x: on a cell of width h, |x - centre| is uniform on [0, h/2], so the error is (h/2)(p+1)^(-1/p). */
    @Test
    void identityIn1dHasTheKnownError() {
        Target f = TestTargets.of(1, x -> x[0]);
        for (int base : new int[] {2, 3, 5}) {
            Cells cells = new Cells(1, base);
            CellMeans means = CellMeansBuilder.of(cells).build(f, 4);
            for (int l = 0; l <= 4; l++) {
                double h = Math.pow(base, -l);
                for (double p : new double[] {1, 1.5, 2, 3, 7}) {
                    double exact = h / 2 * Math.pow(p + 1, -1 / p);
                    double got = CellMeanError.DEFAULT.error(f, means, l, new PNorm(p)).value();
                    // exact for integer p when the kink of |x - c| is on a sub-cell face (even N); else an estimate
                    assertEquals(exact, got, (base % 2 == 0 && p == Math.rint(p) ? 1e-12 : 1e-4) * exact, "N=" + base + " l=" + l + " p=" + p);
                }
                assertEquals(h / 2, CellMeanError.DEFAULT.error(f, means, l, PNorm.INF).value(), 1e-15,
                        "N=" + base + " l=" + l + " p=inf");
            }
        }
    }

    /** Large p (errors ~ 1e-2 raised to p = 1000 underflow unless the sum is scaled): still (h/2)(p+1)^(-1/p). */
    @Test
    void largeExponentsKeepTheKnownError() {
        Target f = TestTargets.of(1, x -> x[0]);
        CellMeans means = CellMeansBuilder.of(new Cells(1, 2)).build(f, 6);
        for (int l = 0; l <= 6; l++) {
            double h = Math.pow(2, -l);
            for (double p : new double[] {1000, 1e4, 1e6}) {
                double exact = h / 2 * Math.pow(p + 1, -1 / p);
                double got = CellMeanError.DEFAULT.error(f, means, l, new PNorm(p)).value();
                // Gauss nodes stay inside the sub-cells (level 12): the largest |x - c| is short of h/2 by
                // 0.0694 of a sub-cell, a bias that large p exposes; nothing underflows
                assertEquals(exact, got, 0.07 * Math.pow(2, -12) + 1e-4 * exact, "l=" + l + " p=" + p);
            }
        }
        PiecewiseConstantTarget pixels = TestTargets.pixels(new int[] {2}, new double[] {0, 1e-3});
        CellMeans pm = CellMeansBuilder.of(new Cells(1, 3)).build(pixels, 2);
        // middle cell of level 1: |v - mu| = 5e-4 on all of it (volume 1/3), 0 elsewhere
        for (double p : new double[] {1000, 1e6}) {
            double exact = 5e-4 * Math.pow(1.0 / 3, 1 / p);
            assertEquals(exact, CellMeanError.DEFAULT.error(pixels, pm, 1, new PNorm(p)).value(), 1e-12 * exact);
        }
    }

    @Test
    void withoutSubcellsTheKinkIsNotResolvedExactly() {
        // one rule per cell: exact for p = 2 (a polynomial), only approximate for p = 1 (|x - c|)
        Target f = TestTargets.of(1, x -> x[0]);
        CellMeans means = CellMeansBuilder.of(new Cells(1, 2)).build(f, 2);
        CellMeanError coarse = new CellMeanError(4, 1);
        assertEquals(0.25 / Math.sqrt(3), coarse.error(f, means, 1, PNorm.TWO).value(), 1e-15);
        assertTrue(Math.abs(coarse.error(f, means, 1, new PNorm(1)).value() - 0.125) > 1e-4);
    }

    @Test
    void twoDimensionalSeparableKnownAnswer() {
        // f = x + y: on a cell, f - mu = u + v with u, v independent uniform on [-h/2, h/2]: E(u+v)^2 = h^2/6
        Target f = TestTargets.of(2, x -> x[0] + x[1]);
        Cells cells = new Cells(2, 3);
        CellMeans means = CellMeansBuilder.of(cells).build(f, 3);
        for (int l = 0; l <= 3; l++) {
            double h = Math.pow(3, -l);
            assertEquals(h / Math.sqrt(6), CellMeanError.DEFAULT.error(f, means, l, PNorm.TWO).value(), 1e-12);
            assertEquals(h, CellMeanError.DEFAULT.error(f, means, l, PNorm.INF).value(), 1e-15);
        }
    }

    @Test
    void methodAndPointsAreReported() {
        Target f = TestTargets.of(2, x -> x[0]);
        CellMeans means = CellMeansBuilder.of(new Cells(2, 2)).build(f, 7);
        ErrorEstimate e = CellMeanError.DEFAULT.error(f, means, 7, PNorm.TWO);
        assertEquals(16384L * 16, e.points());
        assertEquals("Gauss-Legendre 4^2 on the 16384 cells of level 7", e.method());
        ErrorEstimate coarse = CellMeanError.DEFAULT.error(f, means, 1, PNorm.TWO);
        assertEquals(4096L * 16, coarse.points());
    }

    @Test
    void pixelTargetsAreExactByArea() {
        // two pixels 0 | 1, N = 3, level 1: the middle cell [1/3, 2/3) has mean 1/2 and error 1/2 on all of it
        PiecewiseConstantTarget f = TestTargets.pixels(new int[] {2}, new double[] {0, 1});
        CellMeans means = CellMeansBuilder.of(new Cells(1, 3)).build(f, 2);
        assertEquals(0.5, means.mean(1, 1), 1e-16);
        for (double p : new double[] {1, 2, 3.5}) {
            ErrorEstimate e = CellMeanError.DEFAULT.error(f, means, 1, new PNorm(p));
            assertEquals(0.5 * Math.pow(1.0 / 3, 1 / p), e.value(), 1e-15);
            assertTrue(e.method().startsWith("exact (area)"), e.method());
            // level 2: only the cell [4/9, 5/9) straddles 1/2, with mean 1/2
            assertEquals(0.5 * Math.pow(1.0 / 9, 1 / p), CellMeanError.DEFAULT.error(f, means, 2, new PNorm(p)).value(), 1e-15);
        }
        assertEquals(0.5, CellMeanError.DEFAULT.error(f, means, 1, PNorm.INF).value());
        // level 0: mean 1/2, |f - 1/2| = 1/2 everywhere
        assertEquals(0.5, CellMeanError.DEFAULT.error(f, means, 0, new PNorm(1)).value(), 1e-16);
        // N = 2 aligns with the pixels: error 0 from level 1 on
        CellMeans aligned = CellMeansBuilder.of(new Cells(1, 2)).build(f, 3);
        assertEquals(0, CellMeanError.DEFAULT.error(f, aligned, 1, PNorm.TWO).value());
        assertEquals(0, CellMeanError.DEFAULT.error(f, aligned, 3, PNorm.INF).value());
    }

    @Test
    void exactPixelErrorAgreesWithQuadratureOfTheSameFunction() {
        double[] v = new double[35];
        java.util.SplittableRandom r = new java.util.SplittableRandom(11);
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextDouble();
        }
        PiecewiseConstantTarget img = TestTargets.pixels(new int[] {7, 5}, v);
        Target asFunction = TestTargets.of(2, img::value); // same values, seen as a general target
        Cells cells = new Cells(2, 2);
        CellMeans exactMeans = CellMeansBuilder.of(cells).build(img, 2);
        double exact = CellMeanError.DEFAULT.error(img, exactMeans, 2, PNorm.TWO).value();
        // quadrature on 2^20 sub-cells with the exact means: converges to the exact value like h^(1/2)
        double quad = new CellMeanError(2, 1 << 20).error(asFunction, exactMeans, 2, PNorm.TWO).value();
        assertEquals(exact, quad, 2e-3 * exact);
    }

    @Test
    void nonFiniteTargetNamesLevelCellAndPoint() {
        Target ok = TestTargets.of(1, x -> x[0]);
        CellMeans means = CellMeansBuilder.of(new Cells(1, 2)).build(ok, 3);
        Target bad = TestTargets.of(1, x -> x[0] > 0.75 ? Double.NaN : x[0]);
        NonFiniteValueException e = assertThrows(NonFiniteValueException.class,
                () -> new CellMeanError(4, 1).error(bad, means, 2, PNorm.TWO));
        assertEquals(2, e.level());
        assertEquals(3, e.cell()); // [0.75, 1) is cell 3 at level 2 for N = 2 in 1-D
        assertTrue(e.getMessage().startsWith("level 2: cell 3 has f = NaN at x = (0.7"), e.getMessage());
    }
}
