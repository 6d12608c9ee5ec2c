package org.layerwise.grid;

import org.layerwise.numeric.AccurateSum;
import org.layerwise.numeric.GaussLegendre;
import org.layerwise.numeric.RationalRounding;
import java.util.function.LongConsumer;
import java.util.stream.IntStream;

import org.layerwise.InvalidInputException;
import org.layerwise.LimitExceededException;
import org.layerwise.NonFiniteValueException;
import org.layerwise.function.PiecewiseConstantTarget;
import org.layerwise.function.BuiltinTarget;
import org.layerwise.function.Target;
import org.layerwise.function.formula.CompiledFormula;
import org.layerwise.function.formula.FormulaTarget;
import org.layerwise.numeric.Taylor;

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

    /** Cells per parallel block. */
    static final int BLOCK = 1024;

    private final Cells cells;
    private final int quadraturePoints;
    private final int quadratureLevel; // -1: same as the number of levels
    private final long memoryLimit;
    private final LongConsumer progress;
    private final double meanTolerance;
    private final long levelBudget;

    private CellMeansBuilder(Cells cells, int q, int r, long memoryLimit, LongConsumer progress, double meanTolerance,
                             long levelBudget) {
        this.levelBudget = levelBudget;
        this.cells = cells;
        this.quadraturePoints = q;
        this.quadratureLevel = r;
        this.memoryLimit = memoryLimit;
        this.progress = progress;
        this.meanTolerance = meanTolerance;
    }

    /** A builder for the grids of {@code cells}, with {@code q = 4}, {@code R = L}, the default memory limit. */
    public static CellMeansBuilder of(Cells cells) {
        return new CellMeansBuilder(cells, DEFAULT_QUADRATURE_POINTS, -1, defaultMemoryLimit(), null,
                MeanEnclosures.DEFAULT_RELATIVE_TOLERANCE, MeanEnclosures.DEFAULT_LEVEL_BUDGET);
    }

    /** Half of the JVM's maximum heap. */
    public static long defaultMemoryLimit() {
        return Runtime.getRuntime().maxMemory() / 2;
    }

    /** Gauss-Legendre points per coordinate, {@code q >= 1}. */
    public CellMeansBuilder withQuadraturePoints(int q) {
        GaussLegendre.of(q); // validates
        return new CellMeansBuilder(cells, q, quadratureLevel, memoryLimit, progress, meanTolerance, levelBudget);
    }

    /** The level {@code R} on whose cells the quadrature runs; must be {@code >= L} at build time. */
    public CellMeansBuilder withQuadratureLevel(int r) {
        if (r < 0) {
            throw new InvalidInputException("quadrature level must be >= 0, got " + r);
        }
        return new CellMeansBuilder(cells, quadraturePoints, r, memoryLimit, progress, meanTolerance, levelBudget);
    }

    /** Maximum bytes the table (levels {@code 0..R}) may take. */
    public CellMeansBuilder withMemoryLimit(long bytes) {
        if (bytes < 1) {
            throw new InvalidInputException("memory limit must be >= 1 byte, got " + bytes);
        }
        return new CellMeansBuilder(cells, quadraturePoints, quadratureLevel, bytes, progress, meanTolerance, levelBudget);
    }

    /**
     * Reports progress: called with the number of finest-level cells just finished (an increment, once
     * per block), possibly from several threads at once, so the consumer must be thread-safe.
     */
    public CellMeansBuilder withProgress(LongConsumer cellsDone) {
        return new CellMeansBuilder(cells, quadraturePoints, quadratureLevel, memoryLimit, cellsDone, meanTolerance, levelBudget);
    }

    /**
     * The relative tolerance of certified means: each level aims at half-widths within {@code rel} times its
     * cell-mean error estimate ({@link MeanEnclosures}); default {@code 1e-3}.
     */
    public CellMeansBuilder withMeanTolerance(double rel) {
        if (!(rel > 0) || !Double.isFinite(rel)) {
            throw new InvalidInputException("mean tolerance must be a finite number > 0, got " + rel);
        }
        return new CellMeansBuilder(cells, quadraturePoints, quadratureLevel, memoryLimit, progress, rel, levelBudget);
    }

    public double meanTolerance() {
        return meanTolerance;
    }

    /** The sub-box budget of one level of certified means ({@link MeanEnclosures}); default {@code 2^20}. */
    public CellMeansBuilder withLevelBudget(long subBoxes) {
        if (subBoxes < 1) {
            throw new InvalidInputException("sub-box budget must be >= 1, got " + subBoxes);
        }
        return new CellMeansBuilder(cells, quadraturePoints, quadratureLevel, memoryLimit, progress, meanTolerance,
                subBoxes);
    }

    public long levelBudget() {
        return levelBudget;
    }

    /** Whether {@link #build} encloses the means of {@code f} (formula or built-in target, d {@literal <=} 3). */
    public static boolean certifiable(Target f) {
        return enclosable(f) != null;
    }

    /** The compiled formula of a formula or built-in target of dimension {@code <= 3}, else null. */
    static CompiledFormula enclosable(Target f) {
        if (f.dim() > Taylor.MAX_DIM) {
            return null;
        }
        CompiledFormula c = null;
        if (f instanceof FormulaTarget ft) {
            c = ft.compiled();
        } else if (f instanceof BuiltinTarget b) {
            c = FormulaTarget.parse(b.formula(), b.dim()).compiled();
        }
        return c != null && c.canEnclose() ? c : null;
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
        checkMemory(levels, 1);
    }

    /** As {@link #checkMemory(int)} for {@code factor} doubles per cell (certified means keep three). */
    void checkMemory(int levels, int factor) {
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
        long per = 8L * factor;
        if (total > Long.MAX_VALUE / per || per * total > memoryLimit) {
            String bytes = total > Long.MAX_VALUE / per ? "more than 2^63" : Long.toString(per * total);
            throw new LimitExceededException("levels 0.." + r + " need " + total + " cells = " + bytes
                    + " bytes, over the limit of " + memoryLimit + " bytes", true, null);
        }
        if (finest > Integer.MAX_VALUE - 8) {
            throw new LimitExceededException("level " + r + " has " + finest
                    + " cells, more than a Java array holds", false, null);
        }
    }

    /**
     * The table of levels {@code 0..levels} of {@code f}, each level computed on its own so that it does not
     * depend on {@code levels} (nested by construction):
     * <ul>
     *   <li>a formula or built-in target with {@code d <= 3}: certified enclosures ({@link MeanEnclosures}), the
     *       table {@linkplain CellMeans#isCertified() certified};</li>
     *   <li>a {@link PiecewiseConstantTarget}: the exact rational mean of each cell, <b>correctly rounded</b>
     *       (nearest double, ties to even: the exact sum {@code sum_j (prod_i ov_i) v_j} of the pixel values times
     *       their integer overlaps, divided by {@code prod_i s_i}, rounded by {@link RationalRounding} from a
     *       compensated-sum guess), directly on every level, so the stored double does not depend on how it was
     *       reached; certified with {@code eta_l} = 2 ulps of the level's largest |mean| (half an ulp would do);</li>
     *   <li>any other target (a Java function): <b>adaptive</b> Gauss-Legendre on the cells of level
     *       {@code max(l, r0)}, {@code r0} the first level with at least 4096 cells (at most 2^22), aggregated down
     *       to {@code l} when {@code l < r0}: an estimate ({@link #adaptiveMeans}).</li>
     * </ul>
     * With a quadrature level set ({@link #withQuadratureLevel}) the former scheme is used instead (Gauss on
     * level {@code R}, coarser levels aggregated from it), as model files written before recorded it.
     */
    public CellMeans build(Target f, int levels) {
        if (f.dim() != cells.dim()) {
            throw new InvalidInputException("target " + f.name() + " has dimension " + f.dim()
                    + ", the grid has " + cells.dim());
        }
        if (quadratureLevel >= 0) {
            return legacy(f, levels);
        }
        CompiledFormula c = f instanceof PiecewiseConstantTarget ? null : enclosable(f);
        checkMemory(levels, c != null ? 3 : 1);
        if (f instanceof PiecewiseConstantTarget pc) {
            double[][] table = new double[levels + 1][];
            double[] eta = new double[levels + 1];
            for (int l = levels; l >= 0; l--) {
                table[l] = PixelMeans.of(cells, pc, l, l == levels ? progress : null);
                double max = 0;
                for (double v : table[l]) {
                    max = Math.max(max, Math.abs(v));
                }
                eta[l] = 2 * Math.ulp(max);
            }
            return CellMeans.certified(cells, table, eta);
        }
        if (c != null) {
            MeanEnclosures.Result r = new MeanEnclosures(cells, meanTolerance, levelBudget)
                    .build(c, f.name(), levels, progress);
            return CellMeans.certified(cells, levelsOf(r.table()), r.halfWidth());
        }
        // the first level with >= 4096 cells, unless that one is huge (high d): then the deepest with <= 2^22
        int r0 = Math.min(cells.maxLevel(MIN_QUADRATURE_CELLS - 1) + 1, cells.maxLevel(1L << 22));
        double[][] table = new double[levels + 1][];
        for (int l = levels; l >= r0; l--) {
            table[l] = adaptiveMeans(f, l, l == levels ? progress : null);
        }
        double[] current = levels >= r0 ? table[r0] : adaptiveMeans(f, r0, null);
        for (int l = r0 - 1; l >= 0; l--) {
            current = aggregate(current, l + 1);
            if (l <= levels) {
                table[l] = current;
            }
        }
        return CellMeans.of(cells, table);
    }

    private static double[][] levelsOf(CellMeans t) {
        double[][] out = new double[t.levels() + 1][];
        for (int l = 0; l <= t.levels(); l++) {
            out[l] = t.level(l);
        }
        return out;
    }

    /** Coarse levels of the Gauss estimate are aggregated from the first level with this many cells. */
    public static final long MIN_QUADRATURE_CELLS = 4096;

    /** The former scheme: Gauss (or exact pixels) on level {@code R}, every coarser level aggregated from it. */
    private CellMeans legacy(Target f, int levels) {
        checkMemory(levels);
        int r = quadratureLevel(levels);
        double[] finest = f instanceof PiecewiseConstantTarget pc ? PixelMeans.of(cells, pc, r, progress)
                : quadratureMeans(f, r, progress);
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

    /** Sub-levels an adaptive Gauss cell may be split into (each split: {@code N^d} children). */
    public static final int ADAPTIVE_DEPTH = 3;

    /**
     * Estimated means of the cells of level {@code r} by adaptive Gauss-Legendre ({@link GaussRule}):
     * <ol>
     *   <li>on every cell the {@code q}-point rule {@code Q_q} (the value kept) and the {@code (q-1)}-point rule
     *       ({@code 2} points when {@code q = 1}); their difference {@code e_K = |Q_q - Q_(q-1)|} estimates the
     *       error (pessimistically for smooth f: it is of the order of the coarser rule's error);</li>
     *   <li>the level's tolerance {@code tau = max(rel E, 2^-42 max |Q|)}, {@code rel} the mean tolerance and
     *       {@code E = (mean_K var_K)^(1/2)} the cell-mean error estimated from the rule's variance on each cell;</li>
     *   <li>a cell with {@code e_K > tau} is split into its {@code N^d} children (cells of level {@code r + 1}),
     *       each estimated the same way and split again while {@code e > tau}, at most {@link #ADAPTIVE_DEPTH}
     *       times; the cell's value is the compensated mean of its leaves.</li>
     * </ol>
     * A smooth target whose rules agree keeps exactly the plain {@code q}-point values. Each value depends only on
     * {@code f}, {@code N}, {@code r}, {@code q} and {@code rel} (nested by construction). Not a bound: the
     * table's status stays "estimate".
     */
    double[] adaptiveMeans(Target f, int r, LongConsumer progress) {
        int n = Math.toIntExact(cells.count(r));
        int d = cells.dim();
        int q = GaussLegendre.of(quadraturePoints).size();
        int qc = q == 1 ? 2 : q - 1;
        double perAxis = cells.perAxis(r);
        double[] out = new double[n];
        double[] gap = new double[n];
        int blocks = (n + BLOCK - 1) / BLOCK;
        double[] variances = new double[blocks];
        Blocks.run(blocks, b -> {
            long[] corner = new long[d];
            double[] var = new double[1];
            GaussRule fine = new GaussRule(q, d);
            GaussRule coarse = new GaussRule(qc, d);
            int end = Math.min(n, (b + 1) * BLOCK);
            double sum = 0;
            for (int k = b * BLOCK; k < end; k++) {
                cells.corner(k, r, corner);
                try {
                    out[k] = fine.mean(f, corner, perAxis, var);
                    gap[k] = Math.abs(out[k] - coarse.mean(f, corner, perAxis, null));
                } catch (NonFiniteValueException e) {
                    return new NonFiniteValueException(r, k, e.value(), e.point());
                }
                sum += var[0];
            }
            variances[b] = sum;
            return null;
        });
        double total = 0;
        double max = 0;
        for (int b = 0; b < blocks; b++) {
            total += variances[b]; // block order: deterministic
        }
        for (double v : out) {
            max = Math.max(max, Math.abs(v));
        }
        double tau = Math.max(meanTolerance * Math.sqrt(total / n), MeanEnclosures.FLOOR * max);
        Blocks.run(blocks, b -> {
            long[] corner = new long[d];
            GaussRule fine = new GaussRule(q, d);
            GaussRule coarse = new GaussRule(qc, d);
            int end = Math.min(n, (b + 1) * BLOCK);
            for (int k = b * BLOCK; k < end; k++) {
                if (gap[k] > tau) {
                    cells.corner(k, r, corner);
                    try {
                        out[k] = split(f, corner, r, tau, ADAPTIVE_DEPTH, fine, coarse);
                    } catch (NonFiniteValueException e) {
                        return new NonFiniteValueException(r, k, e.value(), e.point());
                    }
                }
            }
            if (progress != null) {
                progress.accept(end - (long) b * BLOCK);
            }
            return null;
        });
        return out;
    }

    /** The mean of the cell with integer corner {@code corner} at level {@code m} from its children, adaptively. */
    private double split(Target f, long[] corner, int m, double tau, int depth, GaussRule fine, GaussRule coarse) {
        int d = corner.length;
        int base = cells.base();
        int fan = Math.toIntExact(cells.count(1));
        double perAxis = Math.pow(base, m + 1);
        long[] child = new long[d];
        int[] digit = new int[d];
        AccurateSum s = new AccurateSum();
        for (int c = 0; c < fan; c++) {
            for (int i = 0; i < d; i++) {
                child[i] = corner[i] * base + digit[i];
            }
            double v = fine.mean(f, child, perAxis, null);
            if (depth > 1 && Math.abs(v - coarse.mean(f, child, perAxis, null)) > tau) {
                v = split(f, child.clone(), m + 1, tau, depth - 1, fine, coarse);
            }
            s.add(v);
            for (int i = 0; i < d && ++digit[i] == base; i++) {
                digit[i] = 0;
            }
        }
        return s.mean(fan);
    }

    /** The plain {@code q}-point Gauss-Legendre rule on every cell of level {@code r} ({@link GaussRule}). */
    private double[] quadratureMeans(Target f, int r, LongConsumer progress) {
        int n = Math.toIntExact(cells.count(r));
        int d = cells.dim();
        double perAxis = cells.perAxis(r);
        double[] out = new double[n];
        int blocks = (n + BLOCK - 1) / BLOCK;
        Blocks.run(blocks, b -> {
            long[] corner = new long[d];
            GaussRule rule = new GaussRule(quadraturePoints, d);
            int end = Math.min(n, (b + 1) * BLOCK);
            for (int k = b * BLOCK; k < end; k++) {
                cells.corner(k, r, corner);
                try {
                    out[k] = rule.mean(f, corner, perAxis, null);
                } catch (NonFiniteValueException e) {
                    return new NonFiniteValueException(r, k, e.value(), e.point());
                }
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
