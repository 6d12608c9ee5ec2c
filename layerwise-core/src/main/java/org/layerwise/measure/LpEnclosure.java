package org.layerwise.measure;

import java.util.PriorityQueue;

import org.layerwise.InvalidInputException;
import org.layerwise.grid.Blocks;
import org.layerwise.numeric.Interval;
import org.layerwise.numeric.Taylor;

/**
 * Rigorous enclosures of {@code ||u - c||_{L^p(R)}} where {@code R = prod_i [o_i, e_i]} is split into a grid of
 * equal boxes ({@link Grid}) and {@code c} is constant on each box (a level's table of values on its cells, or
 * 0), for an {@link Enclosable} {@code u} and any {@code p} in {@code [1, inf]}.
 *
 * <p><b>One box</b> {@code K}: bounds of the mean-norm {@code n_K = (mean_K |u - c|^p)^(1/p)} from {@link BoxNorm}
 * (affine or quadratic Taylor model with a rigorous remainder, the mean-value form of a shift difference, or the
 * range where no model applies). This class is the region: the grid, the passes, the refinement and the sums.
 *
 * <p><b>Whole region.</b> {@code ||u - c||_p^p = |R| sum_K |K|/|R| n_K^p}, with lower and upper sums of the
 * {@code n_K} bounds ({@link PowerSum}: any {@code p}); {@code p = inf}: the maximum of the lower bounds
 * below (each a value the continuous function attains on the box, or {@code mig G}), the maximum of the upper
 * bounds above. A first pass encloses every box of the grid (patches of up to {@code 4^d} boxes share one Hessian
 * enclosure over the patch, and the patch's common terms; each box then costs one first-order evaluation at its
 * centre, {@link BoxNorm.Work#evaluateFirst}; the sums of the pass by blocks in parallel); if the relative width exceeds {@link #tolerance()}, a refined box that used its patch's
 * Hessian is first enclosed again with its own (two Taylor evaluations for a remainder about 4 times smaller), then
 * boxes are bisected along every axis, worst sub-box first, until the tolerance is met.
 * {@code p < 1 / tolerance}: only the widest boxes, each down to its share of the allowed width (the widest are
 * flagged until the others hold half the allowed width {@code W = S_hi (1 - (1 - tolerance)^p)} of the sum of
 * {@code p}-th powers; when the refined upper sum is below half the one {@code W} was taken from, the pass is
 * repeated with it, at most 4 passes). {@code p >= 1 / tolerance} and {@code p = inf}: every box whose upper bound
 * is above the first lower bound by more than {@code tolerance E / 2} ({@code E} the first upper bound), down to
 * that margin. Each refined box may use an equal share of the sub-box {@link #budget()} (deterministic: no shared
 * counter). Rounding of the sums (compensated; error below {@code (boxes + 16) 2^-52} relative for any
 * {@code p}, see {@link PowerSum}) is covered by widening the result by {@code (boxes + 16) 2^-50} relative.
 *
 * @param tolerance target relative width of the result, {@code > 0}
 * @param budget    sub-boxes that the second pass may add in total, {@code >= 0}
 * @param maxDepth  bisections of one grid box at most, {@code 0..30}
 */
public record LpEnclosure(double tolerance, long budget, int maxDepth) {

    /** Default: 0.2 % relative width, 2^20 sub-boxes, 24 bisections. */
    public static final LpEnclosure DEFAULT = new LpEnclosure(2e-3, 1L << 20, 24);

    private static final int BLOCK = 256;
    private static final int PATCH = 4;
    private static final int PATCH_BLOCK = 16;
    /** Refinement passes at most (finite p; see enclose). */
    private static final int ROUNDS = 4;

    public LpEnclosure {
        if (!(tolerance > 0)) {
            throw new InvalidInputException("enclosure tolerance must be > 0, got " + tolerance);
        }
        if (budget < 0) {
            throw new InvalidInputException("sub-box budget must be >= 0, got " + budget);
        }
        if (maxDepth < 0 || maxDepth > 30) {
            throw new InvalidInputException("bisection depth must be in 0..30, got " + maxDepth);
        }
    }

