package org.layerwise.construct;

import org.layerwise.numeric.DoubleDouble;
import org.layerwise.numeric.DoubleDoubleTrig;
import org.layerwise.numeric.DoubleDoubleWork;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.stream.IntStream;

import ch.obermuhlner.math.big.BigDecimalMath;
import org.layerwise.numeric.Dyadic;

/**
 * The decoder's phases and their packing (construction note, section 3, "the decoder").
 *
 * <p>For a correction {@code Delta} and amplitude {@code a >= |Delta|} the phase is
 * {@code u = arcsin(Delta/a) / (2 pi) mod 1}, stored as the integer {@code n = round(u 2^b) mod 2^b}
 * (ties to even), so the stored phase {@code n 2^-b} is within {@code 2^-(b+1)} of {@code u} up to
 * the evaluation error below. The angle is computed as {@code atan2(x, sqrt(1 - x^2))} with
 * {@code x = Delta/a} and {@code 1 - x^2} formed exactly, which stays well conditioned near
 * {@code |x| = 1} (where {@code arcsin} of a rounded {@code x} loses half the digits):
 * <ul>
 * <li>{@code b <= 50}: in doubles; the angle error is a few units of {@code 2^-53}, far below {@code 2^-(b+1)};</li>
 * <li>{@code 50 < b <= }{@value #DOUBLE_DOUBLE_MAX_BITS}: in double-double arithmetic (about 106 bits), see
 *     {@link #doubleDoublePhase}: {@code |u_computed - u| <= 2^-102}, i.e. at most {@code 2^(b-102) <= 1/64}
 *     of a unit {@code 2^-b};</li>
 * <li>larger {@code b}: with big-math at {@code ceil(0.30103 b) + 10} significant digits, i.e. an
 *     error about {@code 10^-10 * 2^-b}.</li>
 * </ul>
 * {@code x = 0} and {@code x = +-1} are exact ({@code u = 0, 1/4, 3/4}). So {@code n} is the correctly
 * rounded phase except when {@code u 2^b} lies within the evaluation error of a half-integer (a near-tie),
 * where it may be the other neighbour: still within {@code 2^-(b+1)} plus that error of {@code u}, well inside
 * the decoder's budget {@code |a v - Delta| <= 2 pi a 2^(1-b)} (which allows a phase error up to {@code 2^-b}
 * beside the packing tail below {@code 2^-b}). Every path is a pure function of {@code (x, b)}: the phases do
 * not depend on threads or order.
 */
public final class Phases {

    /** Largest bit budget served by the double-double path (its error {@code 2^-102} is {@code <= 1/64} unit there). */
    static final int DOUBLE_DOUBLE_MAX_BITS = 96;

    private Phases() {
    }

    /** Phases {@code n_K} of a level's corrections, {@code 0 <= n_K < 2^b}; parallel over cells. */
    public static BigInteger[] phases(Dyadic[] corrections, Dyadic amplitude, int bits) {
        if (!amplitude.isPowerOfTwoMagnitude() || amplitude.signum() <= 0) {
            throw new IllegalArgumentException("amplitude " + amplitude + " is not a positive power of two");
        }
        MathContext mc = new MathContext((int) Math.ceil(0.30103 * bits) + 10, RoundingMode.HALF_EVEN);
        BigDecimal twoPi = bits > DOUBLE_DOUBLE_MAX_BITS ? BigDecimalMath.pi(mc).multiply(BigDecimal.valueOf(2), mc) : null;
        BigInteger[] out = new BigInteger[corrections.length];
        IntStream.range(0, corrections.length).parallel().forEach(k -> {
            Dyadic x = corrections[k].shift(-amplitude.exponent());
            out[k] = phase(x, bits, mc, twoPi);
        });
        return out;
    }

