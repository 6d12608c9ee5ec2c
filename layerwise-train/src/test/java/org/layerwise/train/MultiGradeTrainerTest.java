package org.layerwise.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.layerwise.function.Target;
import org.layerwise.function.Targets;

class MultiGradeTrainerTest {

    /** f(x) = sin(2 pi x) + 0.5 x on [0,1]. */
    static final Target WAVE = Targets.of("sin(2*pi*x)+0.5*x", 1, x -> Math.sin(2 * Math.PI * x[0]) + 0.5 * x[0]);

    static Dataset smallData() {
        return Dataset.fromTarget(WAVE, 64, 32, 7);
    }

    static TrainingSpec spec(String grades, int batch, long seed) {
        return new TrainingSpec(TrainingSpec.parseGrades(grades), batch, seed, false);
    }

    @Test
    void oneGradeFitLowersTheLoss() {
        TrainingResult r = new MultiGradeTrainer(spec("16,16:tanh:400:3e-2:1e-3", 0, 1)).train(smallData());
        GradeResult g = r.reports().get(0);
        assertTrue(g.lossAfter() < 0.2 * g.lossBefore(), g.toString());
        // the reported loss is the definition evaluated on the frozen parameters
        Dataset d = smallData();
        assertEquals(Fitter.loss(d.yTrain(), r.predict(d.xTrain())), g.lossAfter(), 0.0);
        assertEquals(Fitter.rse(d.yTest(), r.predict(d.xTest())), g.testRse(), 0.0);
    }

    @Test
    void minibatchAndFloat64FitsLowerTheLossToo() {
        TrainingSpec s = spec("8,8:sin:20:1e-2:1e-3", 16, 3).withFloat64(true);
        GradeResult g = new MultiGradeTrainer(s).train(smallData()).reports().get(0);
        assertTrue(g.lossAfter() < 0.5 * g.lossBefore(), g.toString());
    }

    @Test
    void earlierGradesAreBitIdenticalAfterTrainingLaterGrades() {
        String g1 = "8,6:tanh:40:1e-2:1e-3";
        TrainingResult one = new MultiGradeTrainer(spec(g1, 16, 11)).train(smallData());
        TrainingResult two = new MultiGradeTrainer(spec(g1 + "; 5:relu:40:1e-2:1e-3", 16, 11)).train(smallData());
        assertEquals(one.grades().get(0), two.grades().get(0));
        assertEquals(one.reports().get(0).testRse(), two.reports().get(0).testRse(), 0.0);
        // grade 2 reads grade 1's last hidden layer (width 6)
        assertEquals(6, two.grades().get(1).inputWidth());
    }

    @Test
    void readoutsArePrefixSumsOfTheGrades() {
        TrainingResult r = new MultiGradeTrainer(spec("8,6:tanh:10:1e-2:1e-3; 5:relu:10:1e-2:1e-3; 4,3:sin:10:1e-2:1e-3", 0, 5))
                .train(smallData());
        double[][] x = {{0.0}, {0.123}, {0.5}, {0.999}, {1.0}};
        List<MlpWeights> g = r.grades();
        double[][] f1 = g.get(0).features(x);
        double[][] f2 = g.get(1).features(f1);
        double[] g1 = g.get(0).apply(x);
        double[] g2 = g.get(1).apply(f1);
        double[] g3 = g.get(2).apply(f2);
        double[][] readouts = r.readouts(x);
        for (int i = 0; i < x.length; i++) {
            assertEquals(g1[i], readouts[0][i], 0.0);
            assertEquals(g1[i] + g2[i], readouts[1][i], 0.0);
            assertEquals(g1[i] + g2[i] + g3[i], readouts[2][i], 0.0);
        }
        assertArrayEquals(readouts[1], r.predictPrefix(2, x), 0.0);
        assertArrayEquals(readouts[2], r.predict(x), 0.0);
        // the reported per-grade test RSE is that of the prefix sum
        Dataset d = smallData();
        for (int k = 1; k <= 3; k++) {
            assertEquals(Fitter.rse(d.yTest(), r.predictPrefix(k, d.xTest())), r.reports().get(k - 1).testRse(), 0.0);
        }
    }

    @Test
    void sameSeedGivesBitwiseEqualRunsAndAnotherSeedDoesNot() {
        String s = "8:sin:8:1e-2:1e-3; 4:relu:8:1e-2:1e-3";
        TrainingResult a = new MultiGradeTrainer(spec(s, 16, 42)).train(smallData());
        TrainingResult b = new MultiGradeTrainer(spec(s, 16, 42)).train(smallData());
        TrainingResult c = new MultiGradeTrainer(spec(s, 16, 43)).train(smallData());
        assertEquals(a.grades(), b.grades());
        for (int k = 0; k < 2; k++) {
            assertEquals(a.reports().get(k).trainRse(), b.reports().get(k).trainRse(), 0.0);
            assertEquals(a.reports().get(k).testRse(), b.reports().get(k).testRse(), 0.0);
        }
        assertNotEquals(a.grades().get(0), c.grades().get(0));
    }

