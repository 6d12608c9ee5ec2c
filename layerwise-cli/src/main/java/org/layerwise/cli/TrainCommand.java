package org.layerwise.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;


import com.fasterxml.jackson.databind.node.ObjectNode;

import org.layerwise.InvalidInputException;
import org.layerwise.Monitor;
import org.layerwise.format.AtomicFiles;
import org.layerwise.construct.Construction;
import org.layerwise.measure.PNorm;
import org.layerwise.report.HtmlReport;
import org.layerwise.report.ReportOptions;
import org.layerwise.report.SpreadReport;
import org.layerwise.measure.QmcError;
import org.layerwise.function.Target;
import org.layerwise.train.Dataset;
import org.layerwise.train.EndToEndTrainer;
import org.layerwise.train.ModelFiles;
import org.layerwise.train.Presets;
import org.layerwise.train.Seeds;
import org.layerwise.train.TrainingRun;
import org.layerwise.train.TargetErrorMeasure;
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
            "Defaults for a target or data file: grades '" + TrainCommand.DEFAULT_GRADES + "', full batch, seed "
                + TrainCommand.DEFAULT_SEED + ", float32; "
                + "a target is sampled at 2000 equally spaced (d = 1) or Sobol (d > 1) training points and 1000 "
                + "random test points; a data file holds out a random 20%% for testing. A preset has its own grades, "
                + "points, schedule, precision and batch size (the batch is overridable); their published figures are "
                + "printed beside ours. Presets: xu2023-ex1, xu2023-ex2, xu2023-ex3, fangxu-decrease, fangxu-constant, "
                + "fangxu-increase.",
            "SGDL baseline (--sgdl): the grades' hidden layers stacked into one network, trained end to end with "
                + "Adam at the authors' rate 1e-3 -> 1e-4 for as many passes as MGDL made in all grades; a dead "
                + "network (a ReLU layer with no active unit on the training data, or a constant prediction) is "
                + "reported as dead, not as a result.",
            "--seeds 0-9 runs every seed (in parallel up to --threads, results as if one after another) and reports "
                + "per grade the median, quartiles, min and max of the train and test RSE."})
public final class TrainCommand implements Runnable {

    /** Grades used for a target or data file when neither --grades nor --config is given. */
    public static final String DEFAULT_GRADES = "64,64:tanh:1000:1e-2:1e-4; 32,32:relu:1000:1e-3:1e-5";

    /**
     * Seed when neither --seed, --seeds nor a config's "seed" is given: 1, as in construct, compare and measure, so
     * that a default run's target error is measured with the same QMC shifts as theirs.
     */
    public static final long DEFAULT_SEED = 1;

    static final class Source {
        @ArgGroup(exclusive = true, multiplicity = "0..1")
        TargetOptions.Source target;

        @Option(names = "--data", paramLabel = "FILE.csv",
                description = "Training data: CSV rows x1,...,xd,y (header optional).")
        Path data;

        @Option(names = "--preset", paramLabel = "NAME", description = "A published experiment: xu2023-ex1, "
                + "xu2023-ex2, xu2023-ex3, fangxu-decrease, fangxu-constant, fangxu-increase.")
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

    @Option(names = "--seed", paramLabel = "s", description = "Seed of initialisation, shuffling and test points (default " + DEFAULT_SEED + ").")
    Long seed;

    @Option(names = "--float64", description = "Train in double precision (default float32).")
    boolean float64;

    @Option(names = "--sgdl", description = "Also train the same layers stacked into one network, end to end.")
    boolean sgdl;

    @Option(names = "--sgdl-epochs", paramLabel = "N",
            description = "SGDL epochs (default: MGDL's passes over the training set in all grades).")
    Integer sgdlEpochs;

    @Option(names = "--sgdl-lr", paramLabel = "MAX:MIN",
            description = "SGDL learning-rate range (default: the authors' 1e-3:1e-4).")
    String sgdlLr;

    @Option(names = "--seeds", paramLabel = "LIST",
            description = "Run several seeds, e.g. 0-9 or 0,3,5-7, and report the spread per grade.")
    String seeds;

    @Option(names = "--threads", paramLabel = "N",
            description = "Seeds trained at once with --seeds (default: the number of cores).")
    Integer threads;

    @Option(names = "--report", paramLabel = "DIR",
            description = "With --seeds: write DIR/report.html, the spread of the test RSE per grade (a chart and the table).")
    Path report;

