package org.layerwise.grid;

import org.layerwise.numeric.AccurateSum;
import org.layerwise.numeric.GaussLegendre;
import java.util.function.LongConsumer;
import java.util.stream.IntStream;

import org.layerwise.InvalidInputException;
import org.layerwise.LimitExceededException;
import org.layerwise.NonFiniteValueException;
import org.layerwise.function.PiecewiseConstantTarget;
import org.layerwise.function.Target;

/**
 * Computes the table {@link CellMeans} of a target for levels {@code 0..L}.
 *
 * <p><b>Finest level.</b> The means are first computed on every cell of a <i>quadrature level</i>
 * {@code R >= L} (default {@code R = L}):
 * <ul>
 *   <li>a general target: tensor Gauss-Legendre with {@code q} points per coordinate on the cell,
 *       {@code mu_R(K) = sum_a w_a1...w_ad f(corner + h t_a)}, {@code h = N^-R}, exact for
 *       polynomials of degree {@code < 2q} in each coordinate; summed as
 *       {@code f_0 + sum_a W_a (f_a - f_0) / sum_a W_a} (compensated), so a constant is reproduced exactly;</li>
 *   <li>a {@link PiecewiseConstantTarget}: exactly, by area: {@code mu_R(K) = sum_j v_j |P_j cap K| / |K|}
 *       where the overlap is a product of 1-D overlaps computed in integers
 *       ({@code [k s, (k+1) s)} against {@code [j N^R, (j+1) N^R)} for {@code s} pixels per axis).</li>
 * </ul>
 * <p><b>Coarser levels</b> by aggregation: {@code mu_{l-1}(P) = N^-d sum_c mu_l(P + c N^(d(l-1)))},
 * {@code c = 0..N^d-1} (the children of {@code P}; see {@link Cells}), each summed with
 * {@link AccurateSum} and divided with one correction step, so a parent is within about one ulp of
 * the exact mean of its children (exactly rounded in nearly all cases). For a piecewise-constant
 * target the aggregated means equal the direct exact means of each level up to this rounding.
 * Levels {@code L+1..R} are computed and dropped, so building with {@code L} and with {@code L+1}
 * levels from the same {@code R} gives identical levels {@code 0..L} (nestedness).
 *
 * <p><b>Parallel and deterministic:</b> cells are split in blocks processed in parallel (common
 * fork-join pool); every value depends only on its own cell, so the table does not depend on the
 * number of threads. <b>Memory:</b> a table whose levels {@code 0..R} need more than the limit
 * (default half of {@link Runtime#maxMemory()}) is refused before anything is allocated.
 * <b>Non-finite values</b> stop the computation with a {@link NonFiniteValueException} naming the
 * level, the first cell (in index order) and the point.
 *
 * <p>Immutable: the {@code with...} methods return modified copies.
 */
public final class CellMeansBuilder {

    /** Default Gauss-Legendre points per coordinate. */
    public static final int DEFAULT_QUADRATURE_POINTS = 4;

    private static final int BLOCK = 1024;

    private final Cells cells;
    private final int quadraturePoints;
    private final int quadratureLevel; // -1: same as the number of levels
    private final long memoryLimit;
    private final LongConsumer progress;

    private CellMeansBuilder(Cells cells, int q, int r, long memoryLimit, LongConsumer progress) {
        this.cells = cells;
        this.quadraturePoints = q;
        this.quadratureLevel = r;
        this.memoryLimit = memoryLimit;
        this.progress = progress;
    }

    /** A builder for the grids of {@code cells}, with {@code q = 4}, {@code R = L}, the default memory limit. */
    public static CellMeansBuilder of(Cells cells) {
        return new CellMeansBuilder(cells, DEFAULT_QUADRATURE_POINTS, -1, defaultMemoryLimit(), null);
    }

    /** Half of the JVM's maximum heap. */
    public static long defaultMemoryLimit() {
        return Runtime.getRuntime().maxMemory() / 2;
    }

    /** Gauss-Legendre points per coordinate, {@code q >= 1}. */
    public CellMeansBuilder withQuadraturePoints(int q) {
        GaussLegendre.of(q); // validates
        return new CellMeansBuilder(cells, q, quadratureLevel, memoryLimit, progress);
    }

