package org.layerwise.measure;

import java.util.SplittableRandom;
import java.util.stream.IntStream;

import org.layerwise.InvalidInputException;
import org.layerwise.NonFiniteValueException;
import org.layerwise.numeric.AccurateSum;
import org.layerwise.function.Target;

/**
 * {@code ||f - g||_{L^p([0,1]^d)}} for a general approximant {@code g} (a {@link BatchFunction}, for
 * example a network evaluator) by randomized quasi-Monte Carlo.
 *
 * <p>The first {@code n} Sobol points {@code u_j} are shifted by {@code r} independent uniform
 * random vectors {@code s_k} (Cranley-Patterson rotation) and each point also by its own uniform jitter
 * {@code w_{kj}} in {@code [0, 2^-m)^d}, {@code 2^m >= n} the Sobol strata width:
 * {@code x = (u_j + s_k + w_{kj}) mod 1}. Every point is uniform on the cube, so each shift's estimate is
 * unbiased; the jitter matters for approximants on fine dyadic grids (a level-{@code l} readout with
 * {@code N^l > n}), where unjittered shifted points all fall at the same offset inside their cell.
 * Shifts come from {@code SplittableRandom(seed)} and jitters from {@link SobolPoints#jittered}, so the
 * result is deterministic for a seed. For each
 * shift {@code I_k = (1/n) sum_j |f(x_j) - g(x_j)|^p}; the estimate of {@code ||f-g||_p^p} is
 * {@code I = mean_k I_k} with standard error {@code se(I) = sd(I_k) / sqrt(r)}, and the reported value is
 * {@code I^(1/p)} with standard error propagated by the delta method,
 * {@code se = I^(1/p - 1) se(I) / p} (0 when {@code I = 0}). {@code p = inf}: the maximum of
 * {@code |f - g|} over all points (an estimate from below), standard error 0.
 *
 * <p>Points are evaluated in batches of {@link #BATCH}; batches run in parallel, and their sums are
 * combined in order, so the result does not depend on the number of threads.
 *
 * @param points Sobol points per shift, {@code n >= 1}
 * @param shifts random shifts, {@code r >= 1} ({@code r >= 2} for a standard error)
 * @param seed   seed of the shifts
 */
public record QmcError(int points, int shifts, long seed) {

    /** Points per batch handed to {@link BatchFunction#evaluate}. */
    public static final int BATCH = 1024;

    public QmcError {
        if (points < 1) {
            throw new InvalidInputException("QMC points must be >= 1, got " + points);
        }
        if (shifts < 1) {
            throw new InvalidInputException("QMC random shifts must be >= 1, got " + shifts);
        }
    }

    /** {@code ||f - g||_p} on {@code [0,1]^d}. */
    public ErrorEstimate error(Target f, BatchFunction g, PNorm p) {
        return errors(f, 1, (xs, out) -> {
            double[] v = new double[xs.length];
            g.evaluate(xs, v);
            for (int j = 0; j < xs.length; j++) {
                out[j][0] = v[j];
            }
        }, p)[0];
    }

