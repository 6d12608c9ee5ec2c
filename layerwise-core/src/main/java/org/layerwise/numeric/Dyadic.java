package org.layerwise.numeric;

import java.math.BigInteger;

import org.layerwise.InvalidInputException;

/**
 * An exact dyadic rational {@code m * 2^e} ({@code m} a BigInteger, {@code e} an int): immutable and
 * canonical, i.e. {@code m} is odd, or {@code m = 0} and {@code e = 0}. Every finite double is a
 * dyadic, and sums, differences and products of dyadics are dyadics, so the network is evaluated
 * with no rounding except inside {@code sin}.
 *
 * <p><b>Text form</b> ({@link #toString()}, {@link #parse}): {@code "0"} for zero, otherwise an optional
 * {@code '-'}, the mantissa {@code |m|} in lowercase hexadecimal without leading zeros, {@code 'p'},
 * and the exponent {@code e} in decimal, e.g. {@code "-1b3p-12"} is {@code -435 * 2^-12}.
 * Parsing also accepts a non-canonical mantissa (even, or with leading zeros) and uppercase hex,
 * and canonicalizes. Both directions are linear in the length (no quadratic radix conversion).
 *
 * <p>Cost notes: multiplying by a power of two only changes the exponent; {@link #multiply}
 * also takes linear-time paths when one mantissa is small, a power of two or a run of ones
 * ({@code 2^s - 1}), which is what the network's address coefficients are.
 *
 * <p><b>Runs, kept unexpanded.</b> A long run of ones {@code 2^a - 2^b} ({@link #run}, at least {@value #RUN_MIN_BITS}
 * ones) is stored as the factor {@code 2^(a-b) - 1} and not as its bits, and so is the product of a run with a
 * dyadic ({@link #multiply}, {@link #negate}, {@link #abs} and {@link #shift} keep the form): the value is
 * {@code base (2^t - 1) 2^e}, with {@code base} odd and {@code t} the run's length, and it takes the memory of
 * {@code base} alone. This is what the network's address coefficients, its switch biases {@code 1 - T} and its
 * sine weights {@code theta c_j} are; they have about {@code b N^(dl)} bits. The value, {@link #equals} and
 * {@link #hashCode} do not depend on the form; the operations that need the bits ({@link #mantissa},
 * {@link #add}, {@link #compareTo}, ...) expand them for the time of the operation.
 *
 * <p><b>Limbs.</b> A value may also hold its odd mantissa (or the odd factor of a kept run) in a {@link LimbStore}
 * ({@link #ofLimbs}): chunked 64-bit limbs, which may exceed the {@code 2^31} bits of a {@link BigInteger}. This is how
 * a level's phase {@code theta_l} is held from the construction through the model file to the fast evaluator.
 * {@link #negate}, {@link #abs}, {@link #shift}, a product by a signed power of two or by a kept run of ones keep the
 * limbs shared; {@link #bitLength}, {@link #lowWord}, {@link #equals}, {@link #hashCode} and the comparisons of forms
 * ({@link #sameMagnitude}, {@link #keepsRunOf}) read them without a BigInteger; every other operation expands the
 * value ({@link LimbStore#oddPart}, built once and kept), which fails with an {@link ArithmeticException} naming the
 * size beyond {@code 2^31} bits. Exponents and run lengths are {@code long}.
 */
public final class Dyadic implements Comparable<Dyadic> {

    /** Zero, {@code 0 * 2^0}. */
    public static final Dyadic ZERO = new Dyadic(BigInteger.ZERO, 0);
    /** One, {@code 1 * 2^0}. */
    public static final Dyadic ONE = new Dyadic(BigInteger.ONE, 0);

    /** The largest {@code |e|} {@link #parse} accepts, {@code 2^36}. */
    public static final long MAX_TEXT_EXPONENT = 1L << 36;

    /** Runs {@code 2^t - 1} of at least this many ones are kept unexpanded (see the class description). */
    public static final int RUN_MIN_BITS = 1024;