    /** The phase integer of {@code x = Delta/a in [-1, 1]}. */
    static BigInteger phase(Dyadic x, int bits, MathContext mc, BigDecimal twoPi) {
        if (x.isZero()) {
            return BigInteger.ZERO;
        }
        Dyadic w = Dyadic.ONE.subtract(x.multiply(x));
        if (w.signum() < 0) {
            throw new IllegalArgumentException("correction ratio " + x + " outside [-1, 1]");
        }
        if (w.isZero()) {
            // arcsin(+-1) = +-pi/2: u = 1/4 or 3/4
            BigInteger quarter = BigInteger.ONE.shiftLeft(bits).shiftRight(2);
            return x.signum() > 0 ? quarter : quarter.multiply(BigInteger.valueOf(3));
        }
        BigInteger full = BigInteger.ONE.shiftLeft(bits);
        BigInteger n;
        if (bits <= 50) {
            double angle = Math.atan2(x.doubleValue(), Math.sqrt(w.doubleValue()));
            double u = angle / (2 * Math.PI);
            if (u < 0) {
                u += 1;
            }
            n = BigInteger.valueOf((long) Math.rint(Math.scalb(u, bits)));
        } else if (bits <= DOUBLE_DOUBLE_MAX_BITS) {
            n = doubleDoublePhase(x, w, bits);
        } else {
            // the JDK root: big-math's sqrt divides by zero for w below the double range (x = 1 - 2^-2000)
            BigDecimal angle = BigDecimalMath.atan2(toBigDecimal(x, mc), toBigDecimal(w, mc).sqrt(mc), mc);
            BigDecimal u = angle.divide(twoPi, mc);
            if (u.signum() < 0) {
                u = u.add(BigDecimal.ONE);
            }
            n = u.multiply(new BigDecimal(full)).setScale(0, RoundingMode.HALF_EVEN).toBigIntegerExact();
        }
        return n.equals(full) ? BigInteger.ZERO : n;
    }

    /**
     * {@code round(u 2^b) mod 2^b} (ties to even) for
     * {@code u = atan2(x, c) / (2 pi)}, {@code c = sqrt(w)}, {@code w = 1 - x^2 > 0} exact, {@code x != 0},
     * evaluated in double-double arithmetic ({@link DoubleDouble}; {@code eps = 2^-53}).
     *
     * <p>Method: {@code x~, w~} = nearest double-doubles to the exact dyadics, {@code c~ = sqrt(w~)};
     * {@code theta0 = Math.atan2(hi(x~), hi(c~))} (error below {@code 2^-48}); one Newton step on
     * {@code f(theta) = x cos theta - c sin theta = r sin(phi - theta)} (with {@code phi = atan2(x, c)},
     * {@code r = sqrt(x^2 + c^2) = 1}, {@code f' = -(x sin theta + c cos theta) = -r cos(phi - theta)}):
     * {@code theta1 = theta0 + f(theta0)}, whose error {@code |e - r sin e| <= |e|^3/6 + |r - 1||e| < 2^-140}
     * is negligible ({@code e = phi - theta0}; dividing by {@code -f'} is unnecessary because {@code r cos e = 1}
     * to {@code 2^-96}). {@code sin, cos(theta0)} come from {@code theta0 = k/64 + t} ({@code |t| <= 2^-7}, exact),
     * a table of {@code sin, cos(k/64)} computed once with big-math, Taylor series of {@code sin t} to
     * {@code t^13} and {@code cos t} to {@code t^12} (truncation below {@code 2^-120}) and the addition formulas.
     * Then {@code u = theta1 * (1/(2 pi))} and {@code n} is rounded from the exact value {@code hi + lo}.
     *
     * <p>Error budget (absolute, no underflow; underflow in tiny {@code x} or {@code w} adds at most a few
     * {@code 2^-1074} to {@code x~} and, as {@code |sqrt(a) - sqrt(b)| <= sqrt(|a - b|)}, at most {@code 2^-536} to {@code c~}):
     * <ul>
     * <li>inputs: {@code |x~ - x| <= eps^2 |x|} (two roundings; an {@code x} with more than 106 significant
     *     bits is rounded here, which costs nothing more), {@code |c~ - c| <= (eps^2/2 + 4 eps^2) c}, so the
     *     angle of {@code (x~, c~)} is within {@code c |dx| + |x| |dc| <= 5.5 eps^2 |x| c <= 2.75 eps^2} of {@code phi};</li>
     * <li>{@code sin, cos(theta0)}: table {@code eps^2}, Taylor/Horner {@code 3 eps^2} (the final {@code + 1}),
     *     addition formula {@code 6 + 3 eps^2}: at most {@code 14 eps^2} each;</li>
     * <li>{@code f(theta0)}: {@code (|x| + c) 14 eps^2 + 6 eps^2 (|x cos| + |c sin|) <= (14 sqrt 2 + 6) eps^2 < 26 eps^2};
     *     {@code theta0 + f}: {@code 3 eps^2 |theta1| <= 4.8 eps^2}; so {@code |theta1 - phi| <= 34 eps^2};</li>
     * <li>{@code u}: {@code 34 eps^2 / (2 pi) + 6 eps^2 |u| + eps^2 |u| <= 7.2 eps^2 < 2^-102 = 16 eps^2}
     *     (the bound claimed, with a factor 2 to spare; {@code PhasesDoubleDoubleTest} measures it).</li>
     * </ul>
     * In units of {@code 2^-b} that is {@code 2^(b-102)}: {@code 2^-38} at {@code b = 64}, {@code 1/64} at {@code b = 96};
     * hence the path serves {@code b <= }{@value #DOUBLE_DOUBLE_MAX_BITS}. The scaling by {@code 2^b} and the
     * rounding are exact.
     */
    static BigInteger doubleDoublePhase(Dyadic x, Dyadic w, int bits) {
        // round(u 2^b) for u in [-1/4, 1/4], then mod 2^b: the same as rounding u + 1 (2^b is even)
        return roundHalfEven(doubleDoubleTurns(x, w).scalb(bits)).mod(BigInteger.ONE.shiftLeft(bits));
    }

