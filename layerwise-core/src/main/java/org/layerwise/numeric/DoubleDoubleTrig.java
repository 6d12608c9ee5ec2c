package org.layerwise.numeric;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

import ch.obermuhlner.math.big.BigDecimalMath;

/**
 * Sine and cosine in double-double arithmetic (about 106 bits) for the phase computation: constants built once
 * on first use (the {@code b <= 50} and big-math paths never load them):
 * {@code 1/(2 pi)}, {@code sin(k/64), cos(k/64)} for {@code k = 0..101} (covering {@code |theta| <= pi/2}) and
 * the Taylor coefficients {@code 1/n!}, each the nearest double-double to a 40-digit big-math value.
 */
public final class DoubleDoubleTrig {
    /** Steps per radian of the sine and cosine table. */
    static final int STEPS_PER_UNIT = 64;
    static final int TABLE_SIZE = 102;
    private static final MathContext MC = new MathContext(40, RoundingMode.HALF_EVEN);
    static final BigDecimal TWO_PI_DECIMAL = BigDecimalMath.pi(MC).multiply(BigDecimal.valueOf(2), MC);
    /** {@code 1/(2 pi)}, the nearest double-double. */
    public static final DoubleDouble INV_TWO_PI = DoubleDouble.of(BigDecimal.ONE.divide(TWO_PI_DECIMAL, MC));
    static final DoubleDouble[] SIN = new DoubleDouble[TABLE_SIZE];
    static final DoubleDouble[] COS = new DoubleDouble[TABLE_SIZE];
    /** {@code INV_FACTORIAL[n] = 1/n!}, {@code n = 0..13}. */
    static final DoubleDouble[] INV_FACTORIAL = new DoubleDouble[14];

    static {
        for (int k = 0; k < TABLE_SIZE; k++) {
            BigDecimal a = BigDecimal.valueOf(k).divide(BigDecimal.valueOf(STEPS_PER_UNIT)); // exact
            SIN[k] = DoubleDouble.of(BigDecimalMath.sin(a, MC));
            COS[k] = DoubleDouble.of(BigDecimalMath.cos(a, MC));
        }
        BigDecimal factorial = BigDecimal.ONE;
        for (int n = 0; n < INV_FACTORIAL.length; n++) {
            if (n > 0) {
                factorial = factorial.multiply(BigDecimal.valueOf(n));
            }
            INV_FACTORIAL[n] = DoubleDouble.of(BigDecimal.ONE.divide(factorial, MC));
        }
    }

    private DoubleDoubleTrig() {
    }

    /**
     * Sine and cosine by table and Taylor series: {@code theta = k/64 + t} with {@code |t| <= 1/128} (exact), the
     * series of {@code sin t, cos t} to degree 13, then the addition theorem with {@code sin(k/64), cos(k/64)}.
     *
     * @param theta the angle in radians, {@code |theta| <= 101.5/64} (which covers {@code [-pi/2, pi/2]})
     * @return {@code {sin theta, cos theta}} as double-doubles
     * @throws IllegalArgumentException if {@code |theta|} rounds to a table index beyond 101
     */
    public static DoubleDouble[] sinCos(double theta) {
        double[] out = new double[4];
        sinCos(theta, new DoubleDoubleWork(), out);
        return new DoubleDouble[] {new DoubleDouble(out[0], out[1]), new DoubleDouble(out[2], out[3])};
    }

    /**
     * {@link #sinCos(double)} on primitives, with the same operations in the same order (bit-identical results).
     *
     * @param theta the angle in radians, as for {@link #sinCos(double)}
     * @param w     the working space of the double-double operations
     * @param out   receives {@code sin theta} (high, low) at 0, 1 and {@code cos theta} at 2, 3
     * @throws IllegalArgumentException if {@code |theta|} rounds to a table index beyond 101
     */
    public static void sinCos(double theta, DoubleDoubleWork w, double[] out) {
        long k = Math.round(theta * STEPS_PER_UNIT);
        int idx = (int) Math.abs(k);
        if (idx >= TABLE_SIZE) {
            throw new IllegalArgumentException("angle " + theta + " outside [-pi/2, pi/2]");
        }
        // exact: k/64 and theta share the grid of ulp(theta) and |t| <= 2^-7 <= |theta|
        double t = theta - (double) k / STEPS_PER_UNIT;
        double zh = t * t;
        double zl = Math.fma(t, t, -zh);
        // Horner in z = t^2: sin t = t (1 - z/3! + z^2/5! - ... - z^6/13!), cos t = 1 - z/2! + ... + z^6/12!
        double sh = INV_FACTORIAL[13].hi();
        double sl = INV_FACTORIAL[13].lo();
        double ch = INV_FACTORIAL[12].hi();
        double cl = INV_FACTORIAL[12].lo();
        for (int m = 5; m >= 0; m--) {
            DoubleDouble sinCoef = INV_FACTORIAL[2 * m + 1];
            DoubleDouble cosCoef = INV_FACTORIAL[2 * m];
            double sign = (m & 1) == 1 ? -1.0 : 1.0;
            double ph = w.multiply(sh, sl, zh, zl);
            sh = w.add(ph, w.lo(), sign * sinCoef.hi(), sign * sinCoef.lo());
            sl = w.lo();
            ph = w.multiply(ch, cl, zh, zl);
            ch = w.add(ph, w.lo(), sign * cosCoef.hi(), sign * cosCoef.lo());
            cl = w.lo();
        }
        double sinTh = w.multiply(sh, sl, t);
        double sinTl = w.lo();
        double sign = k < 0 ? -1.0 : 1.0;
        double sah = sign * SIN[idx].hi();
        double sal = sign * SIN[idx].lo();
        double cah = COS[idx].hi();
        double cal = COS[idx].lo();
        double ah = w.multiply(sah, sal, ch, cl);
        double al = w.lo();
        double bh = w.multiply(cah, cal, sinTh, sinTl);
        out[0] = w.add(ah, al, bh, w.lo());
        out[1] = w.lo();
        ah = w.multiply(cah, cal, ch, cl);
        al = w.lo();
        bh = w.multiply(sah, sal, sinTh, sinTl);
        out[2] = w.add(ah, al, -bh, -w.lo());
        out[3] = w.lo();
    }
}
