package org.layerwise.construct;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;

import org.junit.jupiter.api.Test;
import org.layerwise.InvalidInputException;
import org.layerwise.numeric.Dyadic;

/**
 * The primitive path against the dyadic definitions (exact corrections, {@link NetworkBuilder#amplitude},
 * {@link Phases#phases}, {@link Phases#pack}): the same amplitude and the same theta, bit for bit.
 */
class PackedLevelTest {

    private static void same(double[] parent, double[] current, int bits) {
        Dyadic[] delta = NetworkBuilder.corrections(parent, current);
        Dyadic a = NetworkBuilder.amplitude(delta);
        Dyadic theta = Phases.pack(Phases.phases(delta, a, bits), bits);
        PackedLevel got = PackedLevel.encode(parent, current, bits);
        assertEquals(a, got.amplitude(), "amplitude, b = " + bits);
        assertEquals(theta, got.theta(), "theta, b = " + bits);
    }

    private static double[] values(SplittableRandom r, int n, DoubleSupplier s) {
        double[] v = new double[n];
        for (int k = 0; k < n; k++) {
            v[k] = s.getAsDouble();
        }
        return v;
    }

    @Test
    void matchesTheDyadicDefinitionsOnOrdinaryTables() {
        SplittableRandom r = new SplittableRandom(11);
        for (int bits : new int[] {2, 7, 32, 50, 51, 63, 64, 65, 96, 100}) {
            double[] parent = values(r, 16, r::nextDouble);
            double[] current = values(r, 64, () -> r.nextDouble());
            same(parent, current, bits);
            // small corrections around the parents, as smooth targets give
            double[] near = new double[256];
            for (int k = 0; k < near.length; k++) {
                near[k] = parent[k % 16] + (r.nextDouble() - 0.5) * Math.scalb(1.0, -r.nextInt(40));
            }
            same(parent, near, bits);
        }
    }

    @Test
    void matchesOnEdgeCases() {
        SplittableRandom r = new SplittableRandom(12);
        double[] parent = {0.5, -0.25, 1e-300, 0.0};
        // corrections equal to +-a (w = 0), zeros, a single extreme cell, subnormals, huge values
        same(parent, new double[] {0.75, -0.25, 1e-300, 0.25, 0.25, -0.5, 1e-300, -0.25}, 64);
        same(parent, new double[] {0.5, -0.25, 1e-300, 0.0, 0.5, -0.25, 1e-300, 0.0}, 64);
        same(parent, new double[] {0.5 + 0x1p-52, -0.25, 1e-300, 0.0, 0.5, -0.25, 1e-300, Double.MIN_VALUE}, 64);
        same(new double[] {Double.MIN_VALUE}, new double[] {0.0, 3 * Double.MIN_VALUE, -Double.MIN_VALUE, 0.0}, 64);
        same(new double[] {1e300}, new double[] {-1e308, 1e308, 1e300, -1e300}, 64);
        same(new double[] {-Double.MAX_VALUE}, new double[] {Double.MAX_VALUE, 0.0}, 64);
        same(new double[] {1.0}, new double[] {1.0 + 0x1p-52, 1.0 - 0x1p-53, 1.0, 1e-200}, 64);
        for (int bits : new int[] {20, 50, 64, 80}) {
            double[] mixed = values(r, 128, () -> switch (r.nextInt(5)) {
                case 0 -> r.nextDouble() * 1e-310;
                case 1 -> Math.scalb(r.nextDouble() - 0.5, r.nextInt(200) - 100);
                case 2 -> r.nextBoolean() ? 1e-300 : -1e-300;
                case 3 -> 0.0;
                default -> r.nextDouble();
            });
            same(values(r, 32, () -> Math.scalb(r.nextDouble(), -r.nextInt(60))), mixed, bits);
        }
    }

    @Test
    void refusesTablesThatDoNotRefine() {
        assertThrows(InvalidInputException.class, () -> PackedLevel.encode(new double[3], new double[4], 64));
        assertThrows(InvalidInputException.class,
                () -> PackedLevel.encode(new double[1], new double[] {Double.NaN, 0}, 64));
    }
}
