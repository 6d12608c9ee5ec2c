package org.layerwise.net;

import org.layerwise.numeric.Dyadic;

/**
 * The check behind {@link NarrowLayout#verify}: reads the weights a structure-aware evaluator relies on, neuron by
 * neuron, and throws {@link Mismatch} at the first one that is not as the narrow layout says.
 */
final class NarrowCheck {
    final long[][] shifts;
    final Dyadic[] thetas;
    Dyadic start;
    final Dyadic[] headWeights;
    final Dyadic[] headBiases;
    final Dyadic[] updateWeights;
    final Dyadic[] updateBiases;

    private final Network net;
    private final NarrowLayout layout;
    private final int d;
    private final int n;
    private int coefficientLevel;
    private int coefficientCoordinate;
    private Dyadic[] coefficients;

    NarrowCheck(Network net) {
        this.net = net;
        if (net.layout() != Layout.NARROW) {
            throw new Mismatch("layout '" + net.layout() + "' is not '" + Layout.NARROW + "'");
        }
        layout = new NarrowLayout(net.dim(), net.base());
        d = net.dim();
        n = net.base();
        int levels = net.levels();
        shifts = new long[levels][d];
        thetas = new Dyadic[levels];
        headWeights = new Dyadic[levels];
        headBiases = new Dyadic[levels];
        updateWeights = new Dyadic[levels];
        updateBiases = new Dyadic[levels];
        if (net.depth() != layout.readLayer(levels) + 1) {
            throw new Mismatch("depth " + net.depth() + ", expected 2dL + 1 = "
                    + (layout.readLayer(levels) + 1));
        }
        checkFirstLayer();
        for (int l = 1; l <= levels; l++) {
            checkLevel(l);
        }
    }

    private Layer layer(int k) {
        return net.layers().get(k);
    }

    private static Mismatch mismatch(int layer, int neuron, String what) {
        return new Mismatch("layer " + layer + " neuron " + neuron + ": " + what);
    }

    private void expect(int k, int j, Activation act, int[] in, Dyadic[] w, Dyadic bias, String what) {
        Neuron nr = layer(k).neuron(j);
        if (nr.activation() != act || !java.util.Arrays.equals(nr.inputs(), in)
                || !java.util.Arrays.equals(nr.weights(), w) || !nr.bias().equals(bias)) {
            throw mismatch(k, j, "is not " + what);
        }
    }

    private void copy(int k, int j, int from, String what) {
        expect(k, j, Activation.RELU, new int[] {from}, new Dyadic[] {Dyadic.ONE}, Dyadic.ZERO, "a copy of " + what);
    }

    private void checkFirstLayer() {
        for (int k = 1; k <= d; k++) {
            copy(0, layout.y(k), k - 1, "x_" + k);
        }
        expect(0, layout.e(), Activation.RELU, new int[0], new Dyadic[0], Dyadic.ONE, "E = ReLU(1)");
        Neuron s = layer(0).neuron(layout.s());
        if (s.activation() != Activation.RELU || s.affine().size() != 0) {
            throw mismatch(0, layout.s(), "is not the constant S = ReLU(C_0 + mu_0)");
        }
        start = s.bias().signum() > 0 ? s.bias() : Dyadic.ZERO;
    }

