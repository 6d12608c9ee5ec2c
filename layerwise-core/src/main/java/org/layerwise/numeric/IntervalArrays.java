package org.layerwise.numeric;

/**
 * {@link Interval} arithmetic on primitive storage, for evaluators that must not allocate per operation (the
 * formula tape): an interval is entry {@code i} of three parallel arrays, {@code lo[i]}, {@code hi[i]} and
 * {@code undefined[i]} (the flag of {@link Interval#maybeUndefined()}); {@code lo > hi} is the empty interval.
 *
 * <p>Every operation writes entry {@code dst} with exactly the bounds and flag the corresponding {@link Interval}
 * method returns for the same operands (the same special cases: exact results for an operand {@code [0, 0]} or
 * {@code [1, 1]}, and the same directed rounding, {@link Rounding}); operands are passed as values, so {@code dst}
 * may be one of them. The caller's arrays are its scratch: no state here, thread-safe.
 */
public final class IntervalArrays {

    private IntervalArrays() {
    }

    /**
     * Stores {@code [l, h]} with flag {@code p}.
     *
     * @param lo  lower bounds
     * @param hi  upper bounds
     * @param und undefined-part flags
     * @param dst the entry written
     * @param l   lower bound
     * @param h   upper bound
     * @param p   flag
     */
    public static void set(double[] lo, double[] hi, boolean[] und, int dst, double l, double h, boolean p) {
        lo[dst] = l;
        hi[dst] = h;
        und[dst] = p;
    }

    /** Stores the empty interval. */
    private static void empty(double[] lo, double[] hi, boolean[] und, int dst) {
        set(lo, hi, und, dst, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, true);
    }

    /** Stores the interval of {@code Interval.make}: a NaN bound becomes the unbounded side. */
    private static void make(double[] lo, double[] hi, boolean[] und, int dst, double l, double h, boolean p) {
        set(lo, hi, und, dst, Double.isNaN(l) ? Double.NEGATIVE_INFINITY : l, Double.isNaN(h)
                ? Double.POSITIVE_INFINITY : h, p);
    }

    /**
     * {@code [xl, xh] + [yl, yh]} as {@link Interval#add}.
     *
     * @param lo  lower bounds
     * @param hi  upper bounds
     * @param und flags
     * @param dst the entry written
     * @param xl  lower bound of x
     * @param xh  upper bound of x
     * @param xp  flag of x
     * @param yl  lower bound of y
     * @param yh  upper bound of y
     * @param yp  flag of y
     */
    public static void add(double[] lo, double[] hi, boolean[] und, int dst, double xl, double xh, boolean xp,
                           double yl, double yh, boolean yp) {
        if (xl > xh || yl > yh) {
            empty(lo, hi, und, dst);
            return;
        }
        boolean p = xp || yp;
        if (yl == 0 && yh == 0) {
            set(lo, hi, und, dst, xl, xh, p);
        } else if (xl == 0 && xh == 0) {
            set(lo, hi, und, dst, yl, yh, p);
        } else {
            make(lo, hi, und, dst, Rounding.sumDown(xl, yl), Rounding.sumUp(xh, yh), p);
        }
    }

    /**
     * {@code [xl, xh] * [yl, yh]} as {@link Interval#multiply(Interval)}.
     *
     * @param lo  lower bounds
     * @param hi  upper bounds
     * @param und flags
     * @param dst the entry written
     * @param xl  lower bound of x
     * @param xh  upper bound of x
     * @param xp  flag of x
     * @param yl  lower bound of y
     * @param yh  upper bound of y
     * @param yp  flag of y
     */
    public static void multiply(double[] lo, double[] hi, boolean[] und, int dst, double xl, double xh, boolean xp,
                                double yl, double yh, boolean yp) {
        if (xl > xh || yl > yh) {
            empty(lo, hi, und, dst);
            return;
        }
        boolean p = xp || yp;
        if (yl == 1 && yh == 1) {
            set(lo, hi, und, dst, xl, xh, p);
            return;
        }
        if (xl == 1 && xh == 1) {
            set(lo, hi, und, dst, yl, yh, p);
            return;
        }
        if (Rounding.productIsZero(xl, xh, yl, yh)) {
            set(lo, hi, und, dst, 0, 0, p);
            return;
        }
        make(lo, hi, und, dst, Rounding.productLow(xl, xh, yl, yh), Rounding.productHigh(xl, xh, yl, yh), p);
    }

