package org.layerwise.grid;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.function.LongConsumer;
import java.util.stream.IntStream;

import org.layerwise.InvalidInputException;
import org.layerwise.function.formula.CompiledFormula;
import org.layerwise.numeric.Interval;
import org.layerwise.numeric.Rounding;
import org.layerwise.numeric.Taylor;

/**
 * Certified cell means of a formula ({@code d <= 3}): for every cell {@code K} of every level {@code l} an
 * enclosure {@code [lo, hi]} of the true mean {@code mu_l(K) = |K|^-1 int_K f} of the real function the formula
 * denotes; the table stores the midpoint (rounded) and each level its largest half-width {@code eta_l}.
 *
 * <p><b>One box.</b> On a box {@code B} (centre {@code c}, half-widths {@code r_i}) the enclosure is the
 * intersection of the range enclosure {@code F(B)} (the Taylor mode's value) and the second-order Taylor
 * form {@code f(c) + sum_i H_ii(B) r_i^2/6 + [-1, 1] sum_{i<j} min(wid H_ij(B), |H_ij(B)|) r_i r_j / 4}
 * ({@link Taylor#meanEnclosure}, a third-order enclosure)
 * when the Hessian enclosure is bounded. Cell corners {@code k / N^m} are enclosed exactly
 * ({@link Interval#quotient}).
 *
 * <p><b>One cell: the canonical enclosure {@code C(K)}.</b> A Hessian enclosure over a larger box holds the Hessian
 * over every cell inside it, so one Taylor evaluation serves a block of cells. The block of a cell {@code K} of level
 * {@code l} is the coarsest of its ancestors at levels {@code max(0, l - k) .. l - 1} ({@code k = max(1,
 * floor(log_N 4))}, {@link #blockDepth()}: blocks of up to {@code 4^d} cells for {@code N = 2}) whose Taylor
 * enclosure is bounded and varies little, {@code sum_ij wid H_ij(B) <= BLOCK_VARIATION sum_ij |H_ij(B)|} (close to a
 * singular point the curvature changes by its own size across a block; there smaller blocks, then single boxes, keep
 * the refinement below effective). Then {@code C(K) = F(c_K) + e_B}: {@code F(c_K)} the point enclosure of
 * {@code f} at the centre (the interval mode on the flat tape, {@link CompiledFormula#enclose(double[], double[])})
 * and {@code e_B} the Taylor form above with {@code f(c) = 0}, the block's Hessian and the cell's radii (the same for
 * all cells of the block), added outward rounded. Without such a block (a step, a kink, {@code sqrt} at 0 nearby), or
 * without a bounded centre enclosure, {@code C(K)} is the cell's single-box enclosure. {@code C(K)} depends only on
 * {@code f}, {@code N} and {@code K}, not on any tolerance, so the refinement below reuses it.
 *
 * <p><b>Adaptive subdivision.</b> A cell whose {@code C(K)} is wider than the level's tolerance is refined: its
 * sub-boxes are the cells of deeper levels of the same grid, with their canonical enclosures; the one contributing
 * most width ({@code |B|/|K| (hi - lo)}, ties broken by level and index) is replaced by its {@code N^d} children,
 * until the half-width of {@code sum_B |B|/|K| [lo_B, hi_B]} (outward rounded, summed in (level, index) order) is
 * within the tolerance or
 * the cell's sub-box budget is spent. When at most {@link #SECOND_CELLS} cells of the level are still above the
 * tolerance (around an isolated singular point, at deep levels where each cell's budget is small), they share
 * {@link #SECOND_POOL} more sub-boxes equally and are refined again (keeping the intersection of both enclosures);
 * a cell still above it keeps its wider, still rigorous, enclosure and is counted as unresolved.
 * A sub-box on which the formula is undefined everywhere is bad input (a region of positive measure); a cell
 * whose enclosure stays unbounded when the budget is spent (a pole) is bad input naming the cell.
 *
 * <p><b>Tolerance of level l</b>: {@code max(rel * E_l, 2^-42 M_l)} with {@code E_l = (sum_K |K| w_K^2 / 12)^(1/2)}
 * an estimate of the level's cell-mean error from the variation {@code w_K} of {@code f} over each cell (a function
 * of width {@code w} on a cell deviates from its mean by about {@code w / sqrt 12} in {@code L^2}): for a cell of a
 * block, {@code w_K = sum_i |f(c_K') - f(c_K)|} (midpoints of the centre enclosures, {@code K'} the next cell along
 * {@code x_i} inside the block, the previous one at its end), otherwise the width of its range enclosure (unbounded
 * cells count 0); {@code M_l} the largest {@code |bound|} of the bounded {@code C(K)} (the absolute floor near double
 * resolution).
 *
 * <p><b>Nested by construction.</b> Everything above depends only on {@code f}, {@code N}, {@code l}, {@code rel}
 * and the budget, never on the number of levels built: deeper levels' canonical enclosures are reused when they
 * have been computed and recomputed (the same doubles, {@link #children}) otherwise. Parallel over blocks and cells,
 * deterministic. A level's cells are visited by blocks with their corners from tables ({@code N^j corner(p) +
 * corner_j(q)}), never recomputed from their indices.
 *
 * @param cells             the grids
 * @param relativeTolerance {@code rel > 0}
 * @param levelBudget       sub-boxes per level: each cell of level {@code l} may use
 *                          {@code max(MIN_CELL_BUDGET N^d, levelBudget / N^(dl))}
 */
