package org.layerwise.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.layerwise.InvalidInputException;
import org.layerwise.Monitor;
import org.layerwise.format.AtomicFiles;
import org.layerwise.construct.Construction;
import org.layerwise.measure.PNorm;
import org.layerwise.measure.QmcError;
import org.layerwise.function.Target;
import org.layerwise.train.Dataset;
import org.layerwise.train.EndToEndTrainer;
import org.layerwise.train.GradeResult;
import org.layerwise.train.ModelFiles;
import org.layerwise.train.MultiGradeTrainer;
import org.layerwise.train.Presets;
import org.layerwise.train.TargetErrorMeasure;
import org.layerwise.train.TrainingResult;
import org.layerwise.train.TrainingSpec;

import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code layerwise train}: multi-grade deep learning (MGDL) and, with {@code --sgdl}, its end-to-end baseline. */
@Command(name = "train", header = "Train a multi-grade network (MGDL) grade by grade, optionally with the SGDL baseline.", mixinStandardHelpOptions = true,
        description = {
            "Trains a multi-grade network (MGDL, Xu 2023): grade k is an MLP fitted to the residual of grades 1..k-1, "
                + "reading the last hidden layer of grade k-1; earlier grades are frozen. Reports per grade the "
                + "relative squared error RSE = sum (y - yhat)^2 / sum y^2 of the prefix sum g_1 + ... + g_k on "
                + "training and test points, and the time.",
            "Grade spec: 'WIDTHS:ACTIVATION:EPOCHS:LRMAX:LRMIN; ...' (hidden widths comma-separated, activation relu|sin|tanh, "
                + "Adam with the learning rate decayed exponentially from LRMAX to LRMIN over the epochs).",
            "Defaults for a target or data file: grades '" + TrainCommand.DEFAULT_GRADES + "', full batch, seed 0, float32; "
                + "a target is sampled at 2000 equally spaced (d = 1) or Sobol (d > 1) training points and 1000 "
                + "random test points; a data file holds out a random 20%% for testing. A preset has its own grades, "
                + "points and batch size (overridable). Presets: " + "xu2023-ex1."})
public final class TrainCommand implements Runnable {

    /** Grades used for a target or data file when neither --grades nor --config is given. */
    public static final String DEFAULT_GRADES = "64,64:tanh:1000:1e-2:1e-4; 32,32:relu:1000:1e-3:1e-5";

    static final class Source {
        @ArgGroup(exclusive = true, multiplicity = "0..1")
        TargetOptions.Source target;

        @Option(names = "--data", paramLabel = "FILE.csv",
                description = "Training data: CSV rows x1,...,xd,y (header optional).")
        Path data;

        @Option(names = "--preset", paramLabel = "NAME", description = "A published experiment: xu2023-ex1.")
        String preset;
    }

    @ArgGroup(exclusive = true, multiplicity = "1", heading = "Data (exactly one):%n")
    Source source;

    @Option(names = "--dim", paramLabel = "d", description = "Dimension of a formula target; inferred when omitted.")
    Integer dim;

    static final class Grades {
        @Option(names = "--grades", paramLabel = "SPEC",
                description = "Grades, e.g. '256,256:sin:20:1e-1:1e-4; 128,128,64:relu:20:1e-2:1e-4'.")
        String spec;

        @Option(names = "--config", paramLabel = "FILE.json",
                description = "JSON config: {\"grades\": SPEC or [{\"hidden\":[..],\"activation\":..,\"epochs\":..,"
                        + "\"lrMax\":..,\"lrMin\":..}], \"batch\": B, \"seed\": s, \"float64\": bool}.")
        Path config;
    }

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    Grades grades;

    @Option(names = "--batch", paramLabel = "B", description = "Minibatch size (default: full batch; preset: its own).")
    Integer batch;

    @Option(names = "--seed", paramLabel = "s", description = "Seed of initialisation, shuffling and test points (default 0).")
    Long seed;

    @Option(names = "--float64", description = "Train in double precision (default float32).")
    boolean float64;

    @Option(names = "--sgdl", description = "Also train the same layers stacked into one network, end to end.")
    boolean sgdl;

    @Option(names = "--sgdl-epochs", paramLabel = "N", description = "SGDL epochs (default: sum of the grades' epochs).")
    Integer sgdlEpochs;

    @Option(names = "--sgdl-lr", paramLabel = "MAX:MIN",
            description = "SGDL learning-rate range (default: smallest lrMax and smallest lrMin of the grades).")
    String sgdlLr;

    @Option(names = "--train-points", paramLabel = "N", description = "Training points sampled from a target (default 2000).")
    Integer trainPoints;

    @Option(names = "--test-points", paramLabel = "N", description = "Random test points for a target (default 1000).")
    Integer testPoints;

    @Option(names = "--test-fraction", paramLabel = "F", defaultValue = "0.2",
            description = "Fraction of a data file held out for testing (default ${DEFAULT-VALUE}).")
    double testFraction;