    /**
     * The boxes: {@code n_i} equal parts of {@code [o_i, e_i]} on each axis (real endpoints
     * {@code o_i + j (e_i - o_i) / n_i}); box {@code k} has integer position {@code J} ({@link #position})
     * and constant {@link #value}.
     */
    public interface Grid {
        /** Lower corner {@code o} of the region. */
        double[] origin();

        /** Upper corner {@code e} of the region. */
        double[] end();

        /** Boxes per axis {@code n_i >= 1}. */
        long[] parts();

        /** Number of boxes {@code prod n_i}. */
        long count();

        /** The integer position of box {@code k}, {@code 0 <= J_i < n_i}. */
        void position(long k, long[] out);

        /** The index {@code k} of the box at integer position {@code j} (inverse of {@link #position}). */
        long index(long[] j);

        /** The constant {@code c} subtracted on box {@code k}. */
        double value(long k);
    }

    /** The result: the enclosure and how it was obtained. */
    public record Result(Enclosure norm, long boxes, long refinedBoxes, boolean budgetSpent) {
    }

    /** The enclosure of {@code ||u - c||_{L^p(R)}}. */
    public Result enclose(Enclosable u, Grid grid, PNorm p) {
        int d = grid.origin().length;
        if (d < 1 || d > Taylor.MAX_DIM) {
            throw new InvalidInputException("certified norms need 1 <= d <= " + Taylor.MAX_DIM + ", got " + d);
        }
        BoxNorm.Geometry geo = new BoxNorm.Geometry(grid.origin(), grid.end(), grid.parts());
        long count = grid.count();
        int blocks = Math.toIntExact((count + BLOCK - 1) / BLOCK);
        double[] cellLo = new double[Math.toIntExact(count)];
        double[] cellHi = new double[cellLo.length];
        // the cells whose first enclosure used their patch's Hessian (the others used their own box's)
        boolean[] shared = new boolean[cellLo.length];
        boolean inf = p.isInfinite();
        double pp = p.p();
        // first pass by patches of g^d boxes sharing one Hessian enclosure (over the patch)
        long[] parts = grid.parts();
        int g = PATCH;
        for (long n : parts) {
            while (g > 1 && n % g != 0) {
                g--;
            }
        }
        int span = g;
        long[] patchesPerAxis = new long[d];
        long patches = 1;
        for (int i = 0; i < d; i++) {
            patchesPerAxis[i] = parts[i] / span;
            patches *= patchesPerAxis[i];
        }
        long patchCount = patches;
        int patchBlocks = Math.toIntExact((patchCount + PATCH_BLOCK - 1) / PATCH_BLOCK);
        Blocks.run(patchBlocks, b -> {
            BoxNorm.Work w = new BoxNorm.Work(d);
            long[] base = new long[d];
            long[] j = new long[d];
            long end = Math.min(patchCount, (b + 1L) * PATCH_BLOCK);
            for (long q = (long) b * PATCH_BLOCK; q < end; q++) {
                long rest = q;
                for (int i = 0; i < d; i++) {
                    base[i] = (rest % patchesPerAxis[i]) * span;
                    rest /= patchesPerAxis[i];
                }
                Interval[] hessian = span > 1 ? w.patchHessian(u, geo, base, span) : null;
                w.preparePatch(u, geo, base, span, hessian, pp);
                int inPatch = 1;
                for (int i = 0; i < d; i++) {
                    inPatch *= span;
                }
                for (int c = 0; c < inPatch; c++) {
                    int r = c;
                    for (int i = 0; i < d; i++) {
                        j[i] = base[i] + r % span;
                        r /= span;
                    }
                    long k = grid.index(j);
                    w.evaluateFirst(u, geo, j, grid.value(k), pp, hessian);
                    cellLo[(int) k] = w.out[0];
                    cellHi[(int) k] = w.out[1];
                    shared[(int) k] = hessian != null;
                }
            }
            return null;
        });
        Enclosure first = total(cellLo, cellHi, inf, pp, count);
        if (first.relativeWidth() <= tolerance || budget == 0 || maxDepth == 0) {
            return new Result(finish(first, geo, pp, count), count, 0, false);
        }
        double scale = Double.isFinite(first.hi()) ? first.hi() : (first.lo() > 0 ? first.lo() : 1);
        double lower = first.lo();
        // large p behaves like p = inf (the norm is near the largest box norm): the same steering
        boolean steerMax = inf || pp * tolerance >= 1;
        double threshold = tolerance * scale / 2; // p = inf: the sub-box score every refined cell is brought to
        boolean[] refine = new boolean[cellLo.length];
        double[] allowed = steerMax ? null : new double[cellLo.length];
        // finite p: the allowed width is relative to the upper sum, which the first pass may overestimate grossly
        // (coarse boxes): then the pass is repeated with the refined upper sum (at most ROUNDS passes)
        double upper = 0;
        for (double v : cellHi) {
            if (!inf && v < Double.POSITIVE_INFINITY) {
                upper += Math.pow(v / scale, pp);
            }
        }
        for (int round = 1; ; round++) {
            java.util.Arrays.fill(refine, false);
            long flagged = 0;
            if (steerMax) {
                for (int k = 0; k < cellLo.length; k++) {
                    if (score(cellLo[k], cellHi[k], true, pp, scale, lower) > threshold) {
                        refine[k] = true;
                        flagged++;
                    }
                }
            } else {
                flagged = allocate(cellLo, cellHi, pp, scale, upper, refine, allowed);
            }
            if (flagged == 0) {
                return new Result(finish(first, geo, pp, count), count, 0, false);
            }
            long share = Math.max(1L << d, budget / flagged);
            PowerSum[] lo = new PowerSum[blocks];
            PowerSum[] hi = new PowerSum[blocks];
            double[] maxLo = new double[blocks];
            double[] maxHi = new double[blocks];
            long[] added = new long[blocks];
            boolean[] spent = new boolean[blocks];
            Blocks.run(blocks, b -> {
                BoxNorm.Work w = new BoxNorm.Work(d);
                PowerSum sl = inf ? null : new PowerSum(pp);
                PowerSum sh = inf ? null : new PowerSum(pp);
                double ml = 0;
                double mh = 0;
                long end = Math.min(count, (b + 1L) * BLOCK);
                for (long k = (long) b * BLOCK; k < end; k++) {
                    int i = (int) k;
                    if (!refine[i]) {
                        if (inf) {
                            ml = Math.max(ml, cellLo[i]);
                            mh = Math.max(mh, cellHi[i]);
                        } else {
                            sl.add(1, cellLo[i]);
                            sh.add(1, cellHi[i]);
                        }
                        continue;
                    }
                    grid.position(k, w.position);
                    double c = grid.value(k);
                    PriorityQueue<Box> queue = new PriorityQueue<>();
                    queue.add(new Box(0, w.position.clone(), cellLo[i], cellHi[i],
                            score(cellLo[i], cellHi[i], steerMax, pp, scale, lower), shared[i]));
                    long used = 0;
                    double cellWidth = queue.peek().score;
                    while (!queue.isEmpty() && queue.peek().depth < maxDepth
                            && (steerMax ? queue.peek().score > threshold : cellWidth > allowed[i])) {
                        if (used + (1L << d) > share) {
                            spent[b] = true;
                            break;
                        }
                        Box box = queue.poll();
                        cellWidth -= box.score;
                        if (box.shared) {
                            // first the cell's own Hessian instead of its patch's (about span times narrower):
                            // one box for the price of two Taylor evaluations, where bisection costs 2^(d+1)
                            w.evaluate(u, geo, 0, box.position, c, pp, null);
                            double l = Math.max(box.lo, w.out[0]);
                            double h = Math.min(box.hi, w.out[1]);
                            l = Math.min(l, h);
                            double sc = score(l, h, steerMax, pp, scale, lower);
                            cellWidth += sc;
                            queue.add(new Box(0, box.position, l, h, sc, false));
                            used++;
                            continue;
                        }
                        for (int child = 0; child < 1 << d; child++) {
                            long[] j = new long[d];
                            for (int a = 0; a < d; a++) {
                                j[a] = 2 * box.position[a] + (child >> a & 1);
                            }
                            w.evaluate(u, geo, box.depth + 1, j, c, pp, null);
                            // a sub-box's share of the cell's width: its volume fraction times its own (finite p)
                            double weight = steerMax ? 1 : Math.scalb(1.0, -d * (box.depth + 1));
                            double sc = weight * score(w.out[0], w.out[1], steerMax, pp, scale, lower);
                            cellWidth += sc;
                            queue.add(new Box(box.depth + 1, j, w.out[0], w.out[1], sc, false));
                        }
                        used += 1L << d;
                    }
                    added[b] += used;
                    for (Box box : queue) {
                        if (inf) {
                            ml = Math.max(ml, box.lo);
                            mh = Math.max(mh, box.hi);
                        } else {
                            double weight = Math.scalb(1.0, -d * box.depth);
                            sl.add(weight, box.lo);
                            sh.add(weight, box.hi);
                        }
                    }
                }
                lo[b] = sl;
                hi[b] = sh;
                maxLo[b] = ml;
                maxHi[b] = mh;
                return null;
            });
            long extra = 0;
            boolean anySpent = false;
            for (int b = 0; b < blocks; b++) {
                extra += added[b];
                anySpent |= spent[b];
            }
            Enclosure second;
            if (inf) {
                double l = 0;
                double h = 0;
                for (int b = 0; b < blocks; b++) {
                    l = Math.max(l, maxLo[b]);
                    h = Math.max(h, maxHi[b]);
                }
                second = new Enclosure(l, h);
            } else {
                PowerSum l = new PowerSum(pp);
                PowerSum h = new PowerSum(pp);
                for (int b = 0; b < blocks; b++) {
                    l.add(lo[b]);
                    h.add(hi[b]);
                }
                second = normOf(l, h, count);
            }
            if (steerMax || round == ROUNDS || anySpent || second.relativeWidth() <= tolerance) {
                return new Result(finish(second, geo, pp, count + extra), count + extra, extra, anySpent);
            }
            double refined = count * Math.pow(second.hi() / scale, pp);
            if (!(refined < upper / 2)) {
                return new Result(finish(second, geo, pp, count + extra), count + extra, extra, anySpent);
            }
            upper = refined;
        }
    }