public record MeanEnclosures(Cells cells, double relativeTolerance, long levelBudget) {

    /** Default relative tolerance: {@code 1e-3} of the level's cell-mean error estimate. */
    public static final double DEFAULT_RELATIVE_TOLERANCE = 1e-3;
    /** Default sub-box budget of one level. */
    public static final long DEFAULT_LEVEL_BUDGET = 1L << 20;
    /** Every cell may be split at least this many times ({@code N^d} sub-boxes each). */
    public static final long MIN_CELL_BUDGET = 8;
    /** Sub-boxes per level shared by the cells left above the tolerance after their own budget (second pass). */
    public static final long SECOND_POOL = 1L << 16;
    /** At most this many cells of a level share {@link #SECOND_POOL}. */
    public static final int SECOND_CELLS = 256;
    /** The absolute floor of the tolerance, relative to the largest |mean| of the level. */
    public static final double FLOOR = 0x1p-42;

    public MeanEnclosures {
        if (cells.dim() > Taylor.MAX_DIM) {
            throw new InvalidInputException("certified means need d <= " + Taylor.MAX_DIM + ", got " + cells.dim());
        }
        if (!(relativeTolerance > 0) || !Double.isFinite(relativeTolerance)) {
            throw new InvalidInputException("mean tolerance must be a positive number, got " + relativeTolerance);
        }
        if (levelBudget < 1) {
            throw new InvalidInputException("sub-box budget must be >= 1, got " + levelBudget);
        }
    }

    /**
     * The outcome: the table (midpoints), and per level {@code l = 0..L} the largest half-width {@code eta_l},
     * the tolerance aimed at, and the number of cells left above it when their budget was spent.
     */
    public record Result(CellMeans table, double[] halfWidth, double[] tolerance, long[] unresolved) {
    }

    /**
     * The canonical enclosures {@code C(K)} of one level: lower and upper bounds of the mean per cell, and
     * {@code E_l}.
     */
    private record Level(double[] lo, double[] hi, double errorEstimate) {
    }