    /**
     * The mantissa, or for a kept run its odd factor {@code base}: the mantissa is {@code base (2^run - 1)}; with
     * limbs, only the sign ({@code +-1}) and the factor is the odd part of the limbs.
     */
    private final BigInteger mantissa;
    /** 0, or the length {@code t >= RUN_MIN_BITS} of the kept run factor {@code 2^t - 1}. */
    private final long run;
    private final long exponent;
    /** Null, or the limbs whose odd part is the factor (then {@code mantissa} is the sign). */
    private final LimbStore limbs;

    private Dyadic(BigInteger mantissa, long exponent) {
        this(mantissa, 0, exponent, null);
    }

    private Dyadic(BigInteger base, long run, long exponent, LimbStore limbs) {
        this.mantissa = base;
        this.run = run;
        this.exponent = exponent;
        this.limbs = limbs;
    }

    /**
     * The value {@code V 2^e} of non-negative limbs, held in them (not copied): canonical with the exponent
     * {@code e + lowestSetBit(V)}.
     *
     * @param v the limbs
     * @param e the exponent of bit 0 of {@code v}
     * @return {@code V 2^e}, {@link #ZERO} when {@code V = 0}
     * @throws ArithmeticException if the canonical exponent overflows a long
     */
    public static Dyadic ofLimbs(LimbStore v, long e) {
        if (v.lowestSetBit() < 0) {
            return ZERO;
        }
        return new Dyadic(BigInteger.ONE, 0, Math.addExact(e, v.lowestSetBit()), v);
    }

    /**
     * @return the limbs holding this value's odd factor ({@link #ofLimbs}), shared; null when the factor is a
     *         BigInteger
     */
    public LimbStore limbs() {
        return limbs;
    }

    /**
     * The run of ones {@code 2^a - 2^b}, kept unexpanded when it has at least {@value #RUN_MIN_BITS} ones.
     *
     * @param a the exponent of the bit above the run
     * @param b the exponent of the run's lowest bit, {@code b < a}
     * @return {@code 2^a - 2^b}, exactly
     * @throws IllegalArgumentException if {@code a <= b}
     * @throws ArithmeticException      if {@code a - b} overflows a long
     */
    public static Dyadic run(long a, long b) {
        if (a <= b) {
            throw new IllegalArgumentException("run 2^" + a + " - 2^" + b + " needs a > b");
        }
        long t = Math.subtractExact(a, b);
        if (t < RUN_MIN_BITS) {
            return of(BigInteger.ONE.shiftLeft((int) t).subtract(BigInteger.ONE), b);
        }
        return new Dyadic(BigInteger.ONE, t, b, null);
    }

    /** The odd factor as a BigInteger, signed (the limbs' odd part, built once, when held in limbs). */
    private BigInteger base() {
        if (limbs == null) {
            return mantissa;
        }
        BigInteger odd = limbs.oddPart();
        return mantissa.signum() < 0 ? odd.negate() : odd;
    }

    /** The mantissa's bits (a kept run expanded, limbs made a BigInteger). */
    private BigInteger bits() {
        BigInteger b = base();
        return run == 0 ? b : b.shiftLeft(shiftAmount(run)).subtract(b);
    }

    /** A shift of a BigInteger: at most the int range, or an ArithmeticException naming it. */
    private static int shiftAmount(long k) {
        if (k > Integer.MAX_VALUE - 64 || k < -(Integer.MAX_VALUE - 64)) {
            throw new ArithmeticException("a shift by " + k + " bits is beyond what a BigInteger holds (2^31 bits)");
        }
        return (int) k;
    }

    /**
     * The canonical form of {@code m * 2^e}: the trailing zero bits of {@code m} moved into the exponent.
     *
     * @param m the mantissa
     * @param e the exponent
     * @return {@code m * 2^e}, {@link #ZERO} when {@code m = 0}
     * @throws ArithmeticException if the canonical exponent overflows a long
     */
    public static Dyadic of(BigInteger m, long e) {
        if (m.signum() == 0) {
            return ZERO;
        }
        int tz = m.getLowestSetBit();
        long exp = Math.addExact(e, tz);
        return new Dyadic(tz == 0 ? m : m.shiftRight(tz), exp);
    }

