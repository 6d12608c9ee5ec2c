package org.layerwise.train;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.layerwise.InvalidInputException;
import org.layerwise.Monitor;
import org.layerwise.function.Target;

/**
 * The single-grade (SGDL) baseline: the hidden layers of all grades stacked, in order and with their activations,
 * into one network {@code [d, hidden of grade 1, ..., hidden of grade K, 1]}, trained end to end with the same
 * loss, optimizer, minibatches and exponential learning-rate decay as {@link MultiGradeTrainer}.
 *
 * <p>Schedule defaults ({@link #defaultSchedule}), the fair baseline: as many passes over the training set as the
 * multi-grade run makes in all its grades ({@link TrainingSpec#totalPasses}), and the learning rate of the
 * authors' own end-to-end runs (Xu 2023; Fang and Xu), {@link #LR_MAX} {@code = 1e-3} decayed exponentially to
 * {@link #LR_MIN} {@code = 1e-4} (pass {@code i} of {@code P}: {@code 1e-3 (1e-1)^(i/(P-1))}), with Adam. (A rate
 * taken from the grades, e.g. 1e-2, left the deep stacked ReLU network of Xu 2023's example 1 dead: no unit of its
 * last hidden layer active on any training input.) The generator is
 * {@code new SplittableRandom(seed - 1 * 0x9E3779B97F4A7C15L)}.
 *
 * @see MultiGradeTrainer
 */
public final class EndToEndTrainer {

    /** Default first learning rate of the end-to-end run (the authors' SGDL rate). */
    public static final double LR_MAX = 1e-3;
    /** Default last learning rate of the end-to-end run. */
    public static final double LR_MIN = 1e-4;

    /**
     * Epochs (passes over the training set) and learning-rate range of the end-to-end run; pass {@code i} of
     * {@code epochs} runs at {@code lrMax (lrMin/lrMax)^(i/(epochs-1))}.
     */
    public record Schedule(int epochs, double lrMax, double lrMin) {
        public Schedule {
            if (epochs < 1) {
                throw new InvalidInputException("SGDL epochs must be >= 1, got " + epochs);
            }
            if (!(lrMax > 0 && Double.isFinite(lrMax) && lrMin > 0 && lrMin <= lrMax)) {
                throw new InvalidInputException("SGDL learning rates must satisfy 0 < lrMin <= lrMax, got lrMax = "
                        + lrMax + ", lrMin = " + lrMin);
            }
        }

        GradeSpec asGrade(Activation any) {
            return new GradeSpec(new int[] {1}, any, epochs, lrMax, lrMin);
        }
    }

    private final TrainingSpec spec;
    private final Schedule schedule;
    private Target target;
    private TargetErrorMeasure measure;
    private Monitor monitor = Monitor.NONE;

    public EndToEndTrainer(TrainingSpec spec, Schedule schedule) {
        this.spec = spec;
        this.schedule = schedule;
    }

    public EndToEndTrainer(TrainingSpec spec) {
        this(spec, defaultSchedule(spec));
    }

    /** The fair baseline: the multi-grade run's total passes, {@link #LR_MAX} to {@link #LR_MIN}. */
    public static Schedule defaultSchedule(TrainingSpec spec) {
        return new Schedule(spec.totalPasses(), LR_MAX, LR_MIN);
    }

    public Schedule schedule() {
        return schedule;
    }

    public EndToEndTrainer withTarget(Target f, TargetErrorMeasure m) {
        this.target = f;
        this.measure = m;
        return this;
    }

    /**
     * Reports progress to {@code m}: one task {@code "SGDL"} of the schedule's epochs, one step per epoch and a note
     * {@code "sgdl epoch e/E"} after every tenth of them.
     *
     * @param m the monitor ({@link Monitor#NONE} by default)
     * @return this trainer
     */
    public EndToEndTrainer withMonitor(Monitor m) {
        this.monitor = java.util.Objects.requireNonNull(m, "monitor");
        return this;
    }

    /** Trains the stacked network on {@code data}; the result has a single grade. */
    public TrainingResult train(Dataset data) {
        if (!spec.float64()) {
            Djl.seed(spec.seed());
        }
        double[][] xTrain = data.xTrain();
        double[] yTrain = data.yTrain();
        int[] widths = MlpWeights.stackedWidths(data.dim(), spec.grades());
        List<Activation> acts = new ArrayList<>();
        for (GradeSpec g : spec.grades()) {
            for (int i = 0; i < g.hidden().length; i++) {
                acts.add(g.activation());
            }
        }
        GradeSpec lr = schedule.asGrade(Activation.RELU);
        SplittableRandom rng = MultiGradeTrainer.gradeRandom(spec.seed(), -1);
        long t0 = System.nanoTime();
        MlpWeights trained;
        double lossBefore;
        try (Monitor.Task task = monitor.start("SGDL", schedule.epochs())) {
            Fitter.Fit fit = Fitter.train(widths, acts.toArray(new Activation[0]), rng, spec.float64(), xTrain, yTrain,
                    schedule.epochs(), lr::learningRate, spec.batchSize(),
                    Fitter.reporting(task, schedule.epochs(), e -> "sgdl epoch " + e + "/" + schedule.epochs()));
            trained = fit.trained();
            lossBefore = fit.lossBefore();
        }
        double[] gTrain = trained.apply(xTrain);
        double[] gTest = trained.apply(data.xTest());
        List<MlpWeights> one = List.of(trained);
        double seconds = (System.nanoTime() - t0) / 1e9;
        double lossAfter = Fitter.loss(yTrain, gTrain);
        // a diverged or dead baseline is reported as such ("not a result"), not refused: only MGDL grades stop
        GradeResult report = new GradeResult(1, Fitter.rse(yTrain, gTrain), Fitter.rse(data.yTest(), gTest), seconds,
                lossBefore, lossAfter, Double.NaN);
        TrainingResult result = new TrainingResult("sgdl", spec, one, List.of(report));
        return target == null ? result : MultiGradeTrainer.withTargetErrors(result, measure.errors(target, result));
    }
}