    /**
     * Encloses the means of levels {@code 0..levels}.
     *
     * @param name     the target's name, for messages
     * @param progress called with finished cells of the deepest level (thread-safe consumer), may be null
     * @throws InvalidInputException for a formula undefined on a region of positive measure, or a cell whose mean
     *                               stays unbounded (named)
     */
    public Result build(CompiledFormula f, String name, int levels, LongConsumer progress) {
        Level[] single = new Level[levels + 1];
        double[][] mids = new double[levels + 1][];
        double[] eta = new double[levels + 1];
        double[] tol = new double[levels + 1];
        long[] unresolved = new long[levels + 1];
        for (int l = levels; l >= 0; l--) {
            single[l] = new Canonical(f, name, l).level(l == levels ? progress : null);
        }
        for (int l = 0; l <= levels; l++) {
            final int level = l;
            Level s = single[l];
            tol[l] = tolerance(s);
            int n = s.lo.length;
            double[] mid = new double[n];
            double[] half = new double[n];
            boolean[] missed = new boolean[n];
            long budget = Math.max(MIN_CELL_BUDGET * cells.count(1), levelBudget / n);
            double t = tol[l];
            runBlocks(n, k -> {
                Interval m = Interval.of(s.lo[k], s.hi[k]);
                if (!(m.radiusAboutMid() <= t)) {
                    m = refine(f, name, level, k, t, budget, single, levels);
                    if (!(m.radiusAboutMid() <= t)) {
                        missed[k] = true;
                    }
                }
                mid[k] = m.mid();
                half[k] = m.radiusAboutMid();
            });
            secondPass(f, name, level, t, budget, single, levels, missed, mid, half);
            double worst = 0;
            long miss = 0;
            for (int k = 0; k < n; k++) {
                worst = Math.max(worst, half[k]);
                miss += missed[k] ? 1 : 0;
            }
            mids[l] = mid;
            eta[l] = worst;
            unresolved[l] = miss;
        }
        return new Result(CellMeans.of(cells, mids), eta, tol, unresolved);
    }

    /**
     * The level's second pass, for the neighbourhood of an isolated singular point (the apex of a cone): when at
     * most {@link #SECOND_CELLS} cells are still above the tolerance and {@link #SECOND_POOL} shared equally gives
     * each at least 4 times its own budget, they get that share of further sub-boxes; each is refined again from its
     * canonical enclosure with its own budget plus that share, and keeps the intersection of both enclosures (two rigorous
     * enclosures of the same mean). Deterministic: the shares depend only on the number of such cells.
     */
    private void secondPass(CompiledFormula f, String name, int level, double t, long budget, Level[] single,
                            int levels, boolean[] missed, double[] mid, double[] half) {
        int count = 0;
        for (boolean b : missed) {
            count += b ? 1 : 0;
        }
        long share = count == 0 ? 0 : Math.min(SECOND_POOL, levelBudget) / count;
        if (count == 0 || count > SECOND_CELLS || share < 4 * budget) {
            return; // none; too many (a jump along a curve or surface); or no real gain over the own budget
        }
        int[] which = new int[count];
        for (int k = 0, i = 0; k < missed.length; k++) {
            if (missed[k]) {
                which[i++] = k;
            }
        }
        runBlocks(count, i -> {
            int k = which[i];
            Interval first = Interval.of(Rounding.sumDown(mid[k], -half[k]), Rounding.sumUp(mid[k], half[k]));
            Interval m = refine(f, name, level, k, t, budget + share, single, levels).intersect(first);
            mid[k] = m.mid();
            half[k] = m.radiusAboutMid();
            missed[k] = !(half[k] <= t);
        });
    }

    /** {@code max(rel E_l, FLOOR M_l)}, see the class comment. */
    private double tolerance(Level s) {
        double max = 0;
        for (int k = 0; k < s.lo.length; k++) {
            if (Double.isFinite(s.hi[k] - s.lo[k])) {
                max = Math.max(max, Math.max(Math.abs(s.lo[k]), Math.abs(s.hi[k])));
            }
        }
        return Math.max(relativeTolerance * s.errorEstimate, Math.max(FLOOR * max, Double.MIN_NORMAL));
    }

    /**
     * The block depth {@code k}: a cell's block is its ancestor {@code k} levels up, {@code k = max(1, floor(log_N
     * 4))} (4 cells per axis for {@code N = 2}, {@code N} for {@code N >= 3}).
     */
    int blockDepth() {
        int k = 1;
        long side = cells.base();
        while (side * cells.base() <= 4) {
            side *= cells.base();
            k++;
        }
        return k;
    }

    /**
     * The canonical enclosures of one level (see the class comment): its cells are visited by top blocks, the cells
     * of level {@code max(0, l - k)}; cell {@code K = p + N^(dm) q} of block {@code p} of level {@code m} has the
     * integer corner {@code N^j corner(p) + corner_j(q)} ({@code j = l - m}, from tables made once), so no cell's
     * corner is recomputed from its index.
     */
    private final class Canonical {
        final CompiledFormula f;
        final String name;
        final int level;
        final int d = cells.dim();
        final int top;
        final double[] radius;
        /** {@code offsets[j][q d + i]}: coordinate {@code i} of the corner of cell {@code q} of level {@code j}. */
        final long[][] offsets;
        /** {@code next[j][q d + i]}: the cell of level {@code j} next to {@code q} along {@code i} (+1, or -1 at the end). */
        final int[][] next;