    @Option(names = "--test-data", paramLabel = "FILE.csv", description = "Separate test data for --data.")
    Path testData;

    @Option(names = "--p", paramLabel = "P", defaultValue = "2",
            description = "Norm exponent of the error against a known target, ||f - readout||_p on [0,1]^d "
                    + "(Sobol QMC, 1024 points x 4 random shifts, seeded): p >= 1 or 'inf' (default ${DEFAULT-VALUE}).")
    String p;

    @Option(names = "--json", description = "Print JSON: {\"grades\":[{\"grade\":k,\"trainRse\":..,\"testRse\":..,\"seconds\":..},..],\"sgdl\":{..}}.")
    boolean json;

    @Option(names = "--verbose", description = "Print progress lines (every tenth of a grade's epochs, every grade) on"
            + " stderr, also when it is not a terminal (on a terminal they are shown unless --quiet).")
    boolean verbose;

    @Option(names = "--quiet", description = "No progress lines on a terminal.")
    boolean quiet;

    @Option(names = "--save", paramLabel = "DIR", description = "Save the trained parameters to DIR/mgdl.json (and DIR/sgdl.json).")
    Path save;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        long s = seed == null ? 0L : seed;
        if (save != null) {
            AtomicFiles.checkDirectory("--save", save, "mgdl.json", "sgdl.json");
        }
        if (dim != null && source.target == null) {
            throw new InvalidInputException("--dim applies only to a formula target");
        }
        // the data arrays alone, before any is sampled (the activations are checked with the grades below)
        SizeBounds.check("--train-points", trainPoints == null ? 0 : trainPoints, 32, "the training data");
        SizeBounds.check("--test-points", testPoints == null ? 0 : testPoints, 32, "the test data");
        Presets.Preset preset = source.preset == null ? null : Presets.get(source.preset);
        Target target = null;
        Dataset data;
        TrainingSpec defaults;
        String what;
        if (preset != null) {
            target = preset.target();
            data = Dataset.fromTarget(target, trainPoints == null ? preset.trainPoints() : trainPoints,
                    testPoints == null ? preset.testPoints() : testPoints, s);
            defaults = preset.spec();
            what = "preset " + preset.name() + " (" + target.name() + ")";
        } else if (source.data != null) {
            data = testData != null ? Dataset.fromCsv(source.data, testData) : Dataset.fromCsv(source.data, testFraction, s);
            defaults = new TrainingSpec(TrainingSpec.parseGrades(DEFAULT_GRADES), TrainingSpec.FULL_BATCH, 0, false);
            what = "data " + source.data;
        } else if (source.target != null) {
            TargetOptions opts = new TargetOptions();
            opts.source = source.target;
            opts.dim = dim;
            target = opts.resolve();
            data = Dataset.fromTarget(target, trainPoints == null ? Dataset.DEFAULT_TRAIN_POINTS : trainPoints,
                    testPoints == null ? Dataset.DEFAULT_TEST_POINTS : testPoints, s);
            defaults = new TrainingSpec(TrainingSpec.parseGrades(DEFAULT_GRADES), TrainingSpec.FULL_BATCH, 0, false);
            what = "target " + target.name();
        } else {
            throw new InvalidInputException("give a target (--target/--builtin/--image/--grid), --data or --preset");
        }
        TrainingSpec ts = defaults;
        if (grades != null && grades.config != null) {
            ts = TrainingSpec.readConfig(grades.config, defaults);
        } else if (grades != null && grades.spec != null) {
            ts = new TrainingSpec(TrainingSpec.parseGrades(grades.spec), defaults.batchSize(), defaults.seed(), defaults.float64());
        }
        if (batch != null) {
            if (batch < 1) {
                throw new InvalidInputException("--batch must be >= 1, got " + batch);
            }
            ts = ts.withBatchSize(batch);
        }
        if (seed != null) {
            ts = ts.withSeed(seed);
        }
        if (float64) {
            ts = ts.withFloat64(true);
        }
        SizeBounds.training(data.dim(), ts.grades(), data.trainSize(), data.testSize(),
                grades != null && grades.config != null ? "--config" : "--grades");
        EndToEndTrainer.Schedule sgdlSchedule = sgdl ? sgdlSchedule(ts) : null;

