package org.layerwise.measure;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import org.layerwise.InvalidInputException;
import org.layerwise.NonFiniteValueException;
import org.layerwise.function.Target;

/**
 * Estimate from below of the L^p modulus of continuity
 * <pre>  omega_p(f, t) = sup_{|h|_2 <= t} || f(. + h) - f ||_{L^p(Omega_h)},   Omega_h = {x : x, x+h in [0,1]^d}</pre>
 * (an integral over {@code Omega_h}, not an average).
 *
 * <p>The supremum is replaced by a maximum over a finite set of shifts ({@link #shifts}): along each
 * coordinate, in both directions, the lengths {@code t k/8} ({@code k = 1..8}), {@code t/16} and
 * {@code t/32}; plus {@link #directions()} random unit directions (seeded) of length {@code t}. For one
 * shift, {@code Omega_h} is the box {@code prod_i [max(0,-h_i), 1 - max(0,h_i)]} of volume
 * {@code prod_i (1 - |h_i|)}, and {@code int_{Omega_h} |f(x+h) - f(x)|^p dx} is estimated by
 * {@code vol * mean_j |f(x_j+h) - f(x_j)|^p} over {@link #points()} Sobol points mapped into the box
 * (one Cranley-Patterson shift drawn from the seed, which keeps dyadic Sobol points off dyadic cell
 * boundaries). {@code p = inf}: the maximum of {@code |f(x+h) - f(x)|} over the points. The same QMC is
 * used for piecewise-constant (image) targets. Deterministic for a seed; shifts run in parallel
 * and are combined by a maximum.
 *
 * @param points     Sobol points per shift, {@code >= 1}
 * @param directions random directions of length {@code t}, {@code >= 0}
 * @param seed       seed of the directions and of the QMC shift
 */
public record ModulusOfContinuity(int points, int directions, long seed) {

    /** Default: 8192 points per shift, 8 random directions, seed 1. */
    public static final ModulusOfContinuity DEFAULT = new ModulusOfContinuity(8192, 8, 1);

    public ModulusOfContinuity {
        if (points < 1) {
            throw new InvalidInputException("QMC points for omega must be >= 1, got " + points);
        }
        if (directions < 0) {
            throw new InvalidInputException("random directions must be >= 0, got " + directions);
        }
    }

    /** The same settings with another seed. */
    public ModulusOfContinuity withSeed(long newSeed) {
        return new ModulusOfContinuity(points, directions, newSeed);
    }

    /** The shifts {@code h} examined for {@code omega_p(f, t)} in dimension {@code d}; deterministic for the seed. */
    public List<double[]> shifts(int d, double t) {
        if (!(t >= 0) || Double.isInfinite(t)) {
            throw new InvalidInputException("omega needs a finite t >= 0, got " + t);
        }
        List<double[]> hs = new ArrayList<>();
        double[] lengths = {t / 32, t / 16, t / 8, 2 * t / 8, 3 * t / 8, 4 * t / 8, 5 * t / 8, 6 * t / 8, 7 * t / 8, t};
        for (int i = 0; i < d; i++) {
            for (double len : lengths) {
                for (int sign = -1; sign <= 1; sign += 2) {
                    double[] h = new double[d];
                    h[i] = sign * len;
                    hs.add(h);
                }
            }
        }
        SplittableRandom random = new SplittableRandom(seed);
        for (int k = 0; k < directions; k++) {
            double[] h = new double[d];
            double norm2 = 0;
            while (norm2 == 0) {
                norm2 = 0;
                for (int i = 0; i < d; i++) {
                    h[i] = gaussian(random);
                    norm2 += h[i] * h[i];
                }
            }
            double scale = t / Math.sqrt(norm2);
            for (int i = 0; i < d; i++) {
                h[i] *= scale;
            }
            hs.add(h);
        }
        return hs;
    }

    /** The estimate of {@code omega_p(f, t)}. */
    public ErrorEstimate estimate(Target f, double t, PNorm p) {
        int d = f.dim();
        List<double[]> hs = shifts(d, t);
        SobolPoints sobol = SobolPoints.of(d, points);
        // a stream independent of the directions
        double[] qmcShift = SobolPoints.randomShift(d, new SplittableRandom(seed).split());
        boolean inf = p.isInfinite();
        double pp = p.p();
        double[] values = new double[hs.size()];
        NonFiniteValueException[] failures = new NonFiniteValueException[hs.size()];
        IntStream.range(0, hs.size()).parallel().forEach(s -> {
            double[] h = hs.get(s);
            double vol = 1;
            double[] lo = new double[d];
            double[] len = new double[d];
            for (int i = 0; i < d; i++) {
                len[i] = 1 - Math.abs(h[i]);
                lo[i] = Math.max(0, -h[i]);
                vol *= Math.max(0, len[i]);
            }
            if (vol <= 0) {
                values[s] = 0;
                return;
            }
            double[] u = new double[d];
            double[] x = new double[d];
            double[] y = new double[d];
            PowerSum sum = inf ? null : new PowerSum(pp);
            double max = 0;
            for (int j = 0; j < points; j++) {
                sobol.shifted(j, qmcShift, u);
                for (int i = 0; i < d; i++) {
                    x[i] = clamp(lo[i] + len[i] * u[i]);
                    y[i] = clamp(x[i] + h[i]);
                }
                double fx = f.value(x);
                double fy = f.value(y);
                if (!Double.isFinite(fx) || !Double.isFinite(fy)) {
                    boolean first = !Double.isFinite(fx);
                    failures[s] = new NonFiniteValueException("modulus of continuity",
                            first ? fx : fy, first ? x : y);
                    return;
                }
                double diff = Math.abs(fy - fx);
                if (inf) {
                    max = Math.max(max, diff);
                } else {
                    sum.add(1, diff);
                }
            }
            values[s] = inf ? max : sum.norm(points / vol);
        });
        for (NonFiniteValueException e : failures) {
            if (e != null) {
                throw e;
            }
        }
        double best = 0;
        for (double v : values) {
            best = Math.max(best, v);
        }
        String method = "Sobol QMC, max over " + hs.size() + " shifts x " + points + " points (estimate from below)";
        return new ErrorEstimate(best, 0, method, 2L * hs.size() * points);
    }

    private static double clamp(double v) {
        return v < 0 ? 0 : (v > 1 ? 1 : v);
    }

    /** A standard normal variate (Box-Muller), for rotation-invariant random directions. */
    private static double gaussian(SplittableRandom random) {
        double u1 = random.nextDouble();
        double u2 = random.nextDouble();
        return Math.sqrt(-2 * Math.log1p(-u1)) * Math.cos(2 * Math.PI * u2);
    }
}
