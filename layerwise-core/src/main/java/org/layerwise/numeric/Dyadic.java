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
 */
public final class Dyadic implements Comparable<Dyadic> {

    /** Zero, {@code 0 * 2^0}. */
    public static final Dyadic ZERO = new Dyadic(BigInteger.ZERO, 0);
    /** One, {@code 1 * 2^0}. */
    public static final Dyadic ONE = new Dyadic(BigInteger.ONE, 0);

    /** Runs {@code 2^t - 1} of at least this many ones are kept unexpanded (see the class description). */
    public static final int RUN_MIN_BITS = 1024;

    /** The mantissa, or for a kept run its odd factor {@code base}: the mantissa is {@code base (2^run - 1)}. */
    private final BigInteger mantissa;
    /** 0, or the length {@code t >= RUN_MIN_BITS} of the kept run factor {@code 2^t - 1}. */
    private final int run;
    private final int exponent;

    private Dyadic(BigInteger mantissa, int exponent) {
        this(mantissa, 0, exponent);
    }

    private Dyadic(BigInteger base, int run, int exponent) {
        this.mantissa = base;
        this.run = run;
        this.exponent = exponent;
    }

    /**
     * The run of ones {@code 2^a - 2^b}, kept unexpanded when it has at least {@value #RUN_MIN_BITS} ones.
     *
     * @param a the exponent of the bit above the run
     * @param b the exponent of the run's lowest bit, {@code b < a}
     * @return {@code 2^a - 2^b}, exactly
     * @throws IllegalArgumentException if {@code a <= b}
     * @throws ArithmeticException      if {@code a - b} or {@code b} is outside the int range
     */
    public static Dyadic run(long a, long b) {
        if (a <= b) {
            throw new IllegalArgumentException("run 2^" + a + " - 2^" + b + " needs a > b");
        }
        int t = Math.toIntExact(a - b);
        if (t < RUN_MIN_BITS) {
            return of(BigInteger.ONE.shiftLeft(t).subtract(BigInteger.ONE), b);
        }
        return new Dyadic(BigInteger.ONE, t, Math.toIntExact(b));
    }

    /** The mantissa's bits (a kept run expanded). */
    private BigInteger bits() {
        return run == 0 ? mantissa : mantissa.shiftLeft(run).subtract(mantissa);
    }

    /**
     * The canonical form of {@code m * 2^e}: the trailing zero bits of {@code m} moved into the exponent.
     *
     * @param m the mantissa
     * @param e the exponent
     * @return {@code m * 2^e}, {@link #ZERO} when {@code m = 0}
     * @throws ArithmeticException if the canonical exponent is outside the int range
     */
    public static Dyadic of(BigInteger m, long e) {
        if (m.signum() == 0) {
            return ZERO;
        }
        int tz = m.getLowestSetBit();
        long exp = e + tz;
        if (exp != (int) exp) {
            throw new ArithmeticException("dyadic exponent " + exp + " out of int range");
        }
        return new Dyadic(tz == 0 ? m : m.shiftRight(tz), (int) exp);
    }

    /**
     * @param m the mantissa
     * @param e the exponent
     * @return {@code m * 2^e}, canonical
     * @throws ArithmeticException if the canonical exponent is outside the int range
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
     * @throws ArithmeticException if the canonical exponent is outside the int range
     */
    public static Dyadic valueOf(BigInteger v) {
        return of(v, 0);
    }

    /**
     * @param k the exponent
     * @return {@code 2^k}
     * @throws ArithmeticException if the canonical exponent is outside the int range
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
    public int keptRun() {
        return run;
    }

    /**
     * @return the odd factor {@code base} of a kept run, {@code mantissa = base (2^keptRun - 1)} (shared, not copied);
     *         the mantissa itself when no run is kept
     */
    public BigInteger keptBase() {
        return mantissa;
    }

    /** @return the exponent {@code e} of {@code m * 2^e}; 0 for zero */
    public int exponent() {
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
        return run == 0 && mantissa.abs().equals(BigInteger.ONE);
    }

    /** @return the number of significant bits, {@code bitLength(|m|)} (0 for zero; a kept run is not expanded) */
    public int bitLength() {
        BigInteger base = mantissa.abs(); // shares the magnitude
        int bl = base.bitLength();
        if (run == 0 || bl == 1) {
            return run == 0 ? bl : run;
        }
        // |m| = base 2^t - base has bl + t bits iff r 2^t >= base, r = base - 2^(bl-1) (see bitLengthOfRun)
        int second = bl - 2;
        while (second >= 0 && !base.testBit(second)) {
            second--;
        }
        int rl = second + 1; // bitLength(r), >= 1 since base is odd and > 1
        if (rl + run != bl) {
            return rl + run > bl ? bl + run : bl + run - 1;
        }
        return base.clearBit(bl - 1).shiftLeft(run).compareTo(base) >= 0 ? bl + run : bl + run - 1;
    }

    /**
     * @return the exponent of the leading bit, {@code floor(log2 |this|)}; {@link Integer#MIN_VALUE} for zero
     */
    public long topBit() {
        return isZero() ? Integer.MIN_VALUE : (long) exponent + bitLength() - 1;
    }

    /** @return {@code -this}, exactly (a kept run stays kept) */
    public Dyadic negate() {
        return isZero() ? this : new Dyadic(mantissa.negate(), run, exponent);
    }

