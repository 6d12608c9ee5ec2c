package org.layerwise.numeric;

/**
 * A closed interval {@code [lo, hi]} of reals with double bounds, outward rounded: every operation returns an
 * interval that contains the exact real result of the operation applied to every pair (tuple) of reals in its
 * operands. The project's own type: no Java interval library on Maven Central is both maintained and rigorous for
 * the elementary functions (see {@code docs/certified-means.md}).
 *
 * <p><b>Rounding.</b> {@code + - * /} and {@code sqrt} are correctly rounded in IEEE arithmetic, so each bound is
 * computed in doubles and moved one ulp outward ({@link Math#nextDown}, {@link Math#nextUp}). The elementary
 * functions use {@link StrictMath} (fdlibm, error below one ulp) and are widened by two ulps; monotonicity and
 * interior extrema are taken into account ({@code sin} over an interval holding {@code pi/2 + 2 k pi} reaches 1;
 * the test for an interior extremum errs on the side of including it). {@code abs}, {@code min}, {@code max},
 * {@code floor}, {@code ceil}, {@code step}, {@code sign} are exact.
 *
 * <p><b>Unbounded and undefined.</b> Bounds may be infinite (a pole inside, an overflow): {@link #isBounded()} is
 * then false. Two more states: {@link #EMPTY} (the operation is undefined on its whole argument: {@code log} of a
 * negative interval, {@code x / 0}) and {@link #maybeUndefined()} (undefined on part of the argument, e.g.
 * {@code sqrt([-1, 4])}): the bounds then enclose the values where it is defined, and the flag propagates
 * through every later operation. Callers that need a value on a whole box treat a flagged interval as unknown
 * (subdivide) and an empty one as "undefined on a set of positive measure".
 *
 * <p><b>Where the code is.</b> This class holds the representation, the arithmetic and the exact piecewise
 * functions; the elementary functions (monotone, periodic, powers, remainder) are in {@link IntervalFunctions} and
 * reached through the instance methods below; the directed rounding of one operation is {@link Rounding}, shared
 * with the allocation-free form {@link IntervalArrays}.
 *
 * <p>Immutable and thread-safe.
 *
 * <p><b>One idea per file.</b> This file is the interval value and its arithmetic (bounds, set operations, the
 * four operations, powers, exact piecewise functions); the elementary functions are in {@code IntervalFunctions}
 * (reached through the instance methods below) and the array form in {@link IntervalArrays}. Its length beyond
 * ~500 lines is the documented contract of each public member (about 340 lines of code).
 */
public final class Interval {

    /** {@code [0, 0]}. */
    public static final Interval ZERO = new Interval(0, 0, false);
    /** {@code [1, 1]}. */
    public static final Interval ONE = new Interval(1, 1, false);
    /** {@code [-inf, inf]}, defined. */
    public static final Interval ENTIRE = new Interval(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, false);
    /** {@code [-inf, inf]}, possibly undefined somewhere. */
    public static final Interval UNKNOWN = new Interval(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, true);
    /** Undefined everywhere on the argument (no value at all). */
    public static final Interval EMPTY = new Interval(Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, true);

    /** An enclosure of pi: {@code [Math.PI, nextUp(Math.PI)]} (Math.PI is the double just below pi). */
    public static final Interval PI = new Interval(Math.PI, Math.nextUp(Math.PI), false);
    /** An enclosure of {@code ln 2}. */
    public static final Interval LN2 = new Interval(Math.nextDown(Math.log(2)), Math.nextUp(Math.log(2)), false);

    static final double HALF_PI_HI = Math.nextUp(Math.PI / 2);

    private final double lo;
    private final double hi;
    private final boolean partial;

    private Interval(double lo, double hi, boolean partial) {
        this.lo = lo;
        this.hi = hi;
        this.partial = partial;
    }