        Canonical(CompiledFormula f, String name, int level) {
            this.f = f;
            this.name = name;
            this.level = level;
            this.top = Math.max(0, level - blockDepth());
            this.radius = new double[d];
            Arrays.fill(radius, Interval.quotient(1, 2 * cells.perAxis(level)).hi());
            int depth = level - top;
            this.offsets = new long[depth + 1][];
            this.next = new int[depth + 1][];
            long[] c = new long[d];
            for (int j = 0; j <= depth; j++) {
                int size = Math.toIntExact(cells.count(j));
                long side = cells.perAxis(j);
                offsets[j] = new long[size * d];
                next[j] = new int[size * d];
                for (int q = 0; q < size; q++) {
                    cells.corner(q, j, c);
                    System.arraycopy(c, 0, offsets[j], q * d, d);
                }
                for (int q = 0; q < size && j > 0; q++) {
                    for (int i = 0; i < d; i++) {
                        c[i] = offsets[j][q * d + i];
                    }
                    for (int i = 0; i < d; i++) {
                        long o = c[i];
                        c[i] = o + 1 < side ? o + 1 : o - 1;
                        next[j][q * d + i] = (int) cells.indexOfCorner(c, j);
                        c[i] = o;
                    }
                }
            }
        }

        /** All cells of the level, with {@code E_l}. */
        Level level(LongConsumer progress) {
            int n = Math.toIntExact(cells.count(level));
            double[] lo = new double[n];
            double[] hi = new double[n];
            int blocks = Math.toIntExact(cells.count(top));
            long per = cells.count(level - top);
            double[] squares = new double[blocks];
            runBlocks(blocks, p -> {
                long[] corner = new long[d];
                cells.corner(p, top, corner);
                double[] sq = new double[1];
                visit(p, top, corner, lo, hi, sq);
                squares[p] = sq[0];
                if (progress != null) {
                    progress.accept(per);
                }
            });
            double sum = 0;
            for (double q : squares) {
                sum += q; // in block order: deterministic
            }
            return new Level(lo, hi, Math.sqrt(sum / n / 12));
        }

        /**
         * The cells of block {@code index} of level {@code m} (integer corner {@code corner}): all from its Taylor
         * enclosure when that is bounded, else from its {@code N^d} sub-blocks, down to the single cell.
         */
        private void visit(long index, int m, long[] corner, double[] lo, double[] hi, double[] sq) {
            if (m == level) {
                double[] range = new double[1];
                Interval e = enclose(f, corner, level, range);
                if (e.isEmpty()) {
                    throw undefined(name, corner, level);
                }
                lo[(int) index] = e.lo();
                hi[(int) index] = e.hi();
                sq[0] += Double.isFinite(range[0]) ? range[0] * range[0] : 0;
                return;
            }
            Taylor t = f.taylorOnBox(boxOf(corner, m));
            if (usable(t)) {
                fill(index, m, corner, t, lo, hi, sq);
                return;
            }
            long stride = cells.count(m);
            int base = cells.base();
            int[] digit = new int[d];
            for (int c = 0; c < cells.count(1); c++) {
                long[] child = new long[d];
                for (int i = 0; i < d; i++) {
                    child[i] = corner[i] * base + digit[i];
                }
                visit(index + stride * c, m + 1, child, lo, hi, sq);
                for (int i = 0; i < d && ++digit[i] == base; i++) {
                    digit[i] = 0;
                }
            }
        }

