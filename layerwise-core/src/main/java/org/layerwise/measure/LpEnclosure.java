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
 * <p><b>One box</b> {@code K} with centre {@code m} and half-widths {@code r}: with {@code T = u} as a Taylor
 * enclosure over {@code K} and {@code u(m)}, {@code grad u(m)} enclosed by a Taylor evaluation at the point,
 * <pre>  u(x) - c = a + g.(x - m) + R(x),   |R| <= rho = 1/2 sum_ij |H_ij(K)| r_i r_j</pre>
 * with {@code a, g} the midpoints of the enclosures of {@code u(m) - c} and {@code grad u(m)} (their radii, and
 * the rounding of {@code m} and {@code r}, go into a slack added to {@code rho}). By Minkowski, the mean-norm
 * {@code n_K = (mean_K |u - c|^p)^(1/p)} lies within {@code rho + slack} of that of the affine function, which
 * {@link AffineNorm} encloses. Where the Hessian is not bounded on {@code K} (a step, a kink, {@code sqrt} at
 * 0), the range {@code G = u(K) - c} gives {@code mig G <= |u - c| <= mag G} on {@code K}.
 *
 * <p><b>Whole region.</b> {@code ||u - c||_p^p = |R| sum_K |K|/|R| n_K^p}, with lower and upper sums of the
 * {@code n_K} bounds ({@link PowerSum}: any {@code p}); {@code p = inf}: the maximum of the lower bounds
 * below (each a value the continuous function attains on the box, or {@code mig G}), the maximum of the upper
 * bounds above. A first pass encloses every box of the grid; if the relative width exceeds
 * {@link #tolerance()}, the boxes whose share of the width is above {@code tolerance / 2} (finite {@code p}:
 * {@code (n_hi/E)^p - (n_lo/E)^p > tolerance p / 2}, {@code E} the first upper bound; {@code p = inf}: upper bound
 * above the first lower bound by more than {@code tolerance E / 2}) are bisected along every axis, worst
 * sub-box first, each within an equal share of the sub-box {@link #budget()} (deterministic: no shared
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
        Geometry geo = new Geometry(grid.origin(), grid.end(), grid.parts());
        long count = grid.count();
        int blocks = Math.toIntExact((count + BLOCK - 1) / BLOCK);
        double[] cellLo = new double[Math.toIntExact(count)];
        double[] cellHi = new double[cellLo.length];
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
            Work w = new Work(d);
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
                    w.evaluate(u, geo, 0, j, grid.value(k), pp, hessian);
                    cellLo[(int) k] = w.out[0];
                    cellHi[(int) k] = w.out[1];
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
        double threshold = inf ? tolerance * scale / 2 : tolerance * pp / 2;
        long flagged = 0;
        boolean[] refine = new boolean[cellLo.length];
        for (int k = 0; k < cellLo.length; k++) {
            double s = score(cellLo[k], cellHi[k], inf, pp, scale, lower);
            if (s > threshold) {
                refine[k] = true;
                flagged++;
            }
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
            Work w = new Work(d);
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
                        score(cellLo[i], cellHi[i], inf, pp, scale, lower)));
                long used = 0;
                while (!queue.isEmpty() && queue.peek().score > threshold && queue.peek().depth < maxDepth) {
                    if (used + (1L << d) > share) {
                        spent[b] = true;
                        break;
                    }
                    Box box = queue.poll();
                    for (int child = 0; child < 1 << d; child++) {
                        long[] j = new long[d];
                        for (int a = 0; a < d; a++) {
                            j[a] = 2 * box.position[a] + (child >> a & 1);
                        }
                        w.evaluate(u, geo, box.depth + 1, j, c, pp, null);
                        // a sub-box's share of the cell's width: its volume fraction times its own (finite p)
                        double weight = inf ? 1 : Math.scalb(1.0, -d * (box.depth + 1));
                        queue.add(new Box(box.depth + 1, j, w.out[0], w.out[1],
                                weight * score(w.out[0], w.out[1], inf, pp, scale, lower)));
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
        return new Result(finish(second, geo, pp, count + extra), count + extra, extra, anySpent);
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
        PowerSum l = new PowerSum(p);
        PowerSum h = new PowerSum(p);
        for (int k = 0; k < lo.length; k++) {
            l.add(1, lo[k]);
            h.add(1, hi[k]);
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
    private static Enclosure finish(Enclosure mean, Geometry geo, double p, long boxes) {
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
    private record Box(int depth, long[] position, double lo, double hi, double score) implements Comparable<Box> {
        @Override
        public int compareTo(Box o) {
            return Double.compare(o.score, score);
        }
    }

    /** The region's geometry: origin, extent and parts per axis as intervals. */
    private static final class Geometry {
        final Interval[] origin;
        final Interval[] width;   // (e_i - o_i) / n_i
        final double volumeLo;    // bounds of prod (e_i - o_i)
        final double volumeHi;

        Geometry(double[] o, double[] e, long[] n) {
            int d = o.length;
            origin = new Interval[d];
            width = new Interval[d];
            double vl = 1;
            double vh = 1;
            for (int i = 0; i < d; i++) {
                if (!(e[i] > o[i]) || n[i] < 1) {
                    throw new InvalidInputException("empty region on axis " + (i + 1) + ": [" + o[i] + ", " + e[i] + "]");
                }
                origin[i] = Interval.point(o[i]);
                Interval extent = Interval.point(e[i]).subtract(origin[i]);
                width[i] = extent.divide(Interval.point(n[i]));
                if (!(extent.lo() == 1 && extent.hi() == 1)) {
                    vl = Math.nextDown(vl * extent.lo());
                    vh = Math.nextUp(vh * extent.hi());
                }
            }
            volumeLo = vl;
            volumeHi = vh;
        }
    }

    /** Per-thread scratch space and the evaluation of one box. */
    private static final class Work {
        final int d;
        final long[] position;
        final Taylor[] box;
        final Taylor[] point;
        final Interval[] bounds;
        final double[] m;
        final double[] r;
        final double[] big;
        final double[] offset;
        final double[] coeff;
        final double[] out = new double[2];

        Work(int d) {
            this.d = d;
            position = new long[d];
            box = new Taylor[d];
            point = new Taylor[d];
            bounds = new Interval[d];
            m = new double[d];
            r = new double[d];
            big = new double[d];
            offset = new double[d];
            coeff = new double[d];
        }

        /** The box of {@code span} boxes per axis from position {@code j} at {@code depth}, into {@link #bounds}. */
        private void bounds(Geometry geo, int depth, long[] j, int span) {
            for (int i = 0; i < d; i++) {
                Interval w = geo.width[i];
                if (depth > 0) {
                    w = w.multiply(Interval.point(Math.scalb(1.0, -depth)));
                }
                Interval lo = geo.origin[i].add(Interval.point(j[i]).multiply(w));
                Interval hi = geo.origin[i].add(Interval.point(j[i] + span).multiply(w));
                bounds[i] = Interval.of(lo.lo(), hi.hi());
                if (span == 1) {
                    Interval centre = lo.add(hi).multiply(Interval.point(0.5));
                    Interval half = w.multiply(Interval.point(0.5));
                    m[i] = centre.mid();
                    r[i] = half.mid();
                    // |m_real - m_i| and |r_real - r_i|, with m_real in centre and r_real in half
                    double off = Math.max(Math.abs(centre.hi() - m[i]), Math.abs(centre.lo() - m[i]));
                    offset[i] = Math.nextUp(off + half.width());
                    big[i] = Math.nextUp(half.hi() + off); // |x_i - m_i| on the box
                }
            }
        }

        /** The Hessian enclosure over a patch, or null when it is not bounded there. */
        Interval[] patchHessian(Enclosable u, Geometry geo, long[] j, int span) {
            bounds(geo, 0, j, span);
            for (int i = 0; i < d; i++) {
                box[i] = Taylor.variable(i, bounds[i], d);
            }
            Taylor t = u.taylor(box);
            if (!t.secondOrderBounded()) {
                return null;
            }
            Interval[] h = new Interval[d * (d + 1) / 2];
            for (int i = 0; i < d; i++) {
                for (int k = 0; k <= i; k++) {
                    h[Taylor.index(k, i)] = t.hessian(k, i);
                }
            }
            return h;
        }

        /**
         * Writes {@code [lo, hi]} of the mean-norm of {@code u - c} on the box at {@code depth}, position
         * {@code j}; {@code hessian} (may be null) encloses the Hessian on a box containing it.
         */
        void evaluate(Enclosable u, Geometry geo, int depth, long[] j, double c, double p, Interval[] hessian) {
            bounds(geo, depth, j, 1);
            Interval range = null;
            Interval[] h = hessian;
            if (h == null) {
                for (int i = 0; i < d; i++) {
                    box[i] = Taylor.variable(i, bounds[i], d);
                }
                Taylor tb = u.taylor(box);
                range = tb.value().subtract(Interval.point(c));
                if (tb.secondOrderBounded()) {
                    h = new Interval[d * (d + 1) / 2];
                    for (int i = 0; i < d; i++) {
                        for (int k = 0; k <= i; k++) {
                            h[Taylor.index(k, i)] = tb.hessian(k, i);
                        }
                    }
                }
            }
            if (h != null && model(u, c, p, h)) {
                if (range != null && finite(range)) {
                    // the range may be tighter (tiny boxes of a nearly constant function)
                    out[0] = Math.max(out[0], range.mig());
                    out[1] = Math.min(out[1], range.mag());
                    out[0] = Math.min(out[0], out[1]);
                }
                return;
            }
            if (range == null) {
                for (int i = 0; i < d; i++) {
                    box[i] = Taylor.variable(i, bounds[i], d);
                }
                range = u.taylor(box).value().subtract(Interval.point(c));
            }
            // a flagged (partly undefined) range still bounds the values where u is defined: u is defined
            // almost everywhere (checked when the table was built)
            if (finite(range)) {
                out[0] = range.mig();
                out[1] = range.mag();
            } else {
                out[0] = 0;
                out[1] = Double.POSITIVE_INFINITY;
            }
        }

        private static boolean finite(Interval v) {
            return !v.isEmpty() && v.lo() > Double.NEGATIVE_INFINITY && v.hi() < Double.POSITIVE_INFINITY;
        }

        /** The Taylor model of the box (after {@link #bounds}); false when the point evaluation is not bounded. */
        private boolean model(Enclosable u, double c, double p, Interval[] h) {
            for (int i = 0; i < d; i++) {
                point[i] = Taylor.variable(i, Interval.point(m[i]), d);
            }
            Taylor tm = u.taylor(point);
            Interval fm = tm.value().subtract(Interval.point(c));
            if (!fm.isBounded()) {
                return false;
            }
            for (int i = 0; i < d; i++) {
                if (!tm.gradient(i).isBounded()) {
                    return false;
                }
            }
            boolean quadratic = p == 2 && tm.secondOrderBounded();
            double a = fm.mid();
            // slack: the radii of u(m) and grad u(m), the rounding of the centre and half-widths
            double slack = fm.radiusAboutMid();
            for (int i = 0; i < d; i++) {
                Interval g = tm.gradient(i);
                double gm = g.mid();
                coeff[i] = Math.abs(gm) * r[i];
                slack = Math.nextUp(slack + Math.nextUp(g.radiusAboutMid() * big[i])
                        + Math.nextUp(g.mag() * offset[i]) + Math.ulp(coeff[i]));
            }
            // remainder: 1/2 t^T (H(xi) - Q) t with Q = mid H(m) (p = 2, quadratic model) or Q = 0 (affine model)
            double rho = 0;
            double[] q = quadratic ? new double[d * (d + 1) / 2] : null;
            for (int i = 0; i < d; i++) {
                for (int k = 0; k <= i; k++) {
                    int idx = Taylor.index(k, i);
                    double mag;
                    if (quadratic) {
                        q[idx] = tm.hessian(k, i).mid();
                        mag = h[idx].subtract(Interval.point(q[idx])).mag();
                        // the centre offset in the quadratic term: |Q_ki| (|delta_k| big_i + |delta_i| big_k)
                        slack = Math.nextUp(slack + Math.nextUp(Math.abs(q[idx]) * Math.nextUp(offset[k] * big[i] + offset[i] * big[k])));
                    } else {
                        mag = h[idx].mag();
                    }
                    double term = Math.nextUp(Math.nextUp(mag * big[k]) * big[i]);
                    rho = Math.nextUp(rho + (k == i ? Math.nextUp(term / 2) : term));
                }
            }
            if (!(rho < Double.POSITIVE_INFINITY)) {
                return false;
            }
            if (quadratic) {
                quadraticTwo(a, q);
            } else {
                AffineNorm.norm(a, coeff, p, out);
            }
            double e = Math.nextUp(slack + rho);
            out[0] = Math.max(0, Math.nextDown(out[0] - e));
            out[1] = Math.nextUp(out[1] + e);
            return true;
        }

        /**
         * {@code p = 2}, quadratic model {@code a + g.t + t^T Q t / 2} with {@code t} uniform on the box
         * ({@code coeff_i = |g_i| r_i}): mean square
         * {@code a^2 + 2 a E q + E q^2 + sum_i coeff_i^2 / 3}, {@code E q = sum_i Q_ii r_i^2 / 6},
         * {@code E q^2 = sum_i Q_ii^2 r_i^4 / 20 + sum_{i<j} (Q_ii Q_jj / 18 + Q_ij^2 / 9) r_i^2 r_j^2}
         * ({@code E t^2 = r^2/3}, {@code E t^4 = r^4/5}, odd moments 0), in interval arithmetic.
         */
        private void quadraticTwo(double a, double[] q) {
            Interval[] r2 = new Interval[d];
            for (int i = 0; i < d; i++) {
                r2[i] = Interval.point(r[i]).square();
            }
            Interval eq = Interval.ZERO;
            Interval eq2 = Interval.ZERO;
            Interval lin = Interval.ZERO;
            for (int i = 0; i < d; i++) {
                Interval qii = Interval.point(q[Taylor.index(i, i)]);
                eq = eq.add(qii.multiply(r2[i]));
                eq2 = eq2.add(qii.square().multiply(r2[i].square()).divide(Interval.point(20)));
                lin = lin.add(Interval.point(coeff[i]).square());
                for (int k = 0; k < i; k++) {
                    Interval qkk = Interval.point(q[Taylor.index(k, k)]);
                    Interval qki = Interval.point(q[Taylor.index(k, i)]);
                    Interval rr = r2[k].multiply(r2[i]);
                    eq2 = eq2.add(qkk.multiply(qii).divide(Interval.point(18)).add(qki.square().divide(Interval.point(9))).multiply(rr));
                }
            }
            eq = eq.divide(Interval.point(6));
            Interval ai = Interval.point(a);
            Interval ms = ai.square().add(Interval.point(2).multiply(ai).multiply(eq)).add(eq2)
                    .add(lin.divide(Interval.point(3)));
            double lo = Math.max(0, ms.lo());
            out[0] = Math.max(0, Math.nextDown(Math.sqrt(lo)));
            out[1] = Math.nextUp(Math.sqrt(ms.hi()));
        }
    }
}
