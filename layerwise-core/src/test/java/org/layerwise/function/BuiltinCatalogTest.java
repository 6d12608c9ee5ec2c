package org.layerwise.function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.layerwise.InvalidInputException;

class BuiltinCatalogTest {

    private static final double[] SPECIAL = {0.0, 0.5, 1.0};

    /** A coordinate: uniform, or (15%) one of 0, 1/2, 1 where several constants are attained. */
    private static double coordinate(SplittableRandom rnd) {
        return rnd.nextDouble() < 0.15 ? SPECIAL[rnd.nextInt(SPECIAL.length)] : rnd.nextDouble();
    }

    private static double distance(double[] x, double[] y) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += (x[i] - y[i]) * (x[i] - y[i]);
        }
        return Math.sqrt(s);
    }

    /** The largest |f(x)-f(y)| / |x-y|^alpha over random pairs at scales 1e-7..1, failing if any exceeds lambda. */
    private static double largestRatio(BuiltinTarget t, long seed, int pairs) {
        Regularity reg = t.regularity();
        int d = t.dim();
        SplittableRandom rnd = new SplittableRandom(seed);
        double worst = 0;
        double[] x = new double[d];
        double[] y = new double[d];
        double[] dir = new double[d];
        for (int k = 0; k < pairs; k++) {
            double norm = 0;
            for (int i = 0; i < d; i++) {
                x[i] = coordinate(rnd);
                dir[i] = rnd.nextDouble(-1, 1);
                norm += dir[i] * dir[i];
            }
            norm = Math.sqrt(norm);
            double scale = Math.pow(10, -7 * rnd.nextDouble());
            for (int i = 0; i < d; i++) {
                y[i] = Math.min(1, Math.max(0, x[i] + scale * dir[i] / norm));
            }
            double h = distance(x, y);
            if (h == 0) {
                continue;
            }
            double diff = Math.abs(t.value(x) - t.value(y));
            double bound = reg.constant() * Math.pow(h, reg.exponent());
            // 1e-14 absorbs the rounding of the two function values.
            assertTrue(diff <= bound + 1e-14, () -> t.name() + ": |f(x)-f(y)| = " + diff + " > " + bound
                    + " at x = " + java.util.Arrays.toString(x) + ", y = " + java.util.Arrays.toString(y));
            worst = Math.max(worst, diff / Math.pow(h, reg.exponent()));
        }
        return worst;
    }

    @Test
    void everyContinuousEntryObeysItsModulusAndTheConstantIsSharp() {
        long seed = 7;
        for (BuiltinTarget t : Targets.catalog()) {
            if (!t.regularity().continuous()) {
                continue;
            }
            assertTrue(t.regularity().hasRate(), t.name());
            double worst = largestRatio(t, seed++, 200_000);
            // The stated constants are the best ones: random pairs come within 10% of them.
            assertTrue(worst >= 0.9 * t.regularity().constant(),
                    t.name() + ": largest observed ratio " + worst + " vs constant " + t.regularity().constant());
        }
    }

    @Test
    void theRequiredEntriesArePresentWithTheirRegularity() {
        assertRegularity("smooth1d", 1, 1.0, 2 * Math.PI + 1);
        assertRegularity("sqrt1d", 1, 0.5, 1.0);
        assertRegularity("cone2d", 2, 1.0, 1.0);
        assertRegularity("ring2d", 2, 1.0, 1.0);
        assertRegularity("ripple2d", 2, 1.0, 3 * Math.PI);
        assertRegularity("osc2d", 2, 1.0, 8 * Math.PI);
        assertRegularity("cusp2d", 2, 0.5, 1.0);
        assertRegularity("smooth3d", 3, 1.0, Math.PI);
        for (String name : List.of("disc2d", "step1d")) {
            Regularity r = Targets.builtin(name).regularity();
            assertFalse(r.continuous(), name);
            assertFalse(r.hasRate(), name);
        }
    }

    private static void assertRegularity(String name, int dim, double exponent, double constant) {
        Target t = Targets.builtin(name);
        assertEquals(dim, t.dim(), name);
        assertEquals(exponent, t.regularity().exponent(), 0, name);
        assertEquals(constant, t.regularity().constant(), 1e-15, name);
        assertTrue(t.regularity().continuous(), name);
    }

    @Test
    void discontinuousEntriesJumpByOne() {
        Target step = Targets.builtin("step1d");
        double third = 1.0 / 3;
        assertEquals(1.0, step.value(new double[] {third}) - step.value(new double[] {Math.nextDown(third)}), 0);
        Target disc = Targets.builtin("disc2d");
        assertEquals(1.0, disc.value(new double[] {0.5, 0.5}), 0);
        assertEquals(1.0, disc.value(new double[] {0.8 - 1e-9, 0.5}), 0);
        assertEquals(0.0, disc.value(new double[] {0.8 + 1e-9, 0.5}), 0);
        assertEquals(0.0, disc.value(new double[] {0.0, 0.0}), 0);
    }

    @Test
    void theFormulaOfEachEntryIsTheSameFunction() {
        SplittableRandom rnd = new SplittableRandom(3);
        for (BuiltinTarget t : Targets.catalog()) {
            Target f = Targets.formula(t.formula(), null);
            assertEquals(t.dim(), f.dim(), t.name());
            for (int k = 0; k < 2000; k++) {
                double[] x = new double[t.dim()];
                for (int i = 0; i < x.length; i++) {
                    x[i] = coordinate(rnd);
                }
                assertEquals(t.value(x), f.value(x), 1e-12, () -> t.name() + " at " + java.util.Arrays.toString(x));
            }
        }
    }

    @Test
    void knownValues() {
        assertEquals(1.0, Targets.builtin("cone2d").value(new double[] {0.5, 0.5}), 0);
        assertEquals(1 - Math.sqrt(0.5), Targets.builtin("cone2d").value(new double[] {0, 1}), 1e-15);
        assertEquals(0.5, Targets.builtin("sqrt1d").value(new double[] {0.25}), 0);
        assertEquals(0.5, Targets.builtin("smooth1d").value(new double[] {1}), 1e-15);
        assertEquals(1.0, Targets.builtin("smooth3d").value(new double[] {0.5, 0.5, 0.5}), 0);
        assertEquals(0.0, Targets.builtin("ring2d").value(new double[] {0.8, 0.5}), 1e-15);
        assertEquals(1.0, Targets.builtin("osc2d").value(new double[] {1.0 / 16, 1.0 / 16}), 1e-15);
    }

    @Test
    void namesAreUniqueAndDescribed() {
        Set<String> names = new HashSet<>();
        for (BuiltinTarget t : Targets.catalog()) {
            assertTrue(names.add(t.name()), t.name());
            assertFalse(t.description().isBlank(), t.name());
            assertFalse(t.description().contains("\n"), t.name());
            assertSame(t, Targets.builtin(t.name()));
        }
    }

    @Test
    void unknownNameListsTheKnownOnes() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Targets.builtin("cone"));
        assertEquals("unknown built-in target 'cone'; known: smooth1d, sqrt1d, step1d, cone2d, ring2d, ripple2d,"
                + " osc2d, cusp2d, disc2d, smooth3d", e.getMessage());
    }

    @Test
    void wrongPointLength() {
        assertThrows(InvalidInputException.class, () -> Targets.builtin("cone2d").value(new double[] {0.5}));
    }
}
