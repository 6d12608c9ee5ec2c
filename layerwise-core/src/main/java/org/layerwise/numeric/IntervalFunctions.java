package org.layerwise.numeric;

import static org.layerwise.numeric.Interval.EMPTY;
import static org.layerwise.numeric.Interval.ENTIRE;
import static org.layerwise.numeric.Interval.HALF_PI_HI;
import static org.layerwise.numeric.Interval.PI;
import static org.layerwise.numeric.Interval.UNKNOWN;
import static org.layerwise.numeric.Interval.ZERO;
import static org.layerwise.numeric.Interval.down;
import static org.layerwise.numeric.Interval.down2;
import static org.layerwise.numeric.Interval.make;
import static org.layerwise.numeric.Interval.point;
import static org.layerwise.numeric.Interval.up;
import static org.layerwise.numeric.Interval.up2;

/**
 * The elementary functions of {@link Interval} (one idea: enclosing a function's range from its values at the
 * bounds, its monotonicity and its interior extrema), apart from the arithmetic and the exact piecewise functions in
 * {@link Interval}. Each is called through the instance method of the same name ({@code u.sin()}).
 *
 * <p>Rounding: {@link StrictMath} (fdlibm, error below one ulp), each bound widened by two ulps; monotone functions
 * take the bounds' values, {@code cosh} its minimum 1 at 0, {@code sin}/{@code cos} reach {@code +-1} where the
 * interval may hold a peak (the test errs on the side of including it), {@code tan}/{@code cot} are unbounded where
 * it may hold a pole. Powers: integer exponents by {@code StrictMath.pow} at the bounds (even powers from
 * {@code mig}/{@code mag}), real exponents on a base {@code >= 0} (below 0 undefined), at base 0 a pole for a
 * non-positive exponent. {@code %} is Java's remainder, exact-affine where the quotient's truncation is constant.
 */
final class IntervalFunctions {

    private IntervalFunctions() {
    }

    // ---------------------------------------------------------------- monotone elementary functions

    /**
     * An increasing function defined everywhere, from its values at the bounds.
     *
     * @param x   the argument's enclosure
     * @param f   the function in doubles (error below one ulp)
     * @param min the function's infimum (the lower bound is clamped to it)
     * @param max the function's supremum (the upper bound is clamped to it)
     * @return the range enclosure, each bound widened by two ulps
     */
    private static Interval increasing(Interval x, java.util.function.DoubleUnaryOperator f, double min,
                                       double max) {
        if (x.isEmpty()) {
            return EMPTY;
        }
        return increasing(f.applyAsDouble(x.lo()), f.applyAsDouble(x.hi()), x.maybeUndefined(), min, max);
    }