    /**
     * {@code [lo, hi]}, defined everywhere.
     *
     * @param lo the lower bound (may be {@code -inf})
     * @param hi the upper bound (may be {@code +inf})
     * @return the interval
     * @throws IllegalArgumentException if a bound is NaN or {@code lo > hi}
     */
    public static Interval of(double lo, double hi) {
        if (Double.isNaN(lo) || Double.isNaN(hi) || lo > hi) {
            throw new IllegalArgumentException("not an interval: [" + lo + ", " + hi + "]");
        }
        return new Interval(lo, hi, false);
    }

    /**
     * The interval with these bounds and undefined-part flag, as stored in primitive form ({@link IntervalArrays}):
     * {@code lo > hi} is {@link #EMPTY}.
     *
     * @param lo             lower bound, not NaN
     * @param hi             upper bound, not NaN
     * @param maybeUndefined the flag of {@link #maybeUndefined()}
     * @return the interval
     * @throws IllegalArgumentException if a bound is NaN
     */
    public static Interval of(double lo, double hi, boolean maybeUndefined) {
        if (Double.isNaN(lo) || Double.isNaN(hi)) {
            throw new IllegalArgumentException("not an interval: [" + lo + ", " + hi + "]");
        }
        return lo > hi ? EMPTY : new Interval(lo, hi, maybeUndefined);
    }

    /**
     * The thin interval {@code [x, x]}; NaN gives {@link #EMPTY}.
     *
     * @param x a double
     * @return the thin interval {@code [x, x]}, or {@link #EMPTY} for NaN
     */
    public static Interval point(double x) {
        return Double.isNaN(x) ? EMPTY : new Interval(x, x, false);
    }

    /**
     * {@code [nextDown(x), nextUp(x)]}: encloses any real that rounds to {@code x} (a decimal literal).
     *
     * @param x the double nearest a decimal literal
     * @return {@code [nextDown(x), nextUp(x)]}, or {@link #EMPTY} for NaN
     */
    public static Interval around(double x) {
        return Double.isNaN(x) ? EMPTY : new Interval(Math.nextDown(x), Math.nextUp(x), false);
    }

    /**
     * The exact quotient {@code p / q} of two integers ({@code |p|, |q| < 2^53}, {@code q > 0}), rounded outward
     * only when inexact (the remainder is found exactly with a fused multiply-add).
     *
     * @param p the numerator, {@code |p| < 2^53}
     * @param q the denominator, {@code 0 < q < 2^53}
     * @return the thin interval when the double quotient is exact, else the one-ulp interval around it that holds
     *         the real {@code p / q}
     * @throws IllegalArgumentException if {@code p} or {@code q} is out of range
     */
    public static Interval quotient(long p, long q) {
        if (q <= 0 || Math.abs(p) >= 1L << 53 || q >= 1L << 53) {
            throw new IllegalArgumentException("quotient needs |p|, q < 2^53 and q > 0, got " + p + "/" + q);
        }
        double r = (double) p / q;
        double e = Math.fma(r, q, -p); // exact: r*q - p
        if (e == 0) {
            return new Interval(r, r, false);
        }
        return e > 0 ? new Interval(Math.nextDown(r), r, false) : new Interval(r, Math.nextUp(r), false);
    }

    /** {@code [lo, hi]} with the flag, unchecked (for {@link IntervalFunctions}). */
    static Interval raw(double lo, double hi, boolean partial) {
        return new Interval(lo, hi, partial);
    }

    /**
     * Lower bound ({@code +inf} for {@link #EMPTY}).
     *
     * @return the lower bound
     */
    public double lo() {
        return lo;
    }

    /**
     * Upper bound ({@code -inf} for {@link #EMPTY}).
     *
     * @return the upper bound
     */
    public double hi() {
        return hi;
    }

    /**
     * Whether there is no value at all (undefined everywhere).
     *
     * @return true for {@link #EMPTY}
     */
    public boolean isEmpty() {
        return lo > hi;
    }

    /**
     * Whether some argument may have had no value (see the class comment); true for {@link #EMPTY}.
     *
     * @return true if the partial flag is set
     */
    public boolean maybeUndefined() {
        return partial;
    }

