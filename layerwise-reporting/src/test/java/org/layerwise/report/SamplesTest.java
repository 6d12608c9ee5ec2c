package org.layerwise.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class SamplesTest {

    /** f(x) = x_1 + 10 x_2, readout l = l * f: checks which point lands where. */
    private static final class Probe implements ReadoutSampler {
        final AtomicInteger batches = new AtomicInteger();
        final AtomicInteger largest = new AtomicInteger();
        final int dim;

        Probe(int dim) {
            this.dim = dim;
        }

        @Override
        public int dim() {
            return dim;
        }

        @Override
        public int levels() {
            return 3;
        }

        @Override
        public double target(double[] x) {
            return x[0] + (dim > 1 ? 10 * x[1] : 0);
        }

        @Override
        public double readout(int level, double[] x) {
            return level * target(x);
        }

        @Override
        public double[][] readouts(double[][] points) {
            batches.incrementAndGet();
            largest.accumulateAndGet(points.length, Math::max);
            return ReadoutSampler.super.readouts(points);
        }
    }

    @Test
    void gridIsRowMajorFromTheBottomAtCellMidpoints() {
        Probe p = new Probe(2);
        int r = 40;
        Samples s = Samples.grid(p, r, Progress.SILENT);
        for (int j = 0; j < r; j++) {
            for (int i = 0; i < r; i++) {
                double f = (i + 0.5) / r + 10 * (j + 0.5) / r;
                assertEquals(f, s.target()[j * r + i], 1e-12);
                for (int l = 1; l <= 3; l++) {
                    assertEquals(l * f, s.readouts()[l - 1][j * r + i], 1e-12);
                }
            }
        }
        // 1600 points in batches of at most CHUNK.
        assertEquals((r * r + Samples.CHUNK - 1) / Samples.CHUNK, p.batches.get());
        assertTrue(p.largest.get() <= Samples.CHUNK);
        assertEquals(0.5 / r + 10 * 0.5 / r, s.min(), 1e-12);
        assertEquals(3 * ((r - 0.5) / r + 10 * (r - 0.5) / r), s.max(), 1e-12);
    }

    @Test
    void lineSamplesMidpoints() {
        Samples s = Samples.line(new Probe(1), 8, Progress.SILENT);
        for (int i = 0; i < 8; i++) {
            assertEquals((i + 0.5) / 8, s.target()[i], 0);
        }
    }

    @Test
    void cellMeanSamplerReturnsTheExactCellMeanOfALinearFunction() {
        // The mean of a linear function over a cell is its value at the cell centre.
        var f = Fixtures.separable(2, "lin");
        int base = 3;
        int levels = 3;
        var means = Fixtures.productMeans(2, base, levels, (a, b) -> (a + b) / 2);
        CellMeanSampler sampler = new CellMeanSampler(f, means);
        SplittableRandom rnd = new SplittableRandom(7);
        for (int t = 0; t < 200; t++) {
            double[] x = {rnd.nextDouble(), rnd.nextDouble()};
            for (int l = 1; l <= levels; l++) {
                double side = Math.pow(base, -l);
                double cx = (Math.floor(x[0] / side) + 0.5) * side;
                double cy = (Math.floor(x[1] / side) + 0.5) * side;
                assertEquals(cx * cy, sampler.readout(l, x), 1e-12, "level " + l + " at x = " + x[0] + "," + x[1]);
            }
        }
    }

    @Test
    void heatMapRangeIsWidenedForAConstant() {
        Samples s = new Samples(2, 2, new double[] {3, 3, 3, 3}, new double[][] {{3, 3, 3, Double.NaN}});
        double[] range = HeatMapGrid.range(s);
        assertEquals(2.5, range[0], 0);
        assertEquals(3.5, range[1], 0);
    }
}
