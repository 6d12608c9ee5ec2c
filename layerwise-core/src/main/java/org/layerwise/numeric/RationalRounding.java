package org.layerwise.numeric;

import java.math.BigDecimal;

/**
 * The double nearest an exact rational {@code p / q} ({@code q > 0}), ties to even: IEEE round-to-nearest of the
 * real quotient, decided in exact decimal arithmetic. Used where a table must hold the correctly rounded value of
 * an exact mean (pixel means: {@code p} a finite sum of products of doubles, {@code q} an integer).
 *
 * <p>Method: from a guess {@code m} (any double near the quotient, e.g. a compensated floating-point mean),
 * compare {@code p} with {@code q} times the midpoints {@code (m + nextDown m)/2} and {@code (m + nextUp m)/2}
 * (exact: a double and the half-sum of two doubles are finite decimals); move {@code m} one double towards the
 * quotient while it lies outside, and at an exact midpoint take the neighbour with an even last bit. The number of
 * steps is the guess's error in ulps (at most a few for a faithful guess).
 */
public final class RationalRounding {

    private static final BigDecimal TWO = BigDecimal.valueOf(2);

    private RationalRounding() {
    }

    /**
     * The double nearest {@code p / q}.
     *
     * @param p     the numerator, exact
     * @param q     the denominator, exact, {@code > 0}
     * @param guess a finite double near {@code p / q}
     * @return the correctly rounded quotient (ties to even; {@code +0.0} for {@code p = 0})
     * @throws IllegalArgumentException if {@code q <= 0} or the guess is not finite
     */
    public static double nearest(BigDecimal p, BigDecimal q, double guess) {
        if (q.signum() <= 0 || !Double.isFinite(guess)) {
            throw new IllegalArgumentException("need q > 0 and a finite guess, got q = " + q + ", guess " + guess);
        }
        if (p.signum() == 0) {
            return 0.0;
        }
        double m = guess == 0 ? Math.copySign(Double.MIN_VALUE, p.signum()) : guess;
        while (true) {
            double below = Math.nextDown(m);
            double above = Math.nextUp(m);
            BigDecimal x = new BigDecimal(m);
            int lower = Double.isInfinite(below) ? 1 : p.compareTo(q.multiply(x.add(new BigDecimal(below)))
                    .divide(TWO));
            int upper = Double.isInfinite(above) ? -1 : p.compareTo(q.multiply(x.add(new BigDecimal(above)))
                    .divide(TWO));
            if (lower < 0) {
                m = below;
            } else if (upper > 0) {
                m = above;
            } else if (lower == 0) {
                return even(below, m);
            } else if (upper == 0) {
                return even(m, above);
            } else {
                return m;
            }
        }
    }

    /** Of two adjacent doubles, the one whose significand is even. */
    private static double even(double a, double b) {
        return (Double.doubleToRawLongBits(a) & 1) == 0 ? a : b;
    }
}
