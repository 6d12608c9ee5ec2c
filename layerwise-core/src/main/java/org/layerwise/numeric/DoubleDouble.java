package org.layerwise.numeric;

import java.math.BigDecimal;
import java.math.MathContext;


/**
 * An unevaluated sum {@code hi + lo} of two doubles with {@code |lo| <= ulp(hi)/2} (a "double-double",
 * about 106 significant bits). Only what the decoder phases need: exact conversions in, and
 * add, multiply and square root with the usual error-free transformations
 * (TwoSum: {@code a + b = s + e} exactly; TwoProd: {@code a * b = p + e} exactly, via {@link Math#fma}).
 *
 * <p>Error bounds, with {@code eps = 2^-53} (unit roundoff of a double), valid while no
 * intermediate underflows (below that the absolute error is at most a few {@code 2^-1074}):
 * <ul>
 * <li>{@link #of(Dyadic)}, {@link #of(BigDecimal)}: {@code |result - v| <= eps^2 |v|} (two roundings to nearest);</li>
 * <li>{@link #add}: {@code <= 3 eps^2 |a + b|}; {@link #multiply}: {@code <= 6 eps^2 |a b|};</li>
 * <li>{@link #sqrt}: {@code <= 4 eps^2 sqrt(a)}.</li>
 * </ul>
 */
public record DoubleDouble(double hi, double lo) {

    static final DoubleDouble ZERO = new DoubleDouble(0.0, 0.0);

    /**
     * TwoSum (Knuth): no assumption on the magnitudes.
     *
     * @param a a double
     * @param b a double
     * @return {@code (s, e)} with {@code s = fl(a + b)} and {@code s + e = a + b} exactly (barring overflow)
     */
    public static DoubleDouble twoSum(double a, double b) {
        double s = a + b;
        double bb = s - a;
        double e = (a - (s - bb)) + (b - bb);
        return new DoubleDouble(s, e);
    }

    /** {@code a + b} exactly, assuming {@code |a| >= |b|} or {@code a == 0}. */
    private static DoubleDouble fastTwoSum(double a, double b) {
        double s = a + b;
        return new DoubleDouble(s, b - (s - a));
    }

    /**
     * TwoProd by one fused multiply-add.
     *
     * @param a a double
     * @param b a double
     * @return {@code (p, e)} with {@code p = fl(a b)} and {@code p + e = a b} exactly (barring under- and overflow)
     */
    public static DoubleDouble twoProd(double a, double b) {
        double p = a * b;
        return new DoubleDouble(p, Math.fma(a, b, -p));
    }

    /**
     * The double-double of an exact dyadic: {@code hi} the nearest double, {@code lo} the nearest double to the
     * exact rest {@code v - hi}; {@code |result - v| <= eps^2 |v|}.
     *
     * @param v the dyadic
     * @return the pair, normalized
     * @throws ArithmeticException if {@code v} rounds to an infinity
     */
    public static DoubleDouble of(Dyadic v) {
        double hi = v.doubleValue();
        if (!Double.isFinite(hi)) {
            throw new ArithmeticException("dyadic " + v + " is beyond the double range");
        }
        // the rest is exact (a dyadic); rounding it once more gives ~106 bits
        double lo = v.subtract(Dyadic.valueOf(hi)).doubleValue();
        return fastTwoSum(hi, lo);
    }

    /**
     * The double-double of a decimal (used for constants computed once): {@code hi} the nearest double, {@code lo}
     * the nearest double to the exact rest; {@code |result - v| <= eps^2 |v|}.
     *
     * @param v the decimal, within the double range
     * @return the pair, normalized
     */
    public static DoubleDouble of(BigDecimal v) {
        double hi = v.doubleValue();
        double lo = v.subtract(new BigDecimal(hi)).doubleValue();
        return fastTwoSum(hi, lo);
    }

