package org.layerwise.cli;

import org.layerwise.report.ReadoutSampler;
import org.layerwise.function.Target;
import org.layerwise.train.TrainingResult;

/**
 * The report sampler of a trained network: its readouts are the prefix sums {@code g_1 + ... + g_k},
 * {@code k = 1..K} (one level per grade; a single level for an end-to-end result), all computed in one pass.
 *
 * @param target the target {@code f}
 * @param result the trained network
 */
record TrainedSampler(Target target, TrainingResult result) implements ReadoutSampler {

    TrainedSampler {
        if (target.dim() != result.dim()) {
            throw new IllegalArgumentException("target of dimension " + target.dim() + " with a network of dimension "
                    + result.dim());
        }
    }

    @Override
    public int dim() {
        return target.dim();
    }

    @Override
    public int levels() {
        return result.gradeCount();
    }

    @Override
    public double target(double[] x) {
        return target.value(x);
    }

    @Override
    public double readout(int level, double[] x) {
        return result.predictPrefix(level, new double[][] {x})[0];
    }

    @Override
    public double[][] readouts(double[][] points) {
        return result.readoutsPerPoint(points);
    }
}
