package org.layerwise.format;

/**
 * The running account of one model read: who is read ({@code source}, named in every refusal), the
 * {@link ModelLimits} it must stay within, and what it has spent so far of the two cumulative limits, the neurons
 * ({@link ModelLimits#maxNeurons()}) and the mantissa bits that decoding constants and expanding weight forms
 * allocate ({@link ModelLimits#maxExpandedBits()}). One instance serves the parser and the assembly of one read, so
 * the bits a constant costs when it is declared and the bits a weight costs when it is expanded count against the
 * same limit. Not thread-safe; a read is single-threaded.
 */
final class ReadBudget {
    private final String source;
    private final ModelLimits limits;
    private long neuronCount;
    private long expandedBits;

    /**
     * @param source the name of what is read, the prefix of every message
     * @param limits the limits the read must stay within
     */
    ReadBudget(String source, ModelLimits limits) {
        this.source = source;
        this.limits = limits;
    }

    /** @return the limits of this read */
    ModelLimits limits() {
        return limits;
    }

    /** @return the name of what is read */
    String source() {
        return source;
    }

    /**
     * @param message what is wrong, naming the offending value
     * @return the refusal {@code "<source>: <message>"}, to be thrown by the caller
     */
    ModelFormatException fail(String message) {
        return new ModelFormatException(source + ": " + message);
    }

    /**
     * Counts one more neuron.
     *
     * @throws ModelFormatException when the read now holds more than {@link ModelLimits#maxNeurons()} neurons
     */
    void countNeuron() {
        if (++neuronCount > limits.maxNeurons()) {
            throw fail("more than " + limits.maxNeurons() + " neurons");
        }
    }

    /**
     * Spends {@code newBits} mantissa bits before they are allocated.
     *
     * @param newBits the bits about to be allocated (negative: an overflowed size, refused)
     * @param what    what takes them, for the message
     * @throws ModelFormatException when the total would exceed {@link ModelLimits#maxExpandedBits()}
     */
    void spend(long newBits, String what) {
        expandedBits += newBits;
        if (newBits < 0 || expandedBits > limits.maxExpandedBits()) {
            throw fail(what + " would take the decoded numbers beyond " + limits.maxExpandedBits()
                    + " mantissa bits (the limit)");
        }
    }
}
