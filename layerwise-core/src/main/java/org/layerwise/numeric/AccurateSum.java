package org.layerwise.numeric;

/**
 * Compensated summation: Ogita-Rump-Oishi "Sum2" (Knuth's error-free TwoSum on every addition,
 * the rounding errors summed separately). The result is as accurate as if the sum had been
 * computed in twice the working precision and then rounded: its error is at most
 * {@code u |s| + n^2 u^2 sum |x_k|} ({@code u = 2^-53}). Mutable accumulator, not thread-safe;
 * results do not depend on anything but the order of the additions.
 */
public final class AccurateSum {

    private double sum;
    private double err;

    /**
     * Adds {@code x} (TwoSum: {@code sum + x = s' + e} exactly, {@code e} joins the error term).
     *
     * @param x the summand
     */
    public void add(double x) {
        double s = sum + x;
        double bp = s - sum;
        double e = (sum - (s - bp)) + (x - bp);
        sum = s;
        err += e;
    }

    /**
     * Adds another accumulator's pair (its sum by TwoSum, its error term directly); {@code other} is unchanged.
     *
     * @param other the accumulator to add
     */
    public void add(AccurateSum other) {
        add(other.sum);
        err += other.err;
    }

    /** @return the compensated sum {@code sum + err}, rounded once */
    public double value() {
        return sum + err;
    }

    /**
     * Multiplies the accumulated pair by {@code factor} (each part rounded once): used to rescale a
     * sum of powers when its reference maximum changes ({@code org.layerwise.measure.PowerSum}).
     *
     * @param factor the factor; a power of two rescales exactly (barring underflow)
     */
    public void scale(double factor) {
        sum *= factor;
        err *= factor;
    }

    /** Resets to 0. */
    public void clear() {
        sum = 0;
        err = 0;
    }

    /**
     * The compensated sum divided by {@code m}, with one correction step of the division:
     * {@code q = value/m}, then {@code q + ((s - q m) + err) / m} where {@code s - q m} is formed with
     * one fused multiply-add (exact, since it is tiny compared to {@code s}). The result is within
     * about one ulp of the exact mean and usually correctly rounded; exact division by powers of two.
     *
     * @param m the divisor, e.g. the number of summands
     * @return the compensated sum divided by {@code m}
     */
    public double mean(double m) {
        double v = sum + err;
        double q = v / m;
        double r = Math.fma(-q, m, sum) + err;
        return q + r / m;
    }

    /**
     * The accurate mean of a slice.
     *
     * @param xs   the values
     * @param from the first index
     * @param to   one past the last index, {@code > from}
     * @return {@code (xs[from] + ... + xs[to-1]) / (to - from)}, compensated as {@link #mean(double)}
     */
    public static double mean(double[] xs, int from, int to) {
        AccurateSum s = new AccurateSum();
        for (int i = from; i < to; i++) {
            s.add(xs[i]);
        }
        return s.mean(to - from);
    }
}