    /**
     * @param m the mantissa
     * @param e the exponent
     * @return {@code m * 2^e}, canonical
     * @throws ArithmeticException if the canonical exponent overflows a long
     */
    public static Dyadic of(long m, long e) {
        return of(BigInteger.valueOf(m), e);
    }

    /**
     * @param v an integer
     * @return {@code v}, exactly
     */
    public static Dyadic valueOf(long v) {
        return of(BigInteger.valueOf(v), 0);
    }

    /**
     * @param v an integer
     * @return {@code v}, exactly
     * @throws ArithmeticException if the canonical exponent overflows a long
     */
    public static Dyadic valueOf(BigInteger v) {
        return of(v, 0);
    }

    /**
     * @param k the exponent
     * @return {@code 2^k}
     * @throws ArithmeticException if the canonical exponent overflows a long
     */
    public static Dyadic powerOfTwo(long k) {
        return of(BigInteger.ONE, k);
    }

    /**
     * The exact value of a finite double (subnormals included).
     *
     * @param x a finite double
     * @return {@code x}, exactly ({@code -0.0} gives {@link #ZERO})
     * @throws InvalidInputException for NaN or an infinity
     */
    public static Dyadic valueOf(double x) {
        if (!Double.isFinite(x)) {
            throw new InvalidInputException("cannot represent " + x + " as a dyadic rational");
        }
        if (x == 0.0) {
            return ZERO;
        }
        long bits = Double.doubleToRawLongBits(x);
        long m = DoubleBits.significand(bits);
        int e = DoubleBits.exponent(bits);
        return of(BigInteger.valueOf(bits < 0 ? -m : m), e);
    }

    /** @return the mantissa {@code m}: odd, or zero for zero (a kept run is expanded: linear time and memory) */
    public BigInteger mantissa() {
        return bits();
    }

    /**
     * @return the length {@code t} of the run factor {@code 2^t - 1} kept unexpanded (see the class description), 0
     *         when the mantissa is stored as its bits
     */
    public long keptRun() {
        return run;
    }

    /**
     * @return the odd factor {@code base} of a kept run, {@code mantissa = base (2^keptRun - 1)} (shared, not copied;
     *         from limbs, their odd part as a BigInteger, built once); the mantissa itself when no run is kept
     */
    public BigInteger keptBase() {
        return base();
    }

    /**
     * @return {@code bitLength(|base|)} of the odd factor {@link #keptBase} (the whole mantissa when no run is kept),
     *         read off the limbs without a BigInteger
     */
    public long keptBaseBitLength() {
        return limbs == null ? mantissa.abs().bitLength() : limbs.bitLength() - limbs.lowestSetBit();
    }

    /** @return whether this is {@code +-(2^t - 1) 2^e}, a kept run with factor 1 (nothing else is read) */
    public boolean isKeptPureRun() {
        return run > 0 && limbs == null && mantissa.bitLength() <= 1;
    }

    /**
     * Whether this is {@code +-|c| (2^keptRun - 1) 2^e} with the factor read off both forms: this keeps a run, the
     * constant {@code c} does not, and this run's factor is {@code c}'s mantissa magnitude (shared limbs answer at
     * once, others are compared).
     *
     * @param c another value
     * @return whether this keeps a run of {@code c}'s mantissa
     */
    public boolean keepsRunOf(Dyadic c) {
        if (run == 0 || c.run != 0) {
            return false;
        }
        if (limbs != null && c.limbs != null) {
            return limbs.oddPartEquals(c.limbs);
        }
        return limbs == null && c.limbs == null ? magnitudeEquals(mantissa, c.mantissa) : magnitudeEquals(base(), c.base());
    }

