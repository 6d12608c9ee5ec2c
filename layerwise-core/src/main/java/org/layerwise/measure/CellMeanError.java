package org.layerwise.measure;

import org.layerwise.InvalidInputException;
import org.layerwise.NonFiniteValueException;
import org.layerwise.numeric.AccurateSum;
import org.layerwise.grid.Blocks;
import org.layerwise.grid.CellMeans;
import org.layerwise.grid.CellWalk;
import org.layerwise.grid.Cells;
import org.layerwise.numeric.GaussLegendre;
import org.layerwise.grid.PixelGrid;
import org.layerwise.function.PiecewiseConstantTarget;
import org.layerwise.function.Target;

/**
 * The error {@code ||f - A_l f||_{L^p([0,1]^d)}} of the cell-mean approximation
 * {@code A_l f(x) = mu_l(K_l(x))}, for {@code p} in {@code [1, inf]}.
 *
 * <ul>
 *   <li>General target: {@code ||f - A_l f||_p^p = sum_K int_K |f - mu_l(K)|^p}, each cell integral
 *       by tensor Gauss-Legendre ({@code q} points per coordinate) on the sub-cells of a quadrature
 *       level {@code r = max(l, r0)}, where {@code r0} is the first level with at least
 *       {@link #minimumCells()} cells (so coarse levels are not integrated with one rule per cell). The
 *       sub-cell of level {@code r} with index {@code J} lies in the level-{@code l} cell
 *       {@code J mod N^(dl)}. Sums are compensated ({@link AccurateSum}). An estimate: exact only for
 *       integrands polynomial of degree {@code < 2q} on each sub-cell.
 *       {@code p = inf}: the maximum of {@code |f - mu|} over the nodes, the sub-cell centres and
 *       corners (the upper corners moved one ulp inward, kept only when they lie in the sub-cell), an
 *       estimate from below of the essential supremum.</li>
 *   <li>{@link PiecewiseConstantTarget}: exact up to rounding, by area:
 *       {@code sum_K sum_pixels |P cap K| |v_P - mu_l(K)|^p} with the integer overlaps of {@link PixelGrid};
 *       {@code p = inf}: the max over overlaps of positive area.</li>
 * </ul>
 * Parallel over blocks of cells; the partial sums are combined in block order, so results do not
 * depend on the number of threads.
 *
 * @param quadraturePoints Gauss-Legendre points per coordinate {@code q >= 1}
 * @param minimumCells     integrate on a level with at least this many (sub-)cells, {@code >= 1}
 */
public record CellMeanError(int quadraturePoints, long minimumCells) {

    /** Default: 4 points per coordinate, at least 4096 sub-cells. */
    public static final CellMeanError DEFAULT = new CellMeanError(4, 4096);

    private static final int BLOCK = 1024;

    public CellMeanError {
        GaussLegendre.of(quadraturePoints); // validates q
        if (minimumCells < 1) {
            throw new InvalidInputException("minimum cells must be >= 1, got " + minimumCells);
        }
    }

    /** The quadrature level used for level {@code l}: {@code max(l, r0)}. */
    public int quadratureLevel(Cells cells, int level) {
        int r0 = 0;
        while (cells.count(r0) < minimumCells) {
            r0++;
        }
        return Math.max(level, r0);
    }

    /** {@code ||f - A_level f||_p}, with {@code A_level f} read from {@code means}. */
    public ErrorEstimate error(Target f, CellMeans means, int level, PNorm p) {
        if (level < 0 || level > means.levels()) {
            throw new InvalidInputException("level " + level + " is not in the table of levels 0.." + means.levels());
        }
        if (f.dim() != means.dim()) {
            throw new InvalidInputException("target dimension " + f.dim() + " differs from the table's " + means.dim());
        }
        if (f instanceof PiecewiseConstantTarget pc) {
            return exact(pc, means, level, p);
        }
        return quadrature(f, means, level, p);
    }

