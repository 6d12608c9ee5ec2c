package org.layerwise.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.layerwise.InvalidInputException;
import org.layerwise.Monitor;
import org.layerwise.construct.Construction;
import org.layerwise.function.Target;
import org.layerwise.measure.ErrorEstimate;

/**
 * The three-way experiment on one target with {@code L} levels: the explicit network (built by a
 * {@link Construction}), multi-grade training (MGDL, one grade per level) and the same hidden layers stacked and
 * trained end to end (SGDL, {@link EndToEndTrainer}). Every error is {@code ||f - readout||_p} on {@code [0,1]^d}
 * measured by the construction's own {@link org.layerwise.measure.QmcError} and norm, so all three methods are
 * measured at the same Sobol points with the same random shifts.
 *
 * <p>Example:
 * <pre>{@code
 * Comparisons.Result r = Comparisons.run(construction, f, 3, Comparisons.defaultGrades(3), 1, 2000, Monitor.NONE);
 * double mgdlError = r.mgdlErrors().get(2).value();
 * }</pre>
 */
public final class Comparisons {

    /** Default first grade: tanh, two hidden layers of 32, 1000 full-batch Adam epochs. */
    public static final String FIRST_GRADE = "32,32:tanh:1000:1e-2:1e-4";
    /**
     * Default grades 2..L: ReLU layers of 32 with half the epochs and a ten times smaller learning rate (they fit a
     * small residual; as in Xu 2023, a smooth first grade and ReLU refinements). Measured on smooth1d, seed 1: tanh
     * later grades at 1e-2 left the error of grade 1 unchanged (7.1e-3 at every grade), these lower it to 1.6e-3.
     */
    public static final String LATER_GRADE = "32,32:relu:500:1e-3:1e-5";

    private Comparisons() {
    }

    /**
     * Everything the experiment produced.
     *
     * @param explicit        the explicit network and its construction report
     * @param explicitSeconds wall-clock seconds of the construction and its measurements
     * @param data            the training and test data shared by MGDL and SGDL
     * @param spec            the MGDL grades and settings (full batch, float32, the seed)
     * @param mgdl            the trained grades
     * @param mgdlErrors      {@code ||f - (g_1 + ... + g_k)||_p}, entry {@code k-1} for grade {@code k}
     * @param mgdlSeconds     seconds of training all grades and measuring them
     * @param schedule        the SGDL epochs and learning rates
     * @param sgdl            the end-to-end network
     * @param sgdlError       its error {@code ||f - g||_p}
     * @param sgdlSeconds     seconds of training and measuring it
     */
    public record Result(Construction.Result explicit, double explicitSeconds, Dataset data, TrainingSpec spec,
                         TrainingResult mgdl, List<ErrorEstimate> mgdlErrors, double mgdlSeconds,
                         EndToEndTrainer.Schedule schedule, TrainingResult sgdl, ErrorEstimate sgdlError,
                         double sgdlSeconds) {

        public Result {
            mgdlErrors = List.copyOf(mgdlErrors);
        }

        /** Training time of each MGDL grade, grade 1 first. */
        public List<Double> gradeSeconds() {
            List<Double> s = new ArrayList<>();
            for (GradeResult g : mgdl.reports()) {
                s.add(g.seconds());
            }
            return s;
        }

        /** Each grade's spec string, grade 1 first. */
        public List<String> gradeSpecs() {
            List<String> s = new ArrayList<>();
            spec.grades().forEach(g -> s.add(g.toSpecString()));
            return s;
        }

        /** One line on how the SGDL network was trained: widths, activations, epochs, learning rates. */
        public String sgdlText() {
            return String.format(Locale.ROOT, "widths %s (all grades' hidden layers stacked, their activations), "
                    + "%d epochs, lr %s -> %s", sgdl.grades().get(0).widthsText(), schedule.epochs(), schedule.lrMax(),
                    schedule.lrMin());
        }

        /** One line on the training data and settings shared by MGDL and SGDL. */
        public String trainingText() {
            return String.format(Locale.ROOT, "%d training points (%s) sampled from f, full batch, float32, "
                    + "seed %d; the same data for MGDL and SGDL", data.trainSize(),
                    data.dim() == 1 ? "equally spaced" : "Sobol", spec.seed());
        }
    }