    @Option(names = "--domain", paramLabel = "A,B",
            description = "Sample a target's training and test points on the box [A,B]^d (default 0,1).")
    String domain;

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
                    + "(Sobol QMC, " + Construction.DEFAULT_POINTS + " points x " + Construction.DEFAULT_SHIFTS + " random shifts, seeded): p >= 1 or 'inf' (default ${DEFAULT-VALUE}).")
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
        if (seed != null && seeds != null) {
            throw new InvalidInputException("give --seed or --seeds, not both");
        }
        long[] parsedSeeds = seeds == null ? null : Seeds.parse(seeds);
        if (save != null && seeds != null) {
            throw new InvalidInputException("--save keeps one model: give --seed, not --seeds");
        }
        if (save != null) {
            AtomicFiles.checkDirectory("--save", save, "mgdl.json", "sgdl.json");
        }
        if (report != null && seeds == null) {
            throw new InvalidInputException("--report draws the spread over seeds: give --seeds");
        }
        if (report != null) {
            Outputs.of(null, report).check();
        }
        if (dim != null && source.target == null) {
            throw new InvalidInputException("--dim applies only to a formula target");
        }
        double[] box = domain == null ? new double[] {0, 1} : parseDomain(domain);
        if (domain != null && source.target == null) {
            throw new InvalidInputException("--domain applies only to a target (a preset has its own domain)");
        }
        // the data arrays alone, before any is sampled (the activations are checked with the grades below)
        SizeBounds.check("--train-points", trainPoints == null ? 0 : trainPoints, 32, "the training data");
        SizeBounds.check("--test-points", testPoints == null ? 0 : testPoints, 32, "the test data");
        Presets.Preset preset = source.preset == null ? null : Presets.get(source.preset);
        Target target = null;
        LongFunction<Presets.PresetData> data;
        TrainingSpec defaults;
        String what;
        if (preset != null) {
            if (trainPoints != null || testPoints != null) {
                throw new InvalidInputException("--train-points and --test-points do not apply to preset "
                        + preset.name() + ": it uses the authors' own points");
            }
            target = preset.target();
            data = preset::data;
            defaults = preset.spec().withSeed(DEFAULT_SEED);
            what = "preset " + preset.name() + " (" + target.name() + ")";
        } else if (source.data != null) {
            Dataset fixed = testData != null ? Dataset.fromCsv(source.data, testData) : null;
            data = s -> new Presets.PresetData(fixed != null ? fixed : Dataset.fromCsv(source.data, testFraction, s),
                    null, null);
            defaults = new TrainingSpec(TrainingSpec.parseGrades(DEFAULT_GRADES), TrainingSpec.FULL_BATCH, DEFAULT_SEED,
                    false);
            what = "data " + source.data;
        } else if (source.target != null) {
            TargetOptions opts = new TargetOptions();
            opts.source = source.target;
            opts.dim = dim;
            Target f = opts.resolve();
            target = f;
            int nTrain = trainPoints == null ? Dataset.DEFAULT_TRAIN_POINTS : trainPoints;
            int nTest = testPoints == null ? Dataset.DEFAULT_TEST_POINTS : testPoints;
            Dataset.fromTarget(f, 2, 1, 0, box[0], box[1]); // checks the domain before any training
            data = s -> new Presets.PresetData(Dataset.fromTarget(f, nTrain, nTest, s, box[0], box[1]), null, null);
            defaults = new TrainingSpec(TrainingSpec.parseGrades(DEFAULT_GRADES), TrainingSpec.FULL_BATCH, DEFAULT_SEED,
                    false);
            what = "target " + target.name() + (domain == null ? "" : " on [" + box[0] + ", " + box[1] + "]^" + f.dim());
        } else {
            throw new InvalidInputException("give a target (--target/--builtin/--image/--grid), --data or --preset");
        }
        TrainingSpec ts = defaults;
        if (grades != null && grades.config != null) {
            ts = TrainingSpec.readConfig(grades.config, defaults);
        } else if (grades != null && grades.spec != null) {
            ts = defaults.withGrades(TrainingSpec.parseGrades(grades.spec));
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
        if (threads != null && threads < 1) {
            throw new InvalidInputException("--threads must be >= 1, got " + threads);
        }
        long[] seedList = parsedSeeds != null ? parsedSeeds : new long[] {ts.seed()};
        Dataset firstData = data.apply(seedList[0]).data();
        if (source.data != null) {
            warnings(firstData).forEach(w -> {
                spec.commandLine().getErr().println("layerwise train: warning: " + w);
                spec.commandLine().getErr().flush();
            });
        }
        SizeBounds.training(firstData.dim(), ts.grades(), firstData.trainSize(), firstData.testSize(),
                grades != null && grades.config != null ? "--config" : "--grades");
        EndToEndTrainer.Schedule sgdlSchedule = sgdl ? sgdlSchedule(ts) : null;

        PNorm norm = PNorm.parse(p);
        boolean unitCube = preset != null ? preset.onUnitCube() : box[0] == 0 && box[1] == 1;
        Target measured = unitCube ? target : null;
        PrintWriter err = spec.commandLine().getErr();
        Monitor progress = verbose || (System.console() != null && !quiet) ? Monitor.lines(line -> {
            err.println(line);
            err.flush();
        }) : Monitor.NONE;
        TrainingRun experiment = new TrainingRun(data, ts, sgdlSchedule, measured, s -> targetMeasure(s, norm));
        PrintWriter out = spec.commandLine().getOut();
        TrainOutput print = new TrainOutput(what, ts, sgdlSchedule, preset, measured != null, norm);
        if (seeds == null) {
            TrainingRun.Outcome o = experiment.run(ts.seed(), progress);
            if (save != null) {
                ModelFiles.save(o.mgdl(), save.resolve("mgdl.json"));
                if (o.sgdl() != null) {
                    ModelFiles.save(o.sgdl(), save.resolve("sgdl.json"));
                }
            }
            if (json) {
                out.println(print.json(o).toString());
            } else {
                out.print(print.text(o));
                if (measured != null) {
                    out.println("target error: ||f - (g_1+..+g_k)||_" + norm + " on [0,1]^" + o.data().data().dim() + ", "
                            + new QmcError(Construction.DEFAULT_POINTS, Construction.DEFAULT_SHIFTS, ts.seed()).method()
                            + " (seed " + ts.seed() + ")");
                } else if (target != null) {
                    out.println("no target error: the data are not on [0,1]^d, where the error is measured");
                }
            }
        } else {
            int t = threads != null ? threads : Runtime.getRuntime().availableProcessors();
            List<TrainingRun.Outcome> all = experiment.runAll(seedList, t, progress);
            Path html = null;
            if (report != null) {
                List<SpreadReport.Reference> refs = new ArrayList<>();
                if (preset != null) {
                    for (Presets.Reference r : preset.references()) {
                        refs.add(new SpreadReport.Reference(r.label(), r.testRse().stream().mapToDouble(Double::doubleValue)
                                .toArray()));
                    }
                }
                SpreadReport.write(report, "MGDL over seeds: " + what, print.setupLines(all), print.spreadTable(all),
                        SpreadReport.figure(TrainOutput.testRse(all), "test RSE", refs, ReportOptions.defaults()));
                html = report.resolve(HtmlReport.FILE);
            }
            if (json) {
                ObjectNode j = print.json(all);
                if (html != null) {
                    j.put("report", html.toString());
                }
                out.println(j.toString());
            } else {
                out.print(print.text(all));
                if (html != null) {
                    out.println("report: " + html);
                }
            }
        }
        out.flush();
    }