    /**
     * Defined everywhere, non-empty, both bounds finite.
     *
     * @return true if defined everywhere, non-empty, with both bounds finite
     */
    public boolean isBounded() {
        return !partial && lo > Double.NEGATIVE_INFINITY && hi < Double.POSITIVE_INFINITY;
    }

    /**
     * {@code hi - lo} rounded up; {@code +inf} if unbounded or undefined.
     *
     * @return an upper bound of {@code hi - lo}
     */
    public double width() {
        return isBounded() ? Math.nextUp(hi - lo) : Double.POSITIVE_INFINITY;
    }

    /**
     * The double nearest the midpoint (no overflow); for a bounded interval, it lies in {@code [lo, hi]}.
     *
     * @return {@code lo / 2 + hi / 2} clamped to {@code [lo, hi]} (NaN if unbounded both ways or empty)
     */
    public double mid() {
        double m = lo / 2 + hi / 2;
        return Math.min(hi, Math.max(lo, m));
    }

    /**
     * {@code max(mid - lo, hi - mid)} rounded up: the radius about {@link #mid()}.
     *
     * @return an upper bound of the distance from {@link #mid()} to either end; {@code +inf} if not bounded
     */
    public double radiusAboutMid() {
        if (!isBounded()) {
            return Double.POSITIVE_INFINITY;
        }
        double m = mid();
        return Math.max(Math.nextUp(m - lo), Math.nextUp(hi - m));
    }

    /**
     * {@code max |x|} over the interval.
     *
     * @return {@code max(|lo|, |hi|)}
     */
    public double mag() {
        return Math.max(Math.abs(lo), Math.abs(hi));
    }

    /**
     * Whether the real {@code x} lies in {@code [lo, hi]}.
     *
     * @param x a double, read as the real it denotes
     * @return true if {@code lo <= x <= hi}
     */
    public boolean contains(double x) {
        return lo <= x && x <= hi;
    }

    /**
     * Whether the interval is one double and defined.
     *
     * @return true if {@code lo == hi} and the partial flag is not set
     */
    public boolean isPoint() {
        return lo == hi && !partial;
    }

    /**
     * Intersection of two enclosures of the same quantity; if they do not meet, the narrower one.
     *
     * @param o another enclosure of the same quantity
     * @return the intersection (partial only if both are), or the narrower operand if they are disjoint
     */
    public Interval intersect(Interval o) {
        double l = Math.max(lo, o.lo);
        double h = Math.min(hi, o.hi);
        if (l > h) {
            return width() <= o.width() ? this : o;
        }
        return new Interval(l, h, partial && o.partial);
    }

    /**
     * The smallest interval containing both.
     *
     * @param o another interval
     * @return {@code [min(lo, o.lo), max(hi, o.hi)]}, partial if either is (or is empty)
     */
    public Interval hull(Interval o) {
        if (isEmpty()) {
            return o.flag(true);
        }
        if (o.isEmpty()) {
            return flag(true);
        }
        return new Interval(Math.min(lo, o.lo), Math.max(hi, o.hi), partial || o.partial);
    }

    Interval flag(boolean p) {
        return p == partial || isEmpty() ? this : new Interval(lo, hi, p);
    }

    static Interval make(double lo, double hi, boolean partial) {
        if (Double.isNaN(lo)) {
            lo = Double.NEGATIVE_INFINITY;
        }
        if (Double.isNaN(hi)) {
            hi = Double.POSITIVE_INFINITY;
        }
        return new Interval(lo, hi, partial);
    }

    static double down(double x) {
        return Math.nextDown(x);
    }

    static double up(double x) {
        return Math.nextUp(x);
    }

    static double down2(double x) {
        return Math.nextDown(Math.nextDown(x));
    }

    static double up2(double x) {
        return Math.nextUp(Math.nextUp(x));
    }

    // ---------------------------------------------------------------- arithmetic

