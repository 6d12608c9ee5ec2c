package org.layerwise.eval;

import org.layerwise.net.Layer;
import org.layerwise.net.NarrowLayout;
import org.layerwise.net.Network;
import org.layerwise.net.Neuron;
import org.layerwise.numeric.Dyadic;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;

import org.junit.jupiter.api.Test;
import org.layerwise.InvalidInputException;
import org.layerwise.construct.NetworkBuilder;
import org.layerwise.grid.CellMeans;
import org.layerwise.grid.TestTables;

/**
 * The fast evaluator against its definition, the generic {@link ReferenceEvaluator}: the same readouts bit for bit
 * (compared with {@link Double#doubleToRawLongBits}, so even the sign of a zero counts) at random points and at every
 * edge input, for several d, N, L, bit budgets and kinds of tables.
 */
class FastExactEvaluatorTest {

    /** A table with means drawn by {@code draw} at every level. */
    private static CellMeans table(int d, int n, int levels, DoubleSupplier draw) {
        return TestTables.drawn(d, n, levels, draw);
    }

    /** 0, 1, subnormals, the breakpoints j/N^m (m <= L+1) and their neighbours. */
    private static List<Double> edges(int n, int levels) {
        List<Double> xs = new ArrayList<>(List.of(0.0, 1.0, Double.MIN_VALUE, 3 * Double.MIN_VALUE,
                Double.MIN_NORMAL, Double.MIN_NORMAL / 3, Math.nextDown(Double.MIN_NORMAL), Math.nextDown(1.0),
                Math.nextUp(0.0), 0x1p-600, 0x1.fffffffffffffp-70));
        for (int m = 1; m <= levels + 1; m++) {
            double p = Math.pow(n, m);
            for (int j = 1; j < p; j++) {
                double b = j / p;
                xs.add(b);
                xs.add(Math.nextUp(b));
                xs.add(Math.nextDown(b));
            }
        }
        return xs;
    }

    private static void assertSame(Evaluator reference, Evaluator fast, double[] x) {
        double[] want = reference.readouts(x);
        double[] got = fast.readouts(x);
        assertEquals(want.length, got.length);
        for (int l = 0; l < want.length; l++) {
            int level = l + 1;
            assertEquals(Double.doubleToRawLongBits(want[l]), Double.doubleToRawLongBits(got[l]),
                    () -> "level " + level + " at x = " + Arrays.toString(x) + ": reference " + want[level - 1]
                            + ", fast " + got[level - 1]);
        }
    }

    /** Random points and all edge inputs (every coordinate of a point drawn from the edges, or random). */
    private static void compare(CellMeans table, int bits, long seed, int randomPoints) {
        Network net = NetworkBuilder.build(table, bits);
        Evaluators.Choice choice = Evaluators.fastOrReference(net);
        assertTrue(choice.fast(), choice.reason());
        Evaluator fast = choice.evaluator();
        ReferenceEvaluator reference = new ReferenceEvaluator(net);
        int d = table.dim();
        SplittableRandom rnd = new SplittableRandom(seed);
        List<Double> edges = edges(table.base(), table.levels());
        List<double[]> points = new ArrayList<>();
        for (double e : edges) {
            double[] x = new double[d];
            for (int i = 0; i < d; i++) {
                x[i] = i == 0 ? e : edges.get(rnd.nextInt(edges.size()));
            }
            points.add(x);
        }
        for (int t = 0; t < randomPoints; t++) {
            double[] x = new double[d];
            for (int i = 0; i < d; i++) {
                x[i] = rnd.nextInt(5) == 0 ? edges.get(rnd.nextInt(edges.size())) : rnd.nextDouble();
            }
            points.add(x);
        }
        for (double[] x : points) {
            assertSame(reference, fast, x);
        }
        // the batch API gives the same rows
        double[][] batch = fast.evaluate(points.toArray(new double[0][]));
        for (int k = 0; k < points.size(); k++) {
            assertEquals(Arrays.toString(fast.readouts(points.get(k))), Arrays.toString(batch[k]));
        }
    }

    @Test
    void oneDimension() {
        SplittableRandom r = new SplittableRandom(1);
        compare(table(1, 2, 6, () -> 2 * r.nextDouble() - 1), 64, 11, 600);
        compare(table(1, 3, 4, () -> 3 * r.nextDouble()), 64, 12, 600);
        compare(table(1, 5, 3, () -> -r.nextDouble()), 64, 13, 600);
    }