        /**
         * The block path: cell {@code K} of a block with bounded Taylor enclosure {@code t} gets
         * {@code F(c_K) + e}, {@code e} the mean model of {@link Taylor#meanEnclosure} with {@code f(c) = 0} and the
         * cells' radii; its range width for {@code E_l} is estimated by {@code sum_i |f(c_K') - f(c_K)|}, the
         * neighbour {@code K'} along {@code x_i} inside the block. A cell without a bounded centre enclosure takes
         * its single box.
         */
        private void fill(long index, int m, long[] corner, Taylor t, double[] lo, double[] hi, double[] sq) {
            Interval e = t.meanEnclosure(Interval.ZERO, radius);
            int j = level - m;
            long stride = cells.count(m);
            int per = Math.toIntExact(cells.count(j));
            double[] mids = new double[per];
            long[] k = new long[d];
            double[] cl = new double[d];
            double[] ch = new double[d];
            long den2 = 2 * cells.perAxis(level);
            long scale = cells.perAxis(j);
            double s = 0;
            for (int q = 0; q < per; q++) {
                int cell = (int) (index + stride * q);
                for (int i = 0; i < d; i++) {
                    k[i] = corner[i] * scale + offsets[j][q * d + i];
                    Interval c = Interval.quotient(2 * k[i] + 1, den2);
                    cl[i] = c.lo();
                    ch[i] = c.hi();
                }
                Interval fc = f.enclose(cl, ch);
                Interval mean = fc.isBounded() ? fc.add(e) : Interval.UNKNOWN;
                if (!mean.isBounded()) {
                    double[] range = new double[1];
                    mean = enclose(f, k, level, range);
                    if (mean.isEmpty()) {
                        throw undefined(name, k, level);
                    }
                    s += Double.isFinite(range[0]) ? range[0] * range[0] : 0;
                    mids[q] = Double.NaN;
                } else {
                    mids[q] = fc.mid();
                }
                lo[cell] = mean.lo();
                hi[cell] = mean.hi();
            }
            for (int q = 0; q < per; q++) {
                double w = 0;
                for (int i = 0; i < d; i++) {
                    double diff = Math.abs(mids[next[j][q * d + i]] - mids[q]);
                    w += Double.isFinite(diff) ? diff : 0;
                }
                s += w * w;
            }
            sq[0] += s;
        }
    }

    /**
     * The canonical enclosures of the {@code N^d} children (level {@code m}, in digit order) of the level-{@code
     * (m-1)} cell with integer corner {@code parent}, for a level that was not built: the same doubles as
     * {@link Canonical} gives them (the coarsest of their common ancestors at levels {@code max(0, m - k)..m-1}
     * with a bounded Taylor enclosure, else each child's single box).
     */
    private Interval[] children(CompiledFormula f, String name, long[] parent, int m) {
        int d = cells.dim();
        Taylor block = null;
        for (int b = Math.max(0, m - blockDepth()); b < m && block == null; b++) {
            long div = cells.perAxis(m - 1 - b);
            long[] a = new long[d];
            for (int i = 0; i < d; i++) {
                a[i] = parent[i] / div;
            }
            Taylor t = f.taylorOnBox(boxOf(a, b));
            block = usable(t) ? t : null;
        }
        double[] radius = new double[d];
        Arrays.fill(radius, Interval.quotient(1, 2 * cells.perAxis(m)).hi());
        Interval e = block == null ? null : block.meanEnclosure(Interval.ZERO, radius);
        int fan = Math.toIntExact(cells.count(1));
        Interval[] out = new Interval[fan];
        long[] child = new long[d];
        int[] digit = new int[d];
        double[] cl = new double[d];
        double[] ch = new double[d];
        long den2 = 2 * cells.perAxis(m);
        for (int c = 0; c < fan; c++) {
            for (int i = 0; i < d; i++) {
                child[i] = parent[i] * cells.base() + digit[i];
                Interval x = Interval.quotient(2 * child[i] + 1, den2);
                cl[i] = x.lo();
                ch[i] = x.hi();
            }
            Interval mean = Interval.UNKNOWN;
            if (e != null) {
                Interval fc = f.enclose(cl, ch);
                mean = fc.isBounded() ? fc.add(e) : Interval.UNKNOWN;
            }
            if (!mean.isBounded()) {
                mean = enclose(f, child, m, null);
                if (mean.isEmpty()) {
                    throw undefined(name, child, m);
                }
            }
            out[c] = mean;
            for (int i = 0; i < d && ++digit[i] == cells.base(); i++) {
                digit[i] = 0;
            }
        }
        return out;
    }