    /**
     * @return whether {@code |m| = 2^s - 1} for some {@code s >= 1}, read off the limbs when the value is held in them
     *         (other forms expanded)
     */
    public boolean isRunOfOnesMagnitude() {
        if (isZero()) {
            return false;
        }
        if (limbs != null && run == 0) {
            return limbs.oddPartIsRunOfOnes();
        }
        BigInteger m = bits().abs();
        int s = m.bitLength();
        return m.testBit(s / 2) && m.testBit(Math.max(0, s - 2)) && m.bitCount() == s;
    }

    /** {@code |a| = |b|}, without copying either. */
    private static boolean magnitudeEquals(BigInteger a, BigInteger b) {
        if (a.signum() == b.signum()) {
            return a.equals(b);
        }
        return a.bitLength() == b.bitLength() && a.equals(b.negate());
    }

    /**
     * Whether {@code |m| = |m_o|} (exponents and signs aside), without expanding shared limbs.
     *
     * @param o another value
     * @return whether the mantissa magnitudes are equal
     */
    public boolean sameMagnitude(Dyadic o) {
        if (limbs != null && o.limbs != null && run == o.run) {
            return limbs.oddPartEquals(o.limbs);
        }
        if (limbs == null && o.limbs == null && run == o.run) {
            return magnitudeEquals(mantissa, o.mantissa);
        }
        return lowWord() == o.lowWord() && bitLength() == o.bitLength() && bits().abs().equals(o.bits().abs());
    }

    /** @return the low 64 bits of {@code |m|} (two's complement wrap), read without expanding a run or limbs */
    public long lowWord() {
        long b;
        if (limbs != null) {
            b = limbs.extract(limbs.lowestSetBit(), 64);
        } else {
            long low = mantissa.longValue();
            b = mantissa.signum() < 0 ? -low : low;
        }
        if (run == 0) {
            return b;
        }
        return b * (run >= 64 ? -1L : (1L << run) - 1);
    }

    /** @return the exponent {@code e} of {@code m * 2^e}; 0 for zero */
    public long exponent() {
        return exponent;
    }

    /** @return -1, 0 or 1, the sign of this value */
    public int signum() {
        return mantissa.signum();
    }

    /** @return whether this is zero */
    public boolean isZero() {
        return mantissa.signum() == 0;
    }

    /** @return whether this is an integer ({@code e >= 0}, or zero) */
    public boolean isInteger() {
        return exponent >= 0 || isZero();
    }

    /** @return whether {@code |this|} is a power of two ({@code |m| = 1}) */
    public boolean isPowerOfTwoMagnitude() {
        return run == 0 && limbs == null && mantissa.abs().equals(BigInteger.ONE);
    }

    /**
     * @return the number of significant bits, {@code bitLength(|m|)} (0 for zero; a kept run or limbs are not
     *         expanded)
     */
    public long bitLength() {
        if (limbs == null) {
            BigInteger base = mantissa.abs(); // shares the magnitude
            int bl = base.bitLength();
            if (run == 0 || bl == 1) {
                return run == 0 ? bl : run;
            }
            // |m| = base 2^t - base has bl + t bits iff r 2^t >= base, r = base - 2^(bl-1)
            int second = bl - 2;
            while (second >= 0 && !base.testBit(second)) {
                second--;
            }
            long rl = second + 1L; // bitLength(r), >= 1 since base is odd and > 1
            if (rl + run != bl) {
                return rl + run > bl ? bl + run : bl + run - 1;
            }
            return base.clearBit(bl - 1).shiftLeft(shiftAmount(run)).compareTo(base) >= 0 ? bl + run : bl + run - 1;
        }
        long low = limbs.lowestSetBit();
        long bl = limbs.bitLength() - low;
        if (run == 0 || bl == 1) {
            return run == 0 ? bl : run;
        }
        long second = limbs.highestSetBelow(limbs.bitLength() - 1) - low; // top bit of r = base - 2^(bl-1)
        long rl = second + 1;
        if (rl + run != bl) {
            return rl + run > bl ? bl + run : bl + run - 1;
        }
        return shiftedRestAtLeastBase(limbs, run) ? bl + run : bl + run - 1;
    }

