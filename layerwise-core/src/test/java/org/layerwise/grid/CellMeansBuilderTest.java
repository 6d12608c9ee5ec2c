package org.layerwise.grid;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.layerwise.InvalidInputException;
import org.layerwise.LimitExceededException;
import org.layerwise.NonFiniteValueException;
import org.layerwise.function.Target;
import org.layerwise.function.TestTargets;

class CellMeansBuilderTest {

    /** Mean of x^i over [a, b]: (b^(i+1) - a^(i+1)) / ((i+1)(b-a)). */
    static double monomialMean(int i, double a, double b) {
        return (Math.pow(b, i + 1) - Math.pow(a, i + 1)) / ((i + 1) * (b - a));
    }

    @Test
    void polynomialsOfDegreeBelow2qHaveExactMeansOnEveryCell() {
        // f = 3 x^7 y^5 - x^2 + 2 y^6 + 1, degree <= 7 per coordinate: exact for q = 4
        Target f = TestTargets.of(2,
                x -> 3 * Math.pow(x[0], 7) * Math.pow(x[1], 5) - x[0] * x[0] + 2 * Math.pow(x[1], 6) + 1);
        for (int base : new int[] {2, 3}) {
            Cells cells = new Cells(2, base);
            CellMeans means = CellMeansBuilder.of(cells).build(f, 3);
            long[] c = new long[2];
            for (int l = 0; l <= 3; l++) {
                double h = 1.0 / cells.perAxis(l);
                for (long k = 0; k < cells.count(l); k++) {
                    cells.corner(k, l, c);
                    double a = c[0] * h;
                    double b = (c[0] + 1) * h;
                    double e = c[1] * h;
                    double g = (c[1] + 1) * h;
                    double exact = 3 * monomialMean(7, a, b) * monomialMean(5, e, g) - monomialMean(2, a, b)
                            + 2 * monomialMean(6, e, g) + 1;
                    assertEquals(exact, means.mean(l, k), 1e-13, "N=" + base + " level " + l + " cell " + k);
                }
            }
        }
    }

    @Test
    void degree2qIsNotExactWithQPoints() {
        // the same check must be able to fail: x^8 with q = 4 on level 0
        // (quadrature level 0: one rule on the whole cell, as model files before nested means had it)
        CellMeans means = CellMeansBuilder.of(new Cells(1, 2)).withQuadratureLevel(0)
                .build(TestTargets.of(1, x -> Math.pow(x[0], 8)), 0);
        assertTrue(Math.abs(means.mean(0, 0) - 1.0 / 9) > 1e-8);
        CellMeans more = CellMeansBuilder.of(new Cells(1, 2)).withQuadraturePoints(5).withQuadratureLevel(0)
                .build(TestTargets.of(1, x -> Math.pow(x[0], 8)), 0);
        assertEquals(1.0 / 9, more.mean(0, 0), 1e-15);
    }

    @Test
    void parentsAreTheMeanOfTheirChildrenWithinAnUlp() {
        SplittableRandom random = new SplittableRandom(7);
        Target f = TestTargets.of(2,
                x -> Math.sin(40 * x[0]) * Math.exp(3 * x[1]) + 1e-3 * Math.cos(500 * x[0] * x[1]));
        for (int base : new int[] {2, 3, 5}) {
            Cells cells = new Cells(2, base);
            CellMeans means = CellMeansBuilder.of(cells).withQuadraturePoints(2).build(f, 3);
            int fan = (int) cells.count(1);
            for (int l = 1; l <= 3; l++) {
                long parents = cells.count(l - 1);
                for (int trial = 0; trial < 50; trial++) {
                    long p = random.nextLong(parents);
                    BigDecimal sum = BigDecimal.ZERO;
                    for (int c = 0; c < fan; c++) {
                        sum = sum.add(new BigDecimal(means.mean(l, p + c * parents)));
                    }
                    double exact = sum.divide(BigDecimal.valueOf(fan), MathContext.DECIMAL128).doubleValue();
                    double got = means.mean(l - 1, p);
                    assertTrue(Math.abs(got - exact) <= Math.ulp(exact), "N=" + base + " level " + l + " parent " + p
                            + ": " + got + " vs " + exact);
                }
            }
        }
    }

    @Test
    void buildingWithMoreLevelsFromTheSameQuadratureLevelKeepsEarlierLevels() {
        Target f = TestTargets.of(2, x -> Math.abs(x[0] - 0.3) + x[1] * x[1]);
        CellMeansBuilder b = CellMeansBuilder.of(new Cells(2, 3)).withQuadratureLevel(4);
        CellMeans two = b.build(f, 2);
        CellMeans three = b.build(f, 3);
        for (int l = 0; l <= 2; l++) {
            assertArrayEquals(two.level(l), three.level(l), "level " + l);
        }
        assertThrows(InvalidInputException.class, () -> b.build(f, 5));
    }

    @Test
    void resultDoesNotDependOnTheNumberOfThreads() throws Exception {
        Target f = TestTargets.of(2, x -> Math.sin(7 * x[0] + 3 * x[1]));
        CellMeansBuilder b = CellMeansBuilder.of(new Cells(2, 2));
        CellMeans common = b.build(f, 7);
        ForkJoinPool one = new ForkJoinPool(1);
        try {
            CellMeans single = one.submit(() -> b.build(f, 7)).get();
            for (int l = 0; l <= 7; l++) {
                assertArrayEquals(common.level(l), single.level(l));
            }
        } finally {
            one.shutdown();
        }
    }