    /** Relative Hessian variation up to which a block's model serves its cells ({@link #usable}). */
    public static final double BLOCK_VARIATION = 0.5;

    /**
     * Whether a block's Taylor enclosure serves its cells: bounded, and its Hessian varies little over the block,
     * {@code sum_ij wid H_ij(B) <= BLOCK_VARIATION sum_ij |H_ij(B)|} (near a singular point, where the curvature
     * changes by its own size across the block, the cells take smaller blocks or their own boxes).
     */
    private static boolean usable(Taylor t) {
        if (!t.secondOrderBounded()) {
            return false;
        }
        double wid = 0;
        double mag = 0;
        int d = t.dim();
        for (int j = 0; j < d; j++) {
            for (int i = 0; i <= j; i++) {
                wid += t.hessian(i, j).width();
                mag += t.hessian(i, j).mag();
            }
        }
        return wid <= BLOCK_VARIATION * mag;
    }

    /** The box of the level-{@code m} cell with integer corner {@code corner}, its bounds rounded outward. */
    private Interval[] boxOf(long[] corner, int m) {
        long den = cells.perAxis(m);
        Interval[] box = new Interval[corner.length];
        for (int i = 0; i < corner.length; i++) {
            box[i] = Interval.of(Interval.quotient(corner[i], den).lo(), Interval.quotient(corner[i] + 1, den).hi());
        }
        return box;
    }

    /** Whether the grid of {@code level} can be enclosed exactly ({@code 2 N^level < 2^53}). */
    private boolean representable(int level) {
        double p = Math.pow(cells.base(), level);
        return 2 * p < 0x1p53;
    }

    /**
     * The mean enclosure on the single box of the cell with integer corner {@code corner} at {@code level}:
     * Taylor form intersected with the range; {@link Interval#UNKNOWN} where neither is bounded or defined.
     */
    Interval enclose(CompiledFormula f, long[] corner, int level, double[] rangeWidth) {
        int d = corner.length;
        long den = cells.perAxis(level);
        double[] cl = new double[d];
        double[] ch = new double[d];
        double[] r = new double[d];
        double half = Interval.quotient(1, 2 * den).hi();
        for (int i = 0; i < d; i++) {
            Interval c = Interval.quotient(2 * corner[i] + 1, 2 * den);
            cl[i] = c.lo();
            ch[i] = c.hi();
            r[i] = half;
        }
        Taylor t = f.taylorOnBox(boxOf(corner, level));
        Interval range = t.value();
        if (rangeWidth != null) {
            rangeWidth[0] = range.width();
        }
        if (range.isEmpty()) {
            return Interval.EMPTY;
        }
        Interval mean = range.maybeUndefined() ? Interval.UNKNOWN : range;
        if (t.secondOrderBounded()) {
            Interval fc = f.enclose(cl, ch);
            if (fc.isBounded()) {
                mean = mean.intersect(t.meanEnclosure(fc, r));
            }
        }
        return mean;
    }

    /** A sub-box of a cell: a cell of a deeper level with its single-box enclosure. */
    private record Leaf(int level, long index, long[] corner, double lo, double hi, double weight) {
        double contribution() {
            double w = hi - lo;
            return Double.isFinite(w) ? w * weight : Double.POSITIVE_INFINITY;
        }
    }

    /** Sum order of the leaves: by level, then index. */
    private static final Comparator<Leaf> BY_LEVEL = (a, b) -> a.level != b.level ? Integer.compare(a.level, b.level)
            : Long.compare(a.index, b.index);

    /** Refinement order: the widest contribution first, ties by level and index. */
    private static final Comparator<Leaf> WIDEST_FIRST = (a, b) -> {
        int c = Double.compare(b.contribution(), a.contribution());
        return c != 0 ? c : BY_LEVEL.compare(a, b);
    };

