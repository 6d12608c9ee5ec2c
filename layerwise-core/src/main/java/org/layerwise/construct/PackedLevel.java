package org.layerwise.construct;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.stream.IntStream;

import ch.obermuhlner.math.big.BigDecimalMath;
import org.layerwise.InvalidInputException;
import org.layerwise.numeric.DoubleBits;
import org.layerwise.numeric.DoubleDouble;
import org.layerwise.numeric.DoubleDoubleWork;
import org.layerwise.numeric.Dyadic;
import org.layerwise.numeric.LimbStore;
import org.layerwise.numeric.Limbs;

/**
 * One level's amplitude {@code a_l} and packed phase {@code theta_l}, computed from the parent and current cell
 * means on primitives: the same values as {@link NetworkBuilder#corrections}, {@link NetworkBuilder#amplitude},
 * {@link Phases#phases} and {@link Phases#pack} (bit for bit), without an object per cell.
 *
 * <p>Per cell {@code K}: the correction {@code Delta = mu_l(K) - mu_{l-1}(K mod N^(d(l-1)))} is exactly the
 * double pair {@code (dh, dl)} of TwoSum (exact for finite doubles unless the difference overflows); the amplitude
 * is the least power of two {@code 2^A >= max |Delta|} (read from {@code dh}'s top bit, and from {@code dl} when
 * {@code |dh|} is itself a power of two); {@code x = Delta 2^-A = (xh, xl)} is then the nearest double-double to
 * the exact ratio, as {@link DoubleDouble#of(Dyadic)} gives it. The exact {@code w = 1 - x^2} is formed as the
 * 256-bit integer {@code W = 2^250 - X^2}, {@code X = x 2^125} (an integer when every set bit of {@code x} weighs at
 * least {@code 2^-125}), and rounded to the nearest double-double: {@code hi} = nearest double to {@code W 2^-250},
 * {@code lo} = nearest double to the rest, exactly as {@code DoubleDouble.of(w)}. From there
 * {@link Phases#doubleDoubleTurns} and the rounding are shared with the reference path. Cells outside the fast
 * path's range (an overflowing or underflowing difference, a ratio with bits below {@code 2^-125}) take the exact
 * dyadic path of {@link Phases#phase}, so every cell's phase is the one {@link Phases#phases} returns. Bit budgets
 * {@code b > 64} take the reference path for the whole level.
 *
 * <p>The phases are written straight into the bytes (b = 64) or limbs of {@code theta}'s mantissa: cell {@code K}
 * occupies bits
 * {@code b(C-1-K) .. b(C-K)-1} of the {@code bC}-bit integer {@code M}, {@code theta = M 2^(-bC)}.
 *
 * @param amplitude {@code a_l}
 * @param theta     {@code theta_l}
 */
public record PackedLevel(Dyadic amplitude, Dyadic theta) {

    /** Cells per parallel task. */
    private static final int CHUNK = 1 << 13;
    /** {@code X = x 2^SCALE} must be an integer: the fast path's resolution. */
    private static final int SCALE = 125;

    public PackedLevel {
        if (amplitude.signum() <= 0 || !amplitude.isPowerOfTwoMagnitude()) {
            throw new IllegalArgumentException("amplitude " + amplitude + " is not a positive power of two");
        }
    }