    /**
     * With {@code B} the odd part of the limbs ({@code bl} bits), {@code r = B - 2^(bl-1)} and
     * {@code bitLength(r) + t = bl}: whether {@code r 2^t >= B}, compared word by word from the top.
     */
    private static boolean shiftedRestAtLeastBase(LimbStore v, long t) {
        long low = v.lowestSetBit();
        long bl = v.bitLength() - low;
        // both sides have their top bit at bl - 1; compare bits [bl-1-64(k+1), bl-1-64k) below it
        for (long hi = bl - 1; hi > 0; hi -= 64) {
            int c = (int) Math.min(64, hi);
            long from = hi - c;
            long mine = from - t < 0 && from - t <= -64 ? 0 : windowOfRest(v, low, bl, from - t, c);
            long base = v.extract(low + from, c);
            if (mine != base) {
                return Long.compareUnsigned(mine, base) > 0;
            }
        }
        return true;
    }

    /** Bits {@code [from, from + c)} of {@code r = B - 2^(bl-1)} (bits below 0 read as 0). */
    private static long windowOfRest(LimbStore v, long low, long bl, long from, int c) {
        long w;
        if (from >= 0) {
            w = v.extract(low + from, c);
        } else {
            w = c + from <= 0 ? 0 : (v.extract(low, (int) (c + from)) << -from);
            if (c < 64) {
                w &= (1L << c) - 1;
            }
        }
        long top = bl - 1 - from; // position of B's top bit in the window, cleared in r
        if (top >= 0 && top < c) {
            w &= ~(1L << top);
        }
        return w;
    }

    /**
     * @return the exponent of the leading bit, {@code floor(log2 |this|)}; {@link Integer#MIN_VALUE} for zero
     */
    public long topBit() {
        return isZero() ? Integer.MIN_VALUE : (long) exponent + bitLength() - 1;
    }

    /** @return {@code -this}, exactly (a kept run stays kept) */
    public Dyadic negate() {
        return isZero() ? this : new Dyadic(mantissa.negate(), run, exponent, limbs);
    }

    /** @return {@code |this|}, exactly */
    public Dyadic abs() {
        return signum() < 0 ? negate() : this;
    }

    /**
     * @param k the power of two
     * @return {@code this * 2^k}: only the exponent changes
     * @throws ArithmeticException if the canonical exponent overflows a long
     */
    public Dyadic shift(long k) {
        if (isZero() || k == 0) {
            return this;
        }
        return new Dyadic(mantissa, run, Math.addExact(exponent, k), limbs);
    }

    /**
     * @param o the other summand
     * @return {@code this + o}, exactly
     * @throws ArithmeticException if the canonical exponent overflows a long
     */
    public Dyadic add(Dyadic o) {
        if (o.isZero()) {
            return this;
        }
        if (isZero()) {
            return o;
        }
        BigInteger m = bits();
        BigInteger om = o.bits();
        if (exponent == o.exponent) {
            return of(m.add(om), exponent);
        }
        // the sum of two odd mantissas at different exponents has the smaller exponent exactly
        if (exponent < o.exponent) {
            return new Dyadic(m.add(om.shiftLeft(shiftAmount(o.exponent - exponent))), exponent);
        }
        return new Dyadic(om.add(m.shiftLeft(shiftAmount(exponent - o.exponent))), o.exponent);
    }

    /**
     * @param o the subtrahend
     * @return {@code this - o}, exactly
     * @throws ArithmeticException if the canonical exponent overflows a long
     */
    public Dyadic subtract(Dyadic o) {
        return add(o.negate());
    }

