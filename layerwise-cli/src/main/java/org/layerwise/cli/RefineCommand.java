package org.layerwise.cli;

import java.nio.file.Path;
import java.util.Map;

import org.layerwise.InvalidInputException;
import org.layerwise.Layerwise;
import org.layerwise.construct.ConstructionSettings;
import org.layerwise.format.Model;
import org.layerwise.format.ModelFile;
import org.layerwise.net.Network;
import org.layerwise.function.Target;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code layerwise refine}: appends levels to a saved model without changing any earlier weight. */
@Command(name = "refine", header = "Append levels to a saved model without changing any earlier weight.", mixinStandardHelpOptions = true,
        description = {"Appends levels to a saved model without changing any existing weight: rebuilds the target "
                + "from the model's target block (a changed or missing image/grid file is refused), recomputes the "
                + "old cell means (same q and quadrature level R), checks the model reproduces them, computes the new "
                + "means with quadrature level L_new and extends the network. Prints the rows of all levels. "
                + "--tol appends one level at a time (at least one) up to --levels (default L_old + "
                        + RefineCommand.TOL_EXTRA_LEVELS + ") and stops at the first whose network error is <= eps."})
public final class RefineCommand implements Runnable {

    /** Levels --tol may append when --levels is not given. */
    static final int TOL_EXTRA_LEVELS = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    OutputOptions output;

    @CommandLine.Mixin
    EvaluatorOptions evaluator;

    @CommandLine.Mixin
    MemoryOptions memory;

    @Option(names = "--model", paramLabel = "FILE", required = true, description = "The model file to refine.")
    Path model;

    @Option(names = "--levels", paramLabel = "L", description = "The new number of levels (> the model's); with --tol, the maximum.")
    Integer levels;

    @CommandLine.Mixin
    ToleranceOptions tolerance;

    @Option(names = {"--out", "--save"}, paramLabel = "FILE", description = "Where to save the refined model (default: overwrite --model, atomically).")
    Path out;

    @Override
    public void run() {
        if (levels == null && !tolerance.given()) {
            throw new InvalidInputException("refine needs --levels L or --tol eps");
        }
        double eps = tolerance.eps();
        Outputs outputs = new Outputs(out != null ? out : model, out != null ? "--out" : "--model", null, null).check();
        Model m = ModelFile.load(model);
        Network net = m.network();
        Map<String, Object> block = m.target();
        if (block.isEmpty()) {
            throw new InvalidInputException("model " + model + " has no target block; it cannot be refined");
        }
        int newLevels = levels != null ? levels : net.levels() + TOL_EXTRA_LEVELS;
        if (newLevels <= net.levels()) {
            throw new InvalidInputException("the model already has " + net.levels() + " levels; --levels must be larger, got "
                    + newLevels);
        }
        ConstructionSettings.Recorded recorded = ConstructionSettings.recorded(m);
        ConstructionSettings s = recorded.settings().withLevels(newLevels).withTolerance(eps)
                .withMemoryLimit(memory.limit()).withReference(evaluator.reference);
        Target f = recorded.target().resolve();
        Layerwise.Built built = Layerwise.refine(m, f, s, ConsoleMonitor.of(spec, output.quiet));
        ConstructionRun.finish(spec.commandLine().getOut(), f, built, eps, outputs, output.json, output.quiet);
    }
}
