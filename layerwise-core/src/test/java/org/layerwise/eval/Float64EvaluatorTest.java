package org.layerwise.eval;

import org.layerwise.net.Network;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.layerwise.construct.NetworkBuilder;
import org.layerwise.grid.CellMeans;
import org.layerwise.grid.TestTables;

class Float64EvaluatorTest {

    private static CellMeans table(int d, int n, int levels, long seed, boolean constant) {
        SplittableRandom rng = new SplittableRandom(seed);
        return TestTables.drawn(d, n, levels, () -> constant ? 0.25 : rng.nextDouble());
    }

    @Test
    void failsWhereTheSteepnessLeavesTheDoubleRange() {
        // b = 8, d = 1, N = 2: T_l = 2^(8 * 2^l + 56 + l) first exceeds 2^1023 at l = 7
        Network net = NetworkBuilder.build(table(1, 2, 7, 1, false), 8);
        Float64Evaluator.Diagnosis diag = new Float64Evaluator(net).diagnose(new double[] {0.0});
        assertEquals(7, diag.level(), diag.reason());
        assertTrue(diag.reason().contains("beyond the double range"), diag.reason());
    }

    @Test
    void infiniteSteepnessIsReported() {
        Network net = NetworkBuilder.build(table(2, 2, 2, 4, true));
        Float64Evaluator.Diagnosis diag = new Float64Evaluator(net).diagnose(new double[] {0.3, 0.6});
        assertEquals(2, diag.level(), diag.reason());
        // the first switch weight of level 2 is T_2 N = 2^(64 * 16 + 56 + 2) * 2, in layer A(2,1) = 4 at position d + 3 = 5
        assertTrue(diag.reason().startsWith("layer 4 neuron 5: weight 0 is about 2^1083"), diag.reason());
    }

    @Test
    void failsAtLevelOneWithTheDefaultBudget() {
        Network net = NetworkBuilder.build(table(1, 2, 2, 2, false));
        Float64Evaluator f = new Float64Evaluator(net);
        SplittableRandom rng = new SplittableRandom(3);
        int failures = 0;
        for (int t = 0; t < 20; t++) {
            Float64Evaluator.Diagnosis diag = f.diagnose(new double[] {0.5 + 0.5 * rng.nextDouble()});
            if (diag.failed()) {
                failures++;
                assertEquals(1, diag.level());
                assertTrue(diag.reason().contains("significant bits"), diag.reason());
            }
        }
        assertTrue(failures > 0);
        double[][] xs = {{0.0}, {0.75}, {0.9}};
        assertEquals(1, f.diagnose(xs).level());
    }

    @Test
    void agreesWhenEveryPhaseIsZero() {
        // d = 1, N = 2, L = 2 keeps every weight finite (with d = 2, T_2 = 2^1082 is not)
        Network net = NetworkBuilder.build(table(1, 2, 2, 4, true));
        Float64Evaluator f = new Float64Evaluator(net);
        SplittableRandom rng = new SplittableRandom(5);
        for (int t = 0; t < 20; t++) {
            double[] x = {rng.nextDouble()};
            assertFalse(f.diagnose(x).failed());
            assertEquals(0.25, f.readouts(x)[1]);
        }
    }
}
