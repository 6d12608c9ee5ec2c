package org.layerwise.measure;

/**
 * A measured quantity (an L^p error or a modulus of continuity) with how it was measured.
 *
 * @param value         the estimate
 * @param standardError a standard error when the method is randomized (QMC with random shifts), else 0
 * @param method        a short description of the method, for example {@code "Gauss-Legendre 4^2 per cell"}
 *                      or {@code "Sobol QMC, 8 random shifts"}
 * @param points        number of function evaluations used
 */
public record ErrorEstimate(double value, double standardError, String method, long points) {

    public ErrorEstimate {
        if (Double.isNaN(value)) {
            throw new IllegalArgumentException("estimate is NaN (" + method + ")");
        }
        if (!(standardError >= 0)) {
            throw new IllegalArgumentException("standard error must be >= 0, got " + standardError);
        }
        if (method == null || method.isBlank()) {
            throw new IllegalArgumentException("method must be described");
        }
        if (points < 0) {
            throw new IllegalArgumentException("points must be >= 0, got " + points);
        }
    }
}
