package org.layerwise.construct;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.layerwise.InvalidInputException;
import org.layerwise.grid.CellMeans;
import org.layerwise.grid.Cells;
import org.layerwise.grid.TestTables;
import org.layerwise.eval.DecoderBound;
import org.layerwise.numeric.Dyadic;
import org.layerwise.net.NarrowLayout;
import org.layerwise.net.Network;
import org.layerwise.net.NetworkCounts;
import org.layerwise.eval.ReferenceEvaluator;

class NetworkBuilderTest {

    /** Coordinates that stress the switches: 0, 1, breakpoints j/N^m, their neighbours, subnormals. */
    static List<Double> specialCoordinates(int n, int levels) {
        List<Double> xs = new ArrayList<>(List.of(0.0, 1.0, Double.MIN_VALUE, Double.MIN_NORMAL / 3,
                Math.nextDown(1.0), Double.MIN_NORMAL));
        for (int m = 1; m <= levels + 1; m++) {
            double p = Math.pow(n, m);
            for (int j = 1; j < p; j++) {
                double b = j / p; // the double nearest to j/N^m (exact when N is a power of two)
                xs.add(b);
                xs.add(Math.nextUp(b));
                xs.add(Math.nextDown(b));
            }
        }
        return xs;
    }

    /** Checks Phi_l(x) against mu_l(K_l(x)) within the decoder bound at every level. */
    static void checkPoint(Network net, ReferenceEvaluator ev, CellMeans table, double[] x) {
        double[] phi = ev.readouts(x);
        for (int l = 1; l <= net.levels(); l++) {
            double mu = table.at(x, l);
            double bound = DecoderBound.bound(net, l);
            int level = l;
            assertTrue(DecoderBound.holds(phi[l - 1], mu, bound), () -> "level " + level + " at x = "
                    + java.util.Arrays.toString(x) + ": Phi = " + phi[level - 1] + ", mu = " + mu + ", bound " + bound);
        }
    }

    static void checkDecoder(int d, int n, int levels, int bits, long seed, int randomPoints, int specialPoints) {
        CellMeans table = TestTables.random(d, n, levels, seed, 3.0);
        Network net = NetworkBuilder.build(table, bits);
        ReferenceEvaluator ev = new ReferenceEvaluator(net);
        SplittableRandom rng = new SplittableRandom(seed);
        List<Double> special = specialCoordinates(n, levels);
        for (int t = 0; t < randomPoints; t++) {
            double[] x = new double[d];
            for (int i = 0; i < d; i++) {
                x[i] = rng.nextDouble();
            }
            checkPoint(net, ev, table, x);
        }
        if (d == 1) {
            for (double s : special) {
                checkPoint(net, ev, table, new double[] {s});
            }
        } else {
            for (int t = 0; t < specialPoints; t++) {
                double[] x = new double[d];
                for (int i = 0; i < d; i++) {
                    x[i] = rng.nextInt(4) == 0 ? rng.nextDouble() : special.get(rng.nextInt(special.size()));
                }
                checkPoint(net, ev, table, x);
            }
            double[] zero = new double[d];
            double[] one = new double[d];
            java.util.Arrays.fill(one, 1.0);
            checkPoint(net, ev, table, zero);
            checkPoint(net, ev, table, one);
        }
    }

    @Test
    void decoderOneDimension() {
        checkDecoder(1, 2, 4, 64, 1, 100, 0);
        checkDecoder(1, 3, 3, 64, 2, 100, 0);
        checkDecoder(1, 5, 2, 64, 3, 100, 0);
    }

    @Test
    void decoderTwoDimensions() {
        checkDecoder(2, 2, 2, 64, 4, 100, 300);
        checkDecoder(2, 3, 2, 64, 5, 60, 200);
        checkDecoder(2, 5, 1, 64, 6, 60, 200);
    }

    @Test
    void decoderThreeDimensions() {
        checkDecoder(3, 2, 2, 64, 7, 60, 200);
        checkDecoder(3, 3, 1, 64, 8, 60, 200);
        checkDecoder(3, 5, 1, 64, 11, 40, 100);
    }

    @Test
    void decoderWithSmallBitBudgetUsesDoublePhases() {
        checkDecoder(1, 3, 3, 20, 9, 100, 0);
        checkDecoder(2, 2, 2, 50, 10, 60, 100);
    }

    @Test
    void polynomialMeansAreReproduced() {
        CellMeans table = TestTables.linear(2, 3, 2);
        Network net = NetworkBuilder.build(table);
        ReferenceEvaluator ev = new ReferenceEvaluator(net);
        SplittableRandom rng = new SplittableRandom(11);
        for (int t = 0; t < 100; t++) {
            checkPoint(net, ev, table, new double[] {rng.nextDouble(), rng.nextDouble()});
        }
    }

