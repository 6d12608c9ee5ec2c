package org.layerwise.measure;

import org.layerwise.numeric.Taylor;

/**
 * A function of {@code x in R^d} ({@code d <= } {@link Taylor#MAX_DIM}) whose second-order Taylor enclosure
 * over a box can be computed: given the coordinates as Taylor variables over the box, returns enclosures of
 * the value, gradient and Hessian over it (a compiled formula; a difference of shifted copies of one).
 */
@FunctionalInterface
public interface Enclosable {

    /** The Taylor enclosure over the box whose coordinates are {@code x} (not modified). */
    Taylor taylor(Taylor[] x);

    /** {@code x -> u(x + h) - u(x)}: the integrand of the modulus of continuity at the shift {@code h} ({@link ShiftDifference}). */
    default Enclosable difference(double[] h) {
        return new ShiftDifference(this, h);
    }
}
