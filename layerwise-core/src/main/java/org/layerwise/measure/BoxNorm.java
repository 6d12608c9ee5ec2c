package org.layerwise.measure;

import org.layerwise.InvalidInputException;
import org.layerwise.numeric.Interval;
import org.layerwise.numeric.Rounding;
import org.layerwise.numeric.Taylor;

/**
 * One box of {@link LpEnclosure}: rigorous bounds {@code [lo, hi]} of the mean-norm
 * {@code n_K = (mean_K |u - c|^p)^(1/p)} of {@code u - c} on a box {@code K} of the region's grid (or a sub-box
 * of one), {@code c} a constant. The region driver (passes, refinement, sums) is {@link LpEnclosure}; this class
 * holds the models of a single box, all of which are rigorous and intersected where several apply:
 * <ul>
 *   <li><b>Affine model</b> (the Hessian of {@code u} bounded on the box or on a patch of boxes holding it):
 *       {@code u(x) - c = a + g.(x - m) + R(x)}, {@code |R(x)| <= 1/2 sum_ij |H_ij(K)| |t_i| |t_j|} with
 *       {@code t = x - m}, the affine part's norm from {@link AffineNorm}, widened (Minkowski) by the
 *       <i>{@code L^p} norm</i> of that bound, {@code rho = 1/2 sum_i |H_ii| ||t_i||_2p^2 + sum_{i<j} |H_ij|
 *       ||t_i||_p ||t_j||_p} ({@code ||t_i||_q = r_i (q+1)^(-1/q)} for {@code t_i} uniform on {@code [-r_i, r_i]},
 *       independent coordinates; {@code r_i} for {@code p = inf}), plus a slack for the radii of {@code a, g} and
 *       the rounding of {@code m, r} (in the first pass, inside a patch with a bounded Hessian: {@code u(m)} and
 *       {@code grad u(m)} from the first-order tape, {@code Q = mid H(patch)}, remainder, moments and centre offsets
 *       once per patch, {@link Work#evaluateFirst}); {@code p = 2}: a quadratic model with {@code Q = mid H(m)} and the same
 *       remainder with {@code |H(K) - Q|}, third order. (The {@code L^2} norm of {@code t_i^2} is
 *       {@code r_i^2 / sqrt 5}, of {@code t_i t_j} {@code r_i r_j / 3}: 2.2 to 3 times below the sup.)</li>
 *   <li><b>Mean-value model</b> of a shift difference {@code g(x) = u(x + h) - u(x)} ({@link ShiftDifference}, the
 *       modulus of continuity): {@code g(x) = g(m) + grad g(eta).(x - m)} with
 *       {@code grad g(eta) = int_0^1 H u(eta + s h) h ds in G = H u(hull(K, K + h)) h}; {@code g(m)} and
 *       {@code gamma = grad g(m)} are differences of point enclosures at {@code m} and {@code m + h} (tight), the
 *       remainder is {@code sum_i mag(G_i - gamma_i) ||t_i||_p}. Its relative width is
 *       {@code O(wid H(hull) r / |grad u|)}, independent of {@code |h|}, whereas the affine model of the
 *       difference has a remainder {@code |H u| r^2} against a value {@code |grad u| |h|}: useless once
 *       {@code |h|} is below the box size (deep levels). Which is tried: a shift longer than {@link #LONG_SHIFT}
 *       half-widths (on some axis) takes the affine model of the difference alone; a shorter one the mean-value model,
 *       and also the affine one (intersected) when the first is wider than {@link #GOOD} and the shift exceeds the
 *       half-width on some axis.</li>
 *   <li><b>Range</b> {@code G = u(K) - c} where no model applies (a step, a kink, {@code sqrt} at 0):
 *       {@code mig G <= |u - c| <= mag G}.</li>
 * </ul>
 * Not thread-safe: one {@link Work} per thread.
 */
final class BoxNorm {

    /** A mean-value enclosure of a shift difference this tight (relative width) is not tried otherwise. */
    static final double GOOD = 0.02;
    /**
     * A shift longer than this many half-widths of the box (on some axis) skips the mean-value model: the hull of
     * the box and its shift is then so long that {@code H u(hull)} is useless, and the affine model of the
     * difference (remainder {@code |H| r^2} against a value {@code |grad u| |h|}) is the one that works.
     */
    static final double LONG_SHIFT = 8;

