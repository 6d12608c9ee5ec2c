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
import org.layerwise.construct.Construction;
import org.layerwise.construct.ConstructionSettings;
import org.layerwise.report.Comparison;
import org.layerwise.report.ComparisonReport;
import org.layerwise.report.HtmlReport;
import org.layerwise.report.NetworkSampler;
import org.layerwise.report.Progress;
import org.layerwise.report.ReportOptions;
import org.layerwise.function.Target;
import org.layerwise.train.Comparisons;
import org.layerwise.train.Dataset;
import org.layerwise.train.Seeds;
import org.layerwise.train.GradeSpec;
import org.layerwise.train.TrainingSpec;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code layerwise compare}: the explicit network against multi-grade (MGDL) and end-to-end (SGDL) training on one
 * target with {@code L} levels. MGDL trains one grade per level; SGDL trains the same layers stacked; the explicit
 * network is {@code construct}'s. All errors are {@code ||f - readout||_p} on {@code [0,1]^d} from one
 * {@link org.layerwise.measure.QmcError} (the construction's): the same Sobol points and random shifts for every
 * readout, so the comparison is fair.
 */
@Command(name = "compare", mixinStandardHelpOptions = true,
        header = "Compare the explicit network with MGDL and SGDL training, level by level, at the same points.",
        description = {"Compares, level by level, the explicit network (as 'construct' builds it) with multi-grade "
                + "training (MGDL, one grade per level: L grades) and the same layers trained end to end (SGDL).",
                "Prints per level l = grade k: the explicit error ||f - Phi_l||_p, the bound (2d+1) omega_p(f, N^-l), "
                + "the MGDL error ||f - (g_1+..+g_k)||_p, the SGDL error (row L) and the seconds of each method. All "
                + "errors: randomized Sobol QMC with the same points and shifts (--points, --shifts, --seed).",
                "Default grades (--grades default): grade 1 '" + CompareCommand.FIRST_GRADE + "', grades 2..L '"
                        + CompareCommand.LATER_GRADE + "'; full batch on " + Dataset.DEFAULT_TRAIN_POINTS
                        + " training points (equally spaced for d = 1, Sobol otherwise), float32. Measured: a 1-D "
                + "target with L = 4 takes about 10-15 s on 2 cores (SGDL trains the sum of the grades' epochs).",
                "A --grades spec has either one grade (repeated L times) or exactly L grades."})
public final class CompareCommand implements Runnable {

    /** Default first grade ({@link Comparisons#FIRST_GRADE}). */
    static final String FIRST_GRADE = Comparisons.FIRST_GRADE;
    /** Default grades 2..L ({@link Comparisons#LATER_GRADE}). */
    static final String LATER_GRADE = Comparisons.LATER_GRADE;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    TargetOptions target;

    @CommandLine.Mixin
    GridOptions grid;

    @CommandLine.Mixin
    MeanToleranceOptions meanTol;

    @CommandLine.Mixin
    OutputOptions output;

    @CommandLine.Mixin
    EvaluatorOptions evaluator;

    @CommandLine.Mixin
    MemoryOptions memory;

    @Option(names = "--levels", paramLabel = "L", required = true,
            description = "Number of levels L >= 1 of the explicit network = number of MGDL grades.")
    int levels;

    @Option(names = "--grades", paramLabel = "SPEC", defaultValue = "default",
            description = "MGDL grades 'widths:activation:epochs:lrMax:lrMin; ...': one grade (used for every level) "
                    + "or exactly L, or 'default' (see above).")
    String grades;

    @Option(names = "--seed", paramLabel = "s", defaultValue = "1",
            description = "Seed of the QMC shifts, omega, the training initialisation and test points (default ${DEFAULT-VALUE}).")
    long seed;

    @CommandLine.Mixin
    QmcOptions qmc;

    @Option(names = "--train-points", paramLabel = "n", defaultValue = "" + Dataset.DEFAULT_TRAIN_POINTS,
            description = "Training points sampled from the target (default ${DEFAULT-VALUE}).")
    int trainPoints;

    @Option(names = "--report", paramLabel = "DIR", description = "Write the HTML report DIR/report.html.")
    Path report;

    @Option(names = "--seeds", paramLabel = "LIST",
            description = "Train MGDL and SGDL once per seed (e.g. 0-9) and report per level the median, quartiles, "
                    + "min and max of their errors; the explicit network and the QMC points use --seed.")
    String seeds;

    @Option(names = "--threads", paramLabel = "N",
            description = "Seeds trained at once with --seeds (default: the number of cores).")
    Integer threads;

    @Option(names = "--report-times", description = "Also show wall-clock times in the report (its bytes then "
            + "differ between runs).")
    boolean reportTimes;

    /**
     * Progress of the seeds, every line naming its seed ({@code "seed s: "}): on a terminal one bar per task when the
     * seeds run one after another, and the trainers' notes as lines ({@code "layerwise compare: seed 2: grade 1
     * epoch 100/1000"}, ...) when several run at once (bars of parallel seeds would overwrite each other); without a
     * terminal one line per task ({@code "layerwise compare: seed 2: MGDL..."}); nothing with {@code --quiet}.
     */
    private org.layerwise.Monitor seedProgress(boolean parallel) {
        if (parallel && !output.quiet && System.console() != null) {
            PrintWriter err = spec.commandLine().getErr();
            String prefix = Main.prefix(spec.commandLine());
            return org.layerwise.Monitor.lines(line -> {
                err.println(prefix + ": " + line);
                err.flush();
            });
        }
        return ConsoleMonitor.of(spec, output.quiet);
    }

    @Override
    public void run() {
        if (levels < 1) {
            throw new InvalidInputException("--levels must be >= 1, got " + levels);
        }
        List<GradeSpec> gradeSpecs = gradeSpecs(grades, levels);
        Outputs.of(null, report).check();
        // every setting is checked before the target is read
        ConstructionSettings settings = qmc.apply(grid.apply(ConstructionSettings.defaults())
                .withMemoryLimit(memory.limit())).withSeed(seed).withReference(evaluator.reference)
                .withMeanTolerance(meanTol.value());
        if (trainPoints < 2) {
            throw new InvalidInputException("--train-points must be >= 2, got " + trainPoints);
        }
        Target f = target.resolve();
        SizeBounds.qmc(qmc.points, qmc.shifts, f.dim(), levels);
        SizeBounds.training(f.dim(), gradeSpecs, trainPoints, Dataset.DEFAULT_TEST_POINTS, "--grades");
        Construction c = settings.construction(f.dim());
        PrintWriter err = spec.commandLine().getErr();
        if (seeds != null) {
            long[] list = Seeds.parse(seeds);
            if (threads != null && threads < 1) {
                throw new InvalidInputException("--threads must be >= 1, got " + threads);
            }
            int t = threads != null ? threads : Runtime.getRuntime().availableProcessors();
            Comparisons.SeedsResult all = Comparisons.runSeeds(c, f, levels, gradeSpecs, list, trainPoints, t,
                    ConsoleMonitor.of(spec, output.quiet), seedProgress(t > 1 && list.length > 1));
            Path full = null;
            if (report != null) {
                // the spread goes to DIR/report.html, the full comparison of the median seed beside it
                int median = all.medianIndex();
                long s = all.outcomes().get(median).seed();
                full = report.resolve("seed-" + s);
                writeReport(full, all.forSeed(median, c, f), f, false);
            }
            CompareSeeds.print(spec.commandLine().getOut(), all, c, report, full, output.json);
            return;
        }
        Comparisons.Result run = Comparisons.run(c, f, levels, gradeSpecs, seed, trainPoints,
                ConsoleMonitor.of(spec, output.quiet));
        Comparison.Seconds times = seconds(run);
        Comparison cmp = comparison(run, reportTimes);
        Path html = report == null ? null : writeReport(report, run, f, reportTimes);
        PrintWriter out = spec.commandLine().getOut();
        if (output.json) {
            out.println(json(cmp, times, html).toString());
        } else {
            out.print(text(cmp, times, c));
            if (html != null) {
                out.println("report: " + html);
            }
        }
        out.flush();
        err.flush();
    }

    private static Comparison.Seconds seconds(Comparisons.Result run) {
        return new Comparison.Seconds(run.explicitSeconds(), run.mgdlSeconds(), run.sgdlSeconds(), run.gradeSeconds());
    }

    private static Comparison comparison(Comparisons.Result run, boolean withTimes) {
        return new Comparison(run.explicit().report(), run.mgdlErrors(), run.sgdlError(), run.gradeSpecs(),
                run.sgdlText(), run.trainingText(), withTimes ? seconds(run) : null);
    }

    /** Writes the full comparison report of {@code run} into {@code dir}; returns {@code dir/report.html}. */
    private Path writeReport(Path dir, Comparisons.Result run, Target f, boolean withTimes) {
        ReportOptions opts = ReportOptions.defaults();
        try (Progress bar = Progress.console("report", ComparisonReport.samplePoints(f.dim(), opts), output.quiet)) {
            ComparisonReport.write(dir, comparison(run, withTimes),
                    new NetworkSampler(f, run.explicit().evaluator().evaluator()),
                    new TrainedSampler(f, run.mgdl()), new TrainedSampler(f, run.sgdl()), opts, bar);
        }
        return dir.resolve(HtmlReport.FILE);
    }

    /**
     * The grades for {@code levels} ({@link Comparisons#grades}), with the mismatch named by the options.
     */
    static List<GradeSpec> gradeSpecs(String text, int levels) {
        if (!text.trim().equalsIgnoreCase("default")) {
            int n = TrainingSpec.parseGrades(text).size();
            if (n != 1 && n != levels) {
                throw new InvalidInputException("--grades has " + n + " grades but --levels is " + levels
                        + "; give one grade per level, or a single grade to use for every level");
            }
        }
        return Comparisons.grades(text, levels);
    }

    /** The text output: setup lines, the table per level / grade and the seconds. */
    static String text(Comparison c, Comparison.Seconds s, Construction construction) {
        var r = c.explicit();
        StringBuilder sb = new StringBuilder();
        sb.append("compare on target ").append(r.targetName()).append(": d = ").append(r.dim()).append(", N = ")
                .append(r.base()).append(", L = ").append(r.levels()).append(", p = ").append(r.p()).append('\n');
        sb.append("errors: ||f - readout||_").append(r.p()).append(" on [0,1]^").append(r.dim()).append(", ")
                .append(c.sgdl().method()).append(" (seed ").append(construction.qmc().seed()).append(")")
                .append(c.sameMeasurement() ? ", the same points for all three methods" : ", NOT the same for all")
                .append('\n');
        sb.append("MGDL grades: ").append(String.join("; ", c.grades())).append('\n');
        sb.append("SGDL: ").append(c.sgdlNetwork()).append('\n');
        List<String[]> lines = new ArrayList<>();
        lines.add(new String[] {"level", "cells", "explicit ||f-Phi_l||", "bound (2d+1)*omega", "MGDL ||f-(g_1+..+g_k)||",
            "SGDL ||f-g||", "MGDL grade s"});
        for (int l = 1; l <= c.levels(); l++) {
            lines.add(new String[] {Integer.toString(l), Long.toString(c.row(l).cells()),
                LevelTable.number(c.explicitError(l).value()), LevelTable.number(c.row(l).bound()),
                LevelTable.number(c.mgdl().get(l - 1).value()),
                l == c.levels() ? LevelTable.number(c.sgdl().value()) : "-",
                String.format(Locale.ROOT, "%.2f", s.grades().get(l - 1))});
        }
        sb.append(LevelTable.aligned(lines));
        sb.append(String.format(Locale.ROOT, "seconds: explicit %.2f, MGDL %.2f, SGDL %.2f%n", s.explicit(), s.mgdl(),
                s.sgdl()));
        return sb.toString();
    }

    /**
     * {@code {"target", "dim", "base", "levels", "p", "method", "points", "rows": [{"level", "cells", "explicitError",
     * "explicitErrorSe", "bound", "omega", "mgdlError", "mgdlErrorSe"}], "sgdlError", "sgdlErrorSe",
     * "seconds": {"explicit", "mgdl", "sgdl"}, "grades": [..], "report"}}.
     */
    static ObjectNode json(Comparison c, Comparison.Seconds s, Path html) {
        var r = c.explicit();
        ObjectNode root = new ObjectMapper().createObjectNode();
        root.put("target", r.targetName());
        root.put("dim", r.dim());
        root.put("base", r.base());
        root.put("levels", r.levels());
        LevelTable.putP(root, r.p());
        root.put("method", c.sgdl().method());
        root.put("points", c.sgdl().points());
        root.put("sameMeasurement", c.sameMeasurement());
        ArrayNode rows = root.putArray("rows");
        for (int l = 1; l <= c.levels(); l++) {
            ObjectNode row = rows.addObject();
            row.put("level", l);
            row.put("cells", c.row(l).cells());
            row.put("explicitError", c.explicitError(l).value());
            row.put("explicitErrorSe", c.explicitError(l).standardError());
            row.put("bound", c.row(l).bound());
            row.put("omega", c.row(l).omega().value());
            row.put("mgdlError", c.mgdl().get(l - 1).value());
            row.put("mgdlErrorSe", c.mgdl().get(l - 1).standardError());
            row.put("mgdlSeconds", s.grades().get(l - 1));
        }
        root.put("sgdlError", c.sgdl().value());
        root.put("sgdlErrorSe", c.sgdl().standardError());
        ObjectNode sec = root.putObject("seconds");
        sec.put("explicit", s.explicit());
        sec.put("mgdl", s.mgdl());
        sec.put("sgdl", s.sgdl());
        ArrayNode g = root.putArray("grades");
        c.grades().forEach(g::add);
        root.put("sgdl", c.sgdlNetwork());
        if (html != null) {
            root.put("report", html.toString());
        }
        return root;
    }
}