    @Test
    void twoDimensions() {
        SplittableRandom r = new SplittableRandom(2);
        compare(table(2, 2, 3, () -> 2 * r.nextDouble() - 1), 64, 21, 600);
        compare(table(2, 3, 2, () -> r.nextDouble()), 64, 22, 600);
        compare(table(2, 5, 1, () -> r.nextGaussian()), 64, 23, 400);
    }

    @Test
    void threeDimensions() {
        SplittableRandom r = new SplittableRandom(3);
        compare(table(3, 2, 2, () -> 2 * r.nextDouble() - 1), 64, 31, 600);
        compare(table(3, 3, 1, () -> r.nextDouble()), 64, 32, 400);
    }

    @Test
    void otherBitBudgets() {
        SplittableRandom r = new SplittableRandom(4);
        compare(table(1, 2, 5, () -> r.nextDouble()), 8, 41, 400);
        compare(table(2, 3, 2, () -> r.nextDouble()), 100, 42, 400);
        compare(table(1, 3, 3, () -> r.nextDouble()), 2, 43, 400);
    }

    @Test
    void extremeTables() {
        SplittableRandom r = new SplittableRandom(5);
        // constant: every correction 0, theta = 0
        compare(table(2, 2, 3, () -> 0.75), 64, 51, 300);
        compare(table(1, 2, 4, () -> 0.0), 64, 52, 300);
        // mostly equal means: long runs of zero phases, so the leading bit of a window lies cells further on
        compare(table(1, 2, 7, () -> r.nextInt(20) == 0 ? r.nextDouble() : 0.5), 64, 53, 600);
        // tiny and huge magnitudes: subnormal-scale corrections, amplitudes far from 1
        compare(table(1, 3, 3, () -> r.nextDouble() * 1e-310), 64, 54, 300);
        compare(table(2, 2, 2, () -> (r.nextDouble() - 0.5) * 1e300), 64, 55, 300);
        compare(table(1, 2, 4, () -> r.nextBoolean() ? 1e-300 * r.nextDouble() : 1e10 * r.nextDouble()), 64, 56, 300);
    }

    @Test
    void roundingMatchesDyadicDoubleValue() {
        // the window rounding on its own, against Dyadic.doubleValue, for fractions with runs of zeros and ties
        SplittableRandom r = new SplittableRandom(6);
        for (int t = 0; t < 2000; t++) {
            int bits = 1 + r.nextInt(1400);
            java.math.BigInteger m = new java.math.BigInteger(bits, new java.util.Random(r.nextLong()));
            if (r.nextBoolean()) {
                // a tie pattern: 53 bits, then 1, then zeros, then maybe a last 1
                m = java.math.BigInteger.ONE.shiftLeft(bits).subtract(java.math.BigInteger.ONE).shiftRight(bits / 2)
                        .shiftLeft(bits / 2).setBit(0);
            }
            Dyadic theta = Dyadic.of(m, -bits);
            checkWindows(theta, new FastExactEvaluator.Phase(theta), bits + 2, r);
        }
    }

    /** Windows of {@code phase} at random shifts below {@code shifts}, against the exact {@code frac(theta 2^shift)}. */
    private static void checkWindows(Dyadic theta, FastExactEvaluator.Phase phase, int shifts, SplittableRandom r) {
        for (int k = 0; k < 6; k++) {
            long shift = r.nextInt(shifts);
            Dyadic exact = theta.shift(shift).fractionalPart();
            assertEquals(Double.doubleToRawLongBits(exact.doubleValue()),
                    Double.doubleToRawLongBits(phase.fractionDouble(shift)), "theta " + theta.bitLength()
                            + " bits, shift " + shift);
        }
    }