    /** The level {@code R} on whose cells the quadrature runs; must be {@code >= L} at build time. */
    public CellMeansBuilder withQuadratureLevel(int r) {
        if (r < 0) {
            throw new InvalidInputException("quadrature level must be >= 0, got " + r);
        }
        return new CellMeansBuilder(cells, quadraturePoints, r, memoryLimit, progress);
    }

    /** Maximum bytes the table (levels {@code 0..R}) may take. */
    public CellMeansBuilder withMemoryLimit(long bytes) {
        if (bytes < 1) {
            throw new InvalidInputException("memory limit must be >= 1 byte, got " + bytes);
        }
        return new CellMeansBuilder(cells, quadraturePoints, quadratureLevel, bytes, progress);
    }

    /**
     * Reports progress: called with the number of finest-level cells just finished (an increment, once
     * per block), possibly from several threads at once, so the consumer must be thread-safe.
     */
    public CellMeansBuilder withProgress(LongConsumer cellsDone) {
        return new CellMeansBuilder(cells, quadraturePoints, quadratureLevel, memoryLimit, cellsDone);
    }

    public Cells cells() {
        return cells;
    }

    public int quadraturePoints() {
        return quadraturePoints;
    }

    public long memoryLimit() {
        return memoryLimit;
    }

    /** The quadrature level used for {@code levels} levels: {@code R} if set, else {@code levels}. */
    public int quadratureLevel(int levels) {
        return quadratureLevel < 0 ? levels : quadratureLevel;
    }

    /** Bytes of a table of levels {@code 0..r}: {@code 8 sum_l N^(dl)}. */
    public long bytesFor(int r) {
        return 8 * cellsUpTo(r);
    }

    /** {@code sum_{l=0..r} N^(dl)}. */
    public long cellsUpTo(int r) {
        long total = 0;
        for (int l = 0; l <= r; l++) {
            total += cells.count(l);
        }
        return total;
    }

    /**
     * Checks that levels {@code 0..R} fit in memory and in Java arrays, without allocating.
     *
     * @throws InvalidInputException with the number of cells and bytes when they do not
     */
    public void checkMemory(int levels) {
        if (levels < 0) {
            throw new InvalidInputException("levels must be >= 0, got " + levels);
        }
        int r = quadratureLevel(levels);
        if (r < levels) {
            throw new InvalidInputException("quadrature level " + r + " is below the number of levels " + levels);
        }
        long finest;
        long total;
        try {
            finest = cells.count(r);
            total = cellsUpTo(r);
        } catch (InvalidInputException e) {
            throw new LimitExceededException("levels 0.." + r + " need more than 2^62 cells", false, e);
        }
        if (total > Long.MAX_VALUE / 8 || 8 * total > memoryLimit) {
            String bytes = total > Long.MAX_VALUE / 8 ? "more than 2^63" : Long.toString(8 * total);
            throw new LimitExceededException("levels 0.." + r + " need " + total + " cells = " + bytes
                    + " bytes, over the limit of " + memoryLimit + " bytes", true, null);
        }
        if (finest > Integer.MAX_VALUE - 8) {
            throw new LimitExceededException("level " + r + " has " + finest
                    + " cells, more than a Java array holds", false, null);
        }
    }

    /** The table of levels {@code 0..levels} of {@code f}. */
    public CellMeans build(Target f, int levels) {
        if (f.dim() != cells.dim()) {
            throw new InvalidInputException("target " + f.name() + " has dimension " + f.dim()
                    + ", the grid has " + cells.dim());
        }
        checkMemory(levels);
        int r = quadratureLevel(levels);
        double[] finest = f instanceof PiecewiseConstantTarget pc ? exactMeans(pc, r) : quadratureMeans(f, r);
        double[][] table = new double[levels + 1][];
        double[] current = finest;
        for (int l = r; l >= 0; l--) {
            if (l < r) {
                current = aggregate(current, l + 1);
            }
            if (l <= levels) {
                table[l] = current;
            }
        }
        return CellMeans.of(cells, table);
    }