    /**
     * {@code ||f - g_k||_p} for {@code k = 0..outputs-1} from one pass over the points: {@code g} is
     * evaluated once per point for all outputs (for example all readouts {@code Phi_1..Phi_L} of a
     * network), {@code f} once per point, and every output sees the same points and shifts.
     */
    public ErrorEstimate[] errors(Target f, int outputs, MultiBatchFunction g, PNorm p) {
        if (outputs < 1) {
            throw new IllegalArgumentException("outputs must be >= 1, got " + outputs);
        }
        int d = f.dim();
        SobolPoints sobol = SobolPoints.of(d, points);
        SplittableRandom random = new SplittableRandom(seed);
        boolean inf = p.isInfinite();
        double pp = p.p();
        double[][] perShift = new double[outputs][shifts];
        PowerSum[][] sums = new PowerSum[outputs][shifts];
        int batches = (points + BATCH - 1) / BATCH;
        for (int k = 0; k < shifts; k++) {
            double[] shift = SobolPoints.randomShift(d, random);
            long stream = SobolPoints.stream(seed, k);
            double[][] partial = new double[batches][];
            PowerSum[][] partialSums = new PowerSum[batches][];
            NonFiniteValueException[] failures = new NonFiniteValueException[batches];
            IntStream.range(0, batches).parallel().forEach(b -> {
                int from = b * BATCH;
                int to = Math.min(points, from + BATCH);
                double[][] xs = new double[to - from][d];
                for (int j = from; j < to; j++) {
                    sobol.jittered(j, shift, stream, xs[j - from]);
                }
                double[][] gv = new double[xs.length][outputs];
                g.evaluate(xs, gv);
                PowerSum[] s = new PowerSum[outputs];
                double[] max = new double[outputs];
                for (int o = 0; o < outputs; o++) {
                    s[o] = inf ? null : new PowerSum(pp);
                }
                for (int j = 0; j < xs.length; j++) {
                    double fv = f.value(xs[j]);
                    if (!Double.isFinite(fv)) {
                        failures[b] = new NonFiniteValueException("QMC error", fv, xs[j]);
                        return;
                    }
                    for (int o = 0; o < outputs; o++) {
                        double diff = Math.abs(fv - gv[j][o]);
                        if (inf) {
                            max[o] = Math.max(max[o], diff);
                        } else {
                            s[o].add(1, diff);
                        }
                    }
                }
                partial[b] = max;
                partialSums[b] = s;
            });
            for (NonFiniteValueException e : failures) {
                if (e != null) {
                    throw e;
                }
            }
            for (int o = 0; o < outputs; o++) {
                if (inf) {
                    double max = 0;
                    for (double[] m : partial) {
                        max = Math.max(max, m[o]);
                    }
                    perShift[o][k] = max;
                } else {
                    PowerSum s = new PowerSum(pp);
                    for (PowerSum[] v : partialSums) {
                        s.add(v[o]);
                    }
                    sums[o][k] = s;
                }
            }
        }
        ErrorEstimate[] out = new ErrorEstimate[outputs];
        for (int o = 0; o < outputs; o++) {
            out[o] = inf ? supremum(perShift[o]) : estimate(sums[o], pp);
        }
        return out;
    }

    /** The method text, e.g. {@code "Sobol QMC, 1024 points x 4 random shifts, jittered"}. */
    public String method() {
        return "Sobol QMC, " + points + " points x " + shifts + " random shifts, jittered";
    }

    private ErrorEstimate supremum(double[] perShift) {
        double max = 0;
        for (double m : perShift) {
            max = Math.max(max, m);
        }
        return new ErrorEstimate(max, 0, method() + ", max (estimate from below)", (long) points * shifts);
    }

    /**
     * From the per-shift scaled sums {@code I_k = M_k^p S_k / n}: with {@code M = max_k M_k} and
     * {@code J_k = S_k (M_k/M)^p / n}, {@code I = M^p mean J}, the value {@code I^(1/p) = M (mean J)^(1/p)}
     * and its delta-method standard error {@code M (mean J)^(1/p - 1) se(J) / p} (no power of {@code M}
     * is ever formed, so any finite {@code p} works).
     */
    private ErrorEstimate estimate(PowerSum[] perShift, double pp) {
        double big = 0;
        for (PowerSum s : perShift) {
            big = Math.max(big, s.max());
        }
        if (big == 0) {
            return new ErrorEstimate(0, 0, method(), (long) points * shifts);
        }
        double[] j = new double[shifts];
        for (int k = 0; k < shifts; k++) {
            j[k] = perShift[k].scaledSum(big) / points;
        }
        double mean = mean(j);
        double se = 0;
        if (shifts > 1) {
            double ss = 0;
            for (double v : j) {
                ss += (v - mean) * (v - mean);
            }
            se = Math.sqrt(ss / (shifts - 1) / shifts);
        }
        double value = big * Math.pow(mean, 1 / pp);
        double valueSe = mean > 0 ? big * Math.pow(mean, 1 / pp - 1) * se / pp : 0;
        return new ErrorEstimate(value, valueSe, method(), (long) points * shifts);
    }

    private static double mean(double[] xs) {
        AccurateSum s = new AccurateSum();
        for (double x : xs) {
            s.add(x);
        }
        return s.mean(xs.length);
    }
}
