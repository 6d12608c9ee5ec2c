package org.layerwise.train;

import java.util.function.Function;

import org.layerwise.measure.ErrorEstimate;
import org.layerwise.target.Target;

/**
 * Hook for measuring {@code ||f - g||} between the target function {@code f} and a trained readout {@code g}
 * (given as a batch evaluator). The default, {@link #rmsOn}, is a plain RMS over given points (a Monte-Carlo
 * L^2 estimate when the points are uniform); the {@code org.layerwise.measure} package is meant to plug in
 * QMC / quadrature L^p estimates here.
 */
@FunctionalInterface
public interface TargetErrorMeasure {

    /** An estimate of the error between {@code f} and {@code g}. */
    ErrorEstimate error(Target f, Function<double[][], double[]> g);

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
}