    /**
     * {@code -x} over the interval (exact).
     *
     * @return {@code [-hi, -lo]}
     */
    public Interval negate() {
        return isEmpty() ? EMPTY : new Interval(-hi, -lo, partial);
    }

    /**
     * Sum; exact (not widened) when one operand is {@code [0, 0]} or both are thin with an exact sum.
     *
     * @param o the other operand
     * @return an interval holding {@code x + y} for every {@code x} here and {@code y} in {@code o}, outward rounded
     */
    public Interval add(Interval o) {
        if (isEmpty() || o.isEmpty()) {
            return EMPTY;
        }
        boolean p = partial || o.partial;
        if (o.lo == 0 && o.hi == 0) {
            return flag(p);
        }
        if (lo == 0 && hi == 0) {
            return o.flag(p);
        }
        return make(Rounding.sumDown(lo, o.lo), Rounding.sumUp(hi, o.hi), p);
    }

    /**
     * Difference; exact in the same cases as {@link #add}.
     *
     * @param o the subtrahend
     * @return an interval holding {@code x - y} for every {@code x} here and {@code y} in {@code o}, outward rounded
     */
    public Interval subtract(Interval o) {
        return add(o.negate());
    }


    /**
     * Product; {@code 0 * inf} counts as 0 (the bounds are limits of finite reals).
     *
     * @param o the other factor
     * @return an interval holding {@code x y} for every {@code x} here and {@code y} in {@code o}, outward rounded
     */
    public Interval multiply(Interval o) {
        if (isEmpty() || o.isEmpty()) {
            return EMPTY;
        }
        if (o.lo == 1 && o.hi == 1) {
            return flag(partial || o.partial);
        }
        if (lo == 1 && hi == 1) {
            return o.flag(partial || o.partial);
        }
        if (Rounding.productIsZero(lo, hi, o.lo, o.hi)) {
            return new Interval(0, 0, partial || o.partial);
        }
        return make(Rounding.productLow(lo, hi, o.lo, o.hi), Rounding.productHigh(lo, hi, o.lo, o.hi),
                partial || o.partial);
    }

    /**
     * The product by a double {@code c} (read as the exact real c).
     *
     * @param c the factor
     * @return an interval holding {@code c x} for every {@code x} here, outward rounded
     */
    public Interval multiply(double c) {
        return multiply(point(c));
    }

    /**
     * {@code [x^2 : x in this]}: tighter than {@code multiply(this)}, never negative.
     *
     * @return an interval holding {@code x^2} for every {@code x} here, outward rounded, with a lower bound {@code >= 0}
     */
    public Interval square() {
        if (isEmpty()) {
            return EMPTY;
        }
        double m = mig();
        double g = mag();
        return make(m == 0 ? 0 : down(m * m), up(g * g), partial);
    }

    /**
     * {@code min |x|} over the interval.
     *
     * @return 0 if the interval holds 0, else {@code min(|lo|, |hi|)}
     */
    public double mig() {
        if (lo <= 0 && hi >= 0) {
            return 0;
        }
        return Math.min(Math.abs(lo), Math.abs(hi));
    }

    /**
     * Reciprocal: a divisor holding 0 in its interior gives {@link #UNKNOWN}, the thin zero {@link #EMPTY}.
     *
     * @return an interval holding {@code 1/x} for every nonzero {@code x} here, outward rounded
     */
    public Interval reciprocal() {
        if (isEmpty() || (lo == 0 && hi == 0)) {
            return EMPTY;
        }
        if (lo <= 0 && hi >= 0) {
            // 1/x undefined at 0, unbounded next to it (one-sided when 0 is a bound)
            if (lo == 0) {
                return new Interval(down(1 / hi), Double.POSITIVE_INFINITY, true);
            }
            if (hi == 0) {
                return new Interval(Double.NEGATIVE_INFINITY, up(1 / lo), true);
            }
            return UNKNOWN;
        }
        return make(down(1 / hi), up(1 / lo), partial);
    }

