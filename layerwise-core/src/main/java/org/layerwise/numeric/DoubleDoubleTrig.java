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
        long k = Math.round(theta * STEPS_PER_UNIT);
        int idx = (int) Math.abs(k);
        if (idx >= TABLE_SIZE) {
            throw new IllegalArgumentException("angle " + theta + " outside [-pi/2, pi/2]");
        }
        // exact: k/64 and theta share the grid of ulp(theta) and |t| <= 2^-7 <= |theta|
        double t = theta - (double) k / STEPS_PER_UNIT;
        DoubleDouble z = DoubleDouble.twoProd(t, t);
        // Horner in z = t^2: sin t = t (1 - z/3! + z^2/5! - ... - z^6/13!), cos t = 1 - z/2! + ... + z^6/12!
        DoubleDouble sinPoly = INV_FACTORIAL[13];
        DoubleDouble cosPoly = INV_FACTORIAL[12];
        for (int m = 5; m >= 0; m--) {
            DoubleDouble sinCoef = INV_FACTORIAL[2 * m + 1];
            DoubleDouble cosCoef = INV_FACTORIAL[2 * m];
            boolean negative = (m & 1) == 1;
            sinPoly = sinPoly.multiply(z).add(negative ? sinCoef.negate() : sinCoef);
            cosPoly = cosPoly.multiply(z).add(negative ? cosCoef.negate() : cosCoef);
        }
        DoubleDouble sinT = sinPoly.multiply(t);
        DoubleDouble cosT = cosPoly;
        DoubleDouble sinA = k < 0 ? SIN[idx].negate() : SIN[idx];
        DoubleDouble cosA = COS[idx];
        DoubleDouble sin = sinA.multiply(cosT).add(cosA.multiply(sinT));
        DoubleDouble cos = cosA.multiply(cosT).subtract(sinA.multiply(sinT));
        return new DoubleDouble[] {sin, cos};
    }
}
