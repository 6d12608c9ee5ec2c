package org.layerwise.construct;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.layerwise.measure.PNorm;
import org.layerwise.function.Target;
import org.layerwise.function.TestTargets;

class LevelMeasuresTest {

    @Test
    void constantStaysBelow2dPlus1OnTypicalTargets() {
        Target[] targets = {
            TestTargets.of("x1", 2, x -> x[0]),
            TestTargets.of("sin(3*x)*y", 2, x -> Math.sin(3 * x[0]) * x[1]),
            TestTargets.of("step(x-0.3)", 2, x -> x[0] >= 0.3 ? 1 : 0),
            TestTargets.of("sqrt(|x-y|)", 2, x -> Math.sqrt(Math.abs(x[0] - x[1]))),
        };
        for (Target f : targets) {
            for (int base : new int[] {2, 3}) {
                for (PNorm p : new PNorm[] {new PNorm(1), PNorm.TWO, PNorm.INF}) {
                    ConstructionReport r = LevelMeasures.defaults(2, base).measure(f, 3, p);
                    assertEquals(4, r.rows().size());
                    assertFalse(r.hasNetwork());
                    for (LevelReport row : r.rows()) {
                        String where = f.name() + " N=" + base + " p=" + p + " level " + row.level();
                        assertTrue(row.constant() <= 2 * 2 + 1, where + ": constant " + row.constant());
                        assertTrue(row.omega().value() > 0, where);
                        assertEquals(5 * row.omega().value(), row.bound(), 1e-15);
                        assertEquals(Math.pow(base, 2 * row.level()), row.cells());
                        assertEquals(row.meanError().value() / row.omega().value(), row.constant(), 1e-15);
                    }
                }
            }
        }
    }

    @Test
    void lipschitzErrorFallsGeometrically() {
        // x1 in 2-D, p = 2: ||f - A_l f||_2 = h / sqrt(12), h = N^-l
        ConstructionReport r = LevelMeasures.defaults(2, 3).measure(TestTargets.of("x1", 2, x -> x[0]), 3, PNorm.TWO);
        for (LevelReport row : r.rows()) {
            double h = Math.pow(3, -row.level());
            assertEquals(h / Math.sqrt(12), row.meanError().value(), 1e-12);
        }
    }

    @Test
    void constantTargetHasConstantZero() {
        ConstructionReport r = LevelMeasures.defaults(1, 2).measure(TestTargets.of("1", 1, x -> 1), 3, PNorm.TWO);
        for (LevelReport row : r.rows()) {
            assertEquals(0, row.meanError().value());
            assertEquals(0, row.constant());
        }
    }
}
