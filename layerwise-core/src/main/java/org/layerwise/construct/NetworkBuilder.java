package org.layerwise.construct;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

import org.layerwise.InvalidInputException;
import org.layerwise.LimitExceededException;
import org.layerwise.grid.CellMeans;
import org.layerwise.net.Affine;
import org.layerwise.numeric.Dyadic;
import org.layerwise.net.Head;
import org.layerwise.net.Layer;
import org.layerwise.net.Layout;
import org.layerwise.net.NarrowLayout;
import org.layerwise.net.Network;
import org.layerwise.net.Neuron;

/**
 * Builds the narrow-layout network of the construction note (section 3; positions in
 * {@link NarrowLayout}) from a table of cell means, and extends a network by further levels
 * without changing any existing weight.
 *
 * <p>Per level {@code l} ({@link PackedLevel} computes the amplitude and phases on primitives, with the same
 * values as the dyadic definitions here): corrections {@code Delta_l(K) = mu_l(K) - mu_{l-1}(K mod N^(d(l-1)))}, exact
 * dyadic differences of doubles; amplitude {@code a_l}, the least power of two {@code >= max_K |Delta_l(K)|}
 * (1 when all are 0); phases and {@code theta_l} from {@link Phases}; steepness
 * {@code T_l = 2^(b N^(dl) + 56 + l ceil(log2 N))}; offsets {@code C_0 = |mu_0|}, {@code C_l = C_{l-1} + a_l}.
 * Every constant of level {@code l} depends only on levels {@code <= l} and on {@code d, N, b}.
 */
public final class NetworkBuilder {

    public static final int DEFAULT_BITS = 64;
    /**
     * Largest allowed {@code b N^(dL)} (bits of the deepest {@code theta}), {@code 2^33}: the phases are held in
     * chunked limbs ({@link org.layerwise.numeric.LimbStore}), and the phases of all levels (about 4/3 of the deepest)
     * stay within the default model-file limit of 2 GiB.
     */
    public static final long MAX_PHASE_BITS = 1L << 33;

    private NetworkBuilder() {
    }

    /** {@link #build(CellMeans, int)} with {@code b = 64}. */
    public static Network build(CellMeans table) {
        return build(table, DEFAULT_BITS);
    }

    /**
     * The network of levels {@code 1..table.levels()}.
     *
     * @throws InvalidInputException if the table has no level beyond 0, {@code b} is out of range,
     *                               or the phases would exceed {@link #MAX_PHASE_BITS}
     */
    public static Network build(CellMeans table, int bits) {
        if (table.levels() < 1) {
            throw new InvalidInputException("a network needs at least one level; the table has only level 0");
        }
        checkBits(bits);
        NarrowLayout layout = new NarrowLayout(table.dim(), table.base());
        checkSize(layout, bits, table.levels());
        Dyadic mu0 = Dyadic.valueOf(table.mean(0, 0));
        Assembler asm = new Assembler(layout, bits, mu0.abs());
        asm.start(mu0.abs().add(mu0));
        double[] parent = table.level(0);
        for (int l = 1; l <= table.levels(); l++) {
            double[] current = table.level(l);
            asm.appendLevel(l, PackedLevel.encode(parent, current, bits));
            parent = current;
        }
        return asm.network();
    }

    /**
     * {@link #extend(Network, double[], CellMeans)} with the parent means taken from the table's own
     * level {@code L}: right when the table agrees with the one the network was built from.
     */
    public static Network extend(Network net, CellMeans table) {
        if (table.levels() <= net.levels()) {
            throw new InvalidInputException("table has " + table.levels() + " levels; the network already has "
                    + net.levels());
        }
        return extend(net, table.level(net.levels()), table);
    }

    /**
     * Appends levels {@code net.levels()+1 .. table.levels()} to {@code net}, leaving every existing
     * neuron and head unchanged. The first new correction is taken against {@code parentMeans}, the
     * level-{@code L} means the existing network encodes ({@code L = net.levels()}, length {@code N^(dL)});
     * deeper corrections come from {@code table} alone, whose levels {@code <= L} are ignored.
     *
     * @throws InvalidInputException if dimensions, levels or sizes do not match
     */
    public static Network extend(Network net, double[] parentMeans, CellMeans table) {
        if (net.layout() != Layout.NARROW) {
            throw new InvalidInputException("cannot extend a network of layout '" + net.layout() + "'");
        }
        if (table.dim() != net.dim() || table.base() != net.base()) {
            throw new InvalidInputException("table has d = " + table.dim() + ", N = " + table.base()
                    + " but the network has d = " + net.dim() + ", N = " + net.base());
        }
        int old = net.levels();
        if (table.levels() <= old) {
            throw new InvalidInputException("table has " + table.levels() + " levels; the network already has " + old);
        }
        if (parentMeans.length != table.size(old)) {
            throw new InvalidInputException("expected " + table.size(old) + " level-" + old + " means, got "
                    + parentMeans.length);
        }
        for (int k = 0; k < parentMeans.length; k++) {
            if (!Double.isFinite(parentMeans[k])) {
                throw new InvalidInputException("level " + old + ": cell " + k + " has mean " + parentMeans[k]);
            }
        }
        NarrowLayout layout = new NarrowLayout(net.dim(), net.base());
        checkSize(layout, net.bits(), table.levels());
        // C_{L-1} is minus the bias of head L; C_L = C_{L-1} + a_L
        Dyadic offset = net.head(old).affine().bias().negate().add(net.amplitude(old));
        Assembler asm = new Assembler(layout, net.bits(), offset);
        asm.resume(net);
        double[] parent = parentMeans;
        for (int l = old + 1; l <= table.levels(); l++) {
            double[] current = table.level(l);
            asm.appendLevel(l, PackedLevel.encode(parent, current, net.bits()));
            parent = current;
        }
        return asm.network();
    }

