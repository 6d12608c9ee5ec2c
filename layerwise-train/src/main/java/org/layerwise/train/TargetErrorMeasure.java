package org.layerwise.train;

import java.util.function.Function;

import org.layerwise.measure.ErrorEstimate;
import org.layerwise.measure.MultiBatchFunction;
import org.layerwise.measure.PNorm;
import org.layerwise.measure.QmcError;
import org.layerwise.function.Target;

/**
 * Hook for measuring {@code ||f - g||} between the target function {@code f} and a trained readout {@code g}
 * (given as a batch evaluator). Two measures exist:
 * <ul>
 *   <li>{@link #qmc}: the L^p norm on {@code [0,1]^d}, {@code ||f - g||_p}, by randomized Sobol QMC
 *       ({@link QmcError}: seeded random shifts, so deterministic), the same estimator {@code construct} uses for
 *       the explicit network, so errors of trained and constructed readouts are comparable;</li>
 *   <li>{@link #rmsOn}: a plain RMS over given points (a Monte-Carlo L^2 estimate when the points are uniform),
 *       the fallback when only data points are known.</li>
 * </ul>
 * {@link #errors} measures every prefix readout {@code g_1 + ... + g_k} of a multi-grade result.
 */
@FunctionalInterface
public interface TargetErrorMeasure {

    /** An estimate of the error between {@code f} and {@code g}. */
    ErrorEstimate error(Target f, Function<double[][], double[]> g);

    /**
     * The errors of the prefix readouts {@code g_1 + ... + g_k}, {@code k = 1..K}, of {@code r}, entry {@code k-1}
     * for grade {@code k}. This default measures each prefix separately; {@link #qmc} overrides it with one pass
     * over its points for all grades.
     */
    default ErrorEstimate[] errors(Target f, TrainingResult r) {
        ErrorEstimate[] out = new ErrorEstimate[r.gradeCount()];
        for (int k = 1; k <= out.length; k++) {
            int grade = k;
            out[k - 1] = error(f, x -> r.predictPrefix(grade, x));
        }
        return out;
    }

    /** {@code sqrt(mean_i (f(x_i) - g(x_i))^2)} over the given points. */
    static TargetErrorMeasure rmsOn(double[][] points) {
        double[][] pts = points.clone();
        return (f, g) -> {
            double[] gv = g.apply(pts);
            double s = 0;
            for (int i = 0; i < pts.length; i++) {
                double e = f.value(pts[i]) - gv[i];
                s += e * e;
            }
            return new ErrorEstimate(Math.sqrt(s / pts.length), 0.0, "RMS on " + pts.length + " test points", pts.length);
        };
    }

    /**
     * {@code ||f - g||_p} on {@code [0,1]^d} by {@code qmc} (Sobol points, random shifts from its seed). For a
     * multi-grade result, {@link #errors} evaluates all prefix readouts at once per batch of points
     * ({@link TrainingResult#readoutsPerPoint} through a {@link MultiBatchFunction}), so every grade sees the same points.
     * The estimate's method is {@link QmcError#method()}, exactly as for the explicit network.
     */
    static TargetErrorMeasure qmc(QmcError qmc, PNorm p) {
        return new Qmc(qmc, p);
    }

    /** The QMC measure; see {@link TargetErrorMeasure#qmc}. */
    record Qmc(QmcError qmc, PNorm p) implements TargetErrorMeasure {

        public Qmc {
            if (qmc == null || p == null) {
                throw new IllegalArgumentException("QMC settings and p are required");
            }
        }

        @Override
        public ErrorEstimate error(Target f, Function<double[][], double[]> g) {
            return qmc.errors(f, 1, (xs, out) -> {
                double[] v = g.apply(xs);
                for (int j = 0; j < xs.length; j++) {
                    out[j][0] = v[j];
                }
            }, p)[0];
        }

        @Override
        public ErrorEstimate[] errors(Target f, TrainingResult r) {
            int grades = r.gradeCount();
            MultiBatchFunction all = (xs, out) -> {
                double[][] prefix = r.readoutsPerPoint(xs);
                for (int j = 0; j < xs.length; j++) {
                    System.arraycopy(prefix[j], 0, out[j], 0, grades);
                }
            };
            return qmc.errors(f, grades, all, p);
        }
    }
}
