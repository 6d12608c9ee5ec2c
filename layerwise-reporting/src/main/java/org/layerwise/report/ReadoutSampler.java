package org.layerwise.report;

/**
 * Samples a target {@code f} and its level readouts {@code Phi_1..Phi_L} at points of {@code [0,1]^d}, so the
 * report can draw them. The readouts are whatever the report shows as the approximation of level
 * {@code l}: the network heads for {@code construct}, the cell means {@code A_l f} for {@code measure}, the
 * progressively refined image for an image target.
 *
 * <p>Contract: {@link #readouts(double[][])} returns one array of length {@link #levels()} per point, entry
 * {@code l-1} being {@code Phi_l(x)}; it does not modify the points. Implementations whose evaluation is
 * expensive per call should override the batch methods (the report only calls those).
 */
public interface ReadoutSampler {

    /** The dimension {@code d}. */
    int dim();

    /** The number of readout levels {@code L}. */
    int levels();

    /** {@code f(x)}. */
    double target(double[] x);

    /** {@code Phi_level(x)} for {@code level = 1..L}. */
    double readout(int level, double[] x);

    /** Throws unless {@code 1 <= level <= levels()}; for implementations of {@link #readout}. */
    default void requireLevel(int level) {
        if (level < 1 || level > levels()) {
            throw new IllegalArgumentException("level " + level + " outside 1.." + levels());
        }
    }

    /** {@code f} at each point. */
    default double[] targets(double[][] points) {
        double[] out = new double[points.length];
        for (int i = 0; i < points.length; i++) {
            out[i] = target(points[i]);
        }
        return out;
    }

    /** {@code [Phi_1(x), .., Phi_L(x)]} for each point {@code x}. */
    default double[][] readouts(double[][] points) {
        double[][] out = new double[points.length][levels()];
        for (int i = 0; i < points.length; i++) {
            for (int l = 1; l <= levels(); l++) {
                out[i][l - 1] = readout(l, points[i]);
            }
        }
        return out;
    }
}