    /**
     * Quotient: the corner quotients when the divisor keeps one sign, else {@code x * (1/y)} ({@link #reciprocal}).
     *
     * @param o the divisor
     * @return an interval holding {@code x / y} for every {@code x} here and nonzero {@code y} in {@code o}, outward rounded
     */
    public Interval divide(Interval o) {
        if (isEmpty() || o.isEmpty()) {
            return EMPTY;
        }
        if (o.lo > 0 || o.hi < 0) {
            double a = lo / o.lo;
            double b = lo / o.hi;
            double c = hi / o.lo;
            double e = hi / o.hi;
            if (lo == 0 && hi == 0) {
                return new Interval(0, 0, partial || o.partial);
            }
            double l = Math.min(Math.min(a, b), Math.min(c, e));
            double h = Math.max(Math.max(a, b), Math.max(c, e));
            return make(down(l), up(h), partial || o.partial);
        }
        return multiply(o.reciprocal());
    }

    /**
     * Square root; the part below 0 is undefined.
     *
     * @return an interval holding {@code sqrt(x)} for every {@code x >= 0} here, outward rounded; partial if some {@code x < 0}
     */
    public Interval sqrt() {
        if (isEmpty() || hi < 0) {
            return EMPTY;
        }
        boolean p = partial || lo < 0;
        double l = lo <= 0 ? 0 : Math.max(0, down(Math.sqrt(lo)));
        return make(l, up(Math.sqrt(hi)), p);
    }

    // ---------------------------------------------------------------- exact piecewise functions

    /**
     * {@code |x|} over the interval (exact).
     *
     * @return {@code [mig(), mag()]}
     */
    public Interval abs() {
        if (isEmpty()) {
            return EMPTY;
        }
        return new Interval(mig(), mag(), partial);
    }

    /**
     * {@code min(x, y)} over both intervals (exact).
     *
     * @param o the other operand
     * @return {@code [min(lo, o.lo), min(hi, o.hi)]}
     */
    public Interval min(Interval o) {
        if (isEmpty() || o.isEmpty()) {
            return EMPTY;
        }
        return new Interval(Math.min(lo, o.lo), Math.min(hi, o.hi), partial || o.partial);
    }

    /**
     * {@code max(x, y)} over both intervals (exact).
     *
     * @param o the other operand
     * @return {@code [max(lo, o.lo), max(hi, o.hi)]}
     */
    public Interval max(Interval o) {
        if (isEmpty() || o.isEmpty()) {
            return EMPTY;
        }
        return new Interval(Math.max(lo, o.lo), Math.max(hi, o.hi), partial || o.partial);
    }

    /**
     * {@code step(t)} = 1 for {@code t >= 0}, else 0.
     *
     * @return the exact range: {@code [0, 0]}, {@code [1, 1]} or {@code [0, 1]}
     */
    public Interval step() {
        if (isEmpty()) {
            return EMPTY;
        }
        return new Interval(lo >= 0 ? 1 : 0, hi >= 0 ? 1 : 0, partial);
    }

    /**
     * {@code sign(t)} in {-1, 0, 1}.
     *
     * @return {@code [sign(lo), sign(hi)]} (exact)
     */
    public Interval sign() {
        if (isEmpty()) {
            return EMPTY;
        }
        return new Interval(Math.signum(lo), Math.signum(hi), partial);
    }

    /**
     * {@code floor(x)} over the interval (exact; floor is monotone).
     *
     * @return {@code [floor(lo), floor(hi)]}
     */
    public Interval floor() {
        return isEmpty() ? EMPTY : new Interval(Math.floor(lo), Math.floor(hi), partial);
    }

    /**
     * {@code ceil(x)} over the interval (exact; ceil is monotone).
     *
     * @return {@code [ceil(lo), ceil(hi)]}
     */
    public Interval ceil() {
        return isEmpty() ? EMPTY : new Interval(Math.ceil(lo), Math.ceil(hi), partial);
    }