    private BoxNorm() {
    }

    /** The region's geometry: origin, extent and parts per axis as intervals. */
    static final class Geometry {
        final Interval[] origin;
        final Interval[] width;   // (e_i - o_i) / n_i
        final double volumeLo;    // bounds of prod (e_i - o_i)
        final double volumeHi;
        /** The bounds of {@link #origin} and {@link #width} as doubles (for {@link Work#bounds}). */
        final double[] originLo;
        final double[] originHi;
        final double[] widthLo;
        final double[] widthHi;

        Geometry(double[] o, double[] e, long[] n) {
            int d = o.length;
            origin = new Interval[d];
            width = new Interval[d];
            originLo = new double[d];
            originHi = new double[d];
            widthLo = new double[d];
            widthHi = new double[d];
            double vl = 1;
            double vh = 1;
            for (int i = 0; i < d; i++) {
                if (!(e[i] > o[i]) || n[i] < 1) {
                    throw new InvalidInputException("empty region on axis " + (i + 1) + ": [" + o[i] + ", " + e[i] + "]");
                }
                origin[i] = Interval.point(o[i]);
                Interval extent = Interval.point(e[i]).subtract(origin[i]);
                width[i] = extent.divide(Interval.point(n[i]));
                originLo[i] = origin[i].lo();
                originHi[i] = origin[i].hi();
                widthLo[i] = width[i].lo();
                widthHi[i] = width[i].hi();
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
    static final class Work {
        final int d;
        final long[] position;
        final Taylor[] box;
        final Taylor[] point;
        final Interval[] bounds;
        final double[] m;
        final double[] r;
        final double[] big;
        final double[] offset;
        /** Upper bounds of the real half-width and of the centre's rounding, per axis (from {@link #bounds}). */
        final double[] halfHi;
        final double[] centreOff;
        /** {@code ||x_i - m_i||_p} and {@code ||x_i - m_i||_{2p}} over the box, upper bounds ({@link #axisNorms}). */
        final double[] np;
        final double[] n2p;
        final double[] coeff;
        /** The gradient enclosure {@code [gl_i, gh_i]} at the centre and the matrix {@code Q} of the model (scratch). */
        final double[] gl;
        final double[] gh;
        final double[] q;
        /** The shifted centre {@code m + h} as a box (scratch of the mean-value model). */
        final double[] shiftedLo;
        final double[] shiftedHi;
        /** Bounds of {@code E q}, {@code E q^2} of a box ({@link #moments}), and of the patch's boxes. */
        final double[] mom = new double[4];
        /** One axis of a box: its ends and centre ({@link #axis}, scratch). */
        private final double[] ends = new double[6];
        final double[] patchMom = new double[4];
        /**
         * The patch of {@link #preparePatch}: its Hessian enclosure (null: none prepared), position, span, exponent;
         * per axis the centres of its boxes ({@code axisCentre[i][t]}, box {@code base_i + t}), the half-width
         * {@code r_i}, the centre offset, sup and {@code L^p} norm bounds of {@code x_i - m_i} valid for all its
         * boxes, and the remainder term {@link #remainder} common to them.
         */
        private Interval[] patchH;
        private final long[] patchBase;
        private int patchSpan;
        private double patchP;
        private final double[][] axisCentre;
        private final double[] patchR;
        private final double[] patchOffset;
        private final double[] patchNp;
        private double patchRest;
        /**
         * The centres of the prepared patch's boxes ({@code patchX[i * n + q]}, box {@code q} in the order of
         * {@link #lane}) and their first-order enclosures ({@link Enclosable#firstOrder(int, double[], int, double[],
         * boolean[])}: {@code patchFirst[e * n + q]}, {@code patchOk[q]}), {@code n = span^d}.
         */
        private double[] patchX = new double[0];
        private double[] patchFirst = new double[0];
        private boolean[] patchOk = new boolean[0];
        private int patchBoxes;
        /** Bounds of {@code r_i^2} (scratch of {@link #moments}). */
        final double[] r2lo;
        final double[] r2hi;
        final double[] out = new double[2];
        /** The exponent {@link #cp} and {@link #c2p} were computed for (NaN: none yet). */
        private double normsOf = Double.NaN;
        private double cp;
        private double c2p;

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
            halfHi = new double[d];
            centreOff = new double[d];
            np = new double[d];
            n2p = new double[d];
            coeff = new double[d];
            gl = new double[d];
            gh = new double[d];
            q = new double[d * (d + 1) / 2];
            shiftedLo = new double[d];
            shiftedHi = new double[d];
            r2lo = new double[d];
            r2hi = new double[d];
            patchBase = new long[d];
            axisCentre = new double[d][];
            patchR = new double[d];
            patchOffset = new double[d];
            patchNp = new double[d];
        }

        /**
         * Fills {@link #np} and {@link #n2p} for the box of the last {@link #bounds} call: with {@code x} uniform on
         * the box, {@code x_i - m_i = t_i + delta_i}, {@code t_i} uniform on {@code [-r_i, r_i]} and
         * {@code |delta_i| <= centreOff_i}, so by Minkowski {@code ||x_i - m_i||_q <= r_i (q+1)^(-1/q) + centreOff_i}
         * ({@code E|t|^q = r^q / (q+1)}); {@code q = p} and {@code q = 2p}, never above {@link #big} (the sup).
         * The constants {@code (q+1)^(-1/q)} are taken one part in 10^12 high (pow is within an ulp).
         */
        private void axisNorms(double p) {
            if (p == Double.POSITIVE_INFINITY) {
                System.arraycopy(big, 0, np, 0, d);
                System.arraycopy(big, 0, n2p, 0, d);
                return;
            }
            if (!(p == normsOf)) {
                cp = Math.min(1, Math.pow(p + 1, -1 / p) * (1 + 1e-12));
                c2p = Math.min(1, Math.pow(2 * p + 1, -1 / (2 * p)) * (1 + 1e-12));
                normsOf = p;
            }
            for (int i = 0; i < d; i++) {
                np[i] = Math.min(big[i], Math.nextUp(Math.nextUp(halfHi[i] * cp) + centreOff[i]));
                n2p[i] = Math.min(big[i], Math.nextUp(Math.nextUp(halfHi[i] * c2p) + centreOff[i]));
            }
        }

        /**
         * The box of {@code span} boxes per axis from position {@code j} at {@code depth}, into {@link #bounds} (and,
         * for {@code span = 1}, its centre {@link #m}, half-width {@link #r} and their rounding): the interval
         * arithmetic of {@link Interval} ({@code o + j w}, {@code w} the box width scaled by {@code 2^-depth}) on
         * doubles, with the same bounds.
         */
        private void bounds(Geometry geo, int depth, long[] j, int span) {
            double scale = Math.scalb(1.0, -depth);
            for (int i = 0; i < d; i++) {
                double wl = geo.widthLo[i];
                double wh = geo.widthHi[i];
                if (depth > 0) {
                    wl = Rounding.prodDown(wl, scale);
                    wh = Rounding.prodUp(wh, scale);
                }
                axis(geo, i, wl, wh, j[i], j[i] + span, ends);
                bounds[i] = Interval.of(ends[0], ends[3]);
                if (span == 1) {
                    double cl = ends[4];
                    double ch = ends[5];
                    double hl = Rounding.prodDown(wl, 0.5);
                    double hh = Rounding.prodUp(wh, 0.5);
                    m[i] = mid(cl, ch);
                    r[i] = mid(hl, hh);
                    // |m_real - m_i| and |r_real - r_i|, with m_real in [cl, ch] and r_real in [hl, hh]
                    double off = Math.max(Math.abs(ch - m[i]), Math.abs(cl - m[i]));
                    offset[i] = Math.nextUp(off + Math.nextUp(hh - hl));
                    big[i] = Math.nextUp(hh + off); // |x_i - m_i| on the box
                    halfHi[i] = hh;
                    centreOff[i] = off;
                }
            }
        }

        /**
         * Axis {@code i} of the box {@code [o_i + a w, o_i + b w]} ({@code 0 <= a <= b}, {@code w = [wl, wh] >= 0},
         * {@code o_i} the geometry's origin): into {@code ends} the bounds of its lower end {@code [0], [1]}, of its
         * upper end {@code [2], [3]} and of its centre {@code [4], [5]}, by directed rounding (the interval
         * arithmetic of {@link Interval} on doubles).
         */
        private static void axis(Geometry geo, int i, double wl, double wh, double a, double b, double[] ends) {
            double ol = geo.originLo[i];
            double oh = geo.originHi[i];
            double loL = Rounding.sumDown(ol, Rounding.prodDown(a, wl));
            double loH = Rounding.sumUp(oh, Rounding.prodUp(a, wh));
            double hiL = Rounding.sumDown(ol, Rounding.prodDown(b, wl));
            double hiH = Rounding.sumUp(oh, Rounding.prodUp(b, wh));
            ends[0] = loL;
            ends[1] = loH;
            ends[2] = hiL;
            ends[3] = hiH;
            ends[4] = Rounding.prodDown(Rounding.sumDown(loL, hiL), 0.5);
            ends[5] = Rounding.prodUp(Rounding.sumUp(loH, hiH), 0.5);
        }

        /** {@link Interval#mid()} of {@code [lo, hi]} (bounded). */
        private static double mid(double lo, double hi) {
            return Math.min(hi, Math.max(lo, lo / 2 + hi / 2));
        }

        /** The Hessian enclosure over a patch, or null when it is not bounded there. */
        Interval[] patchHessian(Enclosable u, Geometry geo, long[] j, int span) {
            if (u instanceof ShiftDifference) {
                return null; // each box tries its mean-value model first
            }
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
         * Prepares the centre model ({@link #evaluateFirst}) of the boxes of the patch of {@code span} boxes per axis at
         * {@code base} (depth 0), with the patch's Hessian enclosure {@code h} (null: nothing to prepare): what does
         * not depend on the box is computed once. The half-width {@code r_i} is the same for all boxes (one width per
         * axis); the centre offset {@code off_i} (the rounding of the centre) is taken as its largest value over the
         * patch's boxes, which makes {@code offset_i}, {@code big_i}, {@code ||x_i - m_i||_p} and
         * {@code ||x_i - m_i||_2p} upper bounds for every box; with {@code Q = mid H(B)} (p = 2) the remainder
         * ({@link #remainder}) and the moments of the quadratic term ({@link #moments}) are then the same for all.
         * The value and gradient of {@code u} at the centres of all the patch's boxes come from one call of
         * {@link Enclosable#firstOrder(int, double[], int, double[], boolean[])} (one pass over a formula's tape).
         */
        void preparePatch(Enclosable u, Geometry geo, long[] base, int span, Interval[] h, double p) {
            patchH = null;
            if (h == null) {
                return;
            }
            boolean quadratic = p == 2;
            for (int i = 0; i < d; i++) {
                double wl = geo.widthLo[i];
                double wh = geo.widthHi[i];
                double hl = Rounding.prodDown(wl, 0.5);
                double hh = Rounding.prodUp(wh, 0.5);
                if (axisCentre[i] == null || axisCentre[i].length < span) {
                    axisCentre[i] = new double[span];
                }
                double worst = 0;
                for (int t = 0; t < span; t++) {
                    // the centre bounds(geo, 0, j, 1) takes for j_i = base_i + t
                    axis(geo, i, wl, wh, base[i] + t, base[i] + t + 1, ends);
                    double cl = ends[4];
                    double ch = ends[5];
                    double mi = mid(cl, ch);
                    axisCentre[i][t] = mi;
                    worst = Math.max(worst, Math.max(Math.abs(ch - mi), Math.abs(cl - mi)));
                }
                r[i] = mid(hl, hh);
                offset[i] = Math.nextUp(worst + Math.nextUp(hh - hl));
                big[i] = Math.nextUp(hh + worst);
                halfHi[i] = hh;
                centreOff[i] = worst;
                patchBase[i] = base[i];
            }
            axisNorms(p);
            if (quadratic) {
                for (int e = 0; e < q.length; e++) {
                    q[e] = h[e].mid();
                }
                moments(q, r, patchMom);
            }
            double rest = remainder(quadratic, h, np, n2p, offset, big);
            if (!(rest < Double.POSITIVE_INFINITY)) {
                return;
            }
            System.arraycopy(r, 0, patchR, 0, d);
            System.arraycopy(offset, 0, patchOffset, 0, d);
            System.arraycopy(np, 0, patchNp, 0, d);
            patchRest = rest;
            patchSpan = span;
            patchP = p;
            patchH = h;
            centres(u);
        }

        /** The first-order enclosures at the centres of the prepared patch's boxes, in one call. */
        private void centres(Enclosable u) {
            int n = 1;
            for (int i = 0; i < d; i++) {
                n *= patchSpan;
            }
            if (patchX.length < d * n) {
                patchX = new double[d * n];
                patchFirst = new double[(2 + 2 * d) * n];
                patchOk = new boolean[n];
            }
            for (int q = 0; q < n; q++) {
                int r = q;
                for (int i = 0; i < d; i++) {
                    patchX[i * n + q] = axisCentre[i][r % patchSpan];
                    r /= patchSpan;
                }
            }
            patchBoxes = n;
            u.firstOrder(d, patchX, n, patchFirst, patchOk);
        }

        /**
         * The place {@code q = sum_i t_i span^i} of the box at offsets {@code t_i = j_i - base_i} in the prepared
         * patch, or -1 when it is not one of its boxes.
         */
        private int lane(long[] j) {
            int q = 0;
            for (int i = d - 1; i >= 0; i--) {
                long t = j[i] - patchBase[i];
                if (t < 0 || t >= patchSpan) {
                    return -1;
                }
                q = q * patchSpan + (int) t;
            }
            return q;
        }

        /**
         * The first pass's enclosure of a box ({@code depth 0}, position {@code j}) inside a patch with Hessian
         * enclosure {@code hessian} (null: none): with a patch Hessian (and the patch prepared by
         * {@link #preparePatch}), the affine (p = 2: quadratic) model of {@link #evaluate} with {@code u(m)} and
         * {@code grad u(m)} from {@link Enclosable#firstOrder} at the centre (no Hessian: a third of a point Taylor
         * evaluation), {@code Q = mid H(B)} (any {@code Q} is rigorous: the remainder uses {@code |H(B) - Q|}, here
         * its radius, no larger than with {@code Q = mid H(m)}) and the patch's common terms; otherwise, or when the
         * centre's value or gradient is not bounded, {@link #evaluate} (the box's own Taylor enclosure).
         */
        void evaluateFirst(Enclosable u, Geometry geo, long[] j, double c, double p, Interval[] hessian) {
            if (hessian != null && hessian == patchH && p == patchP && centreModel(j, c, p)) {
                return;
            }
            evaluate(u, geo, 0, j, c, p, hessian);
        }

        /** The model of {@link #evaluateFirst}; false when the centre's value or gradient is not bounded. */
        private boolean centreModel(long[] j, double c, double p) {
            int q = lane(j);
            if (q < 0 || !patchOk[q]) {
                return false; // not a box of the prepared patch, or its centre's value or gradient is not bounded
            }
            int n = patchBoxes;
            // u(m) - c, as Interval.subtract of the point c
            double fl = Rounding.sumDown(patchFirst[q], -c);
            double fh = Rounding.sumUp(patchFirst[n + q], -c);
            if (!(fl > Double.NEGATIVE_INFINITY && fh < Double.POSITIVE_INFINITY)) {
                return false;
            }
            for (int i = 0; i < d; i++) {
                gl[i] = patchFirst[(2 + 2 * i) * n + q];
                gh[i] = patchFirst[(3 + 2 * i) * n + q];
            }
            double a = mid(fl, fh);
            double rad = Math.max(Math.nextUp(a - fl), Math.nextUp(fh - a));
            finish(a, rad, p == 2, p, patchR, patchNp, patchOffset, patchMom, patchRest);
            return true;
        }

        /**
         * Writes {@code [lo, hi]} of the mean-norm of {@code u - c} on the box at {@code depth}, position
         * {@code j}; {@code hessian} (may be null) encloses the Hessian on a box containing it.
         */
        void evaluate(Enclosable u, Geometry geo, int depth, long[] j, double c, double p, Interval[] hessian) {
            if (u instanceof ShiftDifference s) {
                bounds(geo, depth, j, 1);
                if (!longerThan(s, LONG_SHIFT) && meanValue(s, c, p)) {
                    double lo = out[0];
                    double hi = out[1];
                    if (hi - lo <= GOOD * hi || !longerThan(s, 1)) {
                        return;
                    }
                    // wide (a shift long against the box): the affine model of the difference may do better; for
                    // a shift below the half-width its remainder |H| r^2 against a value |grad u| |h| is useless
                    generic(u, geo, depth, j, c, p, null);
                    out[0] = Math.max(out[0], lo);
                    out[1] = Math.min(out[1], hi);
                    out[0] = Math.min(out[0], out[1]);
                    return;
                }
            }
            generic(u, geo, depth, j, c, p, hessian);
        }

        /** Whether some {@code |h_i|} exceeds {@code times} the box's half-width {@code r_i} (after {@link #bounds}). */
        private boolean longerThan(ShiftDifference s, double times) {
            for (int i = 0; i < d; i++) {
                if (Math.abs(s.shift(i)) > times * r[i]) {
                    return true;
                }
            }
            return false;
        }

        /**
         * The mean-value model of {@code g = u(. + h) - u} on the box (after {@link #bounds}): {@code false} when
         * the Hessian of {@code u} is not bounded on the hull of the box and its shift, or a point value is not.
         */
        private boolean meanValue(ShiftDifference s, double c, double p) {
            Enclosable u = s.u();
            for (int i = 0; i < d; i++) {
                double hi = s.shift(i);
                Interval moved = bounds[i].add(Interval.point(hi));
                box[i] = Taylor.variable(i, Interval.of(Math.min(bounds[i].lo(), moved.lo()),
                        Math.max(bounds[i].hi(), moved.hi())), d);
            }
            Taylor hull = u.taylor(box);
            if (!hull.secondOrderBounded()) {
                return false;
            }
            for (int i = 0; i < d; i++) {
                Interval moved = Interval.point(m[i]).add(Interval.point(s.shift(i)));
                shiftedLo[i] = moved.lo();
                shiftedHi[i] = moved.hi();
            }
            // values only: the interval mode of u at m + h and at m (no derivatives)
            Interval a = u.range(shiftedLo, shiftedHi).subtract(u.range(m, m)).subtract(Interval.point(c));
            if (!a.isBounded()) {
                return false;
            }
            // g(x) = g(m) + grad g(eta).(x - m), grad g(eta) in G = H(hull) h; affine part with gamma = mid G
            double slack = a.radiusAboutMid();
            double rho = 0;
            axisNorms(p);
            for (int i = 0; i < d; i++) {
                Interval g = Interval.ZERO;
                for (int k = 0; k < d; k++) {
                    g = g.add(hull.hessian(i, k).multiply(Interval.point(s.shift(k))));
                }
                double gamma = g.mid();
                coeff[i] = Math.abs(gamma) * r[i];
                slack = Math.nextUp(slack + Math.nextUp(Math.abs(gamma) * offset[i]) + Math.ulp(coeff[i]));
                // |R| <= sum_i |G_i - gamma_i| |x_i - m_i| pointwise, so ||R||_p <= sum_i |G_i - gamma_i| np_i
                rho = Math.nextUp(rho + Math.nextUp(g.subtract(Interval.point(gamma)).mag() * np[i]));
            }
            if (!(rho < Double.POSITIVE_INFINITY)) {
                return false;
            }
            AffineNorm.norm(a.mid(), coeff, p, out);
            double e = Math.nextUp(slack + rho);
            out[0] = Math.max(0, Math.nextDown(out[0] - e));
            out[1] = Math.nextUp(out[1] + e);
            return true;
        }

        /** The affine (or quadratic) model of {@code u - c} on the box, else its range. */
        private void generic(Enclosable u, Geometry geo, int depth, long[] j, double c, double p, Interval[] hessian) {
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
                Interval g = tm.gradient(i);
                if (!g.isBounded()) {
                    return false;
                }
                gl[i] = g.lo();
                gh[i] = g.hi();
            }
            boolean quadratic = p == 2 && tm.secondOrderBounded();
            if (quadratic) {
                for (int i = 0; i < d; i++) {
                    for (int k = 0; k <= i; k++) {
                        q[Taylor.index(k, i)] = tm.hessian(k, i).mid();
                    }
                }
            }
            return affine(fm, quadratic, p, h);
        }

        /**
         * The model of the box (after {@link #bounds}) from {@code fm ⊇ u(m) - c}, the gradient enclosure
         * {@code [gl, gh] ⊇ grad u(m)}, {@code H(K)} ({@code h}) and, when {@code quadratic} (p = 2), the matrix
         * {@link #q}: {@code u - c = a + g.t + [t^T Q t / 2] + R}, see the class comment. False when the remainder
         * is not finite.
         */
        private boolean affine(Interval fm, boolean quadratic, double p, Interval[] h) {
            axisNorms(p);
            double rest = remainder(quadratic, h, np, n2p, offset, big);
            if (!(rest < Double.POSITIVE_INFINITY)) {
                return false;
            }
            if (quadratic) {
                moments(q, r, mom);
            }
            finish(fm.mid(), fm.radiusAboutMid(), quadratic, p, r, np, offset, mom, rest);
            return true;
        }

        /**
         * The norm of the model and its widening, into {@link #out}: {@code a} the value of the affine part,
         * {@code rad} the radius of {@code u(m) - c} about it, the gradient in {@link #gl}, {@link #gh}; the slack
         * of the gradient's radius ({@code rad g_i ||t_i||_p}), of the centre's rounding ({@code |g_i| offset_i})
         * and of {@code coeff_i = |mid g_i| r_i}, plus {@code rest} (the remainder and the quadratic term's slack).
         */
        private void finish(double a, double rad, boolean quadratic, double p, double[] rr, double[] nq,
                            double[] off, double[] moments, double rest) {
            double slack = rad;
            for (int i = 0; i < d; i++) {
                double lo = gl[i];
                double hi = gh[i];
                double gm = mid(lo, hi);
                double gr = Math.max(Math.nextUp(gm - lo), Math.nextUp(hi - gm)); // Interval.radiusAboutMid
                double mag = Math.max(Math.abs(lo), Math.abs(hi));
                coeff[i] = Math.abs(gm) * rr[i];
                slack = Math.nextUp(slack + Math.nextUp(gr * nq[i]) + Math.nextUp(mag * off[i]) + Math.ulp(coeff[i]));
            }
            if (quadratic) {
                quadraticTwo(a, moments);
            } else {
                AffineNorm.norm(a, coeff, p, out);
            }
            double e = Math.nextUp(slack + rest);
            out[0] = Math.max(0, Math.nextDown(out[0] - e));
            out[1] = Math.nextUp(out[1] + e);
        }

        /**
         * The remainder {@code ||1/2 t^T (H(xi) - Q) t||_p <= rho} with {@code Q} = {@link #q} (p = 2, quadratic
         * model) or 0 (affine model), plus (quadratic) the centre offset in the quadratic term,
         * {@code sum |Q_ki| (offset_k big_i + offset_i big_k)}; {@code +inf} when not finite. {@code nq}, {@code n2q}:
         * upper bounds of {@code ||t_i||_p}, {@code ||t_i||_2p}.
         */
        private double remainder(boolean quadratic, Interval[] h, double[] nq, double[] n2q, double[] off,
                                 double[] sup) {
            double slack = 0;
            double rho = 0;
            for (int i = 0; i < d; i++) {
                for (int k = 0; k <= i; k++) {
                    int idx = Taylor.index(k, i);
                    double mag;
                    if (quadratic) {
                        mag = Math.max(Math.abs(Rounding.sumDown(h[idx].lo(), -q[idx])),
                                Math.abs(Rounding.sumUp(h[idx].hi(), -q[idx]))); // |H - Q|
                        // the centre offset in the quadratic term: |Q_ki| (|delta_k| big_i + |delta_i| big_k)
                        slack = Math.nextUp(slack + Math.nextUp(Math.abs(q[idx]) * Math.nextUp(off[k] * sup[i] + off[i] * sup[k])));
                    } else {
                        mag = h[idx].mag();
                    }
                    // Minkowski on |R| <= 1/2 sum_ki A_ki |t_k| |t_i|: ||t_i^2||_p = ||t_i||_2p^2, and
                    // ||t_k t_i||_p = ||t_k||_p ||t_i||_p (independent coordinates)
                    double term = k == i ? Math.nextUp(Math.nextUp(mag * n2q[i]) * n2q[i])
                            : Math.nextUp(Math.nextUp(mag * nq[k]) * nq[i]);
                    rho = Math.nextUp(rho + (k == i ? Math.nextUp(term / 2) : term));
                }
            }
            return rho < Double.POSITIVE_INFINITY ? Math.nextUp(slack + rho) : Double.POSITIVE_INFINITY;
        }

        /**
         * {@code p = 2}: bounds of {@code E q = sum_i Q_ii r_i^2 / 6} and
         * {@code E q^2 = sum_i Q_ii^2 r_i^4 / 20 + sum_{i<j} (Q_ii Q_jj / 18 + Q_ij^2 / 9) r_i^2 r_j^2} into
         * {@code into[0..3]} (see {@link #quadraticTwo}), by directed rounding on doubles: products by
         * {@link Rounding}, a quotient by a small integer rounded to nearest and moved one ulp outward.
         */
        private void moments(double[] q, double[] rr, double[] into) {
            double eqL = 0;
            double eqH = 0;
            double e2L = 0;
            double e2H = 0;
            for (int i = 0; i < d; i++) {
                double r2l = Rounding.prodDown(rr[i], rr[i]);
                double r2h = Rounding.prodUp(rr[i], rr[i]);
                r2lo[i] = r2l;
                r2hi[i] = r2h;
                double qii = q[Taylor.index(i, i)];
                eqL = Rounding.sumDown(eqL, Rounding.productLow(qii, qii, r2l, r2h));
                eqH = Rounding.sumUp(eqH, Rounding.productHigh(qii, qii, r2l, r2h));
                // Q_ii^2 r_i^4 / 20, both factors >= 0
                double q2l = Rounding.prodDown(qii, qii);
                double q2h = Rounding.prodUp(qii, qii);
                e2L = Rounding.sumDown(e2L, Math.nextDown(Rounding.prodDown(q2l, Rounding.prodDown(r2l, r2l)) / 20));
                e2H = Rounding.sumUp(e2H, Math.nextUp(Rounding.prodUp(q2h, Rounding.prodUp(r2h, r2h)) / 20));
                for (int k = 0; k < i; k++) {
                    double qkk = q[Taylor.index(k, k)];
                    double qki = q[Taylor.index(k, i)];
                    // (Q_kk Q_ii / 18 + Q_ki^2 / 9) r_k^2 r_i^2
                    double cl = Rounding.sumDown(Math.nextDown(Rounding.prodDown(qkk, qii) / 18),
                            Math.nextDown(Rounding.prodDown(qki, qki) / 9));
                    double ch = Rounding.sumUp(Math.nextUp(Rounding.prodUp(qkk, qii) / 18),
                            Math.nextUp(Rounding.prodUp(qki, qki) / 9));
                    double rrl = Rounding.prodDown(r2lo[k], r2l);
                    double rrh = Rounding.prodUp(r2hi[k], r2h);
                    e2L = Rounding.sumDown(e2L, Rounding.productLow(cl, ch, rrl, rrh));
                    e2H = Rounding.sumUp(e2H, Rounding.productHigh(cl, ch, rrl, rrh));
                }
            }
            into[0] = Math.nextDown(eqL / 6);
            into[1] = Math.nextUp(eqH / 6);
            into[2] = e2L;
            into[3] = e2H;
        }

        /**
         * {@code p = 2}, quadratic model {@code a + g.t + t^T Q t / 2} with {@code t} uniform on the box
         * ({@code coeff_i = |g_i| r_i}): mean square
         * {@code a^2 + 2 a E q + E q^2 + sum_i coeff_i^2 / 3} ({@code E t^2 = r^2/3}, {@code E t^4 = r^4/5}, odd
         * moments 0), with {@code E q}, {@code E q^2} from {@link #moments}; directed rounding on doubles.
         */
        private void quadraticTwo(double a, double[] moments) {
            double linL = 0;
            double linH = 0;
            for (int i = 0; i < d; i++) {
                linL = Rounding.sumDown(linL, Rounding.prodDown(coeff[i], coeff[i]));
                linH = Rounding.sumUp(linH, Rounding.prodUp(coeff[i], coeff[i]));
            }
            double two = 2 * a; // exact (finite a, no overflow at the scales of a norm)
            double cl = Rounding.productLow(two, two, moments[0], moments[1]); // the point 2a times [E q]
            double ch = Rounding.productHigh(two, two, moments[0], moments[1]);
            double ms = Rounding.sumDown(Rounding.sumDown(Rounding.prodDown(a, a), cl),
                    Rounding.sumDown(moments[2], Math.nextDown(linL / 3)));
            double mh = Rounding.sumUp(Rounding.sumUp(Rounding.prodUp(a, a), ch),
                    Rounding.sumUp(moments[3], Math.nextUp(linH / 3)));
            out[0] = Math.max(0, Math.nextDown(Math.sqrt(Math.max(0, ms))));
            out[1] = Math.nextUp(Math.sqrt(mh));
        }
    }
}
