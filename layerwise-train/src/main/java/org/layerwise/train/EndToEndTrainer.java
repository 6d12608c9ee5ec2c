package org.layerwise.train;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import ai.djl.ndarray.NDManager;

import org.layerwise.InvalidInputException;
import org.layerwise.Monitor;
import org.layerwise.function.Target;

/**
 * The single-grade (SGDL) baseline: the hidden layers of all grades stacked, in order and with their activations,
 * into one network {@code [d, hidden of grade 1, ..., hidden of grade K, 1]}, trained end to end with the same
 * loss, optimizer, minibatches and exponential learning-rate decay as {@link MultiGradeTrainer}.
 *
 * <p>Schedule defaults ({@link #defaultSchedule}): epochs = the sum of the grades' epochs, lrMax = the smallest
 * of the grades' lrMax (a deep network trained end to end does not tolerate the first grade's larger rate),
 * lrMin = the smallest lrMin. The generator is {@code new SplittableRandom(seed - 1 * 0x9E3779B97F4A7C15L)}.
 *
 * @see MultiGradeTrainer
 */
public final class EndToEndTrainer {

    /** Epochs and learning-rate range of the end-to-end run. */
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

    /** Sum of epochs, smallest lrMax, smallest lrMin. */
    public static Schedule defaultSchedule(TrainingSpec spec) {
        int epochs = 0;
        double lrMax = Double.POSITIVE_INFINITY;
        double lrMin = Double.POSITIVE_INFINITY;
        for (GradeSpec g : spec.grades()) {
            epochs += g.epochs();
            lrMax = Math.min(lrMax, g.lrMax());
            lrMin = Math.min(lrMin, g.lrMin());
        }
        return new Schedule(epochs, lrMax, lrMin);
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
        Djl.seed(spec.seed());
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
        try (NDManager manager = Djl.engine().newBaseManager();
             Monitor.Task task = monitor.start("SGDL", schedule.epochs());
             Mlp mlp = Mlp.initialise(manager, widths, acts.toArray(new Activation[0]), rng,
                     MultiGradeTrainer.dataType(spec))) {
            lossBefore = Fitter.loss(yTrain, mlp.snapshot().apply(xTrain));
            Fitter.fit(manager, mlp, xTrain, yTrain, schedule.epochs(), lr::learningRate, spec.batchSize(), rng,
                    Fitter.reporting(task, schedule.epochs(), e -> "sgdl epoch " + e + "/" + schedule.epochs()));
            trained = mlp.snapshot();
        }
        double[] gTrain = trained.apply(xTrain);
        double[] gTest = trained.apply(data.xTest());
        List<MlpWeights> one = List.of(trained);
        double seconds = (System.nanoTime() - t0) / 1e9;
        GradeResult report = new GradeResult(1, Fitter.rse(yTrain, gTrain), Fitter.rse(data.yTest(), gTest), seconds,
                lossBefore, Fitter.loss(yTrain, gTrain), Double.NaN);
        TrainingResult result = new TrainingResult("sgdl", spec, one, List.of(report));
        return target == null ? result : MultiGradeTrainer.withTargetErrors(result, measure.errors(target, result));
    }
}
