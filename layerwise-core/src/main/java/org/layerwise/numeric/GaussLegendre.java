package org.layerwise.numeric;

import org.layerwise.InvalidInputException;

/**
 * The {@code q}-point Gauss-Legendre rule on {@code [0,1]}: nodes {@code t_a} in {@code (0,1)} and
 * positive weights {@code w_a} summing to 1, exact for polynomials of degree {@code < 2q}.
 *
 * <p>Computed by Newton's method on the Legendre polynomial {@code P_q} (three-term recurrence),
 * started from the Tricomi guess {@code cos(pi (a - 1/4) / (q + 1/2))}; nodes are accurate to a few
 * ulps. The rule is symmetric: {@code t_{q-1-a} = 1 - t_a}, and the nodes are enforced to be so.
 */
public final class GaussLegendre {

    /** Largest supported number of points (more has no use for cell means and would only cost time). */
    public static final int MAX_POINTS = 64;

    private final double[] nodes;
    private final double[] weights;

    private GaussLegendre(double[] nodes, double[] weights) {
        this.nodes = nodes;
        this.weights = weights;
    }

    /**
     * The {@code q}-point rule on {@code [0,1]}.
     *
     * @param q the number of points, {@code 1 <= q <= }{@link #MAX_POINTS}
     * @return the rule, exact for polynomials of degree {@code < 2q}
     * @throws InvalidInputException if {@code q} is out of range
     */
    public static GaussLegendre of(int q) {
        if (q < 1 || q > MAX_POINTS) {
            throw new InvalidInputException("quadrature points per coordinate must be in 1.." + MAX_POINTS + ", got " + q);
        }
        double[] t = new double[q];
        double[] w = new double[q];
        int half = (q + 1) / 2;
        for (int a = 0; a < half; a++) {
            // the a-th largest root of P_q on [-1,1]
            double z = Math.cos(Math.PI * (a + 0.75) / (q + 0.5));
            double dp = 0;
            for (int it = 0; it < 100; it++) {
                double[] p = legendre(q, z);
                double pq = q == 1 ? z : p[1];
                double pqm1 = q == 1 ? 1 : p[0];
                dp = q * (z * pq - pqm1) / (z * z - 1);
                double dz = pq / dp;
                z -= dz;
                if (Math.abs(dz) <= 1e-17) {
                    break;
                }
            }
            // recompute P_q' at the final z for the weight 2 / ((1 - z^2) P_q'(z)^2)
            double[] p = legendre(q, z);
            dp = q == 1 ? 1 : q * (z * p[1] - p[0]) / (z * z - 1);
            double weight = 1.0 / ((1 - z * z) * dp * dp); // half of the [-1,1] weight: rule on [0,1]
            if (q == 1) {
                z = 0;
                weight = 1;
            }
            // map [-1,1] -> [0,1]; z > 0 for a < q/2
            t[q - 1 - a] = 0.5 + 0.5 * z;
            t[a] = 0.5 - 0.5 * z;
            w[a] = weight;
            w[q - 1 - a] = weight;
        }
        return new GaussLegendre(t, w);
    }

    /**
     * {@code {P_{q-1}(z), P_q(z)}} by the three-term recurrence {@code n P_n = (2n-1) z P_{n-1} - (n-1) P_{n-2}}
     * from {@code P_0 = 1, P_1 = z} ({@code {1, z}} for {@code q <= 1}).
     */
    private static double[] legendre(int q, double z) {
        double p0 = 1;
        double p1 = z;
        for (int n = 2; n <= q; n++) {
            double p2 = ((2 * n - 1) * z * p1 - (n - 1) * p0) / n;
            p0 = p1;
            p1 = p2;
        }
        return new double[] {p0, p1};
    }

    /** @return the number of points {@code q} */
    public int size() {
        return nodes.length;
    }

    /**
     * @param a the index, {@code 0..q-1}
     * @return the node {@code t_a} in {@code (0,1)}, increasing in {@code a}
     */
    public double node(int a) {
        return nodes[a];
    }

    /**
     * @param a the index, {@code 0..q-1}
     * @return the weight {@code w_a > 0}; the weights sum to 1
     */
    public double weight(int a) {
        return weights[a];
    }

    /** @return a copy of the nodes, increasing */
    public double[] nodes() {
        return nodes.clone();
    }

    /** @return a copy of the weights, in the order of the nodes */
    public double[] weights() {
        return weights.clone();
    }

    /**
     * The weights {@code w_{a_1} * .. * w_{a_d}} of the tensor rule on {@code [0,1]^d}, the {@code q^d} node
     * multi-indices {@code a} in the order of {@link #nextIndex} (first coordinate fastest).
     *
     * @param d the dimension
     * @return the {@code q^d} weights, summing to 1
     * @throws ArithmeticException if {@code q^d} overflows an int
     */
    public double[] tensorWeights(int d) {
        int q = size();
        int n = 1;
        for (int i = 0; i < d; i++) {
            n = Math.multiplyExact(n, q);
        }
        double[] w = new double[n];
        int[] a = new int[d];
        for (int node = 0; node < n; node++) {
            double p = 1;
            for (int i = 0; i < d; i++) {
                p *= weights[a[i]];
            }
            w[node] = p;
            nextIndex(a, q);
        }
        return w;
    }

    /**
     * Steps a multi-index: first coordinate fastest; after the last index {@code (q-1, ..., q-1)} come zeros.
     *
     * @param a the multi-index in {@code [0,q)^d}, changed in place
     * @param q the number of values per coordinate
     */
    public static void nextIndex(int[] a, int q) {
        for (int i = 0; i < a.length; i++) {
            if (++a[i] < q) {
                return;
            }
            a[i] = 0;
        }
    }
}