    /**
     * The grades for {@code levels}: {@code "default"} gives {@link #FIRST_GRADE} then {@link #LATER_GRADE}; a spec
     * with one grade is repeated; otherwise it must have exactly {@code levels} grades.
     *
     * @throws InvalidInputException when the spec does not parse or has another number of grades
     */
    public static List<GradeSpec> grades(String text, int levels) {
        if (text.trim().equalsIgnoreCase("default")) {
            StringBuilder sb = new StringBuilder(FIRST_GRADE);
            for (int k = 2; k <= levels; k++) {
                sb.append("; ").append(LATER_GRADE);
            }
            return TrainingSpec.parseGrades(sb.toString());
        }
        List<GradeSpec> parsed = TrainingSpec.parseGrades(text);
        if (parsed.size() == 1) {
            return java.util.Collections.nCopies(levels, parsed.get(0));
        }
        if (parsed.size() != levels) {
            throw new InvalidInputException("the grades spec has " + parsed.size() + " grades but there are " + levels
                    + " levels; give one grade per level, or a single grade to use for every level");
        }
        return parsed;
    }

    /**
     * Runs the experiment: constructs the explicit network of {@code f} with {@code levels} levels, trains MGDL with
     * {@code grades} (full batch, float32, {@code seed}) on {@code trainPoints} points sampled from {@code f}
     * ({@link Dataset#fromTarget}, {@link Dataset#DEFAULT_TEST_POINTS} test points), then SGDL with
     * {@link EndToEndTrainer#defaultSchedule}, and measures every readout with the construction's QMC.
     *
     * @param monitor receives the tasks "MGDL" and "SGDL" (one unit per epoch) and the construction's tasks
     * @throws InvalidInputException when {@code grades} does not have {@code levels} entries or
     *                               {@code trainPoints < 2}
     */
    public static Result run(Construction c, Target f, int levels, List<GradeSpec> grades, long seed, int trainPoints,
                             Monitor monitor) {
        if (grades.size() != levels) {
            throw new InvalidInputException(grades.size() + " grades for " + levels + " levels");
        }
        long t0 = System.nanoTime();
        Construction.Result explicit = c.construct(f, levels, Double.NaN, monitor);
        double explicitSeconds = seconds(t0);

        TargetErrorMeasure measure = TargetErrorMeasure.qmc(c.qmc(), c.p());
        Dataset data = Dataset.fromTarget(f, trainPoints, Dataset.DEFAULT_TEST_POINTS, seed);
        TrainingSpec ts = new TrainingSpec(grades, TrainingSpec.FULL_BATCH, seed, false);
        EndToEndTrainer sgdlTrainer = new EndToEndTrainer(ts).withMonitor(monitor);

        t0 = System.nanoTime();
        TrainingResult mgdl = new MultiGradeTrainer(ts).withMonitor(monitor).train(data);
        ErrorEstimate[] mgdlErrors = measure.errors(f, mgdl);
        double mgdlSeconds = seconds(t0);

        t0 = System.nanoTime();
        TrainingResult sgdl = sgdlTrainer.train(data);
        ErrorEstimate sgdlError = measure.errors(f, sgdl)[0];
        double sgdlSeconds = seconds(t0);
        return new Result(explicit, explicitSeconds, data, ts, mgdl, Arrays.asList(mgdlErrors), mgdlSeconds,
                sgdlTrainer.schedule(), sgdl, sgdlError, sgdlSeconds);
    }