    @Test
    void constantTargetIsExactWithZeroPhases() {
        Cells cells = new Cells(2, 3);
        double c = -0.3125;
        double[][] means = new double[3][];
        for (int l = 0; l <= 2; l++) {
            means[l] = new double[(int) cells.count(l)];
            java.util.Arrays.fill(means[l], c);
        }
        Network net = NetworkBuilder.build(CellMeans.of(cells, means));
        NarrowLayout layout = new NarrowLayout(2, 3);
        for (int l = 1; l <= 2; l++) {
            assertEquals(Dyadic.ONE, net.amplitude(l));
            assertEquals(Dyadic.ZERO, net.layers().get(layout.readLayer(l)).neuron(layout.v()).affine().weight(0));
        }
        ReferenceEvaluator ev = new ReferenceEvaluator(net);
        SplittableRandom rng = new SplittableRandom(12);
        for (int t = 0; t < 50; t++) {
            double[] phi = ev.readouts(new double[] {rng.nextDouble(), t % 5 == 0 ? 1.0 : rng.nextDouble()});
            assertEquals(c, phi[0]);
            assertEquals(c, phi[1]);
        }
    }

    @Test
    void piecewiseConstantTargetHasZeroDeeperCorrections() {
        // f constant on the level-1 cells of [0,1] with N = 2: level-2 and level-3 means repeat their parents
        CellMeans corners = TestTables.of(1, 2, 3, c -> c[0] < 0.5 ? 0.75 : -1.5);
        double[][] means = {{-0.375}, corners.level(1), corners.level(2), corners.level(3)};
        CellMeans table = CellMeans.of(corners.cells(), means);
        Dyadic[] d1 = NetworkBuilder.corrections(table.level(0), table.level(1));
        assertEquals(Dyadic.valueOf(1.125), d1[0]);
        assertEquals(Dyadic.valueOf(-1.125), d1[1]);
        for (int l = 2; l <= 3; l++) {
            for (Dyadic delta : NetworkBuilder.corrections(table.level(l - 1), table.level(l))) {
                assertEquals(Dyadic.ZERO, delta);
            }
        }
        Network net = NetworkBuilder.build(table);
        assertEquals(Dyadic.powerOfTwo(1), net.amplitude(1));
        assertEquals(Dyadic.ONE, net.amplitude(2));
        assertEquals(Dyadic.ONE, net.amplitude(3));
        NarrowLayout layout = new NarrowLayout(1, 2);
        assertEquals(Dyadic.ZERO, net.layers().get(layout.readLayer(3)).neuron(layout.v()).affine().weight(0));
    }

    @Test
    void amplitudeIsLeastPowerOfTwoAbove() {
        assertEquals(Dyadic.ONE, NetworkBuilder.amplitude(new Dyadic[] {Dyadic.ZERO}));
        assertEquals(Dyadic.powerOfTwo(-2), NetworkBuilder.amplitude(new Dyadic[] {Dyadic.valueOf(-0.25)}));
        assertEquals(Dyadic.powerOfTwo(-1), NetworkBuilder.amplitude(new Dyadic[] {Dyadic.valueOf(0.3),
                Dyadic.valueOf(-0.1)}));
        assertEquals(Dyadic.powerOfTwo(2), NetworkBuilder.amplitude(new Dyadic[] {Dyadic.valueOf(3.0)}));
    }

    @Test
    void correctionsAreExactDifferences() {
        Dyadic[] delta = NetworkBuilder.corrections(new double[] {0.1, 1e-300}, new double[] {0.3, 1e300, 0.1, -0.0});
        assertEquals(Dyadic.valueOf(0.3).subtract(Dyadic.valueOf(0.1)), delta[0]);
        assertEquals(Dyadic.valueOf(1e300).subtract(Dyadic.valueOf(1e-300)), delta[1]);
        assertEquals(Dyadic.ZERO, delta[2]);
        assertEquals(Dyadic.valueOf(-1e-300), delta[3]);
    }