    /**
     * The level encoded from its parent and current means.
     *
     * @throws InvalidInputException if {@code current.length} is not a multiple of {@code parent.length} or a mean is
     *                               not finite
     */
    public static PackedLevel encode(double[] parent, double[] current, int bits) {
        if (parent.length == 0 || current.length % parent.length != 0) {
            throw new InvalidInputException(current.length + " cells do not refine " + parent.length);
        }
        checkFinite(parent);
        checkFinite(current);
        if (bits > 64) {
            Dyadic[] delta = NetworkBuilder.corrections(parent, current);
            Dyadic a = NetworkBuilder.amplitude(delta);
            return new PackedLevel(a, Phases.pack(Phases.phases(delta, a, bits), bits));
        }
        int cells = current.length;
        int chunks = (cells + CHUNK - 1) / CHUNK;
        long amplitudeExponent = IntStream.range(0, chunks).parallel()
                .mapToLong(c -> maxExponent(parent, current, c * CHUNK, Math.min(cells, (c + 1) * CHUNK)))
                .max().orElse(Long.MIN_VALUE);
        int e = amplitudeExponent == Long.MIN_VALUE ? 0 : (int) amplitudeExponent; // all zero: a = 1
        long totalBits = (long) bits * cells;
        LimbStore.Builder limbs = new LimbStore.Builder((totalBits + 63) / 64, LimbStore.configuredChunkShift());
        if (bits == 64) {
            // one word per cell, cell 0 the most significant: the tasks write disjoint words of the store
            IntStream.range(0, chunks).parallel().forEach(c -> {
                Scratch s = new Scratch(bits);
                for (int k = c * CHUNK, end = Math.min(cells, (c + 1) * CHUNK); k < end; k++) {
                    limbs.set(cells - 1 - k, s.phase(current[k], parent[k % parent.length], e));
                }
            });
        } else {
            long[] phases = new long[cells];
            IntStream.range(0, chunks).parallel().forEach(c -> {
                Scratch s = new Scratch(bits);
                for (int k = c * CHUNK, end = Math.min(cells, (c + 1) * CHUNK); k < end; k++) {
                    phases[k] = s.phase(current[k], parent[k % parent.length], e);
                }
            });
            for (int k = 0; k < cells; k++) {
                limbs.or((long) bits * (cells - 1 - k), phases[k], bits);
            }
        }
        return new PackedLevel(Dyadic.powerOfTwo(e), Dyadic.ofLimbs(limbs.build(), -totalBits));
    }

    private static void checkFinite(double[] means) {
        for (int k = 0; k < means.length; k++) {
            if (!Double.isFinite(means[k])) {
                throw new InvalidInputException("cannot represent " + means[k] + " as a dyadic rational");
            }
        }
    }

    /** Largest {@code ceil(log2 |Delta|)} over cells {@code [from, to)}, {@code Long.MIN_VALUE} if all are 0. */
    private static long maxExponent(double[] parent, double[] current, int from, int to) {
        long max = Long.MIN_VALUE;
        for (int k = from; k < to; k++) {
            double c = current[k];
            double p = parent[k % parent.length];
            double dh = c - p;
            if (Double.isInfinite(dh)) {
                // the exact difference is beyond the double range: the exact path
                Dyadic delta = Dyadic.valueOf(c).subtract(Dyadic.valueOf(p));
                max = Math.max(max, delta.isPowerOfTwoMagnitude() ? delta.topBit() : delta.topBit() + 1);
                continue;
            }
            if (dh == 0.0) {
                continue; // TwoSum: a zero rounded difference is an exact zero
            }
            double bb = dh - c;
            double dl = (c - (dh - bb)) + (-p - bb);
            long bits = Double.doubleToRawLongBits(dh);
            long m = DoubleBits.significand(bits);
            long top = DoubleBits.exponent(bits) + 63 - Long.numberOfLeadingZeros(m);
            boolean power = (m & (m - 1)) == 0;
            // |Delta| = |dh| + sign * |dl| <= 2^top exactly when |dh| = 2^top and dl does not add to it
            boolean atMost = power && (dl == 0.0 || (dl < 0) != (dh < 0));
            max = Math.max(max, atMost ? top : top + 1);
        }
        return max;
    }

    /** Per-task working space of the fast path: the 256-bit words of {@code W} and of the remainder. */
    private static final class Scratch {
        private final int bits;
        private final long[] w = new long[4];
        private final long[] r = new long[4];
        private final DoubleDoubleWork dd = new DoubleDoubleWork();
        private final double[] trig = new double[4];
        private MathContext mc;
        private BigDecimal twoPi;

        Scratch(int bits) {
            this.bits = bits;
        }