    /**
     * Finite {@code p}: which cells to refine and the width each may keep. With {@code w_k = (hi_k/s)^p - (lo_k/s)^p}
     * (the cell's width in the sum of {@code p}-th powers, {@code s} the first upper bound), the result meets the
     * tolerance when the total width is at most {@code W = S_hi (1 - (1 - tolerance)^p)}: the widest cells are
     * flagged until the others hold at most {@code W / 2}, and each flagged cell may keep its share
     * {@code W / 2 * w_k / (sum of flagged w)}. Returns the number flagged.
     */
    private long allocate(double[] lo, double[] hi, double p, double scale, double upper, boolean[] refine,
                          double[] allowed) {
        int n = lo.length;
        double[] w = new double[n];
        for (int k = 0; k < n; k++) {
            w[k] = score(lo[k], hi[k], false, p, scale, 0);
        }
        double target = -Math.expm1(p * Math.log1p(-tolerance)) * upper;
        double[] sorted = w.clone();
        java.util.Arrays.sort(sorted);
        double rest = 0;
        int finite = n;
        while (finite > 0 && !(sorted[finite - 1] < Double.POSITIVE_INFINITY)) {
            finite--; // unbounded cells (and NaN) are always refined
        }
        for (int q = 0; q < finite; q++) {
            rest += sorted[q];
        }
        double cut = Double.POSITIVE_INFINITY;
        double flaggedWidth = 0;
        for (int q = finite - 1; q >= 0 && rest > target / 2 && sorted[q] > 0; q--) {
            rest -= sorted[q];
            flaggedWidth += sorted[q];
            cut = sorted[q];
        }
        long flagged = 0;
        for (int k = 0; k < n; k++) {
            if (!(w[k] < Double.POSITIVE_INFINITY)) {
                refine[k] = true;
                allowed[k] = target / (2.0 * n);
                flagged++;
            } else if (w[k] >= cut) {
                refine[k] = true;
                allowed[k] = target / 2 * w[k] / flaggedWidth;
                flagged++;
            }
        }
        return flagged;
    }