    @Test
    void targetErrorIsTheRmsAgainstTheFunction() {
        Dataset d = smallData();
        TrainingResult r = new MultiGradeTrainer(spec("8:tanh:5:1e-2:1e-3", 0, 2))
                .withTarget(WAVE, TargetErrorMeasure.rmsOn(d.xTest())).train(d);
        double[] p = r.predict(d.xTest());
        double s = 0;
        for (int i = 0; i < p.length; i++) {
            double e = WAVE.value(d.xTest()[i]) - p[i];
            s += e * e;
        }
        assertEquals(Math.sqrt(s / p.length), r.reports().get(0).targetError(), 1e-15);
    }

    /**
     * {@code ||f - (g_1+..+g_k)||_p} from the definition of randomized QMC: for each shift {@code s} (drawn in
     * order from {@code SplittableRandom(seed)}), {@code I_s = mean_j |f - g|^p((u_j + s) mod 1)} over the first
     * {@code n} Sobol points, and the estimate is {@code (mean_s I_s)^(1/p)}.
     */
    static double directQmc(Target f, java.util.function.Function<double[][], double[]> g, int n, int shifts, long seed,
                            double p) {
        org.layerwise.measure.SobolPoints sobol = org.layerwise.measure.SobolPoints.of(f.dim(), n);
        java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
        double total = 0;
        for (int s = 0; s < shifts; s++) {
            double[] shift = org.layerwise.measure.SobolPoints.randomShift(f.dim(), random);
            double[][] xs = new double[n][f.dim()];
            for (int j = 0; j < n; j++) {
                sobol.jittered(j, shift, org.layerwise.measure.SobolPoints.stream(seed, s), xs[j]);
            }
            double[] gv = g.apply(xs);
            double sum = 0;
            for (int j = 0; j < n; j++) {
                sum += Math.pow(Math.abs(f.value(xs[j]) - gv[j]), p);
            }
            total += sum / n;
        }
        return Math.pow(total / shifts, 1 / p);
    }

    @Test
    void qmcTargetErrorOfEveryGradeIsTheDefinition() {
        org.layerwise.measure.QmcError q = new org.layerwise.measure.QmcError(300, 3, 11);
        for (double p : new double[] {1, 2, 3.5}) {
            TargetErrorMeasure m = TargetErrorMeasure.qmc(q, new org.layerwise.measure.PNorm(p));
            TrainingResult r = new MultiGradeTrainer(spec("8:tanh:30:1e-2:1e-3; 6:relu:30:1e-2:1e-3", 0, 5))
                    .withTarget(WAVE, m).train(smallData());
            org.layerwise.measure.ErrorEstimate[] all = m.errors(WAVE, r);
            assertEquals(2, all.length);
            for (int k = 1; k <= 2; k++) {
                int grade = k;
                double direct = directQmc(WAVE, x -> r.predictPrefix(grade, x), 300, 3, 11, p);
                assertEquals(direct, r.reports().get(k - 1).targetError(), 1e-12 * direct, "p = " + p + ", grade " + k);
                assertEquals(direct, all[k - 1].value(), 1e-12 * direct);
                assertEquals(q.method(), all[k - 1].method());
                assertEquals(900, all[k - 1].points());
                // the single-readout form agrees with the one-pass form
                assertEquals(all[k - 1].value(), m.error(WAVE, x -> r.predictPrefix(grade, x)).value(), 0.0);
            }
            // the grades differ, so a mix-up of prefixes would be caught
            assertNotEquals(all[0].value(), all[1].value());
        }
    }

    @Test
    void endToEndStacksTheHiddenLayersAndLowersTheLoss() {
        TrainingSpec s = spec("8,6:tanh:60:1e-2:1e-3; 5:relu:60:1e-2:1e-3", 0, 9);
        EndToEndTrainer t = new EndToEndTrainer(s);
        assertEquals(new EndToEndTrainer.Schedule(120, 1e-2, 1e-3), t.schedule());
        TrainingResult r = t.train(smallData());
        assertEquals(1, r.gradeCount());
        assertArrayEquals(new int[] {1, 8, 6, 5, 1}, r.grades().get(0).widths());
        assertEquals(List.of(Activation.TANH, Activation.TANH, Activation.RELU), r.grades().get(0).activations());
        GradeResult g = r.reports().get(0);
        assertTrue(g.lossAfter() < 0.5 * g.lossBefore(), g.toString());
    }
}
