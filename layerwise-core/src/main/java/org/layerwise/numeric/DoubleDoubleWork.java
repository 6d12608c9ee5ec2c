package org.layerwise.numeric;

/**
 * The double-double operations of {@link DoubleDouble} on primitives, for loops that run once per cell: each
 * operation returns the high part of its result and leaves the low part in {@link #lo()}, so no object is made per
 * operation. Every operation performs, in the same order, exactly the floating-point steps of the
 * {@link DoubleDouble} method it names, so both give bit-identical pairs (and the same error bounds, stated there).
 *
 * <p>Not thread-safe: one instance per thread or task.
 */
public final class DoubleDoubleWork {

    private double lo;

    /** @return the low part of the last operation's result */
    public double lo() {
        return lo;
    }

    /**
     * {@link DoubleDouble#twoSum}: {@code s = fl(a + b)}, {@code lo = a + b - s} exactly.
     *
     * @return {@code s}
     */
    public double twoSum(double a, double b) {
        double s = a + b;
        double bb = s - a;
        lo = (a - (s - bb)) + (b - bb);
        return s;
    }

    /** FastTwoSum ({@code |a| >= |b|} or {@code a == 0}): {@code s = fl(a + b)}, {@code lo = a + b - s} exactly. */
    private double fastTwoSum(double a, double b) {
        double s = a + b;
        lo = b - (s - a);
        return s;
    }

    /**
     * {@link DoubleDouble#add(DoubleDouble)}: {@code (ah, al) + (bh, bl)}.
     *
     * @return the high part
     */
    public double add(double ah, double al, double bh, double bl) {
        double s = twoSum(ah, bh);
        double se = lo;
        double t = twoSum(al, bl);
        double te = lo;
        double u = fastTwoSum(s, se + t);
        return fastTwoSum(u, lo + te);
    }

    /**
     * {@link DoubleDouble#add(double)}: {@code (ah, al) + d}.
     *
     * @return the high part
     */
    public double add(double ah, double al, double d) {
        double s = twoSum(ah, d);
        return fastTwoSum(s, lo + al);
    }

    /**
     * {@link DoubleDouble#multiply(DoubleDouble)}: {@code (ah, al) (bh, bl)}.
     *
     * @return the high part
     */
    public double multiply(double ah, double al, double bh, double bl) {
        double p = ah * bh;
        double pe = Math.fma(ah, bh, -p);
        double cross = Math.fma(ah, bl, al * bh);
        return fastTwoSum(p, pe + cross);
    }

    /**
     * {@link DoubleDouble#multiply(double)}: {@code (ah, al) d}.
     *
     * @return the high part
     */
    public double multiply(double ah, double al, double d) {
        double p = ah * d;
        double pe = Math.fma(ah, d, -p);
        return fastTwoSum(p, Math.fma(al, d, pe));
    }

    /**
     * {@link DoubleDouble#sqrt()} of {@code (ah, al)}, {@code ah >= 0}.
     *
     * @return the high part (0 with {@code lo = 0} for {@code ah = 0})
     * @throws ArithmeticException if {@code ah < 0}
     */
    public double sqrt(double ah, double al) {
        if (ah < 0) {
            throw new ArithmeticException("square root of negative " + new DoubleDouble(ah, al));
        }
        if (ah == 0) {
            lo = 0.0;
            return 0.0;
        }
        double s = Math.sqrt(ah);
        double p = s * s;
        double pe = Math.fma(s, s, -p);
        double residual = ((ah - p) - pe) + al;
        return fastTwoSum(s, residual / (2 * s));
    }
}
