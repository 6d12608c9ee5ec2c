package org.layerwise.bench;

import java.util.Map;
import java.util.SplittableRandom;

import org.layerwise.grid.CellMeans;
import org.layerwise.grid.Cells;
import org.layerwise.format.ModelFile;
import org.layerwise.net.Network;

/** Shared set-up of the evaluator benchmarks: seeded random tables and points, and the plain table lookup. */
public final class Networks {

    private Networks() {
    }

    /** Levels {@code 0..levels} of independent seeded random means in {@code [0,1)}. */
    public static CellMeans randomTable(int d, int n, int levels, long seed) {
        Cells cells = new Cells(d, n);
        SplittableRandom r = new SplittableRandom(seed);
        double[][] means = new double[levels + 1][];
        for (int l = 0; l <= levels; l++) {
            means[l] = new double[Math.toIntExact(cells.count(l))];
            for (int k = 0; k < means[l].length; k++) {
                means[l][k] = r.nextDouble();
            }
        }
        return CellMeans.of(cells, means);
    }

    /** {@code count} seeded random points of {@code [0,1)^d}. */
    public static double[][] points(int d, int count, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] xs = new double[count][d];
        for (double[] x : xs) {
            for (int i = 0; i < d; i++) {
                x[i] = r.nextDouble();
            }
        }
        return xs;
    }

    /**
     * The plain table lookup the evaluators are compared with: {@code K_L(x)} once with {@link Cells#index}, then
     * {@code mu_l(K_L mod N^(dl))} for every level; returns the sum of the readouts (so nothing is dead code).
     */
    public static double lookupAll(CellMeans table, double[] x) {
        Cells cells = table.cells();
        int levels = table.levels();
        long k = cells.index(x, levels);
        double s = 0;
        for (int l = 1; l <= levels; l++) {
            s += table.mean(l, k % cells.count(l));
        }
        return s;
    }

    /** The plain table lookup's readouts {@code mu_l(K_L(x) mod N^(dl))}, {@code l = 1..L}, one array per point. */
    public static double[] lookupEach(CellMeans table, double[] x) {
        Cells cells = table.cells();
        int levels = table.levels();
        long k = cells.index(x, levels);
        double[] phi = new double[levels];
        for (int l = 1; l <= levels; l++) {
            phi[l - 1] = table.mean(l, k % cells.count(l));
        }
        return phi;
    }

    /** Bytes of the network's model file in the current version ({@link ModelFile#size}), counted without storing them. */
    public static long modelBytes(Network net) {
        return ModelFile.size(net, Map.of());
    }
}
