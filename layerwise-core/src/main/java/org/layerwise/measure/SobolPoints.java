package org.layerwise.measure;

import java.util.SplittableRandom;

import org.hipparchus.random.SobolSequenceGenerator;
import org.layerwise.InvalidInputException;

/**
 * The first {@code n} points of the {@code d}-dimensional Sobol sequence (Hipparchus, Joe-Kuo
 * direction numbers), and Cranley-Patterson random shifts {@code u -> (u + s) mod 1} of them.
 */
public final class SobolPoints {

    private final double[][] points;

    private SobolPoints(double[][] points) {
        this.points = points;
    }

    /** The first {@code n >= 1} Sobol points of dimension {@code d >= 1} (the first is the origin). */
    public static SobolPoints of(int d, int n) {
        if (n < 1) {
            throw new InvalidInputException("QMC point count must be >= 1, got " + n);
        }
        if (d < 1 || d > 1000) {
            throw new InvalidInputException("Sobol points need 1 <= d <= 1000, got " + d);
        }
        SobolSequenceGenerator g = new SobolSequenceGenerator(d);
        double[][] pts = new double[n][];
        for (int j = 0; j < n; j++) {
            pts[j] = g.nextVector();
        }
        return new SobolPoints(pts);
    }

    public int size() {
        return points.length;
    }

    public int dim() {
        return points[0].length;
    }

    /** Writes point {@code j} shifted by {@code shift} modulo 1 into {@code out}; coordinates in {@code [0,1)}. */
    public void shifted(int j, double[] shift, double[] out) {
        double[] u = points[j];
        for (int i = 0; i < u.length; i++) {
            double v = u[i] + shift[i];
            if (v >= 1) {
                v -= 1;
            }
            out[i] = v < 1 ? v : Math.nextDown(1.0); // guard rounding up to 1
        }
    }

    /** A uniform random shift in {@code [0,1)^d}. */
    public static double[] randomShift(int d, SplittableRandom random) {
        double[] s = new double[d];
        for (int i = 0; i < d; i++) {
            s[i] = random.nextDouble();
        }
        return s;
    }
}