    /**
     * {@code [x^2 : x in [xl, xh]]} as {@link Interval#square()}.
     *
     * @param lo  lower bounds
     * @param hi  upper bounds
     * @param und flags
     * @param dst the entry written
     * @param xl  lower bound of x
     * @param xh  upper bound of x
     * @param xp  flag of x
     */
    public static void square(double[] lo, double[] hi, boolean[] und, int dst, double xl, double xh, boolean xp) {
        if (xl > xh) {
            empty(lo, hi, und, dst);
            return;
        }
        double m = xl <= 0 && xh >= 0 ? 0 : Math.min(Math.abs(xl), Math.abs(xh));
        double g = Math.max(Math.abs(xl), Math.abs(xh));
        make(lo, hi, und, dst, m == 0 ? 0 : Math.nextDown(m * m), Math.nextUp(g * g), xp);
    }

    /**
     * {@code -[xl, xh]} as {@link Interval#negate()}.
     *
     * @param lo  lower bounds
     * @param hi  upper bounds
     * @param und flags
     * @param dst the entry written
     * @param xl  lower bound of x
     * @param xh  upper bound of x
     * @param xp  flag of x
     */
    public static void negate(double[] lo, double[] hi, boolean[] und, int dst, double xl, double xh, boolean xp) {
        if (xl > xh) {
            empty(lo, hi, und, dst);
        } else {
            set(lo, hi, und, dst, -xh, -xl, xp);
        }
    }

    /**
     * {@code sqrt} of {@code [xl, xh]} as {@link Interval#sqrt()} (the part below 0 undefined).
     *
     * @param lo  lower bounds
     * @param hi  upper bounds
     * @param und flags
     * @param dst the entry written
     * @param xl  lower bound of x
     * @param xh  upper bound of x
     * @param xp  flag of x
     */
    public static void sqrt(double[] lo, double[] hi, boolean[] und, int dst, double xl, double xh, boolean xp) {
        if (xl > xh || xh < 0) {
            empty(lo, hi, und, dst);
            return;
        }
        double l = xl <= 0 ? 0 : Math.max(0, Math.nextDown(Math.sqrt(xl)));
        make(lo, hi, und, dst, l, Math.nextUp(Math.sqrt(xh)), xp || xl < 0);
    }

    /**
     * {@code 1 / [xl, xh]} as {@link Interval#reciprocal()}.
     *
     * @param lo  lower bounds
     * @param hi  upper bounds
     * @param und flags
     * @param dst the entry written
     * @param xl  lower bound of x
     * @param xh  upper bound of x
     * @param xp  flag of x
     */
    public static void reciprocal(double[] lo, double[] hi, boolean[] und, int dst, double xl, double xh, boolean xp) {
        if (xl <= 0 && xh >= 0 || xl > xh) {
            put(lo, hi, und, dst, Interval.of(xl, xh, xp).reciprocal()); // empty, 0 inside or at a bound
            return;
        }
        make(lo, hi, und, dst, Math.nextDown(1 / xh), Math.nextUp(1 / xl), xp);
    }

    /**
     * {@code [xl, xh] / [yl, yh]} as {@link Interval#divide}.
     *
     * @param lo  lower bounds
     * @param hi  upper bounds
     * @param und flags
     * @param dst the entry written
     * @param xl  lower bound of x
     * @param xh  upper bound of x
     * @param xp  flag of x
     * @param yl  lower bound of y
     * @param yh  upper bound of y
     * @param yp  flag of y
     */
    public static void divide(double[] lo, double[] hi, boolean[] und, int dst, double xl, double xh, boolean xp,
                              double yl, double yh, boolean yp) {
        if (xl > xh || yl > yh || !(yl > 0 || yh < 0)) {
            put(lo, hi, und, dst, Interval.of(xl, xh, xp).divide(Interval.of(yl, yh, yp)));
            return;
        }
        if (xl == 0 && xh == 0) {
            set(lo, hi, und, dst, 0, 0, xp || yp);
            return;
        }
        double a = xl / yl;
        double b = xl / yh;
        double c = xh / yl;
        double e = xh / yh;
        double l = Math.min(Math.min(a, b), Math.min(c, e));
        double h = Math.max(Math.max(a, b), Math.max(c, e));
        make(lo, hi, und, dst, Math.nextDown(l), Math.nextUp(h), xp || yp);
    }

