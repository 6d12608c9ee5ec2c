package org.layerwise.format;

/**
 * Caps applied while reading a model file, checked from declared sizes before allocating, so that a crafted file
 * cannot exhaust memory.
 *
 * @param maxFileBytes    largest accepted file (default 2 GiB)
 * @param maxStringChars  longest string, i.e. longest constant or plain weight (default 2^28 characters)
 * @param maxArrayLength  longest array (layers, neurons, indices, constants; default 2^20)
 * @param maxLevels       most levels (default 64)
 * @param maxNeurons      most neurons in all layers together (default 2^22)
 * @param maxExpandedBits most mantissa bits allocated by decoding constants and expanding weight forms
 *                        ({@code (2^a-2^b)} costs {@code a-b}, {@code $i*(2^a-2^b)} costs
 *                        {@code bits(C_i) + a - b}; plain weights are bounded by the string limit, plain
 *                        references share the constant); default 2^34 (2 GiB)
 */
public record ModelLimits(long maxFileBytes, int maxStringChars, int maxArrayLength, int maxLevels, long maxNeurons,
                          long maxExpandedBits) {

    /** The default limits. */
    public static final ModelLimits DEFAULT = new ModelLimits(2L << 30, 1 << 28, 1 << 20, 64, 1L << 22, 1L << 34);

    /**
     * Largest accepted |exponent| of a stored dyadic, {@code 2^36}: above every exponent a network within
     * {@code NetworkBuilder.MAX_PHASE_BITS} uses (steepness {@code 2^(bN^(dL) + 56 + L ceil(log2 N))}), and
     * small enough that products and sums of stored values keep long exponents.
     */
    public static final long MAX_EXPONENT = 1L << 36;

    /**
     * Most mantissa bits of one number, {@code 2^36}: a constant is held in chunked limbs, a kept run is not
     * expanded; arithmetic that needs a BigInteger of more than {@code 2^31} bits refuses with the size.
     */
    static final long MAX_WEIGHT_BITS = 1L << 36;

    /**
     * What a file's own header lets its numbers need, from the construction's sizes: with {@code P = b N^(dL)} the
     * phase bits of the deepest level and {@code c = ceil(log2 N)},
     * <ul>
     *   <li>every exponent {@code e} of a stored or expanded dyadic satisfies
     *       {@code -(P + 128) <= e <= P + 56 + L c + 64} (the steepness {@code T_L = 2^(P + 56 + L c)} is the largest
     *       weight; the phases {@code theta_l} have {@code b N^(dl)} fraction bits), and</li>
     *   <li>every mantissa has at most {@code 2 P + 256} bits (a phase multiple {@code theta_l c_j} has at most
     *       about {@code 1.5 P}).</li>
     * </ul>
     * Checked on every amplitude, constant and weight before any arithmetic, so a crafted file whose header is small
     * but whose numbers are huge is refused at once. Both bounds are also capped by {@link #MAX_EXPONENT} and
     * {@link #MAX_WEIGHT_BITS}.
     *
     * @param minExponent     the smallest exponent a number of the file may have
     * @param maxExponent     the largest exponent
     * @param maxMantissaBits the most mantissa bits of one number
     */
    public record Bounds(long minExponent, long maxExponent, long maxMantissaBits) {

        /**
         * The bounds for a file declaring {@code dim, base, levels, bits} (assumed positive; sizes that overflow give
         * the global caps).
         *
         * @param dim    the dimension {@code d}
         * @param base   the refinement factor {@code N}
         * @param levels the number of levels {@code L}
         * @param bits   the phase bits per cell {@code b}
         * @return the bounds, with {@code P = b N^(dL)} and {@code c = ceil(log2 N)}: exponents in
         *         {@code [-(P + 128), P + 56 + L c + 64]}, mantissas of at most {@code 2 P + 256} bits, capped by
         *         {@link #MAX_EXPONENT} and {@link #MAX_WEIGHT_BITS}
         */
        public static Bounds of(int dim, int base, int levels, int bits) {
            long p;
            try {
                p = Math.multiplyExact((long) bits, pow(base, Math.multiplyExact(dim, levels)));
            } catch (ArithmeticException e) {
                p = MAX_EXPONENT;
            }
            int c = 64 - Long.numberOfLeadingZeros(Math.max(1, base - 1));
            long maxE = Math.min(MAX_EXPONENT, p + 56 + (long) levels * c + 64);
            long minE = -Math.min(MAX_EXPONENT, p + 128);
            long bitsMax = Math.min(MAX_WEIGHT_BITS, 2 * Math.min(p, MAX_EXPONENT) + 256);
            return new Bounds(minE, maxE, bitsMax);
        }

        private static long pow(long n, int k) {
            long r = 1;
            for (int i = 0; i < k; i++) {
                r = Math.multiplyExact(r, n);
            }
            return r;
        }

        /**
         * Checks one number.
         *
         * @param exponent     the number's binary exponent
         * @param mantissaBits the bit length of its mantissa
         * @return the reason it is out of bounds ({@code "<n> mantissa bits, more than <max>"} or
         *         {@code "exponent <e> outside [<min>, <max>]"}), or null when it is within
         */
        public String violation(long exponent, long mantissaBits) {
            if (mantissaBits > maxMantissaBits) {
                return mantissaBits + " mantissa bits, more than " + maxMantissaBits;
            }
            if (exponent > maxExponent || exponent < minExponent) {
                return "exponent " + exponent + " outside [" + minExponent + ", " + maxExponent + "]";
            }
            return null;
        }
    }

    /**
     * The limits with the default {@code maxExpandedBits} ({@code 2^34}).
     *
     * @param maxFileBytes   largest accepted file
     * @param maxStringChars longest string
     * @param maxArrayLength longest array
     * @param maxLevels      most levels
     * @param maxNeurons     most neurons in all layers together
     */
    public ModelLimits(long maxFileBytes, int maxStringChars, int maxArrayLength, int maxLevels, long maxNeurons) {
        this(maxFileBytes, maxStringChars, maxArrayLength, maxLevels, maxNeurons, 1L << 34);
    }
}