    /** Means of level {@code l-1} from those of level {@code l}: each parent the accurate mean of its children. */
    double[] aggregate(double[] children, int l) {
        int parents = Math.toIntExact(cells.count(l - 1));
        int fan = Math.toIntExact(cells.count(1));
        double[] out = new double[parents];
        int blocks = (parents + BLOCK - 1) / BLOCK;
        IntStream.range(0, blocks).parallel().forEach(b -> {
            AccurateSum s = new AccurateSum();
            int end = Math.min(parents, (b + 1) * BLOCK);
            for (int p = b * BLOCK; p < end; p++) {
                s.clear();
                for (int c = 0; c < fan; c++) {
                    s.add(children[p + c * parents]);
                }
                out[p] = s.mean(fan);
            }
        });
        return out;
    }

    private double[] quadratureMeans(Target f, int r) {
        int n = Math.toIntExact(cells.count(r));
        int d = cells.dim();
        GaussLegendre gl = GaussLegendre.of(quadraturePoints);
        int q = gl.size();
        int nodesPerCell = pow(q, d);
        double[] weights = gl.tensorWeights(d); // nodesPerCell of them
        AccurateSum ws = new AccurateSum();
        for (double w : weights) {
            ws.add(w);
        }
        // mean = v0 + sum_a w_a (f_a - v0) / sum_a w_a: exact for constants, and the weights need not sum to exactly 1
        double weightSum = ws.value();
        double perAxis = cells.perAxis(r);
        double[] out = new double[n];
        int blocks = (n + BLOCK - 1) / BLOCK;
        Blocks.run(blocks, b -> {
            long[] corner = new long[d];
            double[] x = new double[d];
            int[] a = new int[d];
            AccurateSum s = new AccurateSum();
            int end = Math.min(n, (b + 1) * BLOCK);
            for (int k = b * BLOCK; k < end; k++) {
                cells.corner(k, r, corner);
                s.clear();
                java.util.Arrays.fill(a, 0);
                double v0 = 0;
                for (int node = 0; node < nodesPerCell; node++) {
                    for (int i = 0; i < d; i++) {
                        x[i] = (corner[i] + gl.node(a[i])) / perAxis;
                    }
                    double v = f.value(x);
                    if (!Double.isFinite(v)) {
                        return new NonFiniteValueException(r, k, v, x);
                    }
                    if (node == 0) {
                        v0 = v;
                    }
                    s.add(weights[node] * (v - v0));
                    GaussLegendre.nextIndex(a, q);
                }
                out[k] = v0 + s.value() / weightSum;
            }
            if (progress != null) {
                progress.accept(end - (long) b * BLOCK);
            }
            return null;
        });
        return out;
    }

    private double[] exactMeans(PiecewiseConstantTarget f, int r) {
        int n = Math.toIntExact(cells.count(r));
        int d = cells.dim();
        PixelGrid grid = new PixelGrid(f, cells.perAxis(r));
        double den = grid.denominator();
        double[] out = new double[n];
        int blocks = (n + BLOCK - 1) / BLOCK;
        Blocks.run(blocks, b -> {
            long[] corner = new long[d];
            int[] j = new int[d];
            AccurateSum s = new AccurateSum();
            int end = Math.min(n, (b + 1) * BLOCK);
            for (int k = b * BLOCK; k < end; k++) {
                cells.corner(k, r, corner);
                s.clear();
                NonFiniteValueException bad = grid.visit(corner, j, (v, weight) -> s.add(weight * v));
                if (bad != null) {
                    return new NonFiniteValueException(r, k, bad.value(), bad.point());
                }
                // weights are integer overlap products: sum_j (prod_i ov_i) v_j / prod_i s_i
                out[k] = s.mean(den);
            }
            if (progress != null) {
                progress.accept(end - (long) b * BLOCK);
            }
            return null;
        });
        return out;
    }

    static int pow(int q, int d) {
        long r = 1;
        for (int i = 0; i < d; i++) {
            r *= q;
            if (r > 1 << 24) {
                throw new InvalidInputException(q + "^" + d + " quadrature nodes per cell is too many");
            }
        }
        return (int) r;
    }
}
