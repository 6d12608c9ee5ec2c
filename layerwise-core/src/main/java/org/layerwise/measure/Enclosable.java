package org.layerwise.measure;

import org.layerwise.numeric.Interval;
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

    /**
     * An enclosure of the range {@code {u(x) : lo <= x <= hi}} of the real function (with {@code lo = hi} its value at
     * a double point), flagged where {@code u} may be undefined; only the value is needed, so an implementation may
     * skip the derivatives. Default: the value of {@link #taylor} over the box (coordinates as
     * {@link Taylor#variable}); a compiled formula overrides it with its interval mode (no derivatives, a few
     * times cheaper).
     *
     * @param lo lower corner of the box, one entry per coordinate (not modified)
     * @param hi upper corner, {@code hi[i] >= lo[i]} (not modified)
     * @return an interval holding {@code u} on the box
     */
    default Interval range(double[] lo, double[] hi) {
        int d = lo.length;
        Taylor[] x = new Taylor[d];
        for (int i = 0; i < d; i++) {
            x[i] = Taylor.variable(i, Interval.of(lo[i], hi[i]), d);
        }
        return taylor(x).value();
    }

    /**
     * First-order enclosures of {@code u} over the box {@code [lo, hi]} ({@code lo = hi}: a double point): the
     * value into {@code [out[0], out[1]]}, the partial derivative {@code i} into {@code [out[2 + 2i], out[3 + 2i]]}.
     * Default: from {@link #taylor} over the box; a compiled formula overrides it with its first-order tape (no
     * Hessian, about a third of the cost).
     *
     * @param lo  lower corner (not modified)
     * @param hi  upper corner (not modified)
     * @param out {@code 2 + 2d} entries, written
     * @return true when the value and every partial derivative are bounded and defined
     */
    default boolean firstOrder(double[] lo, double[] hi, double[] out) {
        int d = lo.length;
        Taylor[] x = new Taylor[d];
        for (int i = 0; i < d; i++) {
            x[i] = Taylor.variable(i, Interval.of(lo[i], hi[i]), d);
        }
        Taylor t = taylor(x);
        boolean ok = t.value().isBounded();
        out[0] = t.value().lo();
        out[1] = t.value().hi();
        for (int i = 0; i < d; i++) {
            Interval g = t.gradient(i);
            ok &= g.isBounded();
            out[2 + 2 * i] = g.lo();
            out[3 + 2 * i] = g.hi();
        }
        return ok;
    }

    /**
     * {@link #firstOrder(double[], double[], double[])} at {@code n} double points (boxes {@code lo = hi}): point
     * {@code q}'s coordinate {@code i} is {@code x[i * n + q]}, its entry {@code e} of {@code out} goes to
     * {@code out[e * n + q]} and its result to {@code ok[q]}. Default: one call per point; a compiled formula
     * evaluates them in one pass over its tape (the same numbers).
     *
     * @param d   the dimension
     * @param x   {@code d n} coordinates (not modified)
     * @param n   the number of points
     * @param out {@code (2 + 2d) n} entries, written
     * @param ok  {@code n} entries, written
     */
    default void firstOrder(int d, double[] x, int n, double[] out, boolean[] ok) {
        double[] m = new double[d];
        double[] one = new double[2 + 2 * d];
        for (int q = 0; q < n; q++) {
            for (int i = 0; i < d; i++) {
                m[i] = x[i * n + q];
            }
            ok[q] = firstOrder(m, m, one);
            for (int e = 0; e < one.length; e++) {
                out[e * n + q] = one[e];
            }
        }
    }

    /** {@code x -> u(x + h) - u(x)}: the integrand of the modulus of continuity at the shift {@code h} ({@link ShiftDifference}). */
    default Enclosable difference(double[] h) {
        return new ShiftDifference(this, h);
    }
}