    private static double score(double lo, double hi, boolean inf, double p, double scale, double lower) {
        if (inf) {
            return hi <= lower ? 0 : hi - Math.max(lo, lower);
        }
        return Math.pow(hi / scale, p) - Math.pow(lo / scale, p);
    }

    private static Enclosure total(double[] lo, double[] hi, boolean inf, double p, long count) {
        if (inf) {
            double l = 0;
            double h = 0;
            for (int k = 0; k < lo.length; k++) {
                l = Math.max(l, lo[k]);
                h = Math.max(h, hi[k]);
            }
            return new Enclosure(l, h);
        }
        // by blocks of BLOCK boxes in parallel, the blocks' sums then added in block order (as the second pass does:
        // the same rounding bound, deterministic)
        int blocks = (lo.length + BLOCK - 1) / BLOCK;
        PowerSum[] bl = new PowerSum[blocks];
        PowerSum[] bh = new PowerSum[blocks];
        Blocks.run(blocks, b -> {
            PowerSum sl = new PowerSum(p);
            PowerSum sh = new PowerSum(p);
            int end = Math.min(lo.length, (b + 1) * BLOCK);
            for (int k = b * BLOCK; k < end; k++) {
                sl.add(1, lo[k]);
                sh.add(1, hi[k]);
            }
            bl[b] = sl;
            bh[b] = sh;
            return null;
        });
        PowerSum l = new PowerSum(p);
        PowerSum h = new PowerSum(p);
        for (int b = 0; b < blocks; b++) {
            l.add(bl[b]);
            h.add(bh[b]);
        }
        return normOf(l, h, count);
    }

