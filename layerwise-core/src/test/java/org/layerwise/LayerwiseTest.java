package org.layerwise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.layerwise.construct.ConstructionReport;
import org.layerwise.construct.ConstructionSettings;
import org.layerwise.construct.LevelReport;
import org.layerwise.eval.DecoderBound;
import org.layerwise.format.Model;
import org.layerwise.function.Target;
import org.layerwise.function.TargetSpec;
import org.layerwise.function.Targets;
import org.layerwise.measure.PNorm;
import org.layerwise.net.Network;

/** The facade: construct, evaluate, save, load, refine, measure; the settings record and the target block. */
class LayerwiseTest {

    private static final ConstructionSettings SMALL = ConstructionSettings.defaults().withLevels(3).withQmc(256, 4);

    /** The cell mean of {@code f(x) = x} on cell {@code k} of level {@code l} (side {@code 2^-l}): its midpoint. */
    private static double midpoint(double x, int l) {
        double h = Math.scalb(1.0, -l);
        return (Math.floor(x / h) + 0.5) * h;
    }

    @Test
    void formulaNetworkReadsTheCellMidpointsOfXAndSurvivesSaveLoadRefine(@TempDir Path dir) {
        Target f = Targets.formula("x", 1);
        Layerwise.Built built = Layerwise.construct(f, SMALL);
        Network net = built.network();
        assertEquals(3, net.levels());
        double[][] xs = {{0.0}, {0.3}, {0.5}, {0.874}, {1.0}};
        double[][] phi = Layerwise.evaluate(built.model(), xs);
        for (int k = 0; k < xs.length; k++) {
            for (int l = 1; l <= 3; l++) {
                double x = Math.min(xs[k][0], 1 - 1e-12); // x = 1 belongs to the last cell
                assertTrue(DecoderBound.holds(phi[k][l - 1], midpoint(x, l), DecoderBound.bound(net, l)),
                        "Phi_" + l + "(" + xs[k][0] + ") = " + phi[k][l - 1]);
            }
        }
        Path file = dir.resolve("m.json");
        Layerwise.save(file, built.model());
        Model back = Layerwise.load(file);
        assertEquals(built.model().network(), back.network());
        assertEquals("formula", back.target().get("kind"));
        assertEquals("x", back.target().get("spec"));
        // the formula is rebuilt from the file, as the command line does
        Target rebuilt = Layerwise.target(back);
        assertEquals(f.value(new double[] {0.3}), rebuilt.value(new double[] {0.3}));
        Layerwise.Built deeper = Layerwise.refine(back, rebuilt, 5);
        assertEquals(5, deeper.network().levels());
        assertTrue(net.isPrefixOf(deeper.network()), "refine changed an earlier weight");
        double[][] phi5 = Layerwise.evaluate(deeper.model(), new double[][] {{0.3}});
        assertTrue(DecoderBound.holds(phi5[0][4], midpoint(0.3, 5), DecoderBound.bound(deeper.network(), 5)));
        // nested means: no quadrature level; the certified half-widths of all 6 levels are recorded
        assertEquals("certified", deeper.model().target().get("means"));
        assertEquals(6, ((java.util.List<?>) deeper.model().target().get("meanHalfWidths")).size());
    }