    /**
     * Whether every point of the interval has the same floor (floor is constant on it).
     *
     * @return true if {@code floor(lo) == floor(hi)}
     */
    public boolean sameFloor() {
        return Math.floor(lo) == Math.floor(hi);
    }

    // ---------------------------------------------------------------- elementary functions (IntervalFunctions)
    /**
     * The enclosure of {@code exp} over this interval: {@link IntervalFunctions#exp}.
     *
     * @return an interval holding {@code exp(x)} for every {@code x} here where it is defined, outward rounded; partial if some {@code x} is outside the domain
     */
    public Interval exp() {
        return IntervalFunctions.exp(this);
    }

    /**
     * The enclosure of {@code expm1} over this interval: {@link IntervalFunctions#expm1}.
     *
     * @return an interval holding {@code expm1(x)} for every {@code x} here where it is defined, outward rounded; partial if some {@code x} is outside the domain
     */
    public Interval expm1() {
        return IntervalFunctions.expm1(this);
    }

    /**
     * The enclosure of {@code log} over this interval: {@link IntervalFunctions#log}.
     *
     * @return an interval holding {@code log(x)} for every {@code x} here where it is defined, outward rounded; partial if some {@code x} is outside the domain
     */
    public Interval log() {
        return IntervalFunctions.log(this);
    }

    /**
     * The enclosure of {@code log2} over this interval: {@link IntervalFunctions#log2}.
     *
     * @return an interval holding {@code log2(x)} for every {@code x} here where it is defined, outward rounded; partial if some {@code x} is outside the domain
     */
    public Interval log2() {
        return IntervalFunctions.log2(this);
    }

    /**
     * The enclosure of {@code log10} over this interval: {@link IntervalFunctions#log10}.
     *
     * @return an interval holding {@code log10(x)} for every {@code x} here where it is defined, outward rounded; partial if some {@code x} is outside the domain
     */
    public Interval log10() {
        return IntervalFunctions.log10(this);
    }

    /**
     * The enclosure of {@code log1p} over this interval: {@link IntervalFunctions#log1p}.
     *
     * @return an interval holding {@code log1p(x)} for every {@code x} here where it is defined, outward rounded; partial if some {@code x} is outside the domain
     */
    public Interval log1p() {
        return IntervalFunctions.log1p(this);
    }

    /**
     * The enclosure of {@code cbrt} over this interval: {@link IntervalFunctions#cbrt}.
     *
     * @return an interval holding {@code cbrt(x)} for every {@code x} here where it is defined, outward rounded; partial if some {@code x} is outside the domain
     */
    public Interval cbrt() {
        return IntervalFunctions.cbrt(this);
    }

    /**
     * The enclosure of {@code atan} over this interval: {@link IntervalFunctions#atan}.
     *
     * @return an interval holding {@code atan(x)} for every {@code x} here where it is defined, outward rounded; partial if some {@code x} is outside the domain
     */
    public Interval atan() {
        return IntervalFunctions.atan(this);
    }

    /**
     * The enclosure of {@code sinh} over this interval: {@link IntervalFunctions#sinh}.
     *
     * @return an interval holding {@code sinh(x)} for every {@code x} here where it is defined, outward rounded; partial if some {@code x} is outside the domain
     */
    public Interval sinh() {
        return IntervalFunctions.sinh(this);
    }

    /**
     * The enclosure of {@code tanh} over this interval: {@link IntervalFunctions#tanh}.
     *
     * @return an interval holding {@code tanh(x)} for every {@code x} here where it is defined, outward rounded; partial if some {@code x} is outside the domain
     */
    public Interval tanh() {
        return IntervalFunctions.tanh(this);
    }

    /**
     * The enclosure of {@code cosh} over this interval: {@link IntervalFunctions#cosh}.
     *
     * @return an interval holding {@code cosh(x)} for every {@code x} here where it is defined, outward rounded; partial if some {@code x} is outside the domain
     */
    public Interval cosh() {
        return IntervalFunctions.cosh(this);
    }

