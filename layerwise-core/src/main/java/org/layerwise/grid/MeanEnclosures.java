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
 * intersection of the range enclosure {@code F(B)} ({@link CompiledFormula#enclose}) and the second-order Taylor
 * form {@code f(c) + sum_i H_ii(B) r_i^2/6 + [-1, 1] sum_{i<j} min(wid H_ij(B), |H_ij(B)|) r_i r_j / 4}
 * ({@link Taylor#meanEnclosure}, a third-order enclosure)
 * when the Hessian enclosure is bounded. Cell corners {@code k / N^m} are enclosed exactly
 * ({@link Interval#quotient}).
 *
 * <p><b>Adaptive subdivision.</b> A cell whose half-width exceeds the level's tolerance is refined: its sub-boxes
 * are the cells of deeper levels of the same grid; the one contributing most width ({@code |B|/|K| (hi - lo)},
 * ties broken by level and index) is replaced by its {@code N^d} children, until the half-width of
 * {@code sum_B |B|/|K| [lo_B, hi_B]} (outward rounded, summed in (level, index) order) is within the tolerance or
 * the cell's sub-box budget is spent. When at most {@link #SECOND_CELLS} cells of the level are still above the
 * tolerance (around an isolated singular point, at deep levels where each cell's budget is small), they share
 * {@link #SECOND_POOL} more sub-boxes equally and are refined again (keeping the intersection of both enclosures);
 * a cell still above it keeps its wider, still rigorous, enclosure and is counted as unresolved.
 * A sub-box on which the formula is undefined everywhere is bad input (a region of positive measure); a cell
 * whose enclosure stays unbounded when the budget is spent (a pole) is bad input naming the cell.
 *
 * <p><b>Tolerance of level l</b>: {@code max(rel * E_l, 2^-42 M_l)} with {@code E_l = (sum_K |K| w_K^2 / 12)^(1/2)}
 * an estimate of the level's cell-mean error from the widths {@code w_K} of the range enclosures of its cells (a
 * function of width {@code w} on a cell deviates from its mean by about {@code w / sqrt 12} in {@code L^2}; unbounded
 * cells count 0), and {@code M_l} the largest {@code |midpoint|} (the absolute floor near double resolution).
 *
 * <p><b>Nested by construction.</b> Everything above depends only on {@code f}, {@code N}, {@code l}, {@code rel}
 * and the budget, never on the number of levels built: deeper levels' single-box enclosures are reused when they
 * have been computed and recomputed (the same doubles) otherwise. Parallel over cells, deterministic.
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

    private static final int BLOCK = 256;

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
     * Single-box enclosures of one level: lower and upper bounds of the mean per cell, and {@code E_l} from the
     * range widths.
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
        int d = cells.dim();
        Level[] single = new Level[levels + 1];
        double[][] mids = new double[levels + 1][];
        double[] eta = new double[levels + 1];
        double[] tol = new double[levels + 1];
        long[] unresolved = new long[levels + 1];
        for (int l = levels; l >= 0; l--) {
            single[l] = singleBoxes(f, name, l, l == levels ? progress : null);
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
     * each at least 4 times its own budget, they get that share of further sub-boxes; each is refined again from its single
     * box with its own budget plus that share, and keeps the intersection of both enclosures (two rigorous
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

    private Level singleBoxes(CompiledFormula f, String name, int level, LongConsumer progress) {
        int n = Math.toIntExact(cells.count(level));
        double[] lo = new double[n];
        double[] hi = new double[n];
        int blocks = (n + BLOCK - 1) / BLOCK;
        double[] squares = new double[blocks];
        runBlocks(blocks, b -> {
            long[] corner = new long[cells.dim()];
            double[] range = new double[1];
            int end = Math.min(n, (b + 1) * BLOCK);
            double sq = 0;
            for (int k = b * BLOCK; k < end; k++) {
                cells.corner(k, level, corner);
                Interval m = enclose(f, corner, level, range);
                if (m.isEmpty()) {
                    throw undefined(name, corner, level);
                }
                lo[k] = m.lo();
                hi[k] = m.hi();
                sq += Double.isFinite(range[0]) ? range[0] * range[0] : 0;
            }
            squares[b] = sq;
            if (progress != null) {
                progress.accept(end - (long) b * BLOCK);
            }
        });
        double sum = 0;
        for (double q : squares) {
            sum += q; // in block order: deterministic
        }
        return new Level(lo, hi, Math.sqrt(sum / n / 12));
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
        long den = (long) Math.pow(cells.base(), level);
        Interval[] box = new Interval[d];
        Interval[] centre = new Interval[d];
        double[] r = new double[d];
        double half = Interval.quotient(1, 2 * den).hi();
        for (int i = 0; i < d; i++) {
            box[i] = Interval.of(Interval.quotient(corner[i], den).lo(), Interval.quotient(corner[i] + 1, den).hi());
            centre[i] = Interval.quotient(2 * corner[i] + 1, 2 * den);
            r[i] = half;
        }
        Taylor t = f.taylorOnBox(box);
        Interval range = t.value();
        if (rangeWidth != null) {
            rangeWidth[0] = range.width();
        }
        if (range.isEmpty()) {
            return Interval.EMPTY;
        }
        Interval mean = range.maybeUndefined() ? Interval.UNKNOWN : range;
        if (t.secondOrderBounded()) {
            Interval fc = f.enclose(centre);
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

    private static final Comparator<Leaf> WIDEST_FIRST = Comparator.comparingDouble(Leaf::contribution).reversed()
            .thenComparingInt(Leaf::level).thenComparingLong(Leaf::index);

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
            for (int c = 0; c < fan; c++) {
                for (int i = 0; i < d; i++) {
                    child[i] = top.corner[i] * (long) n + digit[i];
                }
                long index = m <= levels ? cells.indexOfCorner(child, m) : -1;
                double lo;
                double hi;
                if (m <= levels) {
                    lo = single[m].lo[(int) index];
                    hi = single[m].hi[(int) index];
                } else {
                    Interval e = enclose(f, child, m, null);
                    if (e.isEmpty()) {
                        throw undefined(name, child, m);
                    }
                    lo = e.lo();
                    hi = e.hi();
                    index = cells.indexOfCorner(child, m);
                }
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
        leaves.sort(Comparator.comparingInt(Leaf::level).thenComparingLong(Leaf::index));
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