    /**
     * The exact product; linear time when a mantissa is {@code +-1}, small, or {@code +-(2^s - 1)}.
     *
     * @param o the other factor
     * @return {@code this * o}, exactly
     * @throws ArithmeticException if the exponent overflows a long
     */
    public Dyadic multiply(Dyadic o) {
        if (isZero() || o.isZero()) {
            return ZERO;
        }
        long e = Math.addExact(exponent, o.exponent);
        // limbs times +-2^k or a kept pure run (or the other way) keep the limbs shared
        if (limbs != null || o.limbs != null) {
            Dyadic l = limbs != null ? this : o;
            Dyadic p = limbs != null ? o : this;
            if (p.limbs == null && p.mantissa.bitLength() <= 1 && (l.run == 0 || p.run == 0)) {
                BigInteger sign = l.mantissa.signum() == p.mantissa.signum() ? BigInteger.ONE : BigInteger.ONE.negate();
                return new Dyadic(sign, l.run + p.run, e, l.limbs);
            }
            return new Dyadic(multiplyMantissas(bits(), o.bits()), e);
        }
        // a kept run times a value without one stays kept: base' = base times the other's mantissa
        if (run > 0 && o.run == 0 && (o.mantissa.bitLength() <= 1 || mantissa.bitLength() <= 1)) {
            return new Dyadic(multiplyMantissas(mantissa, o.mantissa), run, e, null);
        }
        if (o.run > 0 && run == 0 && (mantissa.bitLength() <= 1 || o.mantissa.bitLength() <= 1)) {
            return new Dyadic(multiplyMantissas(mantissa, o.mantissa), o.run, e, null);
        }
        // the product of odd mantissas is odd: already canonical
        return new Dyadic(multiplyMantissas(bits(), o.bits()), e);
    }

    /**
     * Product of two integers with linear-time paths for the shapes the network uses: a factor
     * {@code +-1}, a small factor (schoolbook is then linear), or {@code +-(2^s - 1)}.
     */
    static BigInteger multiplyMantissas(BigInteger a, BigInteger b) {
        if (a.bitLength() > b.bitLength()) {
            BigInteger t = a;
            a = b;
            b = t;
        }
        int n = a.bitLength();
        if (n <= 1) {
            return a.signum() < 0 ? b.negate() : (a.signum() == 0 ? BigInteger.ZERO : b);
        }
        if (n <= 2048) {
            return a.multiply(b);
        }
        BigInteger abs = a.abs();
        if (abs.add(BigInteger.ONE).bitCount() == 1) {
            // |a| = 2^s - 1: b * |a| = (b << s) - b
            BigInteger r = b.shiftLeft(n).subtract(b);
            return a.signum() < 0 ? r.negate() : r;
        }
        if (abs.bitCount() <= 64) {
            BigInteger r = BigInteger.ZERO;
            for (int i = abs.getLowestSetBit(); i >= 0 && i < n; i = nextSetBit(abs, i + 1)) {
                r = r.add(b.shiftLeft(i));
            }
            return a.signum() < 0 ? r.negate() : r;
        }
        return a.multiply(b);
    }

    private static int nextSetBit(BigInteger v, int from) {
        int n = v.bitLength();
        for (int i = from; i < n; i++) {
            if (v.testBit(i)) {
                return i;
            }
        }
        return -1;
    }

    /** @return {@code floor(this)}, the largest integer {@code <= this}, as a BigInteger */
    public BigInteger floorInteger() {
        if (exponent >= 0) {
            return bits().shiftLeft(shiftAmount(exponent));
        }
        if (-exponent > bitLength()) {
            return signum() < 0 ? BigInteger.ONE.negate() : BigInteger.ZERO;
        }
        return bits().shiftRight(shiftAmount(-exponent)); // arithmetic shift: rounds toward -infinity
    }

    /** @return {@code floor(this)} as a dyadic */
    public Dyadic floor() {
        if (exponent >= 0) {
            return this;
        }
        return of(floorInteger(), 0);
    }

    /** @return {@code this - floor(this)}, in {@code [0, 1)} (also for negative values), exactly */
    public Dyadic fractionalPart() {
        if (exponent >= 0) {
            return ZERO;
        }
        if (signum() > 0 && -exponent >= bitLength()) {
            return this; // already in [0, 1): shares the mantissa, kept run and limbs
        }
        return of(lowBits(bits(), shiftAmount(-exponent)), exponent);
    }