    /** Fewest test points whose RSE is not flagged as a rough estimate. */
    static final int FEW_TEST_POINTS = 10;

    /**
     * Warnings about a data set read from files: points outside {@code [0,1]^d} (the domain of every target and of
     * the explicit construction), and an odd split (fewer training than test points, or fewer than
     * {@link #FEW_TEST_POINTS} test points).
     */
    static List<String> warnings(Dataset data) {
        List<String> out = new ArrayList<>();
        int outside = 0;
        double[] example = null;
        for (double[][] xs : new double[][][] {data.xTrain(), data.xTest()}) {
            for (double[] x : xs) {
                for (double v : x) {
                    if (!(v >= 0 && v <= 1)) {
                        outside++;
                        if (example == null) {
                            example = x;
                        }
                        break;
                    }
                }
            }
        }
        if (outside > 0) {
            out.add(outside + " of " + (data.trainSize() + data.testSize()) + " data points lie outside [0,1]^"
                    + data.dim() + ", e.g. x = " + org.layerwise.NonFiniteValueException.format(example)
                    + "; Layerwise's targets and networks live on [0,1]^d: rescale the inputs");
        }
        if (data.trainSize() < data.testSize()) {
            out.add("the split leaves fewer training points (" + data.trainSize() + ") than test points ("
                    + data.testSize() + ")");
        } else if (data.testSize() < FEW_TEST_POINTS) {
            out.add("only " + data.testSize() + " test point" + (data.testSize() == 1 ? "" : "s")
                    + ": the test RSE is a rough estimate");
        }
        return out;
    }

    /** {@code "A,B"} as two finite numbers with {@code A < B}. */
    static double[] parseDomain(String text) {
        String[] f = text.split(",", -1);
        try {
            if (f.length != 2) {
                throw new NumberFormatException();
            }
            double a = Double.parseDouble(f[0].trim());
            double b = Double.parseDouble(f[1].trim());
            if (!(Double.isFinite(a) && Double.isFinite(b) && a < b)) {
                throw new NumberFormatException();
            }
            return new double[] {a, b};
        } catch (NumberFormatException e) {
            throw new InvalidInputException("--domain must be A,B with finite A < B, e.g. -1,1, got '" + text + "'");
        }
    }

    /**
     * The error against a known target: {@code ||f - readout||_p} on [0,1]^d by randomized Sobol QMC with
     * {@code construct}'s defaults and the training seed, so it is comparable with the explicit network's error.
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
}