    /** {@code Delta(K) = current[K] - parent[K mod parent.length]}, exactly. */
    public static Dyadic[] corrections(double[] parent, double[] current) {
        if (current.length % parent.length != 0) {
            throw new InvalidInputException(current.length + " cells do not refine " + parent.length);
        }
        Dyadic[] parentD = new Dyadic[parent.length];
        for (int k = 0; k < parent.length; k++) {
            parentD[k] = Dyadic.valueOf(parent[k]);
        }
        Dyadic[] delta = new Dyadic[current.length];
        for (int k = 0; k < current.length; k++) {
            delta[k] = Dyadic.valueOf(current[k]).subtract(parentD[k % parent.length]);
        }
        return delta;
    }

    /** The least power of two {@code >= max |Delta|}, and 1 when every correction is 0. */
    public static Dyadic amplitude(Dyadic[] corrections) {
        Dyadic max = Dyadic.ZERO;
        for (Dyadic c : corrections) {
            max = max.max(c.abs());
        }
        if (max.isZero()) {
            return Dyadic.ONE;
        }
        long top = max.topBit();
        return Dyadic.powerOfTwo(max.isPowerOfTwoMagnitude() ? top : top + 1);
    }

    private static void checkBits(int bits) {
        if (bits < 2 || bits > 4096) {
            throw new InvalidInputException("bit budget b must be in [2, 4096], got " + bits);
        }
    }

    /**
     * Refuses, before anything is computed, {@code levels} levels that this builder cannot build for {@code d, N, b}
     * (today: {@code b N^(dL) > }{@link #MAX_PHASE_BITS}); the one place where that limit is decided, so the
     * command line can refuse the levels up front.
     *
     * @throws InvalidInputException naming the level, the phase bits and the limit
     */
    public static void checkLevels(int dim, int base, int bits, int levels) {
        checkBits(bits);
        checkSize(new NarrowLayout(dim, base), bits, levels);
    }

    private static void checkSize(NarrowLayout layout, int bits, int levels) {
        long cells;
        try {
            cells = layout.cells(levels);
        } catch (ArithmeticException e) {
            throw new LimitExceededException(levels + " levels with d = " + layout.dim() + ", N = " + layout.base()
                    + " give too many cells", false, e);
        }
        if (cells > MAX_PHASE_BITS / bits) {
            throw new LimitExceededException(levels + " levels with d = " + layout.dim() + ", N = "
                    + layout.base() + " need b N^(dL) = " + bits + " * " + cells + " phase bits, more than the "
                    + MAX_PHASE_BITS + " (2^33) this version builds", false, null);
        }
    }

    /** Appends layers level by level; holds the neurons under construction. */
    private static final class Assembler {
        private final NarrowLayout layout;
        private final int d;
        private final int n;
        private final int bits;
        private final List<List<Neuron>> layers = new ArrayList<>();
        private final List<Head> heads = new ArrayList<>();
        private final List<Dyadic> amplitudes = new ArrayList<>();
        /** {@code C_{l}} of the last appended level (C_0 before any). */
        private Dyadic offset;

        Assembler(NarrowLayout layout, int bits, Dyadic offset) {
            this.layout = layout;
            this.d = layout.dim();
            this.n = layout.base();
            this.bits = bits;
            this.offset = offset;
        }

        /** Layer A(1,1)'s carries, reading the input x. */
        void start(Dyadic sBias) {
            List<Neuron> a = new ArrayList<>();
            for (int k = 1; k <= d; k++) {
                a.add(copy(k - 1));
            }
            a.add(Neuron.relu(new int[0], new Dyadic[0], Dyadic.ONE)); // E = 2^0
            a.add(Neuron.relu(new int[0], new Dyadic[0], sBias)); // S = C_0 + mu_0 >= 0
            layers.add(a);
        }

        void resume(Network net) {
            for (Layer layer : net.layers()) {
                layers.add(new ArrayList<>(layer.neurons()));
            }
            heads.addAll(net.heads());
            amplitudes.addAll(net.amplitudes());
        }

