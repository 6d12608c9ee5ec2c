package org.layerwise.train;

import java.util.Arrays;

import org.layerwise.InvalidInputException;

/**
 * Five numbers describing a sample {@code v_1..v_n} (NaN entries left out): minimum, lower quartile, median, upper
 * quartile and maximum. Quantiles interpolate linearly between order statistics (Hyndman and Fan type 7, numpy's
 * default): with the sorted values {@code s_0 <= ... <= s_{n-1}}, {@code q(p) = s_j + (h - j)(s_{j+1} - s_j)},
 * {@code h = (n - 1) p}, {@code j = floor(h)}.
 *
 * @param n      number of (non-NaN) values
 * @param min    smallest value
 * @param q1     {@code q(1/4)}
 * @param median {@code q(1/2)}
 * @param q3     {@code q(3/4)}
 * @param max    largest value
 */
public record Spread(int n, double min, double q1, double median, double q3, double max) {

    public Spread {
        if (n < 1) {
            throw new InvalidInputException("a spread needs at least one value");
        }
        if (!(min <= q1 && q1 <= median && median <= q3 && q3 <= max)) {
            throw new IllegalArgumentException("not ordered: " + min + ", " + q1 + ", " + median + ", " + q3 + ", " + max);
        }
    }

    /** The spread of {@code values} (NaN left out). */
    public static Spread of(double[] values) {
        double[] s = Arrays.stream(values).filter(v -> !Double.isNaN(v)).sorted().toArray();
        if (s.length == 0) {
            throw new InvalidInputException("no values to summarise");
        }
        return new Spread(s.length, s[0], quantile(s, 0.25), quantile(s, 0.5), quantile(s, 0.75), s[s.length - 1]);
    }

    /** Type-7 quantile of sorted values. */
    static double quantile(double[] sorted, double p) {
        double h = (sorted.length - 1) * p;
        int j = (int) Math.floor(h);
        if (j + 1 >= sorted.length) {
            return sorted[sorted.length - 1];
        }
        return sorted[j] + (h - j) * (sorted[j + 1] - sorted[j]);
    }
}