    @Test
    void nestedPrefix() {
        int[][] configs = {{1, 2, 3}, {1, 3, 2}, {2, 2, 2}, {2, 3, 1}, {3, 2, 1}};
        for (int[] c : configs) {
            CellMeans table = TestTables.random(c[0], c[1], c[2] + 1, 100 + c[0] * 10 + c[1], 1.0);
            Network deep = NetworkBuilder.build(table);
            Network shallow = NetworkBuilder.build(table.truncate(c[2]));
            assertTrue(shallow.isPrefixOf(deep), "config " + java.util.Arrays.toString(c));
            assertEquals(2 * c[0] * c[2] + 1, shallow.depth());
            // every layer but the shared last one is identical; the shared one starts with the same neurons
            int last = shallow.depth() - 1;
            for (int k = 0; k < last; k++) {
                assertEquals(shallow.layers().get(k), deep.layers().get(k));
            }
            for (int j = 0; j < shallow.layers().get(last).width(); j++) {
                assertEquals(shallow.layers().get(last).neuron(j), deep.layers().get(last).neuron(j));
            }
            // a deeper table differing only beyond level L still has the same prefix
            CellMeans other = TestTables.random(c[0], c[1], c[2] + 1, 999, 1.0);
            double[][] mixed = new double[c[2] + 2][];
            for (int l = 0; l <= c[2]; l++) {
                mixed[l] = table.level(l);
            }
            mixed[c[2] + 1] = other.level(c[2] + 1);
            assertTrue(shallow.isPrefixOf(NetworkBuilder.build(CellMeans.of(table.cells(), mixed))));
            // and a change at level <= L breaks it (the check can fail)
            assertFalse(NetworkBuilder.build(other.truncate(c[2])).isPrefixOf(deep));
        }
    }

    @Test
    void extendEqualsBuildingDeeper() {
        int[][] configs = {{1, 2, 2, 4}, {2, 2, 1, 2}, {1, 3, 1, 3}, {3, 2, 1, 2}};
        for (int[] c : configs) {
            CellMeans table = TestTables.random(c[0], c[1], c[3], 200 + c[0] + c[1], 2.0);
            Network base = NetworkBuilder.build(table.truncate(c[2]));
            Network extended = NetworkBuilder.extend(base, table.level(c[2]), table);
            assertEquals(extended, NetworkBuilder.extend(base, table));
            Network direct = NetworkBuilder.build(table);
            assertEquals(direct, extended, "config " + java.util.Arrays.toString(c));
            assertTrue(base.isPrefixOf(extended));
        }
        // the first new correction is taken against the given parent means
        CellMeans table = TestTables.random(1, 2, 2, 5, 1.0);
        Network base = NetworkBuilder.build(table.truncate(1));
        double[] otherParents = {0.5, -0.5};
        Network extended = NetworkBuilder.extend(base, otherParents, table);
        assertTrue(base.isPrefixOf(extended));
        assertEquals(NetworkBuilder.amplitude(NetworkBuilder.corrections(otherParents, table.level(2))),
                extended.amplitude(2));
        assertThrows(InvalidInputException.class, () -> NetworkBuilder.extend(base, new double[3], table));
        assertThrows(InvalidInputException.class, () -> NetworkBuilder.extend(base, table.level(1), table.truncate(1)));
        assertThrows(InvalidInputException.class,
                () -> NetworkBuilder.extend(base, table.level(1), TestTables.random(2, 2, 2, 1, 1.0)));
    }

    @Test
    void countsFollowClosedForms() {
        int[][] configs = {{1, 2, 1}, {1, 2, 4}, {1, 3, 2}, {1, 5, 2}, {2, 2, 1}, {2, 2, 3}, {2, 3, 2}, {3, 2, 2},
                {3, 3, 1}, {2, 5, 1}};
        for (int[] c : configs) {
            int d = c[0];
            int n = c[1];
            int levels = c[2];
            Network net = NetworkBuilder.build(TestTables.random(d, n, levels, 300 + d * n * levels, 1.0), 16);
            NetworkCounts scan = NetworkCounts.of(net);
            NetworkCounts formula = NetworkCounts.formula(d, n, levels, 16);
            String what = "d=" + d + " N=" + n + " L=" + levels;
            assertEquals(formula.width(), scan.width(), what);
            assertEquals(formula.depth(), scan.depth(), what);
            assertEquals(formula.reluNeurons(), scan.reluNeurons(), what);
            assertEquals(formula.sineNeurons(), scan.sineNeurons(), what);
            assertEquals(formula.weights(), scan.weights(), what);
            assertEquals(formula.parameters(), scan.parameters(), what);
            assertEquals(2 * d * n + d + 2, scan.paperWidth());
            assertTrue(scan.width() <= scan.paperWidth(), what);
            for (int l = 1; l <= levels; l++) {
                NetworkCounts.LevelBits s = scan.levelBits().get(l - 1);
                NetworkCounts.LevelBits f = formula.levelBits().get(l - 1);
                assertEquals(f.addressBits(), s.addressBits(), what);
                assertTrue(s.phaseBits() <= f.phaseBits() && s.phaseBits() > f.phaseBits() - 16 * 4, what);
                assertEquals(2 * d * l, net.headLayer(l));
            }
        }
    }

