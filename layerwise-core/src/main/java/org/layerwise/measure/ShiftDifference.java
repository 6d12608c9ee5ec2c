package org.layerwise.measure;

import org.layerwise.numeric.Interval;
import org.layerwise.numeric.Taylor;

/**
 * {@code g(x) = u(x + h) - u(x)}: the integrand of the modulus of continuity at the shift {@code h}. Its Taylor
 * enclosure over a box is the difference of {@code u}'s over the shifted box and over the box; {@link BoxNorm}
 * also knows its mean-value form (tight when {@code |h|} is small against the box).
 *
 * @param u the function
 * @param h the shift (a copy is kept)
 */
record ShiftDifference(Enclosable u, double[] h) implements Enclosable {

    ShiftDifference {
        if (u == null || h == null || h.length < 1) {
            throw new IllegalArgumentException("a function and a shift of dimension >= 1 are required");
        }
        h = h.clone();
    }

    @Override
    public double[] h() {
        return h.clone();
    }

    /** The shift's coordinate {@code i} (no copy). */
    double shift(int i) {
        return h[i];
    }

    @Override
    public Taylor taylor(Taylor[] x) {
        Taylor[] y = new Taylor[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = x[i].add(Taylor.constant(Interval.point(h[i]), x.length));
        }
        return u.taylor(y).subtract(u.taylor(x));
    }
}