        /** The phase integer of the cell, in {@code [0, 2^b)} as the low {@code b} bits of a long. */
        long phase(double c, double p, int e) {
            double dh = c - p;
            if (dh == 0.0) {
                return 0L;
            }
            if (!Double.isInfinite(dh)) {
                double bb = dh - c;
                double dl = (c - (dh - bb)) + (-p - bb);
                double xh = Math.scalb(dh, -e);
                double xl = Math.scalb(dl, -e);
                if (Math.scalb(xh, e) == dh && Math.scalb(xl, e) == dl && lowestBit(xh) >= -SCALE
                        && (xl == 0.0 || lowestBit(xl) >= -SCALE)) {
                    return fast(xh, xl);
                }
            }
            return exact(c, p, e);
        }

        /** The reference path for one cell. */
        private long exact(double c, double p, int e) {
            if (mc == null) {
                mc = new MathContext((int) Math.ceil(0.30103 * bits) + 10, RoundingMode.HALF_EVEN);
                twoPi = bits > Phases.DOUBLE_DOUBLE_MAX_BITS ? BigDecimalMath.pi(mc).multiply(BigDecimal.valueOf(2), mc)
                        : null;
            }
            Dyadic x = Dyadic.valueOf(c).subtract(Dyadic.valueOf(p)).shift(-e);
            return Phases.phase(x, bits, mc, twoPi).longValue();
        }

        /** {@code x = xh + xl} exactly, {@code 0 < |x| <= 1}, every set bit of weight {@code >= 2^-125}. */
        private long fast(double xh, double xl) {
            // |X| = |x| 2^125 as an unsigned 128-bit integer (h, l); x has the sign of xh
            long h = scaledHigh(xh);
            long l = scaledLow(xh);
            if (xl != 0.0) {
                long lh = scaledHigh(xl);
                long ll = scaledLow(xl);
                if ((xl < 0) == (xh < 0)) {
                    long s = l + ll;
                    h += lh + (Long.compareUnsigned(s, l) < 0 ? 1 : 0);
                    l = s;
                } else {
                    long s = l - ll;
                    h -= lh + (Long.compareUnsigned(l, ll) < 0 ? 1 : 0);
                    l = s;
                }
            }
            // W = 2^250 - X^2 (X^2 < 2^252 since |X| <= 2^125)
            long ll0 = l * l;
            long ll1 = unsignedMultiplyHigh(l, l);
            long hl0 = h * l;
            long hl1 = unsignedMultiplyHigh(h, l);
            long hh0 = h * h;
            long hh1 = unsignedMultiplyHigh(h, h);
            // 2 h l (h < 2^62, so it fits 128 bits)
            long t1 = hl1 << 1 | hl0 >>> 63;
            long t0 = hl0 << 1;
            long s0 = ll0;
            long s1 = ll1 + t0;
            long c1 = Long.compareUnsigned(s1, t0) < 0 ? 1 : 0;
            long s2 = hh0 + t1;
            long c2 = Long.compareUnsigned(s2, t1) < 0 ? 1 : 0;
            long s2b = s2 + c1;
            c2 += Long.compareUnsigned(s2b, s2) < 0 ? 1 : 0;
            long s3 = hh1 + c2;
            // W = [0, 0, 0, 2^58] - [s0, s1, s2b, s3]
            long[] wv = w;
            wv[0] = -s0;
            long borrow = s0 != 0 ? 1 : 0;
            wv[1] = -s1 - borrow;
            borrow = (s1 != 0 || borrow != 0) ? 1 : 0;
            wv[2] = -s2b - borrow;
            borrow = (s2b != 0 || borrow != 0) ? 1 : 0;
            wv[3] = (1L << 58) - s3 - borrow;
            if ((wv[0] | wv[1] | wv[2] | wv[3]) == 0) {
                // |x| = 1: u = 1/4 or 3/4
                long quarter = 1L << (bits - 2);
                return xh > 0 ? quarter : 3 * quarter;
            }
            double wh = roundWords(wv, false);
            if (bits <= 50) {
                double angle = Math.atan2(xh, Math.sqrt(wh));
                double u = angle / (2 * Math.PI);
                if (u < 0) {
                    u += 1;
                }
                long n = (long) Math.rint(Math.scalb(u, bits));
                return n == 1L << bits ? 0L : n;
            }
            // the rest R = W - hi 2^250, |R| <= half an ulp of hi
            long whb = Double.doubleToRawLongBits(wh);
            long mw = DoubleBits.significand(whb);
            int sw = DoubleBits.exponent(whb) + 250;
            long[] rv = r;
            rv[0] = wv[0];
            rv[1] = wv[1];
            rv[2] = wv[2];
            rv[3] = wv[3];
            subtractShifted(rv, mw, sw);
            boolean negative = rv[3] < 0;
            if (negative) {
                negate(rv);
            }
            double wl = (rv[0] | rv[1] | rv[2] | rv[3]) == 0 ? 0.0 : roundWords(rv, negative);
            // DoubleDouble.of normalizes (hi, lo) with a TwoSum, which leaves this pair unchanged
            double whn = dd.twoSum(wh, wl);
            double uh = Phases.turns(xh, xl, whn, dd.lo(), dd, trig);
            long n = Phases.roundHalfEvenLong(Math.scalb(uh, bits), Math.scalb(dd.lo(), bits));
            return bits == 64 ? n : n & ((1L << bits) - 1);
        }

