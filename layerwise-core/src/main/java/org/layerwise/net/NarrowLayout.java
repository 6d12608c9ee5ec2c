package org.layerwise.net;

import org.layerwise.numeric.Dyadic;

/**
 * Positions of the neurons of the narrow layout (construction note, section 3): width
 * {@code 2N + d + 1}, {@code 2d} hidden layers per level, plus one final layer.
 *
 * <p>Hidden layers, 0-based, for level {@code l = 1..L} and coordinate {@code i = 1..d}:
 * <pre>
 *   A(l,i) = 2d(l-1) + 2(i-1)     carries, [v_{l-1} if i = 1 and l >= 2], p_1..p_{N-1}, q_1..q_{N-1}
 *   B(l,i) = A(l,i) + 1           carries (y_i updated), g_1..g_{N-1}, r_1..r_{N-1}
 *   F_L    = 2dL                  carries, v_L      (the last layer of an L-level network)
 * </pre>
 * and layer {@code 2dl} for {@code l < L} is {@code A(l+1,1)}, which starts with exactly the
 * neurons of {@code F_l}: the deeper network appends {@code p_j, q_j} of level {@code l+1} there.
 * The carries are, in every layer, {@code y_1..y_d} at positions {@code 0..d-1}, the address
 * {@code E} at {@code d} and the running readout {@code S} at {@code d+1}; the sine neuron
 * {@code v_l} sits at {@code d+2} of layer {@code 2dl}, which the head of level {@code l} reads.
 *
 * <p>Every neuron (ReLU unless marked), with {@code t_j = N*y_i - j}, {@code T = T_l},
 * {@code c_j = 2^(s j) - 2^(s(j-1))}, {@code s = b N^(d(l-1)+(i-1))} for the coordinate just processed:
 * <pre>
 *   A(1,1), reading x:   y_k = ReLU(x_k), E = ReLU(1), S = ReLU(C_0 + mu_0),
 *                        p_j = ReLU(T N x_1 - T j), q_j = ReLU(T N x_1 - T j + 1)
 *   other A and F:       y_k = ReLU(y_k), E = ReLU(E + sum_j c_j (g_j - r_j)), S = ReLU(S),
 *                        [v_{l} = SINE(theta_l (E + sum_j c_j (g_j - r_j))) in layer 2dl]
 *                        p_j, q_j as above from the previous layer's y_i
 *   B(l,i):              y_k = ReLU(y_k) (k != i), y_i = ReLU(N y_i - sum_j (q_j - p_j)), E = ReLU(E),
 *                        S = ReLU(S + a_{l-1} v_{l-1} + a_{l-1}) if i = 1 and l >= 2, else ReLU(S),
 *                        g_j = ReLU(T N y_i - T j + E), r_j = ReLU(T N y_i - T j)
 *   head l, on 2dl:      Phi_l = S + a_l v_l - C_{l-1}
 * </pre>
 */
public record NarrowLayout(int dim, int base) {

    public NarrowLayout {
        if (dim < 1 || base < 2) {
            throw new IllegalArgumentException("layout with d = " + dim + ", N = " + base);
        }
    }

    /**
     * The outcome of {@link #verify}: the structure read, or (structure {@code null}) the first layer or neuron that
     * is not as the narrow layout says.
     *
     * @param structure the structure when the network has it, else {@code null}
     * @param reason    {@code null} when verified, else a one-line description of the first mismatch
     */
    public record Verification(NarrowStructure structure, String reason) {
        public Verification {
            if ((structure == null) == (reason == null)) {
                throw new IllegalArgumentException("exactly one of structure and reason");
            }
        }

        /** Whether the network has the structure. */
        public boolean verified() {
            return structure != null;
        }
    }

    /**
     * Checks, neuron by neuron, that {@code network} is exactly what the construction builds in the narrow layout
     * (the carries are copies, the switches are {@code ReLU(T N y_i - T j [+1|+E])} with one power of two
     * {@code T >= 2^(b N^(dl) + 54 + l ceil(log2 N))} per level, the address updates use the coefficients
     * {@link #coefficient}, the sine neuron of level {@code l} is {@code SINE(theta E + sum_j theta c_j (g_j - r_j))},
     * the S updates are {@code ReLU(S + w v + beta)} with {@code w = +-2^k}, {@code beta >= |w|}, and each head is
     * {@code S + a v + h} with {@code a = +-2^k}) and returns what a structure-aware evaluator needs, or the reason.
     * Never throws for a network that is merely different.
     */
    public static Verification verify(Network network) {
        try {
            return new Verification(new NarrowCheck(network).structure(), null);
        } catch (NarrowCheck.Mismatch e) {
            return new Verification(null, e.getMessage());
        } catch (ArithmeticException e) {
            return new Verification(null, "sizes beyond the narrow layout's integer range: " + e.getMessage());
        }
    }

    /** Layer index of {@code A(l,i)}. */
    public int layerA(int level, int coordinate) {
        return 2 * dim * (level - 1) + 2 * (coordinate - 1);
    }

    /** Layer index of {@code B(l,i)}. */
    public int layerB(int level, int coordinate) {
        return layerA(level, coordinate) + 1;
    }

    /** The layer read by head {@code l}, which holds {@code v_l}: {@code 2dl}. */
    public int readLayer(int level) {
        return 2 * dim * level;
    }

    /** Position of carry {@code y_k} ({@code k} 1-based). */
    public int y(int k) {
        return k - 1;
    }

    /** Position of the address {@code E}. */
    public int e() {
        return dim;
    }