    /** {@code v mod 2^f} in {@code [0, 2^f)}, also for negative {@code v} (two's complement low bits). */
    static BigInteger lowBits(BigInteger v, int f) {
        if (v.signum() >= 0 && v.bitLength() <= f) {
            return v;
        }
        return v.and(BigInteger.ONE.shiftLeft(f).subtract(BigInteger.ONE));
    }

    /**
     * The fractional part of {@code this * o}, computed without forming the integer part: with
     * {@code F = -(e1 + e2) > 0}, {@code frac = ((m1 mod 2^F)(m2 mod 2^F) mod 2^F) 2^-F}. Exact.
     *
     * @param o the other factor
     * @return {@code this o - floor(this o)}, in {@code [0, 1)}; zero when the product is an integer
     * @throws ArithmeticException if {@code -(e1 + e2)} is beyond what a BigInteger holds
     */
    public Dyadic multiplyFractionalPart(Dyadic o) {
        if (isZero() || o.isZero()) {
            return ZERO;
        }
        long e = Math.addExact(exponent, o.exponent);
        if (e >= 0) {
            return ZERO;
        }
        int f = shiftAmount(-e);
        BigInteger a = lowBits(bits(), f);
        BigInteger b = lowBits(o.bits(), f);
        return of(lowBits(multiplyMantissas(a, b), f), e);
    }

    /**
     * The double nearest to this value, ties to even; values beyond the double range give
     * infinities, tiny values subnormals or a signed zero.
     *
     * @return the nearest double (correctly rounded)
     */
    public double doubleValue() {
        if (isZero()) {
            return 0.0;
        }
        boolean negative = mantissa.signum() < 0;
        long top = topBit();
        if (DoubleBits.outOfRange(top)) {
            return DoubleBits.outOfRangeValue(top, negative);
        }
        // unit in the last place of the result: 53 significant bits, but never below 2^-1074
        long q = DoubleBits.lastPlace(top);
        if (limbs != null && run == 0) {
            return roundLimbs(q, negative);
        }
        BigInteger mag = bits().abs();
        long m;
        if (exponent >= q) {
            m = mag.shiftLeft((int) (exponent - q)).longValueExact();
        } else {
            int shift = shiftAmount(q - exponent);
            BigInteger kept = mag.shiftRight(shift);
            m = kept.longValue();
            // compare the dropped bits with one half unit
            int halfBit = shift - 1;
            boolean halfSet = mag.testBit(halfBit);
            boolean below = mag.getLowestSetBit() < halfBit;
            m = DoubleBits.roundHalfEven(m, halfSet, below);
        }
        return DoubleBits.assemble(m, q, negative);
    }

    /** {@link #doubleValue} read off the limbs (no BigInteger): {@code q} the last place of the result. */
    private double roundLimbs(long q, boolean negative) {
        long low = limbs.lowestSetBit();
        long top = limbs.bitLength() - 1;
        long qi = q - (exponent - low); // the store's index of the last kept bit
        long m;
        if (qi <= low) {
            m = limbs.extract(low, (int) (top - low + 1)) << (int) (low - qi);
        } else {
            m = limbs.extract(qi, (int) (top - qi + 1));
            long half = qi - 1;
            m = DoubleBits.roundHalfEven(m, limbs.testBit(half), low < half);
        }
        return DoubleBits.assemble(m, q, negative);
    }

    @Override
    public int compareTo(Dyadic o) {
        int s = signum();
        int t = o.signum();
        if (s != t) {
            return Integer.compare(s, t);
        }
        if (s == 0) {
            return 0;
        }
        long a = topBit();
        long b = o.topBit();
        if (a != b) {
            return s > 0 ? Long.compare(a, b) : Long.compare(b, a);
        }
        long e = Math.min(exponent, o.exponent);
        return bits().shiftLeft(shiftAmount(exponent - e)).compareTo(o.bits().shiftLeft(shiftAmount(o.exponent - e)));
    }

    /**
     * @param o another dyadic
     * @return the larger of the two ({@code this} when equal)
     */
    public Dyadic max(Dyadic o) {
        return compareTo(o) >= 0 ? this : o;
    }

