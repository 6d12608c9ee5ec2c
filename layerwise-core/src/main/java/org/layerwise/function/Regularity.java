package org.layerwise.function;

/**
 * What is known about a target's modulus of continuity: {@code |f(x) - f(y)| <= constant * |x - y|_2^exponent}
 * (Hoelder with exponent {@code alpha = exponent} and constant {@code lambda = constant}; Lipschitz when
 * the exponent is 1). Unknown values are NaN.
 *
 * @param exponent    Hoelder exponent in (0, 1], or NaN when unknown or when f is discontinuous
 * @param constant    Hoelder (Lipschitz) constant, or NaN when unknown
 * @param continuous  whether f is known to be continuous on [0,1]^d (false also when unknown)
 * @param description a short plain-language description, for the catalog
 */
public record Regularity(double exponent, double constant, boolean continuous, String description) {

    public static final Regularity UNKNOWN = new Regularity(Double.NaN, Double.NaN, false, "unknown");

    public Regularity {
        if (!Double.isNaN(exponent) && !(exponent > 0 && exponent <= 1)) {
            throw new IllegalArgumentException("Hoelder exponent must be in (0,1], got " + exponent);
        }
        if (!Double.isNaN(constant) && !(constant >= 0 && Double.isFinite(constant))) {
            throw new IllegalArgumentException("Hoelder constant must be finite and >= 0, got " + constant);
        }
        if (description == null) {
            throw new IllegalArgumentException("description must not be null");
        }
    }

    public static Regularity lipschitz(double constant) {
        return new Regularity(1.0, constant, true, "Lipschitz, constant " + constant);
    }

    public static Regularity hoelder(double exponent, double constant) {
        return new Regularity(exponent, constant, true, "Hoelder-" + exponent + ", constant " + constant);
    }

    public static Regularity discontinuous(String description) {
        return new Regularity(Double.NaN, Double.NaN, false, description);
    }

    /** True when both the exponent and the constant are known, so a rate line can be drawn. */
    public boolean hasRate() {
        return !Double.isNaN(exponent) && !Double.isNaN(constant);
    }

    /** The a-priori bound {@code (2d+1) * lambda * t^alpha} on the level error at mesh {@code t}, or NaN. */
    public double rateBound(int dim, double t) {
        return hasRate() ? (2.0 * dim + 1) * constant * Math.pow(t, exponent) : Double.NaN;
    }
}
