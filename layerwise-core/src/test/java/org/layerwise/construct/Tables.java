package org.layerwise.construct;

import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;

import org.layerwise.grid.CellMeans;
import org.layerwise.grid.Cells;

/** Test tables of cell means built directly (independent of the cell-means builder). */
final class Tables {

    private Tables() {
    }

    /** Independent random means in [-scale, scale] at every level. */
    static CellMeans random(int d, int n, int levels, long seed, double scale) {
        Cells cells = new Cells(d, n);
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] means = new double[levels + 1][];
        for (int l = 0; l <= levels; l++) {
            means[l] = new double[(int) cells.count(l)];
            for (int k = 0; k < means[l].length; k++) {
                means[l][k] = (2 * rng.nextDouble() - 1) * scale;
            }
        }
        return CellMeans.of(cells, means);
    }

    /** The table whose level-l means are given by a function of the cell's lower corner (scaled to [0,1]). */
    static CellMeans of(int d, int n, int levels, ToDoubleFunction<double[]> meanAtCorner) {
        Cells cells = new Cells(d, n);
        double[][] means = new double[levels + 1][];
        long[] corner = new long[d];
        for (int l = 0; l <= levels; l++) {
            means[l] = new double[(int) cells.count(l)];
            double h = Math.pow(n, -l);
            for (int k = 0; k < means[l].length; k++) {
                cells.corner(k, l, corner);
                double[] c = new double[d];
                for (int i = 0; i < d; i++) {
                    c[i] = corner[i] * h;
                }
                means[l][k] = meanAtCorner.applyAsDouble(c);
            }
        }
        return CellMeans.of(cells, means);
    }

    /**
     * Exact means of {@code f(x) = sum_i x_i} (the mean over a cell is the sum of its centres),
     * exact in doubles for small levels.
     */
    static CellMeans linear(int d, int n, int levels) {
        Cells cells = new Cells(d, n);
        double[][] means = new double[levels + 1][];
        long[] corner = new long[d];
        for (int l = 0; l <= levels; l++) {
            means[l] = new double[(int) cells.count(l)];
            double h = Math.pow(n, -l);
            for (int k = 0; k < means[l].length; k++) {
                cells.corner(k, l, corner);
                double s = 0;
                for (int i = 0; i < d; i++) {
                    s += (corner[i] + 0.5) * h;
                }
                means[l][k] = s;
            }
        }
        return CellMeans.of(cells, means);
    }
}