    /**
     * {@code sin} of {@code [xl, xh]} as {@link Interval#sin()}: a bounded interval of width at most
     * {@code 2^-40} (a point enclosure) here, with one {@link StrictMath#sin}; any other through {@link Interval}.
     *
     * @param lo  lower bounds
     * @param hi  upper bounds
     * @param und flags
     * @param dst the entry written
     * @param xl  lower bound of x
     * @param xh  upper bound of x
     * @param xp  flag of x
     */
    public static void sin(double[] lo, double[] hi, boolean[] und, int dst, double xl, double xh, boolean xp) {
        sinusoid(lo, hi, und, dst, xl, xh, xp, false);
    }

    /**
     * {@code cos} of {@code [xl, xh]} as {@link Interval#cos()}, as {@link #sin}.
     *
     * @param lo  lower bounds
     * @param hi  upper bounds
     * @param und flags
     * @param dst the entry written
     * @param xl  lower bound of x
     * @param xh  upper bound of x
     * @param xp  flag of x
     */
    public static void cos(double[] lo, double[] hi, boolean[] und, int dst, double xl, double xh, boolean xp) {
        sinusoid(lo, hi, und, dst, xl, xh, xp, true);
    }

    /**
     * {@code sin} or ({@code cosine}) {@code cos}: a bounded, unflagged interval of width at most {@code 2^-40} by the
     * one-evaluation form of {@link Interval#sin()}, any other through {@link Interval}.
     */
    private static void sinusoid(double[] lo, double[] hi, boolean[] und, int dst, double xl, double xh, boolean xp,
                                 boolean cosine) {
        if (!xp && xl <= xh && xl > Double.NEGATIVE_INFINITY && xh < Double.POSITIVE_INFINITY
                && xh - xl <= IntervalFunctions.NARROW) {
            double v = cosine ? StrictMath.cos(xl) : StrictMath.sin(xl);
            make(lo, hi, und, dst, IntervalFunctions.narrowLow(v, xh - xl), IntervalFunctions.narrowHigh(v, xh - xl),
                    false);
        } else {
            Interval x = Interval.of(xl, xh, xp);
            put(lo, hi, und, dst, cosine ? x.cos() : x.sin());
        }
    }

    /**
     * {@code exp} of {@code [xl, xh]} as {@link Interval#exp()}.
     *
     * @param lo  lower bounds
     * @param hi  upper bounds
     * @param und flags
     * @param dst the entry written
     * @param xl  lower bound of x
     * @param xh  upper bound of x
     * @param xp  flag of x
     */
    public static void exp(double[] lo, double[] hi, boolean[] und, int dst, double xl, double xh, boolean xp) {
        if (xl > xh) {
            empty(lo, hi, und, dst);
            return;
        }
        make(lo, hi, und, dst, Math.max(0, Interval.down2(StrictMath.exp(xl))), Interval.up2(StrictMath.exp(xh)), xp);
    }

    /** Stores {@code v}. */
    private static void put(double[] lo, double[] hi, boolean[] und, int dst, Interval v) {
        set(lo, hi, und, dst, v.lo(), v.hi(), v.maybeUndefined());
    }

    /**
     * Reads entry {@code i} back as an {@link Interval}.
     *
     * @param lo  lower bounds
     * @param hi  upper bounds
     * @param und flags
     * @param i   the entry
     * @return the interval
     */
    public static Interval get(double[] lo, double[] hi, boolean[] und, int i) {
        return Interval.of(lo[i], hi[i], und[i]);
    }
}