    /**
     * The enclosure of {@code asin} over this interval: {@link IntervalFunctions#asin}.
     *
     * @return an interval holding {@code asin(x)} for every {@code x} here where it is defined, outward rounded; partial if some {@code x} is outside the domain
     */
    public Interval asin() {
        return IntervalFunctions.asin(this);
    }

    /**
     * The enclosure of {@code acos} over this interval: {@link IntervalFunctions#acos}.
     *
     * @return an interval holding {@code acos(x)} for every {@code x} here where it is defined, outward rounded; partial if some {@code x} is outside the domain
     */
    public Interval acos() {
        return IntervalFunctions.acos(this);
    }

    /**
     * The enclosure of {@code sin} over this interval: {@link IntervalFunctions#sin}.
     *
     * @return an interval holding {@code sin(x)} for every {@code x} here where it is defined, outward rounded; partial if some {@code x} is outside the domain
     */
    public Interval sin() {
        return IntervalFunctions.sin(this);
    }

    /**
     * The enclosure of {@code cos} over this interval: {@link IntervalFunctions#cos}.
     *
     * @return an interval holding {@code cos(x)} for every {@code x} here where it is defined, outward rounded; partial if some {@code x} is outside the domain
     */
    public Interval cos() {
        return IntervalFunctions.cos(this);
    }

    /**
     * The enclosure of {@code tan} over this interval: {@link IntervalFunctions#tan}.
     *
     * @return an interval holding {@code tan(x)} for every {@code x} here where it is defined, outward rounded; partial if some {@code x} is outside the domain
     */
    public Interval tan() {
        return IntervalFunctions.tan(this);
    }

    /**
     * The enclosure of {@code cot} over this interval: {@link IntervalFunctions#cot}.
     *
     * @return an interval holding {@code cot(x)} for every {@code x} here where it is defined, outward rounded; partial if some {@code x} is outside the domain
     */
    public Interval cot() {
        return IntervalFunctions.cot(this);
    }

    /**
     * The enclosure of {@code powInt} over this interval: {@link IntervalFunctions#powInt}.
     *
     * @param n the integer exponent
     * @return an interval holding {@code x^n} for every {@code x} here where it is defined, outward rounded
     */
    public Interval powInt(long n) {
        return IntervalFunctions.powInt(this, n);
    }

    /**
     * The enclosure of {@code pow} over this interval: {@link IntervalFunctions#pow}.
     *
     * @param e the exponent enclosure
     * @return an interval holding {@code x^y} for every {@code x} here and {@code y} in {@code e} where it is defined, outward rounded
     */
    public Interval pow(Interval e) {
        return IntervalFunctions.pow(this, e);
    }

    /**
     * The enclosure of {@code remainder} over this interval: {@link IntervalFunctions#remainder}.
     *
     * @param q the divisor enclosure
     * @return an interval holding Java's {@code x % y} for every {@code x} here and {@code y} in {@code q}; partial if {@code q} may be 0
     */
    public Interval remainder(Interval q) {
        return IntervalFunctions.remainder(this, q);
    }

    /**
     * The enclosure of {@code truncConstant} over this interval: {@link IntervalFunctions#truncConstant}.
     *
     * @param q the divisor enclosure
     * @return {@code trunc(x / q)} if it is the same integer for every {@code x} here ({@code q} thin and nonzero), else {@link Long#MIN_VALUE}
     */
    public long truncConstant(Interval q) {
        return IntervalFunctions.truncConstant(this, q);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Interval i && Double.compare(lo, i.lo) == 0 && Double.compare(hi, i.hi) == 0
                && partial == i.partial;
    }

    @Override
    public int hashCode() {
        return Double.hashCode(lo) * 31 + Double.hashCode(hi) + (partial ? 1 : 0);
    }

    @Override
    public String toString() {
        if (isEmpty()) {
            return "[empty]";
        }
        return "[" + lo + ", " + hi + "]" + (partial ? "?" : "");
    }
}