    /** Position of the running readout {@code S}. */
    public int s() {
        return dim + 1;
    }

    /** Position of {@code v_l} in layer {@code 2dl}. */
    public int v() {
        return dim + 2;
    }

    /** Position of {@code p_1} in {@code A(l,i)} ({@code q_1} follows {@code p_{N-1}}). */
    public int switchStart(int level, int coordinate) {
        return dim + 2 + (coordinate == 1 && level >= 2 ? 1 : 0);
    }

    /** Position of {@code p_j} in {@code A(l,i)}. */
    public int p(int level, int coordinate, int j) {
        return switchStart(level, coordinate) + j - 1;
    }

    /** Position of {@code q_j} in {@code A(l,i)}. */
    public int q(int level, int coordinate, int j) {
        return switchStart(level, coordinate) + base - 1 + j - 1;
    }

    /**
     * The update of {@code y_i} in {@code B(l,i)}, {@code y_i = ReLU(N y_i - sum_j (q_j - p_j))}: inputs
     * {@code y_i, p_1..p_{N-1}, q_1..q_{N-1}} of {@code A(l,i)} with weights {@code N, 1, .., 1, -1, .., -1}, bias 0.
     */
    public Neuron yUpdate(int level, int coordinate) {
        int n = base;
        int[] in = new int[2 * n - 1];
        Dyadic[] w = new Dyadic[2 * n - 1];
        in[0] = y(coordinate);
        w[0] = Dyadic.valueOf(n);
        for (int j = 1; j < n; j++) {
            in[j] = p(level, coordinate, j);
            w[j] = Dyadic.ONE;
            in[n - 1 + j] = q(level, coordinate, j);
            w[n - 1 + j] = Dyadic.ONE.negate();
        }
        return Neuron.relu(in, w, Dyadic.ZERO);
    }

    /** Position of {@code g_j} in {@code B(l,i)}. */
    public int g(int j) {
        return dim + 2 + j - 1;
    }

    /** Position of {@code r_j} in {@code B(l,i)}. */
    public int r(int j) {
        return dim + 2 + base - 1 + j - 1;
    }

    /** {@code ceil(log2 N)}. */
    public int log2BaseCeil() {
        return 32 - Integer.numberOfLeadingZeros(base - 1);
    }

    /** The exponent of the steepness {@code T_l = 2^(b N^(dl) + 56 + l ceil(log2 N))}. */
    public long steepnessExponent(int bits, int level) {
        return bits * cells(level) + 56 + (long) level * log2BaseCeil();
    }

    /** The address shift {@code s = b N^(d(l-1) + (i-1))} of coordinate {@code i} of level {@code l}. */
    public long shift(int bits, int level, int coordinate) {
        return bits * power((long) dim * (level - 1) + coordinate - 1);
    }

    /** The address coefficient {@code c_j = 2^(s j) - 2^(s(j-1)) = (2^s - 1) 2^(s(j-1))}. */
    public Dyadic coefficient(int bits, int level, int coordinate, int j) {
        long s = shift(bits, level, coordinate);
        return Dyadic.run(s * j, s * (j - 1));
    }

    /**
     * The bias {@code 1 - jT} of the switch {@code q_j}, {@code T = 2^tau}: for {@code j = 1} the run
     * {@code -(2^tau - 1)} ({@link Dyadic#run}, kept unexpanded), otherwise {@code -jT + 1}.
     *
     * @param tau the exponent of the steepness {@code T}
     * @param j   the switch, {@code 1 <= j < N}
     * @return {@code 1 - j 2^tau}, exactly
     */
    public static Dyadic switchBiasPlusOne(long tau, int j) {
        if (j == 1 && tau > 0) {
            return Dyadic.run(tau, 0).negate();
        }
        return Dyadic.powerOfTwo(tau).multiply(Dyadic.valueOf(-j)).add(Dyadic.ONE);
    }

    /** {@code N^(dl)}. */
    public long cells(int level) {
        return power((long) dim * level);
    }

    private long power(long e) {
        long r = 1;
        for (long k = 0; k < e; k++) {
            r = Math.multiplyExact(r, base);
        }
        return r;
    }

    /**
     * The switch constants of one level with steepness {@code T}: {@code T N}, {@code -jT} and {@code 1 - jT}
     * ({@link #switchBiasPlusOne}) for {@code j = 1..N-1}, made once per level and shared by its coordinates (the
     * builder and the structure check use the same objects' values).
     */
    public static final class Switches {
        private final Dyadic steepN;
        private final Dyadic[] minus;
        private final Dyadic[] plusOne;

        /**
         * @param steep the steepness {@code T}, a positive power of two
         * @param n     the base {@code N}
         */
        public Switches(Dyadic steep, int n) {
            steepN = steep.multiply(Dyadic.valueOf(n));
            minus = new Dyadic[n];
            plusOne = new Dyadic[n];
            for (int j = 1; j < n; j++) {
                minus[j] = steep.multiply(Dyadic.valueOf(-j));
                plusOne[j] = switchBiasPlusOne(steep.exponent(), j);
            }
        }

        /** @return {@code T N}, the switches' weight on {@code y_i} */
        public Dyadic steepN() {
            return steepN;
        }

        /**
         * @param j the switch, {@code 1 <= j < N}
         * @return {@code -jT}
         */
        public Dyadic minus(int j) {
            return minus[j];
        }

        /**
         * @param j the switch, {@code 1 <= j < N}
         * @return {@code 1 - jT}
         */
        public Dyadic plusOne(int j) {
            return plusOne[j];
        }
    }
}