        void appendLevel(int l, PackedLevel level) {
            Dyadic a = level.amplitude();
            Dyadic theta = level.theta();
            Dyadic steep = Dyadic.powerOfTwo(layout.steepnessExponent(bits, l));
            // the level's constants, made once and shared by its d coordinates (the biases 1 - jT and the
            // coefficients have about b N^(dl) bits)
            NarrowLayout.Switches sw = new NarrowLayout.Switches(steep, n);
            Dyadic[][] c = new Dyadic[d + 1][];
            for (int i = 1; i <= d; i++) {
                c[i] = new Dyadic[n];
                for (int j = 1; j < n; j++) {
                    c[i][j] = layout.coefficient(bits, l, i, j);
                }
            }
            for (int i = 1; i <= d; i++) {
                List<Neuron> layerA;
                if (i == 1) {
                    layerA = layers.get(layers.size() - 1); // A(1,1) from start(), or F_{l-1}
                } else {
                    layerA = carries(c[i - 1]);
                    layers.add(layerA);
                }
                // switches p_j, q_j read y_i of the previous layer (or x_i)
                for (int j = 1; j < n; j++) {
                    layerA.add(Neuron.relu(new int[] {i - 1}, new Dyadic[] {sw.steepN()}, sw.minus(j)));
                }
                for (int j = 1; j < n; j++) {
                    layerA.add(Neuron.relu(new int[] {i - 1}, new Dyadic[] {sw.steepN()}, sw.plusOne(j)));
                }
                layers.add(layerB(l, i, sw));
            }
            List<Neuron> last = carries(c[d]);
            // v_l = sin(2 pi theta_l E_new), E_new = E + sum_j c_j (g_j - r_j)
            int[] in = new int[2 * n - 1];
            Dyadic[] w = new Dyadic[2 * n - 1];
            in[0] = layout.e();
            w[0] = theta;
            for (int j = 1; j < n; j++) {
                Dyadic tc = theta.multiply(c[d][j]);
                in[j] = layout.g(j);
                w[j] = tc;
                in[n - 1 + j] = layout.r(j);
                w[n - 1 + j] = tc.negate();
            }
            last.add(Neuron.sine(in, w, Dyadic.ZERO));
            layers.add(last);
            heads.add(new Head(layers.size() - 1, new Affine(new int[] {layout.s(), layout.v()},
                    new Dyadic[] {Dyadic.ONE, a}, offset.negate())));
            amplitudes.add(a);
            offset = offset.add(a);
        }

        /** B(l,i), reading A(l,i). */
        private List<Neuron> layerB(int l, int i, NarrowLayout.Switches sw) {
            List<Neuron> b = new ArrayList<>();
            for (int k = 1; k <= d; k++) {
                if (k != i) {
                    b.add(copy(k - 1));
                    continue;
                }
                b.add(layout.yUpdate(l, i)); // y_i <- N y_i - sum_j (q_j - p_j)
            }
            b.add(copy(layout.e()));
            if (i == 1 && l >= 2) {
                // S <- S + a_{l-1} v_{l-1} + a_{l-1}
                Dyadic prev = amplitudes.get(l - 2);
                b.add(Neuron.relu(new int[] {layout.s(), layout.v()}, new Dyadic[] {Dyadic.ONE, prev}, prev));
            } else {
                b.add(copy(layout.s()));
            }
            for (int j = 1; j < n; j++) {
                b.add(Neuron.relu(new int[] {i - 1, layout.e()}, new Dyadic[] {sw.steepN(), Dyadic.ONE}, sw.minus(j)));
            }
            for (int j = 1; j < n; j++) {
                b.add(Neuron.relu(new int[] {i - 1}, new Dyadic[] {sw.steepN()}, sw.minus(j)));
            }
            return b;
        }

        /** Carries after B(l,i): copies of y and S, and E updated with the coefficients {@code c[j]} of (l,i). */
        private List<Neuron> carries(Dyadic[] c) {
            List<Neuron> out = new ArrayList<>();
            for (int k = 1; k <= d; k++) {
                out.add(copy(k - 1));
            }
            int[] in = new int[2 * n - 1];
            Dyadic[] w = new Dyadic[2 * n - 1];
            in[0] = layout.e();
            w[0] = Dyadic.ONE;
            for (int j = 1; j < n; j++) {
                in[j] = layout.g(j);
                w[j] = c[j];
                in[n - 1 + j] = layout.r(j);
                w[n - 1 + j] = c[j].negate();
            }
            out.add(Neuron.relu(in, w, Dyadic.ZERO));
            out.add(copy(layout.s()));
            return out;
        }

        private static Neuron copy(int index) {
            return Neuron.relu(new int[] {index}, new Dyadic[] {Dyadic.ONE}, Dyadic.ZERO);
        }

        Network network() {
            List<Layer> out = new ArrayList<>(layers.size());
            for (List<Neuron> layer : layers) {
                out.add(new Layer(layer));
            }
            return new Network(d, n, heads.size(), bits, Layout.NARROW, out, heads, amplitudes);
        }
    }

}
