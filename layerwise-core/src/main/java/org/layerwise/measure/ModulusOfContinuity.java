package org.layerwise.measure;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import org.layerwise.InvalidInputException;
import org.layerwise.NonFiniteValueException;
import org.layerwise.function.Target;

/**
 * A heuristic search for the worst shift of the L^p modulus of continuity
 * <pre>  omega_p(f, t) = sup_{|h|_2 &lt;= t} || f(. + h) - f ||_{L^p(Omega_h)},   Omega_h = {x : x, x+h in [0,1]^d}</pre>
 * (an integral over {@code Omega_h}, not an average), and a QMC estimate of the norm at the best shift.
 *
 * <p><b>Shifts.</b> {@code h} and {@code -h} give the same norm (substitute {@code y = x + h}), so only one
 * of each pair is examined. Directions: every nonzero vector of {@code {-1,0,1}^d} with its first nonzero
 * entry positive, normalised (the coordinate and all diagonal directions: 1, 4, 13 for {@code d = 1, 2, 3};
 * above {@code d = 3} the coordinate directions and the {@code 2^(d-1)} main diagonals), plus
 * {@link #directions()} random unit directions (seeded; none in 1-D). Lengths {@code t k / 16}
 * ({@code k = 1..16}), {@code t / 32} and {@code t / 64}. Each shift is scored by Sobol QMC on
 * {@code Omega_h} with a quarter of the points; the four best are refined by a pattern search (moves of
 * {@code +-delta} along each coordinate, the result projected onto {@code |h| <= t}, {@code delta}
 * halved when no move improves, from {@code t / 16} over 8 rounds). The best refined shift is then
 * re-measured with all {@link #points()} and an independent random shift (so that the reported estimate
 * is not biased upwards by the selection). Everything is an <b>estimate</b>: the search may miss the
 * supremum, and QMC is not a bound; {@code org.layerwise.measure.CertifiedModulus} turns the best shift
 * into a rigorous lower bound for targets that can be enclosed.
 *
 * <p>For one shift, {@code Omega_h = prod_i [max(0,-h_i), 1 - max(0,h_i)]} of volume {@code prod_i (1 - |h_i|)},
 * and {@code int_{Omega_h} |f(x+h) - f(x)|^p dx} is estimated by {@code vol * mean_j |f(x_j+h) - f(x_j)|^p}
 * (a {@link PowerSum}, so any {@code p} works). {@code p = inf}: the maximum of {@code |f(x+h) - f(x)|} over
 * the points. Deterministic for a seed; shifts are scored in parallel and the best is chosen in order.
 *
 * @param points     Sobol points for the final estimate, {@code >= 1} (a quarter, at least 256, per scored shift)
 * @param directions random directions in addition to the coordinate and diagonal ones, {@code >= 0}
 * @param seed       seed of the directions and of the QMC shifts
 */
public record ModulusOfContinuity(int points, int directions, long seed) {

    /** Default: 8192 points, 8 random directions, seed 1. */
    public static final ModulusOfContinuity DEFAULT = new ModulusOfContinuity(8192, 8, 1);

    private static final int ROUNDS = 8;
    private static final int REFINED = 4;

    public ModulusOfContinuity {
        if (points < 1) {
            throw new InvalidInputException("QMC points for omega must be >= 1, got " + points);
        }
        if (directions < 0) {
            throw new InvalidInputException("random directions must be >= 0, got " + directions);
        }
    }

    /**
     * The outcome of the search.
     *
     * @param shift    the best shift found, {@code |shift|_2 <= t}
     * @param estimate the QMC estimate of {@code ||f(.+shift) - f||_{L^p(Omega_shift)}} with all points
     * @param examined number of shifts scored (grid and refinement)
     */
    public record Search(double[] shift, ErrorEstimate estimate, int examined) {

        public Search {
            shift = shift.clone();
        }

        @Override
        public double[] shift() {
            return shift.clone();
        }
    }

    /** The same settings with another seed. */
    public ModulusOfContinuity withSeed(long newSeed) {
        return new ModulusOfContinuity(points, directions, newSeed);
    }

