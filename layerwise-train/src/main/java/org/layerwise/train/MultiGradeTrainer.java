package org.layerwise.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import org.layerwise.Monitor;
import org.layerwise.measure.ErrorEstimate;
import org.layerwise.function.Target;

/**
 * Multi-grade deep learning (MGDL; Xu 2023, Fang and Xu): grade {@code k} is a fresh MLP trained on the residual
 * {@code R_{k-1} = Y - (g_1 + ... + g_{k-1})} with inputs {@code F_{k-1}}, the last hidden layer of grade
 * {@code k-1} ({@code F_0 = X}); earlier grades are frozen. The loss is {@code sum (R - out)^2 / (2n)}, minimised
 * with {@link Adam} (state reset at each grade) at a learning rate decayed exponentially per epoch from
 * {@code lrMax} to {@code lrMin} over the grade's passes (see {@link Passes}).
 *
 * <p>Reproducibility: grade {@code k} draws its initial parameters and then its minibatch permutations from
 * {@code new SplittableRandom(seed + k * 0x9E3779B97F4A7C15L)}, so grade {@code k} does not depend on later grades
 * and equal seeds give bitwise-equal results. Features, residuals and reported errors are computed in double
 * precision from the frozen parameters ({@link MlpWeights}). The fitting runs in plain Java for float64 specs
 * ({@code DenseFitter}) and on the DJL PyTorch engine for float32 ones ({@code Fitter.train}).
 */
public final class MultiGradeTrainer {

    private final TrainingSpec spec;
    private Target target;
    private TargetErrorMeasure measure;
    private Monitor monitor = Monitor.NONE;

    public MultiGradeTrainer(TrainingSpec spec) {
        this.spec = spec;
    }

    /**
     * Also report the error against {@code f} of each grade's prefix readout, measured by {@code m} after the last
     * grade ({@link TargetErrorMeasure#errors}: one pass over the points for all grades with the QMC measure).
     */
    public MultiGradeTrainer withTarget(Target f, TargetErrorMeasure m) {
        this.target = f;
        this.measure = m;
        return this;
    }

    /**
     * Reports progress to {@code m}: one task {@code "MGDL"} of the grades' passes ({@link TrainingSpec#totalPasses}), one step per pass, a
     * note {@code "grade k epoch e/E"} after every tenth of a grade's epochs and {@code "grade k: train RSE .., test
     * RSE .., s"} after each grade.
     *
     * @param m the monitor ({@link Monitor#NONE} by default)
     * @return this trainer
     */
    public MultiGradeTrainer withMonitor(Monitor m) {
        this.monitor = java.util.Objects.requireNonNull(m, "monitor");
        return this;
    }

    static SplittableRandom gradeRandom(long seed, int grade) {
        return new SplittableRandom(seed + grade * 0x9E3779B97F4A7C15L);
    }

    /** Trains all grades of the spec on {@code data}. */
    public TrainingResult train(Dataset data) {
        if (!spec.float64()) {
            Djl.seed(spec.seed());
        }
        double[][] xTrain = data.xTrain();
        double[] yTrain = data.yTrain();
        double[][] xTest = data.xTest();
        double[] yTest = data.yTest();
        double[][] fTrain = xTrain;
        double[][] fTest = xTest;
        double[] sumTrain = new double[yTrain.length];
        double[] sumTest = new double[yTest.length];
        List<MlpWeights> frozen = new ArrayList<>();
        List<GradeResult> reports = new ArrayList<>();
        Passes passes = spec.passes();
        try (Monitor.Task task = monitor.start("MGDL", spec.totalPasses())) {
            for (int k = 1; k <= spec.grades().size(); k++) {
                GradeSpec g = spec.grades().get(k - 1);
                long t0 = System.nanoTime();
                double[] residual = new double[yTrain.length];
                for (int i = 0; i < residual.length; i++) {
                    residual[i] = yTrain[i] - sumTrain[i];
                }
                int[] widths = new int[g.hidden().length + 2];
                widths[0] = fTrain[0].length;
                System.arraycopy(g.hidden(), 0, widths, 1, g.hidden().length);
                widths[widths.length - 1] = 1;
                Activation[] acts = new Activation[g.hidden().length];
                Arrays.fill(acts, g.activation());
                SplittableRandom rng = gradeRandom(spec.seed(), k);
                int grade = k;
                int n = passes.passes(g.epochs());
                Fitter.Fit fit = Fitter.train(widths, acts, rng, spec.float64(), fTrain, residual, n,
                        i -> passes.rate(i, g.epochs(), g.lrMax(), g.lrMin()), spec.batchSize(),
                        Fitter.reporting(task, n, e -> "grade " + grade + " epoch " + e + "/" + n));
                MlpWeights trained = fit.trained();
                double lossBefore = fit.lossBefore();
                double[][] hTrain = trained.features(fTrain);
                double[][] hTest = trained.features(fTest);
                double[] gTrain = trained.outputFromFeatures(hTrain);
                double[] gTest = trained.outputFromFeatures(hTest);
                double lossAfter = Fitter.loss(residual, gTrain);
                TrainingDivergedException.check("grade " + k, lossBefore, lossAfter, g);
                for (int i = 0; i < sumTrain.length; i++) {
                    sumTrain[i] += gTrain[i];
                }
                for (int i = 0; i < sumTest.length; i++) {
                    sumTest[i] += gTest[i];
                }
                frozen.add(trained);
                double seconds = (System.nanoTime() - t0) / 1e9;
                GradeResult r = new GradeResult(k, Fitter.rse(yTrain, sumTrain), Fitter.rse(yTest, sumTest), seconds,
                        lossBefore, lossAfter, Double.NaN);
                reports.add(r);
                task.note(String.format(java.util.Locale.ROOT, "grade %d: train RSE %.3e, test RSE %.3e, %.1f s",
                        k, r.trainRse(), r.testRse(), seconds));
                fTrain = hTrain;
                fTest = hTest;
            }
        }
        TrainingResult result = new TrainingResult("mgdl", spec, frozen, reports);
        return target == null ? result : withTargetErrors(result, measure.errors(target, result));
    }

    /** {@code r} with each grade's target error set from {@code errors} (entry {@code k-1} for grade {@code k}). */
    static TrainingResult withTargetErrors(TrainingResult r, ErrorEstimate[] errors) {
        List<GradeResult> reports = new ArrayList<>();
        for (GradeResult g : r.reports()) {
            reports.add(new GradeResult(g.grade(), g.trainRse(), g.testRse(), g.seconds(), g.lossBefore(),
                    g.lossAfter(), errors[g.grade() - 1].value()));
        }
        return new TrainingResult(r.method(), r.spec(), r.grades(), reports);
    }
}
