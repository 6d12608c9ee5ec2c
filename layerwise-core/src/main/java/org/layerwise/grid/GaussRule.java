package org.layerwise.grid;

import org.layerwise.NonFiniteValueException;
import org.layerwise.function.Target;
import org.layerwise.numeric.AccurateSum;
import org.layerwise.numeric.GaussLegendre;

/**
 * The tensor Gauss-Legendre rule with {@code q} points per coordinate on one cell of a grid:
 * {@code Q(K) = v_0 + sum_a w_a (f(x_a) - v_0) / sum_a w_a} with {@code x_a = (corner + t_a) / N^m}
 * ({@code t_a} the nodes on [0, 1], {@code v_0} the first node's value; compensated sums), exact for polynomials of
 * degree {@code < 2q} in each coordinate and exactly a constant's value. Optionally also the rule's variance
 * {@code sum_a w_a (f(x_a) - Q)^2 / sum_a w_a}, an estimate of {@code |K|^-1 int_K (f - mu_K)^2}.
 *
 * <p>Not thread-safe (scratch arrays): one instance per thread.
 */
final class GaussRule {

    private final GaussLegendre gl;
    private final int d;
    private final int q;
    private final int nodes;
    private final double[] weights;
    private final double weightSum;
    private final double[] x;
    private final int[] a;
    private final double[] values;
    private final AccurateSum s = new AccurateSum();

    GaussRule(int q, int d) {
        this.gl = GaussLegendre.of(q);
        this.d = d;
        this.q = gl.size();
        this.nodes = CellMeansBuilder.pow(this.q, d);
        this.weights = gl.tensorWeights(d);
        AccurateSum ws = new AccurateSum();
        for (double w : weights) {
            ws.add(w);
        }
        this.weightSum = ws.value(); // the weights need not sum to exactly 1
        this.x = new double[d];
        this.a = new int[d];
        this.values = new double[nodes];
    }

    /** Nodes per cell, {@code q^d}. */
    int nodes() {
        return nodes;
    }

    /**
     * {@code Q(K)} for the cell with integer corner {@code corner} of a level with {@code perAxis} cells per axis.
     *
     * @param variance if not null, {@code variance[0]} receives the rule's variance of {@code f} on the cell
     * @throws NonFiniteValueException (naming neither level nor cell) at the first non-finite value
     */
    double mean(Target f, long[] corner, double perAxis, double[] variance) {
        s.clear();
        java.util.Arrays.fill(a, 0);
        double v0 = 0;
        for (int node = 0; node < nodes; node++) {
            for (int i = 0; i < d; i++) {
                x[i] = (corner[i] + gl.node(a[i])) / perAxis;
            }
            double v = f.value(x);
            if (!Double.isFinite(v)) {
                throw new NonFiniteValueException("non-finite value", v, x.clone());
            }
            if (node == 0) {
                v0 = v;
            }
            values[node] = v;
            s.add(weights[node] * (v - v0));
            GaussLegendre.nextIndex(a, q);
        }
        double mean = v0 + s.value() / weightSum;
        if (variance != null) {
            double sq = 0;
            for (int node = 0; node < nodes; node++) {
                double e = values[node] - mean;
                sq += weights[node] * e * e;
            }
            variance[0] = sq / weightSum;
        }
        return mean;
    }
}