    private Interval refine(CompiledFormula f, String name, int level, long k, double tol, long budget, Level[] single,
                            int levels) {
        int d = cells.dim();
        int fan = Math.toIntExact(cells.count(1));
        long[] corner = new long[d];
        cells.corner(k, level, corner);
        PriorityQueue<Leaf> queue = new PriorityQueue<>(WIDEST_FIRST);
        Level s = single[level];
        queue.add(new Leaf(level, k, corner, s.lo[(int) k], s.hi[(int) k], 1.0));
        // the finite part of sum_B contribution_B, and how many leaves are unbounded
        double width = 0;
        int unbounded = 0;
        if (Double.isFinite(queue.peek().contribution())) {
            width = queue.peek().contribution();
        } else {
            unbounded = 1;
        }
        long used = 1;
        double n = cells.base();
        while ((unbounded > 0 || !(width <= 2 * tol)) && used + fan <= budget) {
            Leaf top = queue.peek();
            int m = top.level + 1;
            if (!representable(m) || m - level > 60) {
                break;
            }
            queue.poll();
            if (Double.isFinite(top.contribution())) {
                width -= top.contribution();
            } else {
                unbounded--;
            }
            double w = top.weight / fan;
            long[] child = new long[d];
            int[] digit = new int[d];
            Interval[] computed = m <= levels ? null : children(f, name, top.corner, m);
            long stride = cells.count(m - 1);
            for (int c = 0; c < fan; c++) {
                for (int i = 0; i < d; i++) {
                    child[i] = top.corner[i] * (long) n + digit[i];
                }
                long index = top.index + stride * c; // K_m = K_(m-1) + N^(d(m-1)) c_m
                double lo = m <= levels ? single[m].lo[(int) index] : computed[c].lo();
                double hi = m <= levels ? single[m].hi[(int) index] : computed[c].hi();
                Leaf leaf = new Leaf(m, index, child.clone(), lo, hi, w);
                queue.add(leaf);
                if (Double.isFinite(leaf.contribution())) {
                    width += leaf.contribution();
                } else {
                    unbounded++;
                }
                for (int i = 0; i < d && ++digit[i] == cells.base(); i++) {
                    digit[i] = 0;
                }
            }
            used += fan;
        }
        Interval sum = total(queue);
        if (!sum.isBounded()) {
            Leaf worst = queue.peek();
            throw new InvalidInputException("cannot enclose the mean of '" + name + "' on cell " + k + " of level "
                    + level + " " + box(corner, level) + ": it stays unbounded or undefined near " + box(worst.corner,
                    worst.level) + " after " + used + " sub-boxes (a pole or a non-integrable singularity)");
        }
        return sum;
    }

    /** {@code sum_B weight_B [lo_B, hi_B]}, outward rounded, in (level, index) order. */
    private static Interval total(PriorityQueue<Leaf> queue) {
        List<Leaf> leaves = new ArrayList<>(queue);
        leaves.sort(BY_LEVEL);
        Interval sum = Interval.ZERO;
        for (Leaf leaf : leaves) {
            if (!Double.isFinite(leaf.lo) || !Double.isFinite(leaf.hi)) {
                return Interval.UNKNOWN;
            }
            sum = sum.add(Interval.of(leaf.lo, leaf.hi).multiply(leaf.weight));
        }
        return sum;
    }

    private InvalidInputException undefined(String name, long[] corner, int level) {
        return new InvalidInputException("formula '" + name + "' is undefined on all of " + box(corner, level)
                + " (a region of positive measure in [0,1]^" + cells.dim() + ")");
    }

    /** The box of a cell, e.g. {@code [0.25, 0.5] x [0, 0.25]}. */
    private String box(long[] corner, int level) {
        double den = Math.pow(cells.base(), level);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < corner.length; i++) {
            sb.append(i == 0 ? "" : " x ").append('[').append(corner[i] / den).append(", ")
                    .append((corner[i] + 1) / den).append(']');
        }
        return sb.toString();
    }

    /** Runs {@code body(i)} for {@code i = 0..count-1} in parallel; rethrows the failure of the lowest index. */
    private static void runBlocks(int count, java.util.function.IntConsumer body) {
        RuntimeException[] failures = new RuntimeException[count];
        IntStream.range(0, count).parallel().forEach(i -> {
            try {
                body.accept(i);
            } catch (RuntimeException e) {
                failures[i] = e;
            }
        });
        for (RuntimeException e : failures) {
            if (e != null) {
                throw e;
            }
        }
    }
}
