package org.layerwise.measure;

/**
 * Several functions {@code g_0..g_{m-1} : [0,1]^d -> R} evaluated together in batches, for example all
 * readouts {@code Phi_1..Phi_L} of a network, which one evaluation pass produces at once.
 *
 * <p>Contract: {@code evaluate(xs, out)} sets {@code out[j][k] = g_k(xs[j])} for {@code j < xs.length},
 * {@code k < m} (the caller allocates {@code out}), does not modify {@code xs}, and may be called from
 * several threads at once with distinct arrays.
 */
@FunctionalInterface
public interface MultiBatchFunction {

    void evaluate(double[][] xs, double[][] out);
}
