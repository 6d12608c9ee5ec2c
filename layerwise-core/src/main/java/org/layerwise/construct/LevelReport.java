package org.layerwise.construct;

import org.layerwise.measure.ErrorEstimate;

/**
 * One row of the per-level table of {@code construct} (and of {@code measure}, where the network
 * columns are absent).
 *
 * @param level        {@code l}
 * @param cells        {@code N^(dl)}
 * @param headLayer    the hidden layer (0-based) read by the head of level {@code l}, or -1 without a network
 * @param depth        hidden layers up to and including the one the head reads, or -1
 * @param bits         bits stored for the level's weights (phases and address coefficients), or -1
 * @param networkError {@code ||f - Phi_l||_p} from the network readout, or null without a network
 * @param meanError    {@code ||f - A_l f||_p}, the cell-mean approximation error
 * @param omega        estimate of {@code omega_p(f, N^-l)}: the largest estimated shift norm found by the search
 *                     (not a bound; the certificate's {@code omegaLo} is the rigorous lower bound)
 * @param bound        {@code (2d+1) * omega}
 * @param constant     achieved constant: error / omega (network error when present), 0 when the error is 0
 * @param certificate  the certified numbers (enclosures, omega lower bound, proven constant), or null when
 *                     the target cannot be enclosed (a Java lambda): then every number is an estimate
 */
public record LevelReport(int level, long cells, int headLayer, int depth, long bits,
                          ErrorEstimate networkError, ErrorEstimate meanError, ErrorEstimate omega,
                          double bound, double constant, Certificate certificate) {

    /** A row of estimates only (no certificate). */
    public LevelReport(int level, long cells, int headLayer, int depth, long bits,
                       ErrorEstimate networkError, ErrorEstimate meanError, ErrorEstimate omega,
                       double bound, double constant) {
        this(level, cells, headLayer, depth, bits, networkError, meanError, omega, bound, constant, null);
    }

    /** Whether the row carries certified numbers. */
    public boolean certified() {
        return certificate != null;
    }

    public LevelReport {
        if (level < 0 || cells < 1) {
            throw new IllegalArgumentException("level " + level + " with " + cells + " cells");
        }
        if (meanError == null || omega == null) {
            throw new IllegalArgumentException("level " + level + ": mean error and omega are required");
        }
    }

    /** {@code error / omega}, 0 when the error is 0 (also when omega is 0), infinity when only omega is 0. */
    public static double constant(double error, double omega) {
        if (error == 0) {
            return 0;
        }
        return omega == 0 ? Double.POSITIVE_INFINITY : error / omega;
    }
}