    /** The mean-norm {@code (S / count)^(1/p)} of the lower and upper sums. */
    private static Enclosure normOf(PowerSum l, PowerSum h, long count) {
        double nl = l.norm(count);
        double nh = h.norm(count);
        return new Enclosure(Math.min(nl, nh), nh);
    }

    /**
     * From the mean-norm over the region to the norm: times {@code |R|^(1/p)} (enclosed), widened for the
     * rounding of the sums.
     */
    private static Enclosure finish(Enclosure mean, BoxNorm.Geometry geo, double p, long boxes) {
        double rel = (boxes + 16) * 0x1p-50;
        double lo = Math.max(0, mean.lo() * (1 - rel));
        double hi = mean.hi() * (1 + rel);
        if (p != Double.POSITIVE_INFINITY && !(geo.volumeLo == 1 && geo.volumeHi == 1)) {
            double[] vl = AffineNorm.root(geo.volumeLo, geo.volumeLo, p);
            double[] vh = AffineNorm.root(geo.volumeHi, geo.volumeHi, p);
            lo = Math.max(0, Math.nextDown(lo * vl[0]));
            hi = Math.nextUp(hi * vh[1]);
        }
        return new Enclosure(Math.min(lo, hi), hi);
    }

    /** A sub-box waiting in the refinement queue, worst score first. */
    private record Box(int depth, long[] position, double lo, double hi, double score, boolean shared)
            implements Comparable<Box> {
        @Override
        public int compareTo(Box o) {
            return Double.compare(o.score, score);
        }
    }
}
