package org.layerwise.cli;

import java.nio.file.Path;

import org.layerwise.Layerwise;
import org.layerwise.construct.ConstructionSettings;
import org.layerwise.function.TargetSpec;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code layerwise demo}: the main job on an embedded default target, with model and HTML report. */
@Command(name = "demo", header = "The main job: construct ripple2d, print the table, write model and HTML report.", mixinStandardHelpOptions = true,
        description = {"Constructs the network of the built-in target '" + DemoCommand.TARGET + "' (d = 2, Lipschitz) "
                + "with N = 2, p = 2 and " + DemoCommand.DEFAULT_LEVELS + " levels (10-15 s on 2 cores with certified "
                + "means and errors, measured), prints the per-level table of 'construct', saves "
                + "DIR/model.json and writes the report DIR/report.html."})
public final class DemoCommand implements Runnable {

    /** The demo target. */
    static final String TARGET = "ripple2d";
    /**
     * Default levels, measured on a 2-core machine with certified cell means and certified error rows: L = 9 took
     * 10.0-13.8 s wall, 19-26 s CPU, 266-282 MB peak RSS in three runs with other jobs on the machine (load 1-1.5;
     * 2026-12-02, after the lane tapes of the error rows and the cell-mean error read off its enclosure). L = 10 has 4 times the cells and would take about 40 s, over the 30 s the demo is
     * meant to take. Before certification L = 11 took 12-21 s.
     */
    static final int DEFAULT_LEVELS = 9;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = {"--report", "--out"}, paramLabel = "DIR", defaultValue = "layerwise-report",
            description = "Output folder: DIR/model.json and the report DIR/report.html (default ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--json", description = "Print one JSON object instead of the table.")
    boolean json;

    @Option(names = "--levels", paramLabel = "L", defaultValue = "" + DEFAULT_LEVELS,
            description = "Number of levels (default ${DEFAULT-VALUE}).")
    int levels;

    @CommandLine.Mixin
    MemoryOptions memory;

    @CommandLine.Mixin
    MeanToleranceOptions meanTol;

    @Option(names = "--quiet", description = "No progress bars.")
    boolean quiet;

    @CommandLine.Mixin
    EvaluatorOptions evaluator;

    @Override
    public void run() {
        Outputs outputs = new Outputs(out.resolve("model.json"), "--report", out, "--report").check();
        TargetSpec.Described t = TargetSpec.builtin(TARGET);
        // the defaults are the demo's settings: N = 2, p = 2, b = 64, q = 4, the default QMC sizes, seed 1
        ConstructionSettings s = ConstructionSettings.defaults().withMemoryLimit(memory.limit())
                .withLevels(ConstructionRun.checkedLevels(levels)).withReference(evaluator.reference)
                .withMeanTolerance(meanTol.value());
        Layerwise.Built built = Layerwise.construct(t.target(), t.spec(), s, ConsoleMonitor.of(spec, quiet));
        ConstructionRun.finish(spec.commandLine().getOut(), t.target(), built, Double.NaN, outputs, json, quiet);
    }
}
