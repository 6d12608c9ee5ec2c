package org.layerwise.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.layerwise.InvalidInputException;
import org.layerwise.Monitor;

/** The fair SGDL schedule, E+1 passes, dead networks, spreads over seeds and parallel seeds. */
class BaselineAndSpreadTest {

    @Test
    void passesAndRatesFollowTheTwoFormulas() {
        // E+1: lr_i = max (min/max)^(i/E), i = 0..E; E: i/(E-1), i = 0..E-1
        assertEquals(21, Passes.E_PLUS_ONE.passes(20));
        assertEquals(0.1, Passes.E_PLUS_ONE.rate(0, 20, 0.1, 1e-4), 0.0);
        assertEquals(0.1 * Math.pow(1e-3, 0.5), Passes.E_PLUS_ONE.rate(10, 20, 0.1, 1e-4), 1e-18);
        assertEquals(1e-4, Passes.E_PLUS_ONE.rate(20, 20, 0.1, 1e-4), 1e-19);
        assertEquals(1e-4, Passes.E.rate(19, 20, 0.1, 1e-4), 1e-19);
        assertEquals(0.1, Passes.E.rate(0, 1, 0.1, 1e-4), 0.0);
        assertEquals(Passes.E_PLUS_ONE, Passes.parse(" e+1 ", ""));
        assertThrows(InvalidInputException.class, () -> Passes.parse("E+2", ""));
    }

    @Test
    void ePlusOneTrainsOneMorePassPerGradeAndTheFairBaselineMatchesIt() {
        TrainingSpec s = new TrainingSpec(TrainingSpec.parseGrades("4:tanh:3:1e-2:1e-3; 3:relu:2:1e-2:1e-3"),
                TrainingSpec.FULL_BATCH, 1, false, Passes.E_PLUS_ONE);
        assertEquals(4 + 3, s.totalPasses());
        AtomicLong steps = new AtomicLong();
        AtomicLong total = new AtomicLong();
        Monitor count = (name, n) -> {
            total.addAndGet(n);
            return new Monitor.Task() {
                @Override
                public void step(long k) {
                    steps.addAndGet(k);
                }

                @Override
                public void close() {
                }
            };
        };
        new MultiGradeTrainer(s).withMonitor(count).train(MultiGradeTrainerTest.smallData());
        assertEquals(7, steps.get());
        assertEquals(7, total.get());
        EndToEndTrainer.Schedule fair = EndToEndTrainer.defaultSchedule(s);
        assertEquals(7, fair.epochs());
        assertEquals(1e-3, fair.lrMax(), 0.0);
        assertEquals(1e-4, fair.lrMin(), 0.0);
    }

    private static MlpWeights net(double[][] w0, double[] b0, double[][] w1, double[] b1) {
        return new MlpWeights(new double[][][] {w0, w1}, new double[][] {b0, b1}, new Activation[] {Activation.RELU});
    }

    @Test
    void deadNetworksAreNamed() {
        double[][] x = {{0.0}, {0.5}, {1.0}};
        // pre-activations -x - 0.1 < 0 on [0,1] for both units: no unit is ever active
        MlpWeights dead = net(new double[][] {{-1, -2}}, new double[] {-0.1, -0.1}, new double[][] {{1}, {1}},
                new double[] {0.25});
        assertEquals("hidden layer 1 (relu, 2 units) has no active unit on any of the 3 training inputs",
                DeadNetworks.diagnose(dead, x));
        // one unit active at x = 1 only (x - 0.9 > 0): alive, and the prediction varies
        MlpWeights alive = net(new double[][] {{1, -1}}, new double[] {-0.9, -0.1}, new double[][] {{1}, {1}},
                new double[] {0});
        assertNull(DeadNetworks.diagnose(alive, x));
        // active units but a zero output layer: a constant prediction
        MlpWeights flat = net(new double[][] {{1, 1}}, new double[] {0.1, 0.1}, new double[][] {{0}, {0}},
                new double[] {0.5});
        assertEquals("it predicts the constant 0.5000 at all 3 training inputs", DeadNetworks.diagnose(flat, x));
    }

    @Test
    void spreadIsNumpysLinearQuantile() {
        // numpy.percentile([1,2,3,4], [0,25,50,75,100]) = 1, 1.75, 2.5, 3.25, 4 (linear interpolation, by hand)
        Spread s = Spread.of(new double[] {4, 1, Double.NaN, 3, 2});
        assertEquals(new Spread(4, 1, 1.75, 2.5, 3.25, 4), s);
        assertEquals(new Spread(1, 7, 7, 7, 7, 7), Spread.of(new double[] {7}));
        assertThrows(InvalidInputException.class, () -> Spread.of(new double[] {Double.NaN}));
    }

    @Test
    void seedListsParseAndRefuse() {
        assertArrayEquals(new long[] {0, 1, 2, 3}, Seeds.parse("0-3"));
        assertArrayEquals(new long[] {5, 0, 1, 2}, Seeds.parse("5, 0-2,1"));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Seeds.parse("3-1"));
        assertEquals("seeds: '3-1' must be a non-negative seed or a range a-b with a <= b", e.getMessage());
        assertThrows(InvalidInputException.class, () -> Seeds.parse("x"));
        assertThrows(InvalidInputException.class, () -> Seeds.parse("0-100000"));
    }

    @Test
    void parallelSeedsGiveTheSameResultsAsSequentialOnes() {
        TrainingSpec s = new TrainingSpec(TrainingSpec.parseGrades("6:tanh:4:1e-2:1e-3; 4:relu:3:1e-2:1e-3"), 16, 0,
                false);
        TrainingRun run = new TrainingRun(seed -> new Presets.PresetData(
                Dataset.fromTarget(MultiGradeTrainerTest.WAVE, 48, 16, seed), null, null), s,
                EndToEndTrainer.defaultSchedule(s), null, null);
        long[] seeds = {3, 4, 5};
        List<TrainingRun.Outcome> one = run.runAll(seeds, 1, Monitor.NONE);
        List<TrainingRun.Outcome> two = run.runAll(seeds, 2, Monitor.NONE);
        for (int i = 0; i < seeds.length; i++) {
            assertEquals(seeds[i], two.get(i).seed());
            assertEquals(one.get(i).mgdl().grades(), two.get(i).mgdl().grades(), "seed " + seeds[i]);
            assertEquals(one.get(i).sgdl().grades(), two.get(i).sgdl().grades(), "seed " + seeds[i]);
            for (int k = 0; k < 2; k++) {
                assertEquals(one.get(i).mgdl().reports().get(k).testRse(), two.get(i).mgdl().reports().get(k).testRse(),
                        0.0);
            }
        }
        // different seeds are different runs
        assertTrue(!one.get(0).mgdl().grades().equals(one.get(1).mgdl().grades()));
    }
}