    /** {@code u = atan2(x, sqrt(w)) / (2 pi)} in {@code [-1/4, 1/4]} as a double-double, within {@code 2^-102} (see above). */
    static DoubleDouble doubleDoubleTurns(Dyadic x, Dyadic w) {
        return doubleDoubleTurns(DoubleDouble.of(x), DoubleDouble.of(w));
    }

    /** {@link #doubleDoubleTurns(Dyadic, Dyadic)} from the nearest double-doubles {@code xs, ws} of {@code x, w}. */
    static DoubleDouble doubleDoubleTurns(DoubleDouble xs, DoubleDouble ws) {
        DoubleDoubleWork w = new DoubleDoubleWork();
        double hi = turns(xs.hi(), xs.lo(), ws.hi(), ws.lo(), w, new double[4]);
        return new DoubleDouble(hi, w.lo());
    }

    /**
     * {@link #doubleDoubleTurns(DoubleDouble, DoubleDouble)} on primitives (no object per call): the high part of
     * {@code u}, its low part left in {@code w.lo()}.
     *
     * @param xh  high part of {@code x}
     * @param xl  low part of {@code x}
     * @param wh  high part of {@code w = 1 - x^2}
     * @param wl  low part of {@code w}
     * @param w   the double-double working space
     * @param tmp four doubles of scratch for the sine and cosine
     * @return the high part of {@code u}
     */
    static double turns(double xh, double xl, double wh, double wl, DoubleDoubleWork w, double[] tmp) {
        double ch = w.sqrt(wh, wl);
        double cl = w.lo();
        double theta0 = Math.atan2(xh, ch);
        DoubleDoubleTrig.sinCos(theta0, w, tmp);
        // f(theta0) = x cos theta0 - c sin theta0 = sin(phi - theta0) to 2^-104: the Newton correction
        double ah = w.multiply(xh, xl, tmp[2], tmp[3]);
        double al = w.lo();
        double bh = w.multiply(ch, cl, tmp[0], tmp[1]);
        double fh = w.add(ah, al, -bh, -w.lo());
        double th = w.add(fh, w.lo(), theta0);
        return w.multiply(th, w.lo(), DoubleDoubleTrig.INV_TWO_PI.hi(), DoubleDoubleTrig.INV_TWO_PI.lo());
    }

    /**
     * The integer nearest to the exact value {@code v.hi + v.lo} (normalized, finite), ties to even, without
     * big arithmetic: with {@code i = rint(hi)}, {@code d = hi - i} (exact, {@code |d| <= 1/2}), TwoSum gives
     * {@code d + lo = s + e} exactly; with {@code k = rint(s)}, {@code g = s - k} (exact, {@code |g| <= 1/2}) the
     * value is {@code i + k + g + e}. If {@code |g| < 1/2} the answer is {@code i + k}: a double {@code s} that is
     * not a half-integer is at least {@code ulp(s) > |e|} away from every half-integer. If {@code g = +-1/2} the
     * sign of {@code e} decides, and {@code e = 0} is a true tie, which goes to the even neighbour.
     */
    static BigInteger roundHalfEven(DoubleDouble v) {
        if (Math.abs(v.hi()) <= 0x1p62) {
            return BigInteger.valueOf(roundHalfEvenLong(v));
        }
        double i = Math.rint(v.hi());
        DoubleDouble r = DoubleDouble.twoSum(v.hi() - i, v.lo());
        double k = Math.rint(r.hi());
        double g = r.hi() - k;
        BigInteger base = integerValue(i).add(BigInteger.valueOf((long) k));
        if (Math.abs(g) != 0.5) {
            return base;
        }
        // the two neighbours are lower and lower + 1
        BigInteger lower = g > 0 ? base : base.subtract(BigInteger.ONE);
        double e = r.lo();
        boolean up = e != 0 ? e > 0 : lower.testBit(0);
        return up ? lower.add(BigInteger.ONE) : lower;
    }

