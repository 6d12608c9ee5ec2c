package org.layerwise.measure;

/**
 * A rigorous enclosure {@code [lo, hi]} of a non-negative real quantity (an L^p norm, a modulus of
 * continuity): the true value lies in it, whatever the rounding of the computation that produced it.
 *
 * @param lo lower bound, {@code >= 0}
 * @param hi upper bound, {@code >= lo} (may be {@code +inf} when nothing better is known)
 */
public record Enclosure(double lo, double hi) {

    public Enclosure {
        if (!(lo >= 0) || !(hi >= lo)) {
            throw new IllegalArgumentException("not an enclosure of a non-negative value: [" + lo + ", " + hi + "]");
        }
    }

    /** Whether {@code x} lies in {@code [lo, hi]}. */
    public boolean contains(double x) {
        return lo <= x && x <= hi;
    }

    /** {@code (hi - lo) / hi}, 0 for {@code [0, 0]}. */
    public double relativeWidth() {
        return hi == 0 ? 0 : (hi - lo) / hi;
    }

    /** Widened by {@code delta >= 0} on both sides (Minkowski: a perturbation of sup norm at most {@code delta}). */
    public Enclosure widen(double delta) {
        return new Enclosure(Math.max(0, Math.nextDown(lo - delta)), Math.nextUp(hi + delta));
    }
}