    @Test
    void rejectsBadInput() {
        CellMeans table = TestTables.random(1, 2, 2, 1, 1.0);
        assertThrows(InvalidInputException.class, () -> NetworkBuilder.build(table.truncate(0)));
        assertThrows(InvalidInputException.class, () -> NetworkBuilder.build(table, 1));
        assertThrows(InvalidInputException.class, () -> NetworkBuilder.build(table, 5000));
        ReferenceEvaluator ev = new ReferenceEvaluator(NetworkBuilder.build(table));
        assertThrows(InvalidInputException.class, () -> ev.readouts(new double[] {0.5, 0.5}));
        assertThrows(InvalidInputException.class, () -> ev.readouts(new double[] {Double.NaN}));
        assertThrows(InvalidInputException.class, () -> ev.readouts(new double[] {1.0000000000000002}));
        assertThrows(InvalidInputException.class, () -> ev.readouts(new double[] {-Double.MIN_VALUE}));
        assertThrows(InvalidInputException.class, () -> ev.evaluate(new double[][] {{0.5}, {2.0}}));
    }

    @Test
    void batchEvaluationMatchesSingle() {
        CellMeans table = TestTables.random(2, 2, 2, 77, 1.0);
        ReferenceEvaluator ev = new ReferenceEvaluator(NetworkBuilder.build(table));
        SplittableRandom rng = new SplittableRandom(78);
        double[][] xs = new double[40][];
        for (int k = 0; k < xs.length; k++) {
            xs[k] = new double[] {rng.nextDouble(), rng.nextDouble()};
        }
        double[][] out = ev.evaluate(xs);
        for (int k = 0; k < xs.length; k++) {
            org.junit.jupiter.api.Assertions.assertArrayEquals(ev.readouts(xs[k]), out[k]);
        }
    }

    /** The network with every weight and bias stored as its expanded bits (no run kept). */
    private static Network expanded(Network net) {
        List<org.layerwise.net.Layer> layers = new ArrayList<>();
        for (org.layerwise.net.Layer layer : net.layers()) {
            List<org.layerwise.net.Neuron> neurons = new ArrayList<>();
            for (org.layerwise.net.Neuron n : layer.neurons()) {
                neurons.add(new org.layerwise.net.Neuron(n.activation(), expanded(n.affine())));
            }
            layers.add(new org.layerwise.net.Layer(neurons));
        }
        List<org.layerwise.net.Head> heads = new ArrayList<>();
        for (org.layerwise.net.Head h : net.heads()) {
            heads.add(new org.layerwise.net.Head(h.layer(), expanded(h.affine())));
        }
        return new Network(net.dim(), net.base(), net.levels(), net.bits(), net.layout(), layers, heads,
                net.amplitudes());
    }

    private static org.layerwise.net.Affine expanded(org.layerwise.net.Affine a) {
        Dyadic[] w = a.weights();
        for (int k = 0; k < w.length; k++) {
            w[k] = Dyadic.of(w[k].mantissa(), w[k].exponent());
        }
        return new org.layerwise.net.Affine(a.inputs(), w, Dyadic.of(a.bias().mantissa(), a.bias().exponent()));
    }

    @Test
    void longRunsAreKeptSharedAndWrittenAsTheirBits() {
        // d = N = 2, b = 64: the address coefficients of level 3 have 2^10 ones, level 4's sine weights theta c
        // are 1.5 times theta's 2^14 bits; all of them are kept as runs and share theta's mantissa
        CellMeans table = TestTables.random(2, 2, 4, 77L, 3.0);
        Network net = NetworkBuilder.build(table, 64);
        NarrowLayout layout = new NarrowLayout(2, 2);
        org.layerwise.net.Affine sine = net.layers().get(layout.readLayer(4)).neuron(layout.v()).affine();
        Dyadic theta = sine.weight(0);
        assertEquals(0, theta.keptRun());
        for (int k = 1; k <= 2; k++) {
            assertEquals(layout.shift(64, 4, 2), sine.weight(k).keptRun());
            assertTrue(sine.weight(k).keptBase().abs().equals(theta.mantissa()));
        }
        assertEquals(theta.multiply(layout.coefficient(64, 4, 2, 1)),
                Dyadic.of(theta.mantissa().shiftLeft(Math.toIntExact(layout.shift(64, 4, 2)))
                        .subtract(theta.mantissa()), theta.exponent()));
        Network plain = expanded(net);
        assertEquals(0, plain.layers().get(layout.readLayer(4)).neuron(layout.v()).affine().weight(1).keptRun());
        assertEquals(plain, net);
        assertTrue(NarrowLayout.verify(plain).verified());
        // the same bytes whatever the form: the writer reads the form, or the bits
        assertEquals(org.layerwise.format.ModelFile.checksum(plain, java.util.Map.of()),
                org.layerwise.format.ModelFile.checksum(net, java.util.Map.of()));
        assertEquals(org.layerwise.format.ModelFile.size(plain, java.util.Map.of()),
                org.layerwise.format.ModelFile.size(net, java.util.Map.of()));
    }
}
