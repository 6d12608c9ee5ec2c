package org.layerwise.cli;

import java.nio.file.Path;

import org.layerwise.InvalidInputException;
import org.layerwise.Layerwise;
import org.layerwise.construct.Construction;
import org.layerwise.construct.ConstructionSettings;
import org.layerwise.function.TargetSpec;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code layerwise construct}: builds the network of a target and measures every level (see {@link Construction}). */
@Command(name = "construct", header = "Build the nested network of a target and measure every level against its bound.", mixinStandardHelpOptions = true,
        description = {"Builds the nested network of a target (levels 1..L) and prints per level: cells, the hidden "
                + "layer its head reads, the depth so far, the bits stored for the level, the network readout error "
                + "||f - Phi_l||_p (randomized Sobol QMC, one network pass per point gives every level), the "
                + "cell-mean error ||f - A_l f||_p, omega_p(f, N^-l), the bound (2d+1)*omega and the constant "
                + "networkError/omega. Level 0 has no head: its network error is shown as '-' (null in JSON) and its "
                + "constant is meanError/omega."})
public final class ConstructCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    TargetOptions target;

    @CommandLine.Mixin
    GridOptions grid;

    @CommandLine.Mixin
    OutputOptions output;

    @CommandLine.Mixin
    EvaluatorOptions evaluator;

    @CommandLine.Mixin
    MemoryOptions memory;

    @CommandLine.Mixin
    MeanToleranceOptions meanTol;

    @Option(names = "--levels", paramLabel = "L", required = true,
            description = "Number of levels L >= 1 (the maximum with --tol); the cell means use quadrature level R = L.")
    int levels;

    @Option(names = "--bits", paramLabel = "b", defaultValue = "64", description = "Phase bits per cell (default ${DEFAULT-VALUE}).")
    int bits;

    @CommandLine.Mixin
    ToleranceOptions tolerance;

    @CommandLine.Mixin
    QmcOptions qmc;

    @Option(names = "--seed", paramLabel = "s", defaultValue = "1", description = "Seed of the random shifts (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = {"--out", "--save"}, paramLabel = "FILE", description = "Save the model to FILE, atomically.")
    Path out;

    @Option(names = "--report", paramLabel = "DIR", description = "Write the HTML report DIR/report.html.")
    Path report;

    @Option(names = "--no-measure", description = {"Build (and save) only: no per-level errors, omega or network "
            + "error, so a deep model costs about its table; prints the network's size and the cells, head layer, "
            + "depth and bits per level. Not with --tol or --report."})
    boolean noMeasure;

    @Override
    public void run() {
        double eps = tolerance.eps();
        Outputs outputs = Outputs.of(out, report).check();
        // every setting is checked before the target is read
        ConstructionSettings s = qmc.apply(grid.apply(ConstructionSettings.defaults()).withBits(checkedBits())
                .withMemoryLimit(memory.limit())).withSeed(seed).withLevels(ConstructionRun.checkedLevels(levels))
                .withTolerance(eps).withReference(evaluator.reference).withMeanTolerance(meanTol.value());
        if (noMeasure && (!Double.isNaN(eps) || report != null)) {
            throw new InvalidInputException("--no-measure builds without measuring, but "
                    + (report != null ? "--report" : "--tol") + " needs the measured errors");
        }
        TargetSpec.Described t = target.describe();
        if (noMeasure) {
            Layerwise.Built built = Layerwise.build(t.target(), t.spec(), s, ConsoleMonitor.of(spec, output.quiet));
            ConstructionRun.finishUnmeasured(spec.commandLine().getOut(), t.target(), built, outputs, output.json);
            return;
        }
        SizeBounds.qmc(qmc.points, qmc.shifts, t.target().dim(), levels);
        Layerwise.Built built = Layerwise.construct(t.target(), t.spec(), s, ConsoleMonitor.of(spec, output.quiet));
        ConstructionRun.finish(spec.commandLine().getOut(), t.target(), built, eps, outputs, output.json,
                output.quiet);
    }

    private int checkedBits() {
        if (bits < ConstructionSettings.MIN_BITS || bits > ConstructionSettings.MAX_BITS) {
            throw new InvalidInputException("--bits must be in [" + ConstructionSettings.MIN_BITS + ", "
                    + ConstructionSettings.MAX_BITS + "], got " + bits);
        }
        return bits;
    }
}