    /** The unit directions examined in dimension {@code d} (one of each pair {@code +-u}); deterministic for the seed. */
    public List<double[]> directions(int d) {
        List<double[]> us = new ArrayList<>();
        if (d <= 3) {
            int total = 1;
            for (int i = 0; i < d; i++) {
                total *= 3;
            }
            for (int code = 0; code < total; code++) {
                double[] u = new double[d];
                int c = code;
                for (int i = 0; i < d; i++) {
                    u[i] = c % 3 - 1;
                    c /= 3;
                }
                if (firstNonzeroPositive(u)) {
                    us.add(normalised(u));
                }
            }
        } else {
            for (int i = 0; i < d; i++) {
                double[] u = new double[d];
                u[i] = 1;
                us.add(u);
            }
            for (int mask = 0; mask < 1 << Math.min(d - 1, 10); mask++) {
                double[] u = new double[d];
                u[0] = 1;
                for (int i = 1; i < d; i++) {
                    u[i] = i - 1 < 10 && (mask >> (i - 1) & 1) == 1 ? -1 : 1;
                }
                us.add(normalised(u));
            }
        }
        if (d > 1) {
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
                us.add(normalised(h));
            }
        }
        return us;
    }

    /** The grid of shifts scored first for {@code omega_p(f, t)} in dimension {@code d}: every direction times every length. */
    public List<double[]> shifts(int d, double t) {
        if (!(t >= 0) || Double.isInfinite(t)) {
            throw new InvalidInputException("omega needs a finite t >= 0, got " + t);
        }
        List<double[]> hs = new ArrayList<>();
        double[] lengths = new double[18];
        for (int k = 1; k <= 16; k++) {
            lengths[k - 1] = t * k / 16;
        }
        lengths[16] = t / 32;
        lengths[17] = t / 64;
        for (double[] u : directions(d)) {
            for (double len : lengths) {
                double[] h = new double[d];
                for (int i = 0; i < d; i++) {
                    h[i] = u[i] * len;
                }
                hs.add(within(h, t));
            }
        }
        return hs;
    }

    /** The estimate of {@code omega_p(f, t)}: the QMC norm at the best shift found by {@link #search}. */
    public ErrorEstimate estimate(Target f, double t, PNorm p) {
        return search(f, t, p).estimate();
    }

    /** The search described in the class comment. */
    public Search search(Target f, double t, PNorm p) {
        int d = f.dim();
        List<double[]> grid = shifts(d, t);
        int scorePoints = Math.min(points, Math.max(256, points / 4));
        SplittableRandom random = new SplittableRandom(seed).split();
        SobolPoints scoring = SobolPoints.of(d, scorePoints);
        double[] scoreShift = SobolPoints.randomShift(d, random);
        double[] scores = score(f, grid, p, scoring, scoreShift);
        int examined = grid.size();
        // the REFINED best grid shifts (first in order among equals)
        Integer[] order = new Integer[grid.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(scores[b], scores[a]));
        double[] best = new double[d];
        double bestScore = -1;
        for (int r = 0; r < Math.min(REFINED, order.length); r++) {
            double[] h = grid.get(order[r]).clone();
            double value = scores[order[r]];
            double delta = t / 16;
            for (int round = 0; round < ROUNDS && delta > 0; round++) {
                List<double[]> moves = new ArrayList<>();
                for (int i = 0; i < d; i++) {
                    for (int sign = -1; sign <= 1; sign += 2) {
                        double[] m = h.clone();
                        m[i] += sign * delta;
                        moves.add(within(m, t));
                    }
                }
                double[] ms = score(f, moves, p, scoring, scoreShift);
                examined += moves.size();
                int arg = -1;
                for (int k = 0; k < ms.length; k++) {
                    if (ms[k] > value && (arg < 0 || ms[k] > ms[arg])) {
                        arg = k;
                    }
                }
                if (arg >= 0) {
                    h = moves.get(arg);
                    value = ms[arg];
                } else {
                    delta /= 2;
                }
            }
            if (value > bestScore) {
                bestScore = value;
                best = h;
            }
        }
        SobolPoints all = SobolPoints.of(d, points);
        double[] finalShift = SobolPoints.randomShift(d, random);
        double value = score(f, List.of(best), p, all, finalShift)[0];
        String method = "Sobol QMC, " + points + " points at the best of " + examined
                + " shifts (coordinate, diagonal and random directions, refined; estimate)";
        return new Search(best, new ErrorEstimate(value, 0, method, 2L * examined * scorePoints + 2L * points), examined);
    }

    /** QMC estimates of {@code ||f(.+h) - f||_{L^p(Omega_h)}} for each shift, in parallel. */
    private static double[] score(Target f, List<double[]> hs, PNorm p, SobolPoints sobol, double[] qmcShift) {
        int d = f.dim();
        int n = sobol.size();
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
            for (int j = 0; j < n; j++) {
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
            values[s] = inf ? max : sum.norm(n / vol);
        });
        for (NonFiniteValueException e : failures) {
            if (e != null) {
                throw e;
            }
        }
        return values;
    }

    /** {@code h} scaled onto the ball {@code |h|_2 <= t} when it lies outside. */
    private static double[] within(double[] h, double t) {
        double n2 = 0;
        for (double v : h) {
            n2 += v * v;
        }
        double n = Math.sqrt(n2);
        if (n > t) {
            double scale = t / n;
            for (int i = 0; i < h.length; i++) {
                h[i] *= scale;
            }
            // rounding may leave the norm an ulp above t
            while (norm(h) > t) {
                for (int i = 0; i < h.length; i++) {
                    h[i] = h[i] > 0 ? Math.nextDown(h[i]) : (h[i] < 0 ? Math.nextUp(h[i]) : 0);
                }
            }
        }
        return h;
    }

    private static double norm(double[] h) {
        double n2 = 0;
        for (double v : h) {
            n2 += v * v;
        }
        return Math.sqrt(n2);
    }

    private static boolean firstNonzeroPositive(double[] u) {
        for (double v : u) {
            if (v != 0) {
                return v > 0;
            }
        }
        return false;
    }

    private static double[] normalised(double[] u) {
        double n = norm(u);
        double[] out = new double[u.length];
        for (int i = 0; i < u.length; i++) {
            out[i] = u[i] / n;
        }
        return out;
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