    @Test
    void windowsOfLimbsInTinyChunksMatchDyadicDoubleValue() {
        // theta held in limbs of 1, 2 and 8 words per chunk: windows, the leading-bit search and the sticky bit cross
        // chunk boundaries; the reference is the BigInteger form of the same value
        SplittableRandom r = new SplittableRandom(8);
        for (int t = 0; t < 1500; t++) {
            int bits = 1 + r.nextInt(1400);
            java.math.BigInteger m = new java.math.BigInteger(bits, new java.util.Random(r.nextLong()));
            if (r.nextBoolean()) {
                // long zero stretches between set bits: the search skips whole chunks
                m = m.and(java.math.BigInteger.ONE.shiftLeft(bits).subtract(java.math.BigInteger.ONE)
                        .shiftRight(bits / 3).shiftLeft(bits / 3).not()).setBit(Math.max(0, bits - 1));
            }
            int e = -bits - (r.nextBoolean() ? 0 : r.nextInt(70)) + (r.nextInt(4) == 0 ? r.nextInt(100) : 0);
            Dyadic theta = Dyadic.of(m, e);
            Dyadic limbs = Dyadic.ofLimbs(org.layerwise.numeric.LimbStore.of(m, r.nextInt(4) == 0 ? 3 : r.nextInt(2)), e);
            assertEquals(theta, limbs);
            checkWindows(theta, new FastExactEvaluator.Phase(limbs), bits + 72, r);
        }
    }

    @Test
    void tinyChunksGiveTheSameReadoutsAndTheSameFile() throws java.io.IOException {
        SplittableRandom r = new SplittableRandom(9);
        CellMeans mostlyFlat = table(1, 2, 7, () -> r.nextInt(20) == 0 ? r.nextDouble() : 0.5);
        CellMeans steps = TestTables.of(2, 2, 4, c -> c[0] < 0.5 ? (c[1] < 0.25 ? 1.0 : -0.5) : 0.125);
        CellMeans random = table(2, 2, 4, () -> 2 * r.nextDouble() - 1);
        byte[][] files = new byte[3][];
        CellMeans[] tables = {mostlyFlat, steps, random};
        for (int i = 0; i < tables.length; i++) {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            org.layerwise.format.ModelFile.write(out, NetworkBuilder.build(tables[i], i == 1 ? 50 : 64),
                    java.util.Map.of());
            files[i] = out.toByteArray();
        }
        String key = org.layerwise.numeric.LimbStore.CHUNK_SHIFT_PROPERTY;
        try {
            for (String shift : new String[] {"0", "1", "3"}) {
                System.setProperty(key, shift);
                for (int i = 0; i < tables.length; i++) {
                    compare(tables[i], i == 1 ? 50 : 64, 60 + i, 200);
                    Network net = NetworkBuilder.build(tables[i], i == 1 ? 50 : 64);
                    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
                    org.layerwise.format.ModelFile.write(out, net, java.util.Map.of());
                    assertArrayEquals(files[i], out.toByteArray(), "model bytes, chunks of 2^" + shift + " words");
                    Network loaded = org.layerwise.format.ModelFile.read(new java.io.ByteArrayInputStream(files[i]),
                            org.layerwise.format.ModelLimits.DEFAULT, "table " + i).network();
                    assertEquals(net, loaded);
                    ReferenceEvaluator reference = new ReferenceEvaluator(net);
                    FastExactEvaluator fast = new FastExactEvaluator(loaded);
                    for (int t = 0; t < 100; t++) {
                        double[] x = new double[tables[i].dim()];
                        for (int k = 0; k < x.length; k++) {
                            x[k] = r.nextDouble();
                        }
                        assertSame(reference, fast, x);
                    }
                }
            }
        } finally {
            System.clearProperty(key);
        }
    }

    @Test
    void headSumMatchesDyadicDoubleValue() {
        SplittableRandom r = new SplittableRandom(7);
        int lo = -2200;
        int words = 60;
        for (int t = 0; t < 3000; t++) {
            Dyadic exact = Dyadic.ZERO;
            long[] acc = new long[words];
            if (r.nextBoolean()) {
                Dyadic c = Dyadic.of(r.nextLong() >> r.nextInt(60), -r.nextInt(1100));
                exact = exact.add(c);
                acc = org.layerwise.numeric.FixedPointSum.of(c, lo, words);
            }
            int terms = 1 + r.nextInt(5);
            for (int k = 0; k < terms; k++) {
                double v = switch (r.nextInt(4)) {
                    case 0 -> Math.sin(r.nextDouble() * 7);
                    case 1 -> Double.MIN_VALUE * r.nextInt(1000) * (r.nextBoolean() ? 1 : -1);
                    case 2 -> r.nextBoolean() ? 1.0 : -1.0;
                    default -> Math.scalb(r.nextDouble() - 0.5, -r.nextInt(1070));
                };
                int e = r.nextInt(40) - 20;
                boolean neg = r.nextBoolean();
                exact = exact.add(Dyadic.valueOf(v).shift(e).multiply(neg ? Dyadic.ONE.negate() : Dyadic.ONE));
                org.layerwise.numeric.FixedPointSum.addScaled(acc, v, neg, e - lo);
            }
            double want = exact.doubleValue();
            double got = org.layerwise.numeric.FixedPointSum.roundToDouble(acc, lo);
            assertEquals(Double.doubleToRawLongBits(want), Double.doubleToRawLongBits(got), "exact " + exact);
        }
    }