    /** @return {@code -(hi + lo)}, exact */
    public DoubleDouble negate() {
        return new DoubleDouble(-hi, -lo);
    }

    /** @return the sign of {@code hi + lo}: -1, 0 or 1 (the sign of {@code hi}, or of {@code lo} when {@code hi = 0}) */
    public int signum() {
        return hi != 0 ? (int) Math.signum(hi) : (int) Math.signum(lo);
    }

    /**
     * The accurate sum: both components summed by TwoSum; error {@code <= 3 eps^2 |this + o|}.
     *
     * @param o the other summand
     * @return {@code this + o}
     */
    public DoubleDouble add(DoubleDouble o) {
        DoubleDouble s = twoSum(hi, o.hi);
        DoubleDouble t = twoSum(lo, o.lo);
        DoubleDouble u = fastTwoSum(s.hi, s.lo + t.hi);
        return fastTwoSum(u.hi, u.lo + t.lo);
    }

    /**
     * @param d a double
     * @return {@code this + d}, by TwoSum of the high parts and one renormalization
     */
    public DoubleDouble add(double d) {
        DoubleDouble s = twoSum(hi, d);
        return fastTwoSum(s.hi, s.lo + lo);
    }

    /**
     * @param o the subtrahend
     * @return {@code this - o}, as {@code add(o.negate())}
     */
    public DoubleDouble subtract(DoubleDouble o) {
        return add(o.negate());
    }

    /**
     * The product: exact product of the high parts plus the two cross terms (the {@code lo lo} term is below
     * {@code eps^2}); error {@code <= 6 eps^2 |this o|}.
     *
     * @param o the other factor
     * @return {@code this * o}
     */
    public DoubleDouble multiply(DoubleDouble o) {
        DoubleDouble p = twoProd(hi, o.hi);
        double cross = Math.fma(hi, o.lo, lo * o.hi);
        return fastTwoSum(p.hi, p.lo + cross);
    }

    /**
     * @param d a double
     * @return {@code this * d}: TwoProd of the high part, the low part's product folded in by one fma
     */
    public DoubleDouble multiply(double d) {
        DoubleDouble p = twoProd(hi, d);
        return fastTwoSum(p.hi, Math.fma(lo, d, p.lo));
    }

    /**
     * @param k the power of two
     * @return {@code this * 2^k}, exact unless it over- or underflows
     */
    public DoubleDouble scalb(int k) {
        return new DoubleDouble(Math.scalb(hi, k), Math.scalb(lo, k));
    }

    /**
     * {@code sqrt(this)} for {@code this >= 0}: the double root {@code s} and one Newton correction
     * {@code (a - s^2) / (2 s)}, with {@code a - s^2} formed exactly from TwoProd; error
     * {@code <= 4 eps^2 sqrt(this)}.
     *
     * @return {@code sqrt(this)}; zero for zero
     * @throws ArithmeticException if {@code hi < 0}
     */
    public DoubleDouble sqrt() {
        if (hi < 0) {
            throw new ArithmeticException("square root of negative " + this);
        }
        if (hi == 0) {
            return ZERO;
        }
        double s = Math.sqrt(hi);
        DoubleDouble sq = twoProd(s, s);
        // (hi - sq.hi) is exact (Sterbenz: s^2 is within an ulp of hi)
        double residual = ((hi - sq.hi) - sq.lo) + lo;
        return fastTwoSum(s, residual / (2 * s));
    }

    /** @return the exact value {@code hi + lo} as a dyadic */
    public Dyadic toDyadic() {
        return Dyadic.valueOf(hi).add(Dyadic.valueOf(lo));
    }

    /**
     * @param mc the precision and rounding
     * @return {@code hi + lo} rounded to a decimal with {@code mc} (for tests and checks of constants)
     */
    public BigDecimal toBigDecimal(MathContext mc) {
        return new BigDecimal(hi).add(new BigDecimal(lo), mc);
    }
}
