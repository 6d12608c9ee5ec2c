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

    /**
     * The cell-mean error's point estimate of a formula is the midpoint of its certified enclosure when that is
     * narrower than 1 % (no quadrature), and then within 0.5 % of the closed form; wider enclosures keep the
     * Gauss-Legendre estimate. Closed forms ({@code h = 2^-l}): {@code x1} (d = 2) and the kink {@code |x1 - 1/2|}
     * (d = 1, linear on every cell of level {@code >= 1}) have {@code ||f - A_l f||_2 = h / sqrt(12)}, and the kink's
     * level 0 (mean 1/4) has {@code 2 int_0^(1/2) (u - 1/4)^2 du = 1/48} under the root; the step {@code step(x1 - a)} (d = 1) has
     * {@code sqrt(w theta (1 - theta))} from its one cell of width {@code w} holding {@code a} at fraction {@code theta}.
     */
    @Test
    void meanErrorEstimateIsTheEnclosureMidpointWhenTight() {
        double a = 0.3;
        Object[][] cases = {
            {Targets.formula("x1", 2), (java.util.function.IntToDoubleFunction) l -> Math.pow(2, -l) / Math.sqrt(12)},
            {Targets.formula("abs(x1-1/2)", 1), (java.util.function.IntToDoubleFunction) l -> l == 0 ? 1 / Math.sqrt(48)
                    : Math.pow(2, -l) / Math.sqrt(12)},
            {Targets.formula("step(x1-0.3)", 1), (java.util.function.IntToDoubleFunction) l -> {
                double w = Math.pow(2, -l);
                double theta = a / w - Math.floor(a / w);
                return Math.sqrt(w * theta * (1 - theta));
            }},
        };
        int midpoints = 0;
        int quadratures = 0;
        // the defaults give narrow enclosures; loose ones (relative tolerance 0.5) leave the estimate to Gauss
        LpEnclosure loose = new LpEnclosure(0.5, 1024, 24);
        for (Object[] c : cases) {
            for (boolean tight : new boolean[] {true, false}) {
                Target f = (Target) c[0];
                LevelMeasures m = tight ? LevelMeasures.defaults(f.dim(), 2)
                        : new LevelMeasures(CellMeanError.DEFAULT, ModulusOfContinuity.DEFAULT,
                                CellMeansBuilder.of(new Cells(f.dim(), 2)), new CertifiedNorms(loose, loose));
                ConstructionReport r = m.measure(f, 6, PNorm.TWO);
                for (LevelReport row : r.rows()) {
                    double exact = ((java.util.function.IntToDoubleFunction) c[1]).applyAsDouble(row.level());
                    String where = f.name() + " level " + row.level() + ": " + row.meanError() + ", exact " + exact;
                    org.layerwise.measure.Enclosure t = row.certificate().tableError();
                    assertTrue(row.certificate().meanError().lo() <= exact && exact <= row.certificate().meanError().hi(), where);
                    if (t.hi() - t.lo() <= LevelMeasures.ESTIMATE_WIDTH * t.hi()) {
                        midpoints++;
                        assertEquals((t.lo() + t.hi()) / 2, row.meanError().value(), 1e-300, where);
                        assertEquals(0, row.meanError().points(), where);
                        assertEquals(exact, row.meanError().value(), exact * LevelMeasures.ESTIMATE_WIDTH / 2, where);
                    } else {
                        quadratures++;
                        assertTrue(row.meanError().points() > 0, where);
                        if (f.name().equals("x1")) {
                            assertEquals(exact, row.meanError().value(), 1e-12 * exact, where); // Gauss is exact here
                        }
                    }
                }
            }
        }
        assertTrue(midpoints > 0 && quadratures > 0, midpoints + " midpoint estimates, " + quadratures + " by quadrature");
    }

    @Test
    void fromEnclosureNeedsANarrowFiniteEnclosure() {
        org.layerwise.measure.Enclosure narrow = new org.layerwise.measure.Enclosure(1.0, 1.005);
        assertEquals(1.0025, LevelMeasures.fromEnclosure(narrow).value(), 1e-15);
        assertEquals(null, LevelMeasures.fromEnclosure(new org.layerwise.measure.Enclosure(1.0, 1.02)));
        assertEquals(null, LevelMeasures.fromEnclosure(new org.layerwise.measure.Enclosure(0, Double.POSITIVE_INFINITY)));
        assertEquals(0, LevelMeasures.fromEnclosure(new org.layerwise.measure.Enclosure(0, 0)).value());
        assertEquals(null, LevelMeasures.fromEnclosure(null));
    }
}
