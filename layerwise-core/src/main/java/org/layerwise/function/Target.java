package org.layerwise.function;

/**
 * A function {@code f : [0,1]^d -> R} to be approximated.
 *
 * <p>Contract: {@link #value(double[])} is defined for every {@code x} in {@code [0,1]^d}
 * (closed cube), does not modify {@code x}, and is safe to call from several threads at once.
 * It may return NaN or an infinity; callers that need finite values check and report them.
 */
public interface Target {

    /**
     * @return a short human-readable name, for tables and reports (for example the formula text)
     */
    String name();

    /**
     * @return the dimension {@code d >= 1}
     */
    int dim();

    /**
     * The value at a point. Thread-safe.
     *
     * @param x a point of {@code [0,1]^d}, of length {@link #dim()}; not modified
     * @return {@code f(x)} (may be NaN or infinite; callers check)
     */
    double value(double[] x);

    /**
     * @return what is known about the regularity of {@code f}; {@link Regularity#UNKNOWN} by default
     */
    default Regularity regularity() {
        return Regularity.UNKNOWN;
    }
}