    /**
     * @param o another dyadic
     * @return the smaller of the two ({@code this} when equal)
     */
    public Dyadic min(Dyadic o) {
        return compareTo(o) <= 0 ? this : o;
    }

    /**
     * Equal values; two kept runs of the same length compare their factors (shared limbs at once), other forms their
     * expanded bits.
     */
    @Override
    public boolean equals(Object obj) {
        if (!(obj instanceof Dyadic d) || d.exponent != exponent || d.signum() != signum()) {
            return false;
        }
        return sameMagnitude(d);
    }

    /** The hash of the value, whatever the form: of its sign, exponent and the low 64 bits of {@code |m|}. */
    @Override
    public int hashCode() {
        return 31 * (31 * Long.hashCode(lowWord()) + signum()) + Long.hashCode(exponent);
    }

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    @Override
    public String toString() {
        if (isZero()) {
            return "0";
        }
        BigInteger m = bits();
        StringBuilder sb = new StringBuilder(m.bitLength() / 4 + 16);
        if (m.signum() < 0) {
            sb.append('-');
        }
        appendHex(sb, m.abs());
        return sb.append('p').append(exponent).toString();
    }

    /** Lowercase hex of a positive integer, no leading zeros; linear time. */
    static void appendHex(StringBuilder sb, BigInteger v) {
        byte[] bytes = v.toByteArray();
        boolean leading = true;
        for (byte x : bytes) {
            int hi = (x >> 4) & 0xf;
            int lo = x & 0xf;
            if (leading && hi == 0) {
                if (lo != 0) {
                    sb.append(HEX[lo]);
                    leading = false;
                }
                continue;
            }
            leading = false;
            sb.append(HEX[hi]).append(HEX[lo]);
        }
    }

    /**
     * Parses the text form of {@link #toString()}.
     *
     * @param s the text, e.g. {@code "-1b3p-12"} or {@code "0"}
     * @return the value, canonical
     * @throws InvalidInputException naming the text when it is not of that form
     */
    public static Dyadic parse(String s) {
        if (s == null) {
            throw new InvalidInputException("missing dyadic number");
        }
        if (s.equals("0")) {
            return ZERO;
        }
        int p = s.indexOf('p');
        int start = s.startsWith("-") ? 1 : 0;
        if (p <= start || p == s.length() - 1) {
            throw new InvalidInputException("malformed dyadic number '" + abbreviate(s) + "' (expected <hex>p<exponent>)");
        }
        String exp = s.substring(p + 1);
        long e;
        try {
            if (exp.length() > 12 || !exp.matches("-?[0-9]+")) {
                throw new NumberFormatException();
            }
            e = Long.parseLong(exp);
        } catch (NumberFormatException ex) {
            throw new InvalidInputException("malformed exponent in dyadic number '" + abbreviate(s) + "'");
        }
        if (Math.abs(e) > MAX_TEXT_EXPONENT) {
            throw new InvalidInputException("dyadic exponent out of range in '" + abbreviate(s) + "' (|e| <= 2^36)");
        }
        int digits = p - start;
        byte[] bytes = new byte[(digits + 1) / 2 + 1];
        // fill from the least significant digit
        int pos = bytes.length - 1;
        boolean low = true;
        for (int i = p - 1; i >= start; i--) {
            int v = Character.digit(s.charAt(i), 16);
            if (v < 0) {
                throw new InvalidInputException("malformed hex digit in dyadic number '" + abbreviate(s) + "'");
            }
            if (low) {
                bytes[pos] = (byte) v;
            } else {
                bytes[pos] |= (byte) (v << 4);
                pos--;
            }
            low = !low;
        }
        BigInteger m = new BigInteger(1, bytes);
        if (start == 1) {
            m = m.negate();
        }
        try {
            return of(m, e);
        } catch (ArithmeticException ex) {
            throw new InvalidInputException("dyadic exponent out of range in '" + abbreviate(s) + "'");
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }
}
