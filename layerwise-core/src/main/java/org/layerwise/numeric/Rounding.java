package org.layerwise.numeric;

/**
 * Directed rounding of one IEEE operation, the arithmetic under {@link Interval} and {@link IntervalArrays}: the
 * double sum or product, moved one ulp down (up) only when its exact error shows it was rounded the other way
 * (Knuth's two-sum for a sum, a fused multiply-add for a product), so an exact result stays exact.
 *
 * <p>Conventions: a bound is the limit of finite reals, so {@code 0 * inf} counts as 0; an overflow of finite
 * operands rounds to {@code +-MAX_VALUE} on the side towards zero and to the infinity on the other; NaN from
 * {@code inf - inf} becomes the unbounded side ({@code -inf} for a lower bound).
 */
public final class Rounding {

    private Rounding() {
    }

    /**
     * {@code a + b} rounded down.
     *
     * @param a an operand
     * @param b an operand
     * @return the largest double {@code <= a + b} that the two-sum test finds
     */
    public static double sumDown(double a, double b) {
        double s = a + b;
        if (!Double.isFinite(s)) {
            return Double.isNaN(s) ? Double.NEGATIVE_INFINITY : (s > 0 && Double.isFinite(a) && Double.isFinite(b)
                    ? Double.MAX_VALUE : s);
        }
        double bb = s - a;
        double err = (a - (s - bb)) + (b - bb);
        return err < 0 ? Math.nextDown(s) : s;
    }

    /**
     * {@code a + b} rounded up.
     *
     * @param a an operand
     * @param b an operand
     * @return {@code -sumDown(-a, -b)}
     */
    public static double sumUp(double a, double b) {
        return -sumDown(-a, -b);
    }

    /**
     * {@code x y} with {@code 0 * anything = 0}.
     *
     * @param x a factor
     * @param y a factor
     * @return the double product, 0 when a factor is 0
     */
    public static double prod(double x, double y) {
        return x == 0 || y == 0 ? 0 : x * y;
    }

    /**
     * {@code x y} rounded down: exact error by a fused multiply-add, unless the product is tiny or infinite (then
     * moved down one ulp unconditionally).
     *
     * @param x a factor
     * @param y a factor
     * @return a double {@code <= x y}
     */
    public static double prodDown(double x, double y) {
        double p = prod(x, y);
        if (p == 0 || !Double.isFinite(p) || Math.abs(p) < 0x1p-900) {
            return p == 0 && (x == 0 || y == 0) ? 0 : Math.nextDown(p);
        }
        double e = Math.fma(x, y, -p);
        return e < 0 ? Math.nextDown(p) : p;
    }

    /**
     * {@code x y} rounded up.
     *
     * @param x a factor
     * @param y a factor
     * @return {@code -prodDown(-x, y)}
     */
    public static double prodUp(double x, double y) {
        return -prodDown(-x, y);
    }

    /**
     * The corners of {@code [xl, xh] * [yl, yh]} (non-empty operands) that give the product's lower and upper
     * bounds, by the signs of the operands (the nine cases of interval multiplication; both products are
     * candidates for each bound only when both operands hold 0 in their interior). Bound {@code b} of the product
     * is then {@code prodDown} (or {@code prodUp}) of the corner {@code (x, y)} coded as bits: bit 0 for
     * {@code x = xh} (else {@code xl}), bit 1 for {@code y = yh} (else {@code yl}).
     *
     * @return {@code lowCorner | highCorner << 2}, or -1 when both operands straddle 0 (four candidates)
     */
    static int corners(double xl, double xh, double yl, double yh) {
        if (xl >= 0) {
            if (yl >= 0) {
                return 0 | 3 << 2;           // lo = xl yl, hi = xh yh
            }
            if (yh <= 0) {
                return 1 | 2 << 2;           // lo = xh yl, hi = xl yh
            }
            return 1 | 3 << 2;               // lo = xh yl, hi = xh yh
        }
        if (xh <= 0) {
            if (yl >= 0) {
                return 2 | 1 << 2;           // lo = xl yh, hi = xh yl
            }
            if (yh <= 0) {
                return 3 | 0 << 2;           // lo = xh yh, hi = xl yl
            }
            return 2 | 0 << 2;               // lo = xl yh, hi = xl yl
        }
        if (yl >= 0) {
            return 2 | 3 << 2;               // lo = xl yh, hi = xh yh
        }
        if (yh <= 0) {
            return 1 | 0 << 2;               // lo = xh yl, hi = xl yl
        }
        return -1;
    }

    /**
     * The lower bound of the product {@code [xl, xh] * [yl, yh]} of non-empty intervals, rounded down (with
     * {@code 0 * inf = 0}).
     *
     * @param xl lower bound of x
     * @param xh upper bound of x
     * @param yl lower bound of y
     * @param yh upper bound of y
     * @return a double {@code <=} every product {@code x y}
     */
    public static double productLow(double xl, double xh, double yl, double yh) {
        int c = corners(xl, xh, yl, yh);
        if (c < 0) {
            return Math.min(prodDown(xl, yh), prodDown(xh, yl));
        }
        return prodDown((c & 1) == 0 ? xl : xh, (c & 2) == 0 ? yl : yh);
    }

    /**
     * The upper bound of the product, rounded up; see {@link #productLow}.
     *
     * @param xl lower bound of x
     * @param xh upper bound of x
     * @param yl lower bound of y
     * @param yh upper bound of y
     * @return a double {@code >=} every product {@code x y}
     */
    public static double productHigh(double xl, double xh, double yl, double yh) {
        int c = corners(xl, xh, yl, yh);
        if (c < 0) {
            return Math.max(prodUp(xl, yl), prodUp(xh, yh));
        }
        c >>= 2;
        return prodUp((c & 1) == 0 ? xl : xh, (c & 2) == 0 ? yl : yh);
    }

    /**
     * Whether every product {@code x y} of the two non-empty intervals is exactly 0 (a factor is exactly
     * {@code [0, 0]}).
     *
     * @param xl lower bound of x
     * @param xh upper bound of x
     * @param yl lower bound of y
     * @param yh upper bound of y
     * @return true if the product is the exact zero
     */
    public static boolean productIsZero(double xl, double xh, double yl, double yh) {
        return (xl == 0 && xh == 0) || (yl == 0 && yh == 0);
    }
}
