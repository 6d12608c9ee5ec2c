package org.layerwise.measure;

import org.layerwise.InvalidInputException;

/**
 * The exponent {@code p} of an L^p norm: a real number {@code >= 1} or infinity.
 *
 * @param p the exponent; {@link Double#POSITIVE_INFINITY} for the sup norm
 */
public record PNorm(double p) {

    public static final PNorm INF = new PNorm(Double.POSITIVE_INFINITY);
    public static final PNorm TWO = new PNorm(2.0);

    public PNorm {
        if (!(p >= 1.0)) {
            throw new InvalidInputException("p must be >= 1 (or inf), got " + p);
        }
    }

    /** Parses {@code "inf"} / {@code "infinity"} or a number {@code >= 1}. */
    public static PNorm parse(String text) {
        String t = text.trim().toLowerCase(java.util.Locale.ROOT);
        if (t.equals("inf") || t.equals("infinity") || t.equals("+inf")) {
            return INF;
        }
        try {
            return new PNorm(Double.parseDouble(t));
        } catch (NumberFormatException e) {
            throw new InvalidInputException("p must be a number >= 1 or 'inf', got '" + text + "'");
        }
    }

    public boolean isInfinite() {
        return p == Double.POSITIVE_INFINITY;
    }

    /** {@code "inf"} or the number, as used in JSON output. */
    @Override
    public String toString() {
        if (isInfinite()) {
            return "inf";
        }
        return p == Math.rint(p) ? Long.toString((long) p) : Double.toString(p);
    }
}