    /**
     * The experiment over several seeds: the explicit network built once by {@code c} (its QMC seed fixes the
     * measurement), then MGDL and SGDL trained once per seed (initialisation, test points), {@code threads} seeds at
     * a time ({@link TrainingRun#runAll}), every readout measured with the construction's QMC and norm. Each
     * outcome's {@link GradeResult#targetError} is {@code ||f - (g_1 + ... + g_k)||_p}.
     *
     * @param monitor     receives the construction's tasks
     * @param seedMonitor receives the seeds' training tasks and notes, each prefixed {@code "seed s: "}
     *                    ({@link TrainingRun#runAll}); with {@code threads > 1} tasks of several seeds overlap, so
     *                    it must accept that (e.g. {@link Monitor#lines}, or one that only prints task names)
     * @throws InvalidInputException as {@link #run}
     */
    public static SeedsResult runSeeds(Construction c, Target f, int levels, List<GradeSpec> grades, long[] seeds,
                                       int trainPoints, int threads, Monitor monitor, Monitor seedMonitor) {
        if (grades.size() != levels) {
            throw new InvalidInputException(grades.size() + " grades for " + levels + " levels");
        }
        long t0 = System.nanoTime();
        Construction.Result explicit = c.construct(f, levels, Double.NaN, monitor);
        double explicitSeconds = seconds(t0);
        TrainingSpec ts = new TrainingSpec(grades, TrainingSpec.FULL_BATCH, seeds[0], false);
        EndToEndTrainer.Schedule schedule = EndToEndTrainer.defaultSchedule(ts);
        TargetErrorMeasure measure = TargetErrorMeasure.qmc(c.qmc(), c.p());
        TrainingRun run = new TrainingRun(s -> new Presets.PresetData(
                Dataset.fromTarget(f, trainPoints, Dataset.DEFAULT_TEST_POINTS, s), null, null), ts, schedule, f,
                s -> measure);
        List<TrainingRun.Outcome> outcomes = run.runAll(seeds, threads, seedMonitor);
        return new SeedsResult(explicit, explicitSeconds, ts, schedule, outcomes);
    }

    /**
     * The experiment over several seeds.
     *
     * @param explicit        the explicit network (built once)
     * @param explicitSeconds its construction time
     * @param spec            the MGDL grades (full batch, float32)
     * @param schedule        the SGDL schedule
     * @param outcomes        one per seed, in the order given
     */
    public record SeedsResult(Construction.Result explicit, double explicitSeconds, TrainingSpec spec,
                              EndToEndTrainer.Schedule schedule, List<TrainingRun.Outcome> outcomes) {
        public SeedsResult {
            outcomes = List.copyOf(outcomes);
        }

        /** {@code [seed][level-1]}: each seed's MGDL error after each grade. */
        public double[][] mgdlErrors() {
            double[][] v = new double[outcomes.size()][];
            for (int s = 0; s < v.length; s++) {
                v[s] = outcomes.get(s).mgdl().reports().stream().mapToDouble(GradeResult::targetError).toArray();
            }
            return v;
        }

        /**
         * The index in {@link #outcomes} of the median seed: the one whose final MGDL error is the lower median
         * over the seeds (ties: the first in the given order).
         */
        public int medianIndex() {
            double[][] e = mgdlErrors();
            Integer[] order = new Integer[e.length];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            int last = explicit.report().levels() - 1;
            Arrays.sort(order, (a, b) -> Double.compare(e[a][last], e[b][last]));
            return order[(order.length - 1) / 2];
        }

        /**
         * Seed {@code i}'s run as a single-seed {@link Result} (what {@code compare} without seeds reports), its
         * errors measured again by {@code c}'s QMC and norm (the same points: equal to the stored target errors).
         * The times are the seed's MGDL and SGDL training times from its grade reports.
         */
        public Result forSeed(int i, Construction c, Target f) {
            TrainingRun.Outcome o = outcomes.get(i);
            TargetErrorMeasure measure = TargetErrorMeasure.qmc(c.qmc(), c.p());
            double mgdlSeconds = o.mgdl().reports().stream().mapToDouble(GradeResult::seconds).sum();
            return new Result(explicit, explicitSeconds, o.data().data(), spec.withSeed(o.seed()), o.mgdl(),
                    Arrays.asList(measure.errors(f, o.mgdl())), mgdlSeconds, schedule, o.sgdl(),
                    measure.errors(f, o.sgdl())[0], o.sgdl().reports().get(0).seconds());
        }

        /** Each seed's SGDL error (NaN where the network is dead). */
        public double[] sgdlErrors() {
            return outcomes.stream().mapToDouble(o -> o.sgdlDead() != null ? Double.NaN
                    : o.sgdl().reports().get(0).targetError()).toArray();
        }
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