        /** The nearest double to {@code +-words 2^-250} (words nonzero, non-negative). */
        private static double roundWords(long[] words, boolean negative) {
            int top = 3;
            while (words[top] == 0) {
                top--;
            }
            long topBit = ((long) top << 6) + 63 - Long.numberOfLeadingZeros(words[top]);
            return Limbs.round(words, topBit, Limbs.UNKNOWN, -250, negative);
        }

        /** {@code words -= m << shift} on 256-bit two's complement words ({@code m < 2^54}, {@code shift <= 200}). */
        private static void subtractShifted(long[] words, long m, int shift) {
            int w = shift >>> 6;
            int off = shift & 63;
            long lo = m << off;
            long hi = off == 0 ? 0 : m >>> (64 - off);
            long borrow = 0;
            for (int k = w; k < 4; k++) {
                long sub = k == w ? lo : k == w + 1 ? hi : 0;
                long x = words[k];
                long d = x - sub - borrow;
                borrow = (Long.compareUnsigned(x, sub) < 0 || (borrow == 1 && x == sub)) ? 1 : 0;
                words[k] = d;
            }
        }

        private static void negate(long[] words) {
            long carry = 1;
            for (int k = 0; k < 4; k++) {
                long v = ~words[k] + carry;
                carry = (carry == 1 && v == 0) ? 1 : 0;
                words[k] = v;
            }
        }

        /** Bits 64..127 of {@code |v| 2^125} (an integer below {@code 2^126}: {@link #lowestBit} {@code >= -125}). */
        private static long scaledHigh(double v) {
            long b = Double.doubleToRawLongBits(v);
            long m = DoubleBits.significand(b);
            int s = DoubleBits.exponent(b) + SCALE;
            if (s <= 0) {
                return 0;
            }
            return s >= 64 ? m << (s - 64) : m >>> (64 - s);
        }

        /** Bits 0..63 of {@code |v| 2^125}. */
        private static long scaledLow(double v) {
            long b = Double.doubleToRawLongBits(v);
            long m = DoubleBits.significand(b);
            int s = DoubleBits.exponent(b) + SCALE;
            if (s <= 0) {
                return m >>> -s; // the dropped bits are zeros
            }
            return s >= 64 ? 0 : m << s;
        }

        /** Exponent of the lowest set bit of a nonzero finite double. */
        private static int lowestBit(double v) {
            long b = Double.doubleToRawLongBits(v);
            return DoubleBits.exponent(b) + Long.numberOfTrailingZeros(DoubleBits.significand(b));
        }

        private static long unsignedMultiplyHigh(long a, long b) {
            return Math.multiplyHigh(a, b) + ((a >> 63) & b) + ((b >> 63) & a);
        }
    }
}