    /**
     * A logarithm: increasing on {@code (t, inf)}, {@code -inf} at {@code t}, undefined below.
     *
     * @param x the argument's enclosure
     * @param f the logarithm in doubles (error below one ulp)
     * @param t the end of the domain
     * @return the range enclosure, partial if {@code x} reaches below {@code t}, {@link Interval#EMPTY} if it lies
     *         at or below {@code t}
     */
    private static Interval logarithm(Interval x, java.util.function.DoubleUnaryOperator f, double t) {
        double lo = x.lo();
        double hi = x.hi();
        if (x.isEmpty() || hi <= t) {
            return EMPTY;
        }
        return increasing(lo <= t ? Double.NEGATIVE_INFINITY : f.applyAsDouble(lo), f.applyAsDouble(hi),
                x.maybeUndefined() || lo < t, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
    }

    private static Interval increasing(double fl, double fh, boolean p, double min, double max) {
        return make(Math.max(min, down2(fl)), Math.min(max, up2(fh)), p);
    }

    static Interval exp(Interval x) {
        return increasing(x, StrictMath::exp, 0, Double.POSITIVE_INFINITY);
    }

    static Interval expm1(Interval x) {
        return increasing(x, StrictMath::expm1, -1, Double.POSITIVE_INFINITY);
    }

    /** Natural logarithm; {@code log(0) = -inf}, below 0 undefined. */
    static Interval log(Interval x) {
        return logarithm(x, StrictMath::log, 0);
    }

    /** {@code log(t) / log(2)}, with {@code log 2} enclosed. */
    static Interval log2(Interval x) {
        return x.log().divide(Interval.LN2);
    }

    static Interval log10(Interval x) {
        return logarithm(x, StrictMath::log10, 0);
    }

    /** {@code log(1 + t)}; below -1 undefined. */
    static Interval log1p(Interval x) {
        return logarithm(x, StrictMath::log1p, -1);
    }

    static Interval cbrt(Interval x) {
        return increasing(x, StrictMath::cbrt, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
    }

    static Interval atan(Interval x) {
        return increasing(x, StrictMath::atan, -HALF_PI_HI, HALF_PI_HI);
    }

    static Interval sinh(Interval x) {
        return increasing(x, StrictMath::sinh, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
    }

    static Interval tanh(Interval x) {
        return increasing(x, StrictMath::tanh, -1, 1);
    }

    /** {@code cosh}, with its minimum 1 at 0. */
    static Interval cosh(Interval x) {
        boolean partial = x.maybeUndefined();
        if (x.isEmpty()) {
            return EMPTY;
        }
        double m = x.mig();
        double g = x.mag();
        return make(Math.max(1, down2(StrictMath.cosh(m))), up2(StrictMath.cosh(g)), partial);
    }

    /** {@code asin}; outside {@code [-1, 1]} undefined. */
    static Interval asin(Interval x) {
        double lo = x.lo();
        double hi = x.hi();
        boolean partial = x.maybeUndefined();
        if (x.isEmpty() || hi < -1 || lo > 1) {
            return EMPTY;
        }
        boolean p = partial || lo < -1 || hi > 1;
        return increasing(StrictMath.asin(Math.max(-1, lo)), StrictMath.asin(Math.min(1, hi)), p, -HALF_PI_HI,
                HALF_PI_HI);
    }

    /** {@code acos} (decreasing); outside {@code [-1, 1]} undefined. */
    static Interval acos(Interval x) {
        double lo = x.lo();
        double hi = x.hi();
        boolean partial = x.maybeUndefined();
        if (x.isEmpty() || hi < -1 || lo > 1) {
            return EMPTY;
        }
        boolean p = partial || lo < -1 || hi > 1;
        return make(Math.max(0, down2(StrictMath.acos(Math.min(1, hi)))),
                Math.min(PI.hi(), up2(StrictMath.acos(Math.max(-1, lo)))), p);
    }

    // ---------------------------------------------------------------- periodic functions

    /**
     * Whether {@code [lo, hi]} may hold a point {@code phase + k period} for an integer {@code k}, where the
     * period is {@code pi * periodOverPi} and the phase {@code pi * phaseOverPi}: errs towards "yes".
     */
    private static boolean mayHold(Interval x, double phaseOverPi, double periodOverPi) {
        double lo = x.lo();
        double hi = x.hi();
        // t = (x / pi - phase) / period, computed in doubles; its error is below 1e-15 (1 + |t|) relative, so
        // widening by 4e-15 (1 + |t|) is safe, and an interval longer than the period always holds a point.
        double tl = (lo / Math.PI - phaseOverPi) / periodOverPi;
        double th = (hi / Math.PI - phaseOverPi) / periodOverPi;
        if (!(th - tl < 1)) {
            return true;
        }
        double el = 4e-15 * (1 + Math.abs(tl)) + Double.MIN_NORMAL;
        double eh = 4e-15 * (1 + Math.abs(th)) + Double.MIN_NORMAL;
        return Math.floor(th + eh) >= Math.ceil(tl - el);
    }

    /** Widths up to which {@code sin} and {@code cos} take the Lipschitz form (one evaluation). */
    static final double NARROW = 0x1p-40;

    /**
     * {@code sin} or {@code cos}: {@code [-1, 1]} unless bounded; an interval of width {@code w <= 2^-40} (a point
     * enclosure) gives {@code [f(lo) - w, f(lo) + w]} (widened by the rounding, clamped to {@code [-1, 1]}),
     * otherwise the values at the bounds, reaching 1 where
     * the interval may hold a peak {@code pi (peak + 2k)} and -1 where it may hold a trough {@code pi (peak + 1 + 2k)}.
     *
     * @param x          the argument's enclosure
     * @param f          the function in doubles (error below one ulp)
     * @param peakOverPi the phase of the peaks divided by pi
     * @return the range enclosure
     */
    private static Interval sinusoid(Interval x, java.util.function.DoubleUnaryOperator f, double peakOverPi) {
        if (x.isEmpty()) {
            return EMPTY;
        }
        if (!x.isBounded()) {
            return make(-1, 1, x.maybeUndefined());
        }
        double delta = x.hi() - x.lo();
        if (delta <= NARROW) {
            double v = f.applyAsDouble(x.lo());
            return make(narrowLow(v, delta), narrowHigh(v, delta), x.maybeUndefined());
        }
        return periodic(x, f.applyAsDouble(x.lo()), f.applyAsDouble(x.hi()), mayHold(x, peakOverPi, 2),
                mayHold(x, peakOverPi + 1, 2));
    }

    /**
     * The lower bound of {@code sin} or {@code cos} over a bounded interval of width {@code delta <= }{@link #NARROW}
     * whose lower end has the double value {@code v} (error below one ulp): {@code |f(t) - f(lo)| <= t - lo} for
     * {@code t} in the interval (the function is 1-Lipschitz), so one evaluation suffices; clamped to {@code -1}.
     */
    static double narrowLow(double v, double delta) {
        return Math.max(-1, Rounding.sumDown(down2(v), -Math.nextUp(delta)));
    }

    /** The upper bound matching {@link #narrowLow}, clamped to {@code 1}. */
    static double narrowHigh(double v, double delta) {
        return Math.min(1, Rounding.sumUp(up2(v), Math.nextUp(delta)));
    }

    private static Interval periodic(Interval x, double fl, double fh, boolean maxInside, boolean minInside) {
        boolean partial = x.maybeUndefined();
        double l = Math.min(fl, fh);
        double h = Math.max(fl, fh);
        l = minInside ? -1 : Math.max(-1, down2(l));
        h = maxInside ? 1 : Math.min(1, up2(h));
        return make(l, h, partial);
    }

    static Interval sin(Interval x) {
        return sinusoid(x, StrictMath::sin, 0.5);
    }

    static Interval cos(Interval x) {
        return sinusoid(x, StrictMath::cos, 0);
    }

    /** {@code tan}: increasing between its poles {@code pi/2 + k pi}; an interval that may hold one is unbounded. */
    static Interval tan(Interval x) {
        if (x.isEmpty() || !x.isBounded() || mayHold(x, 0.5, 1)) {
            return acrossPoles(x);
        }
        return increasing(StrictMath.tan(x.lo()), StrictMath.tan(x.hi()), x.maybeUndefined(),
                Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
    }

    /** {@code cot = 1 / tan}: decreasing between its poles {@code k pi}; widened by three ulps (tan, then 1/t). */
    static Interval cot(Interval x) {
        if (x.isEmpty() || !x.isBounded() || mayHold(x, 0, 1)) {
            return acrossPoles(x);
        }
        double a = 1 / StrictMath.tan(x.hi());
        double b = 1 / StrictMath.tan(x.lo());
        return make(down(down2(a)), up(up2(b)), x.maybeUndefined());
    }

    /**
     * {@code tan} or {@code cot} of an empty interval (empty) or of one that may hold a pole: the whole line, marked
     * {@link Interval#maybeUndefined() maybe undefined}, since the function has no value at the pole.
     */
    private static Interval acrossPoles(Interval x) {
        return x.isEmpty() ? EMPTY : make(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, true);
    }

    // ---------------------------------------------------------------- powers

    /** {@code x^n} for an integer {@code n} (as {@link Math#pow}: {@code t^0 = 1}); a negative {@code n} has a pole at 0. */
    static Interval powInt(Interval x, long n) {
        double lo = x.lo();
        double hi = x.hi();
        boolean partial = x.maybeUndefined();
        if (x.isEmpty()) {
            return EMPTY;
        }
        if (n == 0) {
            return Interval.raw(1, 1, partial);
        }
        if (n < 0) {
            return powInt(x, -n).reciprocal();
        }
        if (n == 1) {
            return x;
        }
        if (n == 2) {
            return x.square();
        }
        double nd = (double) n;
        if ((n & 1) == 1) {
            return make(down2(StrictMath.pow(lo, nd)), up2(StrictMath.pow(hi, nd)), partial);
        }
        double m = x.mig();
        double g = x.mag();
        return make(m == 0 ? 0 : Math.max(0, down2(StrictMath.pow(m, nd))), up2(StrictMath.pow(g, nd)), partial);
    }

    /**
     * {@code x^e} for real exponents: an integer thin exponent uses {@link Interval#powInt}; otherwise the base must be
     * {@code >= 0} (below 0 undefined); {@code 0^e = 0} for {@code e > 0}; a non-positive exponent at base 0 is a
     * pole. Computed as {@code t^e} at the bounds when {@code e} is thin, else {@code exp(e log t)}.
     */
    static Interval pow(Interval x, Interval e) {
        double lo = x.lo();
        double hi = x.hi();
        boolean partial = x.maybeUndefined();
        if (x.isEmpty() || e.isEmpty()) {
            return EMPTY;
        }
        if (e.isPoint() && e.lo() == Math.rint(e.lo()) && Math.abs(e.lo()) < 1L << 53) {
            return powInt(x, (long) e.lo()).flag(partial || e.maybeUndefined());
        }
        if (hi < 0) {
            return EMPTY;
        }
        boolean p = partial || e.maybeUndefined() || lo < 0;
        double l = Math.max(0, lo);
        if (e.isPoint()) {
            double t = e.lo();
            if (t > 0) {
                return make(l == 0 ? 0 : Math.max(0, down2(StrictMath.pow(l, t))), up2(StrictMath.pow(hi, t)), p);
            }
            // t < 0: decreasing, pole at 0
            double top = l == 0 ? Double.POSITIVE_INFINITY : up2(StrictMath.pow(l, t));
            return make(Math.max(0, down2(StrictMath.pow(hi, t))), top, p);
        }
        if (hi == 0) {
            return e.lo() > 0 ? Interval.raw(0, 0, p) : UNKNOWN;
        }
        Interval base = Interval.raw(l, hi, false);
        Interval r = e.multiply(base.log()).exp();
        if (l == 0) {
            // the point 0 itself: 0^e = 0 for e > 0, a pole otherwise
            r = e.lo() > 0 ? r.hull(ZERO).flag(r.maybeUndefined()) : r.hull(ENTIRE);
        }
        return r.flag(p || r.maybeUndefined());
    }

    /**
     * Java's remainder {@code p % q = p - q trunc(p / q)} over intervals: exact-affine when {@code trunc(p/q)} is
     * constant and {@code q} thin, otherwise bounded by {@code |q|} with the sign of {@code p}; a divisor that may
     * be 0 gives an undefined part.
     */
    static Interval remainder(Interval x, Interval q) {
        double lo = x.lo();
        double hi = x.hi();
        boolean partial = x.maybeUndefined();
        if (x.isEmpty() || q.isEmpty() || (q.lo() == 0 && q.hi() == 0)) {
            return EMPTY;
        }
        boolean p = partial || q.maybeUndefined();
        if (q.lo() <= 0 && q.hi() >= 0) {
            double m = q.mag();
            return make(lo >= 0 ? 0 : -m, hi <= 0 ? 0 : m, true);
        }
        long k = truncConstant(x, q);
        if (k != Long.MIN_VALUE) {
            return x.subtract(q.multiply(point(k))).flag(p);
        }
        double m = q.mag();
        return make(lo >= 0 ? 0 : -m, hi <= 0 ? 0 : m, p);
    }

    /** {@code trunc(p / q)} if it is the same integer for every {@code p} here (q thin, nonzero), else MIN_VALUE. */
    static long truncConstant(Interval x, Interval q) {
        if (!q.isPoint() || !x.isBounded()) {
            return Long.MIN_VALUE;
        }
        Interval t = x.divide(q);
        if (!t.isBounded()) {
            return Long.MIN_VALUE;
        }
        if (t.lo() > -1 && t.hi() < 1) {
            return 0;
        }
        if (t.lo() >= 0) {
            double k = Math.floor(t.lo());
            return t.hi() < k + 1 && k < 1L << 52 ? (long) k : Long.MIN_VALUE;
        }
        if (t.hi() <= 0) {
            double k = Math.ceil(t.hi());
            return t.lo() > k - 1 && -k < 1L << 52 ? (long) k : Long.MIN_VALUE;
        }
        return Long.MIN_VALUE;
    }
}
