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
     * Largest accepted |exponent| of a stored dyadic: above every exponent a network within
     * {@code NetworkBuilder.MAX_PHASE_BITS} uses (steepness {@code 2^(bN^(dL) + 56 + L ceil(log2 N))}), and
     * small enough that products and sums of two stored values keep int exponents.
     */
    public static final long MAX_EXPONENT = (1L << 30) + (1L << 20);

    /** Most mantissa bits of one expanded weight: a BigInteger must stay below 2^31 bits. */
    static final long MAX_WEIGHT_BITS = Integer.MAX_VALUE - 64;

    /** The limits with the default {@code maxExpandedBits}. */
    public ModelLimits(long maxFileBytes, int maxStringChars, int maxArrayLength, int maxLevels, long maxNeurons) {
        this(maxFileBytes, maxStringChars, maxArrayLength, maxLevels, maxNeurons, 1L << 34);
    }
}