        PNorm norm = PNorm.parse(p);
        TargetErrorMeasure measure = target == null ? null : targetMeasure(ts.seed(), norm);
        PrintWriter err = spec.commandLine().getErr();
        Monitor progress = verbose || (System.console() != null && !quiet) ? Monitor.lines(line -> {
            err.println(line);
            err.flush();
        }) : Monitor.NONE;
        MultiGradeTrainer mgdl = new MultiGradeTrainer(ts).withMonitor(progress);
        if (target != null) {
            mgdl.withTarget(target, measure);
        }
        TrainingResult result = mgdl.train(data);
        TrainingResult base = null;
        if (sgdl) {
            EndToEndTrainer e = new EndToEndTrainer(ts, sgdlSchedule).withMonitor(progress);
            if (target != null) {
                e.withTarget(target, measure);
            }
            base = e.train(data);
        }
        if (save != null) {
            ModelFiles.save(result, save.resolve("mgdl.json"));
            if (base != null) {
                ModelFiles.save(base, save.resolve("sgdl.json"));
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            printJson(out, result, base, preset);
        } else {
            printText(out, what, data, ts, result, base, sgdlSchedule, preset, target != null);
            if (target != null) {
                out.println("target error: ||f - (g_1+..+g_k)||_" + norm + " on [0,1]^" + data.dim() + ", "
                        + new QmcError(Construction.DEFAULT_POINTS, Construction.DEFAULT_SHIFTS, ts.seed()).method()
                        + " (seed " + ts.seed() + ")");
            }
        }
        out.flush();
    }

    /**
     * The error against a known target: {@code ||f - readout||_p} on [0,1]^d by randomized Sobol QMC with
     * {@code construct}'s defaults (1024 points x 4 shifts) and the training seed, so it is comparable with the
     * explicit network's error.
     */
    static TargetErrorMeasure targetMeasure(long seed, PNorm norm) {
        return TargetErrorMeasure.qmc(new QmcError(Construction.DEFAULT_POINTS, Construction.DEFAULT_SHIFTS, seed), norm);
    }

    private EndToEndTrainer.Schedule sgdlSchedule(TrainingSpec ts) {
        EndToEndTrainer.Schedule d = EndToEndTrainer.defaultSchedule(ts);
        int epochs = sgdlEpochs == null ? d.epochs() : sgdlEpochs;
        double max = d.lrMax();
        double min = d.lrMin();
        if (sgdlLr != null) {
            String[] f = sgdlLr.split(":", -1);
            try {
                if (f.length != 2) {
                    throw new NumberFormatException();
                }
                max = Double.parseDouble(f[0].trim());
                min = Double.parseDouble(f[1].trim());
            } catch (NumberFormatException e) {
                throw new InvalidInputException("--sgdl-lr must be MAX:MIN, e.g. 1e-2:1e-4, got '" + sgdlLr + "'");
            }
        }
        return new EndToEndTrainer.Schedule(epochs, max, min);
    }

    private static void printJson(PrintWriter out, TrainingResult r, TrainingResult base, Presets.Preset preset) {
        ObjectMapper m = new ObjectMapper();
        ObjectNode root = m.createObjectNode();
        ArrayNode g = root.putArray("grades");
        r.reports().forEach(x -> g.add(ModelFiles.reportJson(x)));
        if (base != null) {
            ObjectNode o = ModelFiles.reportJson(base.reports().get(0));
            o.remove("grade");
            root.set("sgdl", o);
        }
        if (preset != null) {
            ArrayNode p = root.putArray("publishedTestRse");
            preset.publishedTestRse().forEach(p::add);
        }
        out.println(root.toString());
    }

    private static void printText(PrintWriter out, String what, Dataset data, TrainingSpec ts, TrainingResult r,
                                  TrainingResult base, EndToEndTrainer.Schedule sched, Presets.Preset preset,
                                  boolean hasTarget) {
        out.printf(Locale.ROOT, "MGDL on %s: d = %d, %d training / %d test points, %s, seed %d, %s%n", what, data.dim(),
                data.trainSize(), data.testSize(), ts.batchSize() == 0 ? "full batch" : "batch " + ts.batchSize(),
                ts.seed(), ts.float64() ? "float64" : "float32");
        out.println("grades: " + ts.gradesString());
        out.println(hasTarget ? "grade  train RSE   test RSE    seconds  target err" : "grade  train RSE   test RSE    seconds");
        for (GradeResult g : r.reports()) {
            out.println(row(Integer.toString(g.grade()), g, hasTarget));
        }
        if (base != null) {
            out.printf(Locale.ROOT, "SGDL baseline: the same hidden layers stacked (%s), %d epochs, lr %.3g -> %.3g%n",
                    base.grades().get(0).widthsText(), sched.epochs(), sched.lrMax(), sched.lrMin());
            out.println(row("sgdl", base.reports().get(0), hasTarget));
        }
        if (preset != null) {
            List<String> p = new ArrayList<>();
            preset.publishedTestRse().forEach(v -> p.add(String.format(Locale.ROOT, "%.3g", v)));
            out.println("published test RSE per grade: " + String.join(" / ", p));
        }
    }

    private static String row(String label, GradeResult g, boolean hasTarget) {
        String s = String.format(Locale.ROOT, "%-6s %-11.3e %-11.3e %-8.2f", label, g.trainRse(), g.testRse(), g.seconds());
        return hasTarget ? s + " " + String.format(Locale.ROOT, "%.3e", g.targetError()) : s.stripTrailing();
    }
}
