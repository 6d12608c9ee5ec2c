package org.layerwise.report;

import org.layerwise.eval.Evaluator;
import org.layerwise.function.Target;

/**
 * The sampler whose readouts are a network's heads {@code Phi_1..Phi_L}, evaluated by an {@link Evaluator};
 * the batch method evaluates every point once for all levels (in parallel).
 *
 * @param target    the target {@code f}
 * @param evaluator the network's evaluator
 */
public record NetworkSampler(Target target, Evaluator evaluator) implements ReadoutSampler {

    public NetworkSampler {
        if (target.dim() != evaluator.network().dim()) {
            throw new IllegalArgumentException("target of dimension " + target.dim() + " with a network of dimension "
                    + evaluator.network().dim());
        }
    }

    @Override
    public int dim() {
        return target.dim();
    }

    @Override
    public int levels() {
        return evaluator.network().levels();
    }

    @Override
    public double target(double[] x) {
        return target.value(x);
    }

    @Override
    public double readout(int level, double[] x) {
        requireLevel(level);
        return evaluator.readouts(x)[level - 1];
    }

    @Override
    public double[][] readouts(double[][] points) {
        return evaluator.evaluate(points);
    }
}