    /** @return {@code |this|}, exactly */
    public Dyadic abs() {
        return signum() < 0 ? negate() : this;
    }

    /**
     * @param k the power of two
     * @return {@code this * 2^k}: only the exponent changes
     * @throws ArithmeticException if the canonical exponent is outside the int range
     */
    public Dyadic shift(long k) {
        if (isZero() || k == 0) {
            return this;
        }
        long e = exponent + k;
        if (e != (int) e) {
            throw new ArithmeticException("dyadic exponent " + e + " out of int range");
        }
        return new Dyadic(mantissa, run, (int) e);
    }

    /**
     * @param o the other summand
     * @return {@code this + o}, exactly
     * @throws ArithmeticException if the canonical exponent is outside the int range
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
            return new Dyadic(m.add(om.shiftLeft(o.exponent - exponent)), exponent);
        }
        return new Dyadic(om.add(m.shiftLeft(exponent - o.exponent)), o.exponent);
    }

    /**
     * @param o the subtrahend
     * @return {@code this - o}, exactly
     * @throws ArithmeticException if the canonical exponent is outside the int range
     */
    public Dyadic subtract(Dyadic o) {
        return add(o.negate());
    }

    /**
     * The exact product; linear time when a mantissa is {@code +-1}, small, or {@code +-(2^s - 1)}.
     *
     * @param o the other factor
     * @return {@code this * o}, exactly
     * @throws ArithmeticException if the exponent overflows the int range
     */
    public Dyadic multiply(Dyadic o) {
        if (isZero() || o.isZero()) {
            return ZERO;
        }
        int e = Math.addExact(exponent, o.exponent);
        // a kept run times a value without one stays kept: base' = base times the other's mantissa
        if (run > 0 && o.run == 0 && (o.mantissa.bitLength() <= 1 || mantissa.bitLength() <= 1)) {
            return new Dyadic(multiplyMantissas(mantissa, o.mantissa), run, e);
        }
        if (o.run > 0 && run == 0 && (mantissa.bitLength() <= 1 || o.mantissa.bitLength() <= 1)) {
            return new Dyadic(multiplyMantissas(mantissa, o.mantissa), o.run, e);
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
            return bits().shiftLeft(exponent);
        }
        return bits().shiftRight(-exponent); // arithmetic shift: rounds toward -infinity
    }

    /** @return {@code floor(this)} as a dyadic */
    public Dyadic floor() {
        if (exponent >= 0) {
            return this;
        }
        return of(bits().shiftRight(-exponent), 0);
    }

    /** @return {@code this - floor(this)}, in {@code [0, 1)} (also for negative values), exactly */
    public Dyadic fractionalPart() {
        if (exponent >= 0) {
            return ZERO;
        }
        return of(lowBits(bits(), -exponent), exponent);
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
     * @throws ArithmeticException if {@code e1 + e2} is below the int range
     */
    public Dyadic multiplyFractionalPart(Dyadic o) {
        if (isZero() || o.isZero()) {
            return ZERO;
        }
        long e = (long) exponent + o.exponent;
        if (e >= 0) {
            return ZERO;
        }
        if (e < Integer.MIN_VALUE) {
            throw new ArithmeticException("dyadic exponent " + e + " out of int range");
        }
        int f = (int) -e;
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
        BigInteger mag = bits().abs();
        long top = topBit();
        if (DoubleBits.outOfRange(top)) {
            return DoubleBits.outOfRangeValue(top, negative);
        }
        // unit in the last place of the result: 53 significant bits, but never below 2^-1074
        long q = DoubleBits.lastPlace(top);
        long m;
        if (exponent >= q) {
            m = mag.shiftLeft((int) (exponent - q)).longValueExact();
        } else {
            int shift = (int) (q - exponent);
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
        int e = Math.min(exponent, o.exponent);
        return bits().shiftLeft(exponent - e).compareTo(o.bits().shiftLeft(o.exponent - e));
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

    /** Equal values; two kept runs of the same length compare their factors, other forms their expanded bits. */
    @Override
    public boolean equals(Object obj) {
        if (!(obj instanceof Dyadic d) || d.exponent != exponent || d.signum() != signum()) {
            return false;
        }
        if (d.run == run) {
            return d.mantissa.equals(mantissa);
        }
        return d.bitLength() == bitLength() && d.bits().equals(bits());
    }

    /** The hash of the value (of the expanded mantissa, whatever the form: computed once for a kept run). */
    @Override
    public int hashCode() {
        if (run == 0) {
            return 31 * mantissa.hashCode() + exponent;
        }
        int h = hash;
        if (h == 0) {
            h = 31 * bits().hashCode() + exponent;
            hash = h;
        }
        return h;
    }

    /** Cached {@link #hashCode} of a kept run (0: not computed yet). */
    private int hash;

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
            if (exp.length() > 11 || !exp.matches("-?[0-9]+")) {
                throw new NumberFormatException();
            }
            e = Long.parseLong(exp);
        } catch (NumberFormatException ex) {
            throw new InvalidInputException("malformed exponent in dyadic number '" + abbreviate(s) + "'");
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
        if (e < Integer.MIN_VALUE || e > Integer.MAX_VALUE) {
            throw new InvalidInputException("dyadic exponent out of range in '" + abbreviate(s) + "'");
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
