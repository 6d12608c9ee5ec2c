package org.layerwise.numeric;

import java.math.BigInteger;

/**
 * A wide two's complement fixed-point accumulator on little-endian 64-bit words whose bit 0 weighs {@code 2^e0}:
 * exact sums of dyadic constants and of doubles scaled by signed powers of two, rounded once to the nearest double
 * (ties to even) exactly as {@link Dyadic#doubleValue()} rounds the exact sum. The caller chooses {@code e0} and the
 * number of words so that every term and the carries fit; the sum is then exact (modular arithmetic never wraps).
 * Static methods on caller-owned arrays, so a hot loop allocates nothing.
 */
public final class FixedPointSum {

    private FixedPointSum() {
    }

    /**
     * Adds a scaled double exactly: with {@code v = +-m 2^e} ({@link DoubleBits}), adds {@code +-m} at bit
     * {@code e + shift} of the words, i.e. the accumulated value {@code acc * 2^e0} grows by
     * {@code +-v * 2^(shift + e0)}.
     *
     * @param acc    the two's complement words, changed in place
     * @param v      a finite double; zero adds nothing
     * @param negate subtract instead of add
     * @param shift  the scale, chosen by the caller so that {@code e + shift >= 0} and the term fits the words
     */
    public static void addScaled(long[] acc, double v, boolean negate, int shift) {
        if (v == 0.0) {
            return;
        }
        long bits = Double.doubleToRawLongBits(v);
        long m = DoubleBits.significand(bits);
        int e = DoubleBits.exponent(bits);
        boolean neg = (bits < 0) != negate;
        // value = m * 2^(e + shift') where bit 0 of acc weighs 2^lowExponent; shift already subtracts it
        int pos = e + shift;
        int w = pos >>> 6;
        int off = pos & 63;
        long lo = m << off;
        long hiPart = off == 0 ? 0 : m >>> (64 - off);
        if (!neg) {
            addAt(acc, w, lo, hiPart, 0L);
        } else {
            // two's complement of the 128-bit value (hiPart, lo), sign-extended with ones
            long nlo = ~lo + 1;
            long nhi = ~hiPart + (nlo == 0 ? 1 : 0);
            addAt(acc, w, nlo, nhi, -1L);
        }
    }

    /** Adds the 128-bit value (hi, lo) at word {@code w}, with {@code ext} (0 or -1) above, modulo the width. */
    private static void addAt(long[] acc, int w, long lo, long hi, long ext) {
        long s = acc[w] + lo;
        long carry = Long.compareUnsigned(s, lo) < 0 ? 1 : 0;
        acc[w] = s;
        int k = w + 1;
        if (k >= acc.length) {
            return;
        }
        long t = acc[k] + hi;
        long c1 = Long.compareUnsigned(t, hi) < 0 ? 1 : 0;
        long t2 = t + carry;
        long c2 = Long.compareUnsigned(t2, t) < 0 ? 1 : 0;
        acc[k] = t2;
        carry = c1 + c2;
        for (k = k + 1; k < acc.length; k++) {
            // adding ext + carry: 0 + 0 and -1 + 1 leave every higher word unchanged
            if ((ext == 0 && carry == 0) || (ext == -1 && carry == 1)) {
                return;
            }
            long u = acc[k] + ext;
            long d1 = Long.compareUnsigned(u, acc[k]) < 0 ? 1 : 0;
            long u2 = u + carry;
            long d2 = Long.compareUnsigned(u2, u) < 0 ? 1 : 0;
            acc[k] = u2;
            carry = d1 + d2;
        }
    }

    /**
     * {@code out = a + b} on two's complement words of equal length, modulo the width.
     *
     * @param a   the first summand's words
     * @param b   the second summand's words
     * @param out receives the sum (may be {@code a} or {@code b})
     */
    public static void add(long[] a, long[] b, long[] out) {
        long carry = 0;
        for (int k = 0; k < a.length; k++) {
            long x = a[k];
            long s = x + b[k];
            long c1 = Long.compareUnsigned(s, x) < 0 ? 1 : 0;
            long s2 = s + carry;
            long c2 = Long.compareUnsigned(s2, s) < 0 ? 1 : 0;
            out[k] = s2;
            carry = c1 + c2;
        }
    }

    /**
     * Rounds the two's complement fixed-point value {@code acc * 2^e0} to the nearest double, ties to even, as
     * {@link Dyadic#doubleValue()} rounds the same value; destroys {@code acc}.
     *
     * @param acc the words (overwritten by the magnitude)
     * @param e0  the weight exponent of bit 0
     * @return the nearest double; {@code +0.0} for an exact zero
     */
    public static double roundToDouble(long[] acc, int e0) {
        boolean negative = acc[acc.length - 1] < 0;
        if (negative) {
            long carry = 1;
            for (int k = 0; k < acc.length; k++) {
                long v = ~acc[k] + carry;
                carry = (carry == 1 && v == 0) ? 1 : 0;
                acc[k] = v;
            }
        }
        int topWord = acc.length - 1;
        while (topWord >= 0 && acc[topWord] == 0) {
            topWord--;
        }
        if (topWord < 0) {
            return 0.0; // an exact zero is +0.0, as Dyadic.ZERO.doubleValue()
        }
        long top = ((long) topWord << 6) + 63 - Long.numberOfLeadingZeros(acc[topWord]);
        return Limbs.round(acc, top, Limbs.UNKNOWN, e0, negative);
    }

    /**
     * A dyadic as fixed-point words.
     *
     * @param d     the dyadic; its exponent must be {@code >= e0} and its bits must fit {@code words} words
     * @param e0    the weight exponent of bit 0
     * @param words the number of words
     * @return {@code d * 2^-e0} as two's complement little-endian words
     */
    public static long[] of(Dyadic d, int e0, int words) {
        long[] out = new long[words];
        if (d.isZero()) {
            return out;
        }
        BigInteger v = d.mantissa().shiftLeft(Math.toIntExact(d.exponent() - e0));
        long[] mag = Limbs.toWords(v.abs(), words);
        System.arraycopy(mag, 0, out, 0, words);
        if (v.signum() < 0) {
            long carry = 1;
            for (int k = 0; k < words; k++) {
                long x = ~out[k] + carry;
                carry = (carry == 1 && x == 0) ? 1 : 0;
                out[k] = x;
            }
        }
        return out;
    }
}
