package org.layerwise.numeric;

/**
 * The bit-level steps between exact values and doubles shared by {@link Dyadic}, {@link Limbs} and {@link FixedPointSum}.
 *
 * <p>A finite double is {@code +-m 2^e} with the integer {@link #significand} {@code m} and {@link #exponent}
 * {@code e}. The exact roundings to a double ({@link Dyadic#doubleValue()} and {@link Limbs#round}):
 * a value {@code +-v} whose top set bit has weight {@code 2^top} rounds, ties to
 * even, to its bits down to weight {@code 2^q}, {@code q = max(top - 52, -1074)} (53 significant bits, never below the
 * subnormal unit); {@code top > 1024} gives an infinity, {@code top < -1076} a signed zero.
 */
public final class DoubleBits {

    private DoubleBits() {
    }

    /**
     * @param bits the raw bits of a finite double ({@link Double#doubleToRawLongBits})
     * @return its integer significand {@code m < 2^53}, the double being {@code +-m 2^e} (no hidden bit for
     *         subnormals and zero)
     */
    public static long significand(long bits) {
        long m = bits & 0xfffffffffffffL;
        return ((bits >>> 52) & 0x7ff) == 0 ? m : m | 1L << 52; // subnormals have no hidden bit
    }

    /**
     * @param bits the raw bits of a finite double
     * @return the exponent {@code e} of {@code +-m 2^e}: {@code rawExponent - 1075}, {@code -1074} for subnormals
     */
    public static int exponent(long bits) {
        int rawExp = (int) ((bits >>> 52) & 0x7ff);
        return rawExp == 0 ? -1074 : rawExp - 1075;
    }

    /**
     * @param top the weight {@code 2^top} of a nonzero value's top set bit
     * @return whether the value rounds to an infinity ({@code top > 1024}) or a zero ({@code top < -1076}) whatever
     *         its other bits
     */
    public static boolean outOfRange(long top) {
        return top > 1024 || top < -1076;
    }

    /**
     * @param top      the top bit's weight of a value {@link #outOfRange}
     * @param negative the value's sign
     * @return the signed infinity when {@code top > 1024}, else the signed zero
     */
    public static double outOfRangeValue(long top, boolean negative) {
        if (top > 1024) {
            return negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        return negative ? -0.0 : 0.0;
    }

    /**
     * @param top the top bit's weight of the value to round
     * @return the exponent {@code q} of the unit in the last place of the rounded double, {@code max(top - 52, -1074)}
     */
    public static long lastPlace(long top) {
        return Math.max(top - 52, -1074);
    }

    /**
     * The kept bits {@code m} rounded ties to even: {@code m + 1} when the first dropped bit is set and either a lower
     * dropped bit is set or {@code m} is odd.
     *
     * @param m       the kept bits
     * @param halfSet whether the first dropped bit (weight one half of the last place) is set
     * @param below   whether any lower dropped bit is set
     * @return {@code m} or {@code m + 1}
     */
    public static long roundHalfEven(long m, boolean halfSet, boolean below) {
        return halfSet && (below || (m & 1) == 1) ? m + 1 : m;
    }

    /**
     * The double {@code +-m 2^q} for rounded bits {@code m <= 2^53} (a carry to {@code 2^53} moves {@code q} up one);
     * {@code m < 2^52} only with {@code q = -1074} (a subnormal); an infinity when the exponent overflows.
     *
     * @param m        the rounded bits, {@code <= 2^53}
     * @param q        the exponent of their last place, {@code >= -1074}
     * @param negative the sign
     * @return the double {@code +-m 2^q}
     */
    public static double assemble(long m, long q, boolean negative) {
        if (m == 1L << 53) {
            m >>= 1;
            q++;
        }
        long bits;
        if (m >= 1L << 52) {
            long biased = q + 52 + 1023;
            if (biased >= 2047) {
                return negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
            }
            bits = (biased << 52) | (m - (1L << 52));
        } else {
            bits = m; // subnormal: q == -1074
        }
        double r = Double.longBitsToDouble(bits);
        return negative ? -r : r;
    }
}
