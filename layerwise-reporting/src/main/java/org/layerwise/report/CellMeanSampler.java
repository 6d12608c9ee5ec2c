package org.layerwise.report;

import org.layerwise.grid.CellMeans;
import org.layerwise.function.Target;

/**
 * The sampler whose readouts are the cell means: {@code Phi_l(x) = mu_l(K_l(x)) = (A_l f)(x)}, the function
 * every level of the network computes exactly (up to the decoder bound). Used for {@code measure} and
 * whenever no network is at hand.
 *
 * @param target the target {@code f}
 * @param means  its cell means for levels {@code 0..L}
 */
public record CellMeanSampler(Target target, CellMeans means) implements ReadoutSampler {

    public CellMeanSampler {
        if (target.dim() != means.dim()) {
            throw new IllegalArgumentException("target of dimension " + target.dim()
                    + " with cell means of dimension " + means.dim());
        }
    }

    @Override
    public int dim() {
        return target.dim();
    }

    @Override
    public int levels() {
        return means.levels();
    }

    @Override
    public double target(double[] x) {
        return target.value(x);
    }

    @Override
    public double readout(int level, double[] x) {
        requireLevel(level);
        return means.at(x, level);
    }
}