    /** {@link #roundHalfEven(DoubleDouble)} for {@code |v.hi| <= 2^62}, on longs (the same steps). */
    static long roundHalfEvenLong(DoubleDouble v) {
        return roundHalfEvenLong(v.hi(), v.lo());
    }

    /** {@link #roundHalfEvenLong(DoubleDouble)} of the pair {@code (hi, lo)}, on primitives. */
    static long roundHalfEvenLong(double hi, double lo) {
        double i = Math.rint(hi);
        double d = hi - i;
        double rh = d + lo;
        double bb = rh - d;
        double e = (d - (rh - bb)) + (lo - bb); // TwoSum: d + lo = rh + e exactly
        double k = Math.rint(rh);
        double g = rh - k;
        long base = (long) i + (long) k;
        if (Math.abs(g) != 0.5) {
            return base;
        }
        long lower = g > 0 ? base : base - 1;
        boolean up = e != 0 ? e > 0 : (lower & 1) != 0;
        return up ? lower + 1 : lower;
    }

    /** An integer-valued double as a BigInteger. */
    private static BigInteger integerValue(double i) {
        return Math.abs(i) < 0x1p62 ? BigInteger.valueOf((long) i) : new BigDecimal(i).toBigIntegerExact();
    }

    /** The integer nearest to {@code v}, ties to even (exact). */
    static BigInteger roundHalfEven(Dyadic v) {
        BigInteger floor = v.floorInteger();
        int cmp = v.fractionalPart().compareTo(HALF);
        if (cmp > 0 || (cmp == 0 && floor.testBit(0))) {
            return floor.add(BigInteger.ONE);
        }
        return floor;
    }

    private static final Dyadic HALF = Dyadic.powerOfTwo(-1);

    /** {@code x} rounded to {@code mc} (exact value divided by a power of two, then rounded once). */
    static BigDecimal toBigDecimal(Dyadic x, MathContext mc) {
        if (x.exponent() >= 0) {
            return new BigDecimal(x.mantissa().shiftLeft(Math.toIntExact(x.exponent())), mc);
        }
        return new BigDecimal(x.mantissa()).divide(new BigDecimal(BigInteger.ONE.shiftLeft(Math.toIntExact(-x.exponent()))), mc);
    }

    /**
     * {@code theta = sum_K n_K 2^(-b(K+1))}: cell {@code K} occupies bits {@code bK+1 .. bK+b} after
     * the binary point. Built in one pass over a byte array (linear in {@code b * cells}).
     */
    public static Dyadic pack(BigInteger[] phases, int bits) {
        long totalBits = (long) bits * phases.length;
        if (totalBits > Integer.MAX_VALUE - 64) {
            throw new IllegalArgumentException("packed phases need " + totalBits + " bits");
        }
        byte[] bytes = new byte[(int) ((totalBits + 7) / 8)];
        // bit position 0 is the most significant bit of the array
        int padding = (int) (8L * bytes.length - totalBits);
        for (int k = 0; k < phases.length; k++) {
            BigInteger n = phases[k];
            if (n.signum() == 0) {
                continue;
            }
            if (n.signum() < 0 || n.bitLength() > bits) {
                throw new IllegalArgumentException("phase " + n + " of cell " + k + " does not fit " + bits + " bits");
            }
            long base = padding + (long) bits * k;
            // 64-bit limbs, most significant first (the top limb holds the leftover bits)
            int top = bits % 64 == 0 ? 64 : bits % 64;
            long pos = base;
            for (int shift = bits - top, width = top; shift >= 0; shift -= 64, width = 64) {
                long limb = shift == 0 && n.bitLength() < 64 ? n.longValue() : n.shiftRight(shift).longValue();
                writeBits(bytes, pos, limb, width);
                pos += width;
            }
        }
        return Dyadic.of(new BigInteger(1, bytes), -totalBits);
    }

    /** ORs the low {@code count <= 64} bits of {@code value}, most significant first, into bit positions {@code pos..}. */
    private static void writeBits(byte[] bytes, long pos, long value, int count) {
        while (count > 0) {
            int offset = (int) (pos & 7);
            int take = Math.min(8 - offset, count);
            int chunk = (int) ((value >>> (count - take)) & ((1 << take) - 1));
            bytes[(int) (pos >>> 3)] |= (byte) (chunk << (8 - offset - take));
            pos += take;
            count -= take;
        }
    }
}
