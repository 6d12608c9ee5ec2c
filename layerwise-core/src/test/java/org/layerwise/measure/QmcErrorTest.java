package org.layerwise.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.layerwise.grid.CellMeans;
import org.layerwise.grid.CellMeansBuilder;
import org.layerwise.grid.Cells;
import org.layerwise.function.Target;
import org.layerwise.function.TestTargets;

class QmcErrorTest {

    private final Target f = TestTargets.of(2, x -> Math.sin(3 * x[0]) * x[1]);
    private final QmcError qmc = new QmcError(4096, 8, 42);

    @Test
    void errorOfTheTargetItselfIsZero() {
        for (PNorm p : new PNorm[] {new PNorm(1), PNorm.TWO, PNorm.INF}) {
            ErrorEstimate e = qmc.error(f, BatchFunction.of(f), p);
            assertEquals(0, e.value());
            assertEquals(0, e.standardError());
        }
    }

    @Test
    void fineDyadicApproximantsAreMeasuredWithoutBias() {
        // f(x) = x against its cell means on 2^12 cells: ||f - A f||_2 = h / (2 sqrt 3) exactly. Shifted
        // Sobol points without jitter put all 1024 points of a shift at one offset inside their cells.
        Target id = TestTargets.of(1, x -> x[0]);
        double h = Math.scalb(1.0, -12);
        BatchFunction cellMean = BatchFunction.of(x -> (Math.floor(x[0] / h) + 0.5) * h);
        double exact = h / (2 * Math.sqrt(3));
        for (long seed = 1; seed <= 5; seed++) {
            ErrorEstimate e = new QmcError(1024, 1, seed).error(id, cellMean, PNorm.TWO);
            assertEquals(exact, e.value(), 0.1 * exact, "seed " + seed);
        }
    }

    @Test
    void constantOffsetGivesItsAbsoluteValue() {
        // large p with a small offset: c^p underflows unless the sum is scaled by its maximum
        for (double c : new double[] {0.25, -3, 1e-3}) {
            BatchFunction g = BatchFunction.of(x -> f.value(x) + c);
            for (PNorm p : new PNorm[] {new PNorm(1), PNorm.TWO, new PNorm(3.5), new PNorm(1000), new PNorm(1e6), PNorm.INF}) {
                ErrorEstimate e = qmc.error(f, g, p);
                assertEquals(Math.abs(c), e.value(), 1e-12 * Math.abs(c), "c=" + c + " p=" + p);
                assertEquals(0, e.standardError(), 1e-12);
            }
        }
    }

    @Test
    void agreesWithTheKnownErrorOfCellMeansAndReportsASpread() {
        Target id = TestTargets.of(1, x -> x[0]);
        CellMeans means = CellMeansBuilder.of(new Cells(1, 2)).build(id, 3);
        BatchFunction a3 = BatchFunction.of(x -> means.at(x, 3));
        ErrorEstimate e = new QmcError(1000, 16, 5).error(id, a3, PNorm.TWO);
        double exact = 0.0625 / Math.sqrt(3);
        assertEquals(exact, e.value(), 1e-3 * exact);
        assertTrue(e.standardError() > 0 && e.standardError() < 1e-3 * exact, "se " + e.standardError());
        assertTrue(e.method().contains("16 random shifts"));
        assertEquals(16000, e.points());
    }

    @Test
    void deterministicForASeedAndBatched() {
        AtomicInteger largest = new AtomicInteger();
        BatchFunction g = (xs, out) -> {
            largest.accumulateAndGet(xs.length, Math::max);
            for (int j = 0; j < xs.length; j++) {
                out[j] = xs[j][0] * xs[j][1];
            }
        };
        ErrorEstimate a = new QmcError(5000, 4, 9).error(f, g, new PNorm(1.5));
        ErrorEstimate b = new QmcError(5000, 4, 9).error(f, g, new PNorm(1.5));
        ErrorEstimate c = new QmcError(5000, 4, 10).error(f, g, new PNorm(1.5));
        assertEquals(a, b);
        assertTrue(a.value() != c.value());
        assertEquals(QmcError.BATCH, largest.get());
    }

    @Test
    void severalOutputsFromOnePassEqualTheSingleErrors() {
        Target id = TestTargets.of(1, x -> x[0]);
        CellMeans means = CellMeansBuilder.of(new Cells(1, 2)).build(id, 4);
        AtomicInteger calls = new AtomicInteger();
        MultiBatchFunction all = (xs, out) -> {
            calls.addAndGet(xs.length);
            for (int j = 0; j < xs.length; j++) {
                for (int l = 1; l <= 4; l++) {
                    out[j][l - 1] = means.at(xs[j], l);
                }
            }
        };
        QmcError q = new QmcError(1500, 3, 11);
        for (PNorm p : new PNorm[] {new PNorm(1), PNorm.TWO, PNorm.INF}) {
            calls.set(0);
            ErrorEstimate[] es = q.errors(id, 4, all, p);
            assertEquals(1500 * 3, calls.get(), "one evaluation per point for all outputs");
            for (int l = 1; l <= 4; l++) {
                int level = l;
                ErrorEstimate single = q.error(id, BatchFunction.of(x -> means.at(x, level)), p);
                assertEquals(single, es[l - 1], "p = " + p + " level " + l);
            }
        }
    }
}