    /** The network with one neuron of one layer replaced. */
    private static Network replace(Network net, int layer, int position, Neuron neuron) {
        List<Layer> layers = new ArrayList<>(net.layers());
        List<Neuron> neurons = new ArrayList<>(layers.get(layer).neurons());
        neurons.set(position, neuron);
        layers.set(layer, new Layer(neurons));
        return new Network(net.dim(), net.base(), net.levels(), net.bits(), net.layout(), layers, net.heads(),
                net.amplitudes());
    }

    @Test
    void refusesNetworksOfAnotherStructureAndFallsBack() {
        SplittableRandom r = new SplittableRandom(8);
        CellMeans t = table(1, 2, 2, r::nextDouble);
        Network net = NetworkBuilder.build(t, 16);
        NarrowLayout layout = new NarrowLayout(1, 2);
        // a steepness too small for the switches to be exact steps
        Dyadic small = Dyadic.powerOfTwo(10);
        Network shallow = replace(net, 0, layout.p(1, 1, 1),
                Neuron.relu(new int[] {0}, new Dyadic[] {small.multiply(Dyadic.valueOf(2))}, small.negate()));
        Evaluators.Choice c = Evaluators.fastOrReference(shallow);
        assertFalse(c.fast());
        assertTrue(c.evaluator() instanceof ReferenceEvaluator);
        assertTrue(c.reason().contains("steepness"), c.reason());
        // an address coefficient that is not 2^(sj) - 2^(s(j-1))
        int a2 = layout.layerA(2, 1);
        Neuron e = net.layers().get(a2).neuron(layout.e());
        Dyadic[] w = e.weights();
        w[1] = w[1].add(Dyadic.ONE);
        w[2] = w[1].negate();
        Network wrongAddress = replace(net, a2, layout.e(), Neuron.relu(e.inputs(), w, e.bias()));
        Evaluators.Choice c2 = Evaluators.fastOrReference(wrongAddress);
        assertFalse(c2.fast());
        assertTrue(c2.reason().contains("address update"), c2.reason());
        assertThrows(IllegalArgumentException.class, () -> new FastExactEvaluator(wrongAddress));
        // (another layout cannot be built: Network.layout is the enum Layout, whose only value is NARROW)
        // and the real one is accepted; verify returns what the sine neurons and heads hold
        assertTrue(Evaluators.fastOrReference(net).fast());
        NarrowLayout.Verification v = NarrowLayout.verify(net);
        assertTrue(v.verified());
        assertEquals(null, v.reason());
        for (int l = 1; l <= net.levels(); l++) {
            assertEquals(net.layers().get(layout.readLayer(l)).neuron(layout.v()).weights()[0], v.structure().theta(l));
            assertEquals(net.head(l).affine().weight(1), v.structure().headWeight(l));
        }
        NarrowLayout.Verification bad = NarrowLayout.verify(shallow);
        assertFalse(bad.verified());
        assertEquals(null, bad.structure());
        assertTrue(bad.reason().contains("steepness"), bad.reason());
    }

    @Test
    void rejectsPointsOutsideTheCube() {
        Network net = NetworkBuilder.build(table(2, 2, 1, () -> 0.5), 8);
        FastExactEvaluator fast = new FastExactEvaluator(net);
        assertThrows(InvalidInputException.class, () -> fast.readouts(new double[] {0.5, 1.5}));
        assertThrows(InvalidInputException.class, () -> fast.readouts(new double[] {Double.NaN, 0.5}));
        assertThrows(InvalidInputException.class, () -> fast.readouts(new double[] {0.5}));
    }
}