    @Test
    void progressCountsEveryFinestCell() {
        AtomicLong done = new AtomicLong();
        CellMeansBuilder.of(new Cells(2, 3)).withProgress(done::addAndGet).build(TestTargets.of(2, x -> x[0]), 4);
        assertEquals(new Cells(2, 3).count(4), done.get());
    }

    @Test
    void nonFiniteValueNamesLevelCellAndPoint() {
        Cells cells = new Cells(2, 2);
        long bad = 37; // NaN exactly on the level-3 cell 37
        long[] c = new long[2];
        cells.corner(bad, 3, c);
        double lo0 = c[0] / 8.0;
        double lo1 = c[1] / 8.0;
        Target f = TestTargets.of(2,
                x -> x[0] >= lo0 && x[0] < lo0 + 0.125 && x[1] >= lo1 && x[1] < lo1 + 0.125 ? Double.NaN : 1);
        NonFiniteValueException e = assertThrows(NonFiniteValueException.class,
                () -> CellMeansBuilder.of(cells).withQuadratureLevel(3).build(f, 3));
        assertEquals(3, e.level());
        assertEquals(bad, e.cell());
        assertEquals(bad, cells.index(e.point(), 3));
        assertTrue(e.getMessage().startsWith("level 3: cell 37 has f = NaN at x = ("), e.getMessage());
        Target inf = TestTargets.of(1, x -> x[0] > 0.9 ? Double.POSITIVE_INFINITY : 0);
        NonFiniteValueException e2 = assertThrows(NonFiniteValueException.class,
                () -> CellMeansBuilder.of(new Cells(1, 10)).withQuadratureLevel(1).build(inf, 1));
        assertTrue(e2.getMessage().startsWith("level 1: cell 9 has f = Infinity at x = (0.9"), e2.getMessage());
    }

    @Test
    void memoryRefusalHappensBeforeAnyEvaluation() {
        AtomicLong calls = new AtomicLong();
        Target f = TestTargets.of(2, x -> {
            calls.incrementAndGet();
            return 0;
        });
        LimitExceededException e = assertThrows(LimitExceededException.class,
                () -> CellMeansBuilder.of(new Cells(2, 2)).withMemoryLimit(100_000_000L).build(f, 12));
        assertEquals("levels 0..12 need 22369621 cells = 178956968 bytes, over the limit of 100000000 bytes",
                e.getMessage());
        assertTrue(e.memoryBound());
        assertEquals(0, calls.get());
        // a tiny limit: even level 0 (one cell, 8 bytes) is refused
        assertThrows(InvalidInputException.class,
                () -> CellMeansBuilder.of(new Cells(1, 2)).withMemoryLimit(7).build(f(calls), 0));
        assertEquals(0, calls.get());
        // and the bound is what it says: 8 bytes per cell over levels 0..R
        CellMeansBuilder.of(new Cells(1, 2)).withMemoryLimit(8 * 7).build(f(calls), 2);
        assertThrows(InvalidInputException.class,
                () -> CellMeansBuilder.of(new Cells(1, 2)).withMemoryLimit(8 * 7 - 1).build(f(calls), 2));
        // a level too large for any array is refused without overflow
        assertThrows(InvalidInputException.class,
                () -> CellMeansBuilder.of(new Cells(3, 10)).withMemoryLimit(Long.MAX_VALUE).build(f(calls), 25));
    }

    private static Target f(AtomicLong calls) {
        return TestTargets.of(1, x -> {
            calls.incrementAndGet();
            return 0;
        });
    }

    @Test
    void pixelGridAlignedWithCellsReproducesThePixels() {
        double[] v = new double[16];
        for (int i = 0; i < 16; i++) {
            v[i] = i * 0.1;
        }
        CellMeans means = CellMeansBuilder.of(new Cells(2, 2)).build(TestTargets.pixels(new int[] {4, 4}, v), 3);
        long[] c = new long[2];
        for (long k = 0; k < 64; k++) {
            new Cells(2, 2).corner(k, 3, c);
            assertEquals(v[(int) (c[0] / 2 + 4 * (c[1] / 2))], means.mean(3, k));
        }
        assertEquals(0.75, means.mean(0, 0), 1e-15);
    }

    @Test
    void nonFinitePixelIsNamed() {
        double[] v = {1, 2, Double.NaN, 4};
        NonFiniteValueException e = assertThrows(NonFiniteValueException.class,
                () -> CellMeansBuilder.of(new Cells(1, 2)).build(TestTargets.pixels(new int[] {4}, v), 2));
        assertTrue(e.getMessage().startsWith("level 2: cell 1 has f = NaN at x = (0.625)"), e.getMessage());
    }

    @Test
    void dimensionMismatchIsBadInput() {
        assertThrows(InvalidInputException.class,
                () -> CellMeansBuilder.of(new Cells(2, 2)).build(TestTargets.of(1, x -> 0), 1));
    }
}
