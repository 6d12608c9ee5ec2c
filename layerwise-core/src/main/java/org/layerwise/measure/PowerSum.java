package org.layerwise.measure;

import org.layerwise.InvalidInputException;
import org.layerwise.numeric.AccurateSum;

/**
 * A weighted sum of {@code p}-th powers kept in scaled form, so that an L^p norm can be formed for any
 * finite {@code p >= 1} without underflow or overflow:
 * <pre>  sum_j w_j |g_j|^p = M^p S,   M = max_j |g_j|,   S = sum_j w_j (|g_j| / M)^p,</pre>
 * and the norm {@code (sum_j w_j |g_j|^p / W)^(1/p) = M (S / W)^(1/p)}. {@code S} is at least the weight
 * of the maximum and at most the total weight, so it neither underflows to 0 nor overflows, whatever
 * {@code p} ({@code p = 1000} with {@code |g| ~ 1e-3} or {@code p = 1e6} both work). When a larger value
 * arrives, {@code S} is multiplied by {@code (M_old / M_new)^p} (which may underflow to 0 for large
 * {@code p}: those terms are then negligible against the new maximum). Compensated ({@link AccurateSum});
 * mutable, not thread-safe; the result depends only on the order of the additions.
 */
public final class PowerSum {

    private final double p;
    private double max;
    private final AccurateSum scaled = new AccurateSum();

    /** An empty sum for the exponent {@code p} (finite, {@code >= 1}). */
    public PowerSum(double p) {
        if (!(p >= 1) || Double.isInfinite(p)) {
            throw new InvalidInputException("a power sum needs a finite p >= 1, got " + p);
        }
        this.p = p;
    }

    /** Adds {@code weight |value|^p} ({@code weight >= 0}, {@code value} finite). */
    public void add(double weight, double value) {
        double v = Math.abs(value);
        if (v > max) {
            if (max > 0) {
                scaled.scale(Math.pow(max / v, p));
            }
            max = v;
        }
        if (v > 0 && weight != 0) {
            scaled.add(weight * Math.pow(v / max, p));
        }
    }

    /** Adds another sum of the same exponent. */
    public void add(PowerSum other) {
        if (other.p != p) {
            throw new IllegalArgumentException("exponents differ: " + p + " and " + other.p);
        }
        if (other.max == 0) {
            return;
        }
        if (other.max > max) {
            if (max > 0) {
                scaled.scale(Math.pow(max / other.max, p));
            }
            max = other.max;
            scaled.add(other.scaled);
        } else {
            AccurateSum o = new AccurateSum();
            o.add(other.scaled);
            o.scale(Math.pow(other.max / max, p));
            scaled.add(o);
        }
    }

    /** The largest {@code |value|} added (0 when empty). */
    public double max() {
        return max;
    }

    /** {@code S = sum w (|g| / M)^p} (0 when empty). */
    public double scaledSum() {
        return scaled.value();
    }

    /** {@code S (M / reference)^p}: the sum rescaled to another maximum {@code reference >= M}. */
    public double scaledSum(double reference) {
        if (max == 0) {
            return 0;
        }
        return scaled.value() * Math.pow(max / reference, p);
    }

    /** The norm {@code (sum w |g|^p / totalWeight)^(1/p) = M (S / W)^(1/p)}; 0 when empty. */
    public double norm(double totalWeight) {
        if (max == 0) {
            return 0;
        }
        return max * Math.pow(scaled.mean(totalWeight), 1 / p);
    }

    /** {@code (sum w |g|^p)^(1/p)}, the norm for a total weight of 1. */
    public double norm() {
        return norm(1);
    }
}
