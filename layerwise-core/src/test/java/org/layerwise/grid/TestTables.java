package org.layerwise.grid;

import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;
import java.util.function.ToDoubleFunction;

/** Test tables of cell means built directly (independent of the cell-means builder), for the tests of every package. */
public final class TestTables {

    private TestTables() {
    }

    /** The table whose means are drawn by {@code draw}, level by level and cell by cell in index order. */
    public static CellMeans drawn(int d, int n, int levels, DoubleSupplier draw) {
        return byCorner(d, n, levels, (corner, h) -> draw.getAsDouble());
    }

    /** Independent random means in [-scale, scale] at every level. */
    public static CellMeans random(int d, int n, int levels, long seed, double scale) {
        SplittableRandom rng = new SplittableRandom(seed);
        return drawn(d, n, levels, () -> (2 * rng.nextDouble() - 1) * scale);
    }

    /** The table whose level-l means are given by a function of the cell's lower corner (scaled to [0,1]). */
    public static CellMeans of(int d, int n, int levels, ToDoubleFunction<double[]> meanAtCorner) {
        return byCorner(d, n, levels, (corner, h) -> {
            double[] c = new double[d];
            for (int i = 0; i < d; i++) {
                c[i] = corner[i] * h;
            }
            return meanAtCorner.applyAsDouble(c);
        });
    }

    /**
     * Exact means of {@code f(x) = sum_i x_i} (the mean over a cell is the sum of its centres),
     * exact in doubles for small levels.
     */
    public static CellMeans linear(int d, int n, int levels) {
        return byCorner(d, n, levels, (corner, h) -> {
            double s = 0;
            for (int i = 0; i < d; i++) {
                s += (corner[i] + 0.5) * h;
            }
            return s;
        });
    }

    /** The mean of a level-l cell from its lower corner index and {@code h = N^-l}. */
    private interface CornerMean {
        double at(long[] corner, double h);
    }

    /** The table whose mean of a level-l cell is {@code mean(corner index, h = N^-l)}, cells in index order. */
    private static CellMeans byCorner(int d, int n, int levels, CornerMean mean) {
        Cells cells = new Cells(d, n);
        double[][] means = new double[levels + 1][];
        long[] corner = new long[d];
        for (int l = 0; l <= levels; l++) {
            means[l] = new double[(int) cells.count(l)];
            double h = Math.pow(n, -l);
            for (int k = 0; k < means[l].length; k++) {
                cells.corner(k, l, corner);
                means[l][k] = mean.at(corner, h);
            }
        }
        return CellMeans.of(cells, means);
    }
}
