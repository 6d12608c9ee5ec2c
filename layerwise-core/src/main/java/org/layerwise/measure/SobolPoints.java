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
    /** {@code 2^-m} with {@code 2^m >= n}: see {@link #resolution()}. */
    private final double resolution;

    private SobolPoints(double[][] points) {
        this.points = points;
        this.resolution = Math.scalb(1.0, -(64 - Long.numberOfLeadingZeros(Math.max(1, points.length - 1))));
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

    /**
     * The width {@code 2^-m} of the one-dimensional strata of the first {@code n <= 2^m} points: each
     * coordinate of the first {@code 2^m} Sobol points takes every value {@code i 2^-m} once.
     */
    public double resolution() {
        return resolution;
    }

    /**
     * Writes point {@code j} shifted by {@code shift} and by a jitter uniform in {@code [0, resolution())^d},
     * modulo 1. The jitter of coordinate {@code i} is a hash of {@code (stream, j, i)} (SplitMix64 finaliser),
     * so it does not depend on the order or the threads in which points are generated. Why: the shifted points
     * alone carry only about {@code log2 n} bits, so against a function that varies on a finer dyadic grid
     * they all sit at the same offset inside their fine cell; the jitter makes each point's offset independent
     * while keeping the coarse strata.
     */
    public void jittered(int j, double[] shift, long stream, double[] out) {
        double[] u = points[j];
        for (int i = 0; i < u.length; i++) {
            long h = mix(stream + GOLDEN * ((long) j * u.length + i + 1));
            double v = u[i] + shift[i] + resolution * ((h >>> 11) * 0x1.0p-53);
            v -= Math.floor(v);
            out[i] = v < 1 ? v : Math.nextDown(1.0); // guard rounding up to 1
        }
    }

    /** The jitter stream of shift {@code k} for a seed. */
    public static long stream(long seed, int k) {
        return mix(seed + GOLDEN * (k + 1L));
    }

    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
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
