package org.layerwise;

/**
 * A computation would exceed a limit: the cells of the requested levels do not fit the memory limit, a Java array
 * or a {@code long} count. The message names the sizes; it does not say how to change them (that depends on the
 * caller: the command line adds its option names).
 */
public class LimitExceededException extends InvalidInputException {
    private static final long serialVersionUID = 1L;

    /** Whether a higher memory limit would lift the refusal. */
    private final boolean memoryBound;

    /**
     * @param message     what exceeds which limit, with the numbers
     * @param memoryBound whether a higher memory limit would lift the refusal (otherwise only fewer levels do)
     * @param cause       the underlying refusal, or null
     */
    public LimitExceededException(String message, boolean memoryBound, Throwable cause) {
        super(message, cause);
        this.memoryBound = memoryBound;
    }

    /**
     * @return whether a higher memory limit would lift the refusal ({@code false}: only fewer levels do)
     */
    public boolean memoryBound() {
        return memoryBound;
    }
}