    private ErrorEstimate quadrature(Target f, CellMeans means, int level, PNorm p) {
        Cells cells = means.cells();
        int d = cells.dim();
        int r = quadratureLevel(cells, level);
        long subcells = cells.count(r);
        long cellsAtLevel = cells.count(level);
        double perAxis = cells.perAxis(r);
        GaussLegendre gl = GaussLegendre.of(quadraturePoints);
        int q = gl.size();
        double[] w = gl.tensorWeights(d);
        int nodes = w.length; // q^d
        boolean inf = p.isInfinite();
        double pp = p.p();
        int blocks = Math.toIntExact((subcells + BLOCK - 1) / BLOCK);
        double[] partial = new double[blocks];
        PowerSum[] sums = new PowerSum[blocks];
        long[] extraPoints = new long[blocks];
        Blocks.run(blocks, b -> {
            CellWalk walk = new CellWalk(cells, r, (long) b * BLOCK);
            long[] corner = walk.corner();
            double[] x = new double[d];
            int[] idx = new int[d];
            PowerSum block = inf ? null : new PowerSum(pp);
            double max = 0;
            long extra = 0;
            long end = Math.min(subcells, (b + 1L) * BLOCK);
            for (long sub = (long) b * BLOCK; sub < end; sub++, walk.next()) {
                long k = sub % cellsAtLevel;
                double mu = means.mean(level, k);
                java.util.Arrays.fill(idx, 0);
                for (int node = 0; node < nodes; node++) {
                    for (int i = 0; i < d; i++) {
                        x[i] = (corner[i] + gl.node(idx[i])) / perAxis;
                    }
                    double v = f.value(x);
                    if (!Double.isFinite(v)) {
                        return new NonFiniteValueException(level, k, v, x);
                    }
                    double diff = Math.abs(v - mu);
                    if (inf) {
                        max = Math.max(max, diff);
                    } else {
                        block.add(w[node], diff);
                    }
                    GaussLegendre.nextIndex(idx, q);
                }
                if (inf) {
                    // centre and the 2^d corners (upper ones one ulp inward), when they lie in this sub-cell
                    for (int mask = -1; mask < (1 << d); mask++) {
                        for (int i = 0; i < d; i++) {
                            if (mask < 0) {
                                x[i] = (corner[i] + 0.5) / perAxis;
                            } else if ((mask >> i & 1) == 0) {
                                x[i] = corner[i] / perAxis;
                            } else {
                                double up = (corner[i] + 1) / perAxis;
                                x[i] = up >= 1 ? 1.0 : Math.nextDown(up);
                            }
                        }
                        if (cells.index(x, r) != sub) {
                            continue;
                        }
                        extra++;
                        double v = f.value(x);
                        if (!Double.isFinite(v)) {
                            return new NonFiniteValueException(level, k, v, x);
                        }
                        max = Math.max(max, Math.abs(v - mu));
                    }
                }
            }
            partial[b] = max;
            sums[b] = block;
            extraPoints[b] = extra;
            return null;
        });
        long points = subcells * nodes;
        for (long e : extraPoints) {
            points += e;
        }
        String method = "Gauss-Legendre " + q + "^" + d + " on the " + subcells + " cells of level " + r;
        double value;
        if (inf) {
            double max = 0;
            for (double m : partial) {
                max = Math.max(max, m);
            }
            value = max;
            method += ", max over nodes, centres and corners (estimate)";
        } else {
            PowerSum total = new PowerSum(pp);
            for (PowerSum s : sums) {
                total.add(s);
            }
            value = total.norm((double) subcells); // every sub-cell has volume N^-dr, weights sum to 1
        }
        return new ErrorEstimate(value, 0, method, points);
    }

    private ErrorEstimate exact(PiecewiseConstantTarget f, CellMeans means, int level, PNorm p) {
        Cells cells = means.cells();
        int d = cells.dim();
        long n = cells.count(level);
        PixelGrid grid = new PixelGrid(f, cells.perAxis(level));
        boolean inf = p.isInfinite();
        double pp = p.p();
        int blocks = Math.toIntExact((n + BLOCK - 1) / BLOCK);
        double[] partial = new double[blocks];
        PowerSum[] sums = new PowerSum[blocks];
        long[] visits = new long[blocks];
        Blocks.run(blocks, b -> {
            CellWalk walk = new CellWalk(cells, level, (long) b * BLOCK);
            long[] corner = walk.corner();
            int[] j = new int[d];
            PowerSum block = inf ? null : new PowerSum(pp);
            double[] max = {0};
            long[] count = {0};
            long end = Math.min(n, (b + 1L) * BLOCK);
            for (long k = (long) b * BLOCK; k < end; k++, walk.next()) {
                double mu = means.mean(level, k);
                NonFiniteValueException e = grid.visit(corner, j, (v, weight) -> {
                    count[0]++;
                    double diff = Math.abs(v - mu);
                    if (inf) {
                        max[0] = Math.max(max[0], diff);
                    } else {
                        block.add(weight, diff);
                    }
                });
                if (e != null) {
                    return new NonFiniteValueException(level, k, e.value(), e.point());
                }
            }
            partial[b] = max[0];
            sums[b] = block;
            visits[b] = count[0];
            return null;
        });
        long points = 0;
        for (long v : visits) {
            points += v;
        }
        double value;
        if (inf) {
            value = 0;
            for (double m : partial) {
                value = Math.max(value, m);
            }
        } else {
            PowerSum total = new PowerSum(pp);
            for (PowerSum s : sums) {
                total.add(s);
            }
            // weight / prod(s_i) is the fraction of a cell of volume N^-dl
            value = total.norm((double) grid.denominator() * n);
        }
        return new ErrorEstimate(value, 0, "exact (area), " + points + " pixel-cell overlaps", points);
    }
}
