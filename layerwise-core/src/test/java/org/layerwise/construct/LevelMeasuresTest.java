package org.layerwise.construct;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.layerwise.function.BuiltinTarget;
import org.layerwise.function.Targets;
import org.layerwise.grid.CellMeansBuilder;
import org.layerwise.grid.Cells;
import org.layerwise.measure.CellMeanError;
import org.layerwise.measure.CertifiedNorms;
import org.layerwise.measure.LpEnclosure;
import org.layerwise.measure.ModulusOfContinuity;
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

    /**
     * The theorem's bound {@code ||f - A_l f||_2 <= (2d+1) omega_2(f, N^-l)}, PROVEN (certified enclosures, not
     * estimates) for every built-in at every level 0..6, N = 2. The settings are the cheapest that still prove it
     * (the constants are far below 2d + 1, so loose enclosures suffice): the proof does not depend on them, only
     * its cost does. The estimates are cheap too (they only steer the omega search).
     */
    @Test
    void everyBuiltinIsProvenAtLevels0To6() {
        LpEnclosure loose = new LpEnclosure(0.5, 1024, 24);
        for (BuiltinTarget t : Targets.catalog()) {
            CellMeansBuilder means = CellMeansBuilder.of(new Cells(t.dim(), 2)).withMeanTolerance(0.5).withLevelBudget(1024);
            LevelMeasures m = new LevelMeasures(new CellMeanError(2, 64), new ModulusOfContinuity(256, 0, 1), means,
                    new CertifiedNorms(loose, loose));
            ConstructionReport r = m.measure(t, 6, PNorm.TWO);
            assertEquals(7, r.rows().size());
            for (LevelReport row : r.rows()) {
                Certificate c = row.certificate();
                String where = t.name() + " level " + row.level() + ": " + c;
                assertTrue(c.proven(), where);
                assertTrue(c.constantHi() <= 2 * t.dim() + 1 && c.omegaLo() > 0, where);
                assertTrue(c.meanError().lo() <= c.meanError().hi(), where);
            }
        }
    }
}
