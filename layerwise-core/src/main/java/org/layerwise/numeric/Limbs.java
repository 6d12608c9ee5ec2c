package org.layerwise.numeric;

import java.math.BigInteger;

/**
 * Bit-level operations on non-negative integers stored as little-endian 64-bit limbs ({@code long[]}, limb
 * {@code k} holding bits {@code 64k .. 64k+63}): reading a bit window, the exact rounding of a window to a double,
 * and the conversions to and from {@link BigInteger}. The phase windows of the fast evaluator and the head sum of
 * {@link FixedPointSum} round through {@link #round}.
 */
public final class Limbs {

    /** "Lowest set bit not computed": {@link #round} then scans for a set bit below the rounding bit itself. */
    public static final long UNKNOWN = Long.MIN_VALUE;

    private Limbs() {
    }

    /**
     * The double nearest (ties to even) to {@code +-(bits [0, top] of words) * 2^e0}, where bit {@code top} is set
     * and {@code lowest} is the index of the lowest set bit ({@link #UNKNOWN}: scan the words when needed): the same
     * steps ({@link DoubleBits}), overflow and underflow rules as {@link Dyadic#doubleValue()}.
     *
     * @param words    the magnitude's limbs
     * @param top      the index of its top set bit
     * @param lowest   the index of its lowest set bit, or {@link #UNKNOWN}
     * @param e0       the weight exponent of bit 0
     * @param negative the sign
     * @return the nearest double, or an infinity or signed zero beyond the double range
     */
    public static double round(long[] words, long top, long lowest, long e0, boolean negative) {
        long topExp = top + e0;
        if (DoubleBits.outOfRange(topExp)) {
            return DoubleBits.outOfRangeValue(topExp, negative);
        }
        long q = DoubleBits.lastPlace(topExp);
        long qi = q - e0; // index of the last kept bit
        long m;
        if (qi <= 0) {
            m = extract(words, 0, (int) (top + 1)) << (int) -qi;
        } else {
            m = extract(words, qi, (int) (top - qi + 1));
            long half = qi - 1;
            boolean halfSet = (words[(int) (half >>> 6)] >>> (int) (half & 63) & 1L) != 0;
            boolean below = lowest == UNKNOWN ? anySetBelow(words, half) : lowest < half;
            m = DoubleBits.roundHalfEven(m, halfSet, below);
        }
        return DoubleBits.assemble(m, q, negative);
    }

    /**
     * Whether a bit below an index is set; scans downwards, so it usually stops at once.
     *
     * @param words the limbs
     * @param index the bit index, within the words
     * @return whether a bit with index {@code < index} is set
     */
    public static boolean anySetBelow(long[] words, long index) {
        int w = (int) (index >>> 6);
        int bit = (int) (index & 63);
        if (bit != 0 && (words[w] & ((1L << bit) - 1)) != 0) {
            return true;
        }
        for (int k = w - 1; k >= 0; k--) {
            if (words[k] != 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * A window of bits.
     *
     * @param words the limbs
     * @param from  the index of the window's lowest bit, within the words
     * @param count the window's width, {@code <= 63} (64 returns the unmasked word)
     * @return bits {@code [from, from + count)} as the low bits of a long; bits past the end are 0
     */
    public static long extract(long[] words, long from, int count) {
        int w = (int) (from >>> 6);
        int off = (int) (from & 63);
        long v = words[w] >>> off;
        if (off != 0 && off + count > 64 && w + 1 < words.length) {
            v |= words[w + 1] << (64 - off);
        }
        return count >= 64 ? v : v & ((1L << count) - 1);
    }

    /**
     * A non-negative integer as limbs; linear time.
     *
     * @param v the integer, {@code >= 0}
     * @param n the least number of words
     * @return little-endian 64-bit words, {@code max(n, ceil(bitLength / 64), 1)} of them
     */
    public static long[] toWords(BigInteger v, int n) {
        byte[] be = v.toByteArray();
        int count = Math.max(n, (v.bitLength() + 63) / 64);
        long[] out = new long[Math.max(count, 1)];
        for (int i = 0; i < be.length; i++) {
            int fromLow = be.length - 1 - i; // byte index from the least significant end
            int w = fromLow >>> 3;
            if (w < out.length) {
                out[w] |= (be[i] & 0xffL) << ((fromLow & 7) << 3);
            }
        }
        return out;
    }
}