    /** Coordinate-switch layers of level l, its sine neuron and head. */
    private void checkLevel(int l) {
        Dyadic steep = null;
        NarrowLayout.Switches switches = null;
        long needed = (long) net.bits() * layout.cells(l) + 54 + (long) l * layout.log2BaseCeil();
        for (int i = 1; i <= d; i++) {
            int a = layout.layerA(l, i);
            int b = layout.layerB(l, i);
            int sw = layout.switchStart(l, i);
            if (layer(a).width() != sw + 2 * (n - 1)) {
                throw new Mismatch("layer " + a + " has width " + layer(a).width()
                        + ", expected " + (sw + 2 * (n - 1)));
            }
            if (layer(b).width() != d + 2 + 2 * (n - 1)) {
                throw new Mismatch("layer " + b + " has width " + layer(b).width()
                        + ", expected " + (d + 2 + 2 * (n - 1)));
            }
            // the steepness, read from p_1's bias -T
            Dyadic t = layer(a).neuron(sw).bias().negate();
            if (steep == null) {
                steep = t;
                if (t.signum() <= 0 || !t.isPowerOfTwoMagnitude() || t.exponent() < needed) {
                    throw mismatch(a, sw, "steepness " + describe(t) + " is not a power of two >= 2^" + needed);
                }
            } else if (!t.equals(steep)) {
                throw mismatch(a, sw, "steepness differs within level " + l);
            }
            if (switches == null) {
                switches = new NarrowLayout.Switches(steep, n); // once a level: 1 - jT has ~b N^(dl) bits
            }
            Dyadic tn = switches.steepN();
            for (int j = 1; j < n; j++) {
                expect(a, sw + j - 1, Activation.RELU, new int[] {i - 1}, new Dyadic[] {tn}, switches.minus(j),
                        "p_" + j);
                expect(a, sw + n - 1 + j - 1, Activation.RELU, new int[] {i - 1}, new Dyadic[] {tn},
                        switches.plusOne(j),
                        "q_" + j);
            }
            // carries of A (except in layer 0, checked separately): y copies, E update, S copy
            if (a > 0) {
                checkCarries(a, previous(l, i));
            }
            // B: y_i <- N y_i + sum p - sum q, other copies, E copy, S copy or update, g, r
            for (int k = 1; k <= d; k++) {
                if (k != i) {
                    copy(b, layout.y(k), k - 1, "y_" + k);
                    continue;
                }
                Neuron y = layout.yUpdate(l, i);
                expect(b, layout.y(k), y.activation(), y.inputs(), y.weights(), y.bias(), "the y_" + k + " update");
            }
            copy(b, layout.e(), layout.e(), "E");
            if (i == 1 && l >= 2) {
                Neuron s = layer(b).neuron(layout.s());
                Affine f = s.affine();
                if (s.activation() != Activation.RELU || f.size() != 2 || f.input(0) != layout.s()
                        || f.input(1) != layout.v() || !f.weight(0).equals(Dyadic.ONE)
                        || !f.weight(1).isPowerOfTwoMagnitude() || f.bias().compareTo(f.weight(1).abs()) < 0) {
                    throw mismatch(b, layout.s(), "is not S + w v + beta with w = +-2^k, beta >= |w|");
                }
                updateWeights[l - 2] = f.weight(1);
                updateBiases[l - 2] = f.bias();
            } else {
                copy(b, layout.s(), layout.s(), "S");
            }
            for (int j = 1; j < n; j++) {
                expect(b, layout.g(j), Activation.RELU, new int[] {i - 1, layout.e()}, new Dyadic[] {tn, Dyadic.ONE},
                        switches.minus(j), "g_" + j);
                expect(b, layout.r(j), Activation.RELU, new int[] {i - 1}, new Dyadic[] {tn}, switches.minus(j), "r_" + j);
            }
            shifts[l - 1][i - 1] = layout.shift(net.bits(), l, i);
        }
        // the read layer 2dl: carries with the E update of (l, d), then v_l
        int f = layout.readLayer(l);
        checkCarries(f, new int[] {l, d});
        int expectedWidth = l == net.levels() ? d + 3 : layout.switchStart(l + 1, 1) + 2 * (n - 1);
        if (layer(f).width() != expectedWidth) {
            throw new Mismatch("layer " + f + " has width " + layer(f).width() + ", expected "
                    + expectedWidth);
        }
        Neuron v = layer(f).neuron(layout.v());
        Affine av = v.affine();
        if (v.activation() != Activation.SINE || av.size() != 2 * n - 1 || av.input(0) != layout.e()
                || !v.bias().isZero()) {
            throw mismatch(f, layout.v(), "is not the sine neuron SINE(theta E + ...)");
        }
        Dyadic theta = av.weight(0);
        for (int j = 1; j < n; j++) {
            Dyadic tc = theta.multiply(coefficient(l, d, j));
            if (av.input(j) != layout.g(j) || av.input(n - 1 + j) != layout.r(j) || !av.weight(j).equals(tc)
                    || !av.weight(n - 1 + j).equals(tc.negate())) {
                throw mismatch(f, layout.v(), "weights on g_" + j + ", r_" + j + " are not +-theta c_" + j);
            }
        }
        thetas[l - 1] = theta;
        Head h = net.head(l);
        Affine ah = h.affine();
        if (h.layer() != f || ah.size() != 2 || ah.input(0) != layout.s() || ah.input(1) != layout.v()
                || !ah.weight(0).equals(Dyadic.ONE) || !ah.weight(1).isPowerOfTwoMagnitude()) {
            throw new Mismatch("head of level " + l + " is not S + a v + h with a = +-2^k on layer "
                    + f);
        }
        headWeights[l - 1] = ah.weight(1);
        headBiases[l - 1] = ah.bias();
    }

    /** The (level, coordinate) whose address update feeds A(l,i). */
    private int[] previous(int l, int i) {
        return i > 1 ? new int[] {l, i - 1} : new int[] {l - 1, d};
    }

    /** y copies, E = E + sum_j c_j (g_j - r_j) with the coefficients of (level, coordinate), S copy. */
    private void checkCarries(int k, int[] lc) {
        for (int m = 1; m <= d; m++) {
            copy(k, layout.y(m), m - 1, "y_" + m);
        }
        int[] in = new int[2 * n - 1];
        Dyadic[] w = new Dyadic[2 * n - 1];
        in[0] = layout.e();
        w[0] = Dyadic.ONE;
        for (int j = 1; j < n; j++) {
            Dyadic c = coefficient(lc[0], lc[1], j);
            in[j] = layout.g(j);
            w[j] = c;
            in[n - 1 + j] = layout.r(j);
            w[n - 1 + j] = c.negate();
        }
        expect(k, layout.e(), Activation.RELU, in, w, Dyadic.ZERO,
                "the address update of level " + lc[0] + ", coordinate " + lc[1]);
        copy(k, layout.s(), layout.s(), "S");
    }

    /**
     * {@link NarrowLayout#coefficient}, remembered for the last (level, coordinate) asked: the read layer's address
     * update and the sine neuron of a level use the same ones (they have about {@code b N^(dl-1)} bits).
     */
    private Dyadic coefficient(int l, int i, int j) {
        if (coefficientLevel != l || coefficientCoordinate != i) {
            coefficientLevel = l;
            coefficientCoordinate = i;
            coefficients = new Dyadic[n];
        }
        if (coefficients[j] == null) {
            coefficients[j] = layout.coefficient(net.bits(), l, i, j);
        }
        return coefficients[j];
    }

    private static String describe(Dyadic t) {
        return t.isPowerOfTwoMagnitude() ? (t.signum() < 0 ? "-" : "") + "2^" + t.exponent()
                : "of " + t.bitLength() + " bits";
    }

    /** The structure read, once the constructor has checked every neuron. */
    NarrowStructure structure() {
        return new NarrowStructure(net, shifts, thetas, start, headWeights, headBiases, updateWeights, updateBiases);
    }

    /** The first neuron or layer that is not as expected. */
    static final class Mismatch extends RuntimeException {
        Mismatch(String message) {
            super(message, null, false, false);
        }
    }
}
