package org.layerwise.measure;

import java.util.function.ToDoubleFunction;

import org.layerwise.function.Target;

/**
 * A function {@code g : [0,1]^d -> R} evaluated in batches, so that an expensive evaluator (a network,
 * exact or float) can amortise its setup over many points.
 *
 * <p>Contract: {@code evaluate(xs, out)} sets {@code out[j] = g(xs[j])} for {@code j < xs.length}
 * ({@code out.length >= xs.length}), does not modify {@code xs}, and may be called from several
 * threads at once with distinct arrays.
 */
@FunctionalInterface
public interface BatchFunction {

    void evaluate(double[][] xs, double[] out);

    /** Pointwise {@code g}, one call per point. */
    static BatchFunction of(ToDoubleFunction<double[]> g) {
        return (xs, out) -> {
            for (int j = 0; j < xs.length; j++) {
                out[j] = g.applyAsDouble(xs[j]);
            }
        };
    }

    /** A target used as the approximant. */
    static BatchFunction of(Target g) {
        return of(g::value);
    }
}
