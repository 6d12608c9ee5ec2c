package org.layerwise.measure;

import java.util.Arrays;

import org.layerwise.numeric.Interval;

/**
 * Rigorous enclosures of the L^p norm, as a mean over a box, of an affine function:
 * <pre>  n = ( mean_{t in prod_i [-r_i, r_i]} |a + sum_i g_i t_i|^p )^(1/p),   s_i = |g_i| r_i</pre>
 * (the sign of {@code g_i} does not matter: {@code t_i -> -t_i}).
 * <ul>
 *   <li>{@code p = inf}: {@code n = |a| + sum_i s_i} (attained at a corner).</li>
 *   <li>{@code p = 2}: {@code n^2 = a^2 + sum_i s_i^2 / 3} (the cross terms have mean 0).</li>
 *   <li>Other {@code p}: with {@code u_i} uniform on {@code [-1, 1]}, integrating one coordinate at a time,
 *       {@code prod_i (2 s_i) n^p = sum_{e in {-1,1}^k} (prod_i e_i) phi_k(a + sum_i e_i s_i)}, where
 *       {@code phi_k(x) = sgn(x)^k |x|^(p+k) / ((p+1)...(p+k))} is a {@code k}-fold antiderivative of
 *       {@code |x|^p}. Evaluated in {@link Interval} arithmetic after scaling by {@code M = |a| + sum s_i}
 *       (so no power overflows or underflows needlessly). The alternating sum cancels when some
 *       {@code s_i} is small against the others; then (or when {@code s_i < 1e-7 M}) the term is moved into
 *       a Minkowski slack: {@code | n(a, s) - n(a, s without s_j) | <= s_j}.</li>
 * </ul>
 * Stateless.
 */
final class AffineNorm {

    private static final double DROP = 1e-7;
    private static final double CANCELLATION = 1e-6;

    private AffineNorm() {
    }

    /**
     * Writes {@code [lo, hi]} enclosing {@code n} into {@code out[0..1]}.
     *
     * @param a   the value at the centre
     * @param s   the {@code s_i = |g_i| r_i >= 0}, length {@code k} (read only)
     * @param p   the exponent, {@code >= 1}, may be infinite
     */
    static void norm(double a, double[] s, double p, double[] out) {
        double absA = Math.abs(a);
        if (p == Double.POSITIVE_INFINITY) {
            double lo = absA;
            double hi = absA;
            for (double si : s) {
                lo = Math.nextDown(lo + si);
                hi = Math.nextUp(hi + si);
            }
            out[0] = Math.max(absA, lo);
            out[1] = hi;
            return;
        }
        if (p == 2) {
            double lo = a * a;
            double hi = Math.nextUp(lo);
            lo = Math.nextDown(lo);
            for (double si : s) {
                double q = si * si / 3;
                lo = Math.nextDown(lo + Math.nextDown(Math.nextDown(q)));
                hi = Math.nextUp(hi + Math.nextUp(Math.nextUp(q)));
            }
            out[0] = Math.max(absA, Math.nextDown(Math.sqrt(Math.max(0, lo))));
            out[1] = Math.nextUp(Math.sqrt(hi));
            return;
        }
        double[] kept = s.clone();
        Arrays.sort(kept); // ascending: the smallest are dropped first
        double total = absA;
        for (double si : kept) {
            total += si;
        }
        double slack = 0;
        int from = 0;
        while (from < kept.length && kept[from] < DROP * total) {
            slack = Math.nextUp(slack + kept[from]);
            from++;
        }
        while (true) {
            int k = kept.length - from;
            if (k == 0) {
                out[0] = Math.max(0, Math.nextDown(absA - slack));
                out[1] = Math.nextUp(absA + slack);
                return;
            }
            if (formula(absA, kept, from, p, out)) {
                out[0] = Math.max(0, Math.nextDown(out[0] - slack));
                out[1] = Math.nextUp(out[1] + slack);
                return;
            }
            slack = Math.nextUp(slack + kept[from]);
            from++;
        }
    }

    /** The finite-difference formula with {@code kept[from..]}; false when it cancels too badly. */
    private static boolean formula(double a, double[] kept, int from, double p, double[] out) {
        int k = kept.length - from;
        double m = a;
        for (int i = from; i < kept.length; i++) {
            m += kept[i];
        }
        Interval mi = Interval.point(m);
        Interval alpha = Interval.point(a).divide(mi);
        Interval[] sigma = new Interval[k];
        Interval denominator = Interval.ONE;
        for (int i = 0; i < k; i++) {
            sigma[i] = Interval.point(kept[from + i]).divide(mi);
            denominator = denominator.multiply(sigma[i].multiply(Interval.point(2)));
            denominator = denominator.multiply(Interval.point(p).add(Interval.point(1 + i)));
        }
        Interval q = Interval.point(p).add(Interval.point(k)); // thin when p + k is exact
        Interval sum = Interval.ZERO;
        for (int mask = 0; mask < 1 << k; mask++) {
            Interval x = alpha;
            int sign = 1;
            for (int i = 0; i < k; i++) {
                if ((mask >> i & 1) == 1) {
                    x = x.subtract(sigma[i]);
                    sign = -sign;
                } else {
                    x = x.add(sigma[i]);
                }
            }
            Interval phi = phi(x, q, k);
            sum = sign > 0 ? sum.add(phi) : sum.subtract(phi);
        }
        Interval mean = sum.divide(denominator);
        if (!mean.isBounded()) {
            return false;
        }
        double lo = Math.max(0, mean.lo());
        double hi = mean.hi();
        if (!(hi > 0) || hi - lo > CANCELLATION * hi) {
            return false;
        }
        double[] root = root(lo, hi, p);
        out[0] = Math.max(0, Math.nextDown(root[0] * m));
        out[1] = Math.nextUp(root[1] * m);
        return true;
    }

    /** {@code sgn(x)^k |x|^q} over the interval {@code x} (odd {@code k}: increasing; even: {@code |x|^q}). */
    private static Interval phi(Interval x, Interval e, int k) {
        if (k % 2 == 0) {
            return x.abs().pow(e);
        }
        if (x.lo() >= 0) {
            return x.pow(e);
        }
        if (x.hi() <= 0) {
            return x.negate().pow(e).negate();
        }
        double lo = -Interval.point(-x.lo()).pow(e).hi();
        double hi = Interval.point(x.hi()).pow(e).hi();
        return Interval.of(lo, hi);
    }

    /**
     * {@code [lo^(1/p), hi^(1/p)]} widened outward, for {@code 0 <= lo <= hi}: {@code 1/p} is itself
     * rounded, so the exponent is taken from {@code [down(1/p), up(1/p)]} at the bound that errs outward.
     */
    static double[] root(double lo, double hi, double p) {
        if (p == 1) {
            return new double[] {lo, hi};
        }
        double e = 1 / p;
        double eLo = Math.nextDown(e);
        double eHi = Math.nextUp(e);
        // t^e is decreasing in e for t < 1 and increasing for t > 1
        double rl = lo == 0 ? 0 : StrictMath.pow(lo, lo < 1 ? eHi : eLo);
        double rh = StrictMath.pow(hi, hi < 1 ? eLo : eHi);
        return new double[] {Math.max(0, Math.nextDown(Math.nextDown(rl))), Math.nextUp(Math.nextUp(rh))};
    }
}