    /**
     * {@code build} (no measures) gives the model {@code construct} gives: the same weights (the levels' phase and
     * amplitude constants compared exactly) and target block, with no report; a tolerance is refused.
     */
    @Test
    void buildWithoutMeasuresGivesTheSameModelAndRefusesATolerance() {
        Target f = Targets.formula("abs(x1-1/3)+x2^2", 2);
        Layerwise.Built measured = Layerwise.construct(f, SMALL.withLevels(3));
        Layerwise.Built built = Layerwise.build(f, TargetSpec.of(f), SMALL.withLevels(3), Monitor.NONE);
        assertNull(built.details().report());
        assertEquals(measured.model().target(), built.model().target());
        assertEquals(measured.network().layers(), built.network().layers());
        assertEquals(measured.network().heads(), built.network().heads());
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Layerwise.build(f, TargetSpec.of(f),
                SMALL.withLevels(3).withTolerance(0.01), Monitor.NONE));
        assertTrue(e.getMessage().contains("tolerance (0.01)"), e.getMessage());
    }

    @Test
    void theTargetBlockIsWhatTheSettingsRecordAndReadsBackToTheSameSettings() {
        ConstructionSettings s = SMALL.withSeed(5).withP(PNorm.parse("inf")).withQuadrature(3).withBits(40);
        Layerwise.Built built = Layerwise.construct(Targets.builtin("cone2d"), s.withLevels(2));
        Map<String, Object> block = built.model().target();
        assertEquals(java.util.List.of("kind", "spec", "dim", "quadrature", "meanTol", "p", "seed", "points",
                "shifts", "means", "meanHalfWidths"), java.util.List.copyOf(block.keySet()));
        assertEquals("builtin", block.get("kind"));
        assertEquals("inf", block.get("p"));
        ConstructionSettings.Recorded r = ConstructionSettings.recorded(built.model());
        assertEquals(s.withLevels(2), r.settings());
        assertEquals(TargetSpec.builtin("cone2d").spec(), r.target());
        assertEquals(-1, r.quadratureLevel()); // nested means: each level computed on its own
    }

    @Test
    void aJavaFunctionIsRecordedByNameAndRefinedOnlyWhenPassedAgain() {
        Target wave = Targets.of("wave", 1, x -> Math.abs(x[0] - 1.0 / 3));
        Layerwise.Built built = Layerwise.construct(wave, SMALL.withLevels(2));
        assertEquals("java", built.model().target().get("kind"));
        assertEquals("wave", built.model().target().get("spec"));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Layerwise.target(built.model()));
        assertTrue(e.getMessage().contains("'wave' was given as a Java function"), e.getMessage());
        Layerwise.Built deeper = Layerwise.refine(built.model(), wave, 3);
        assertTrue(built.network().isPrefixOf(deeper.network()));
        // another function is caught by the check of the deepest readout against the recomputed means
        Target other = Targets.of("wave", 1, x -> x[0]);
        assertThrows(InvalidInputException.class, () -> Layerwise.refine(built.model(), other, 3));
    }

    @Test
    void refineKeepsTheRecordedSettingsAndNeedsMoreLevels() {
        Layerwise.Built built = Layerwise.construct(Targets.formula("x", 1), SMALL.withLevels(2));
        ConstructionSettings rec = ConstructionSettings.recorded(built.model()).settings();
        Target f = Targets.formula("x", 1);
        InvalidInputException q = assertThrows(InvalidInputException.class,
                () -> Layerwise.refine(built.model(), f, rec.withLevels(3).withQuadrature(3), Monitor.NONE));
        assertTrue(q.getMessage().startsWith("refine must keep the recorded settings"), q.getMessage());
        InvalidInputException same = assertThrows(InvalidInputException.class, () -> Layerwise.refine(built.model(), f, 2));
        assertEquals("the model already has 2 levels; refine needs more, got 2", same.getMessage());
        Model bare = new Model(built.network(), Map.of());
        InvalidInputException none = assertThrows(InvalidInputException.class, () -> Layerwise.refine(bare, f, 3));
        assertEquals("the model has no target block; it cannot be refined", none.getMessage());
        // tolerance, memory and evaluator may change: a tolerance met at once stops at the first new level
        Layerwise.Built tol = Layerwise.refine(built.model(), f, rec.withLevels(6).withTolerance(1.0).withReference(true),
                Monitor.NONE);
        assertEquals(3, tol.metLevel());
        assertEquals(3, tol.network().levels());
    }

    @Test
    void measureOfXGivesTheClosedFormCellMeanErrorAndNoNetworkError() {
        // ||x - A_l x||_2 on [0,1] = h / sqrt(12) with h = 2^-l (the error is a sawtooth of slope 1 on every cell)
        ConstructionReport r = Layerwise.measure(Targets.formula("x", 1), SMALL.withLevels(4));
        assertEquals(5, r.rows().size());
        for (LevelReport row : r.rows()) {
            double h = Math.scalb(1.0, -row.level());
            assertEquals(h / Math.sqrt(12), row.meanError().value(), 1e-12 * h, "level " + row.level());
            assertNull(row.networkError());
        }
    }

    @Test
    void networkErrorsOfASavedModelMatchTheConstructionsOwn() {
        Target f = Targets.formula("x", 1);
        Layerwise.Built built = Layerwise.construct(f, SMALL);
        var errors = Layerwise.networkErrors(built.model(), f, SMALL);
        for (int l = 1; l <= 3; l++) {
            assertEquals(built.report().rows().get(l).networkError().value(), errors[l - 1].value(), 0.0);
            // the readout error of f(x) = x is its cell-mean error h / sqrt(12), up to the decoder error
            double h = Math.scalb(1.0, -l);
            assertEquals(h / Math.sqrt(12), errors[l - 1].value(), 0.05 * h);
        }
        assertThrows(InvalidInputException.class,
                () -> Layerwise.networkErrors(built.model(), Targets.formula("x1*x2", 2), SMALL));
    }

    @Test
    void settingsRefuseBadValuesWithMessagesThatNameTheSettingNotAnOption() {
        ConstructionSettings d = ConstructionSettings.defaults();
        assertEquals("levels must be >= 1, got 0",
                assertThrows(InvalidInputException.class, () -> d.withLevels(0)).getMessage());
        assertEquals("bits must be in [2, 4096], got 1",
                assertThrows(InvalidInputException.class, () -> d.withBits(1)).getMessage());
        assertEquals("base N must be >= 2, got 1",
                assertThrows(InvalidInputException.class, () -> d.withBase(1)).getMessage());
        assertEquals("memory limit must be >= 1 byte, got 0",
                assertThrows(InvalidInputException.class, () -> d.withMemoryLimit(0)).getMessage());
        assertEquals("QMC random shifts must be >= 1, got 0",
                assertThrows(InvalidInputException.class, () -> d.withQmc(16, 0)).getMessage());
        assertTrue(assertThrows(InvalidInputException.class, () -> d.withTolerance(-1)).getMessage()
                .startsWith("tolerance must be a number >= 0"));
        assertTrue(d.withTolerance(0).hasTolerance());
        assertTrue(!d.hasTolerance());
    }

    @Test
    void aLambdaTargetChecksItsArguments() {
        assertThrows(InvalidInputException.class, () -> Targets.of(" ", 1, x -> 0));
        assertThrows(InvalidInputException.class, () -> Targets.of("t", 0, x -> 0));
        Target t = Targets.of("t", 2, x -> x[0] - x[1]);
        assertEquals(-0.5, t.value(new double[] {0.25, 0.75}));
        assertEquals("t", t.name());
        assertEquals(2, t.dim());
    }
}
