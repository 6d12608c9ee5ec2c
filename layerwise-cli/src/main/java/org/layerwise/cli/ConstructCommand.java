package org.layerwise.cli;

import java.nio.file.Path;

import org.layerwise.InvalidInputException;
import org.layerwise.construct.Construction;
import org.layerwise.construct.LevelMeasures;
import org.layerwise.grid.CellMeansBuilder;
import org.layerwise.grid.Cells;
import org.layerwise.measure.CellMeanError;
import org.layerwise.measure.ModulusOfContinuity;
import org.layerwise.measure.PNorm;
import org.layerwise.measure.QmcError;
import org.layerwise.function.TargetSpec;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code layerwise construct}: builds the network of a target and measures every level (see {@link Construction}). */
@Command(name = "construct", header = "Build the nested network of a target and measure every level against its bound.", mixinStandardHelpOptions = true,
        description = {"Builds the nested network of a target (levels 1..L) and prints per level: cells, the hidden",
                "layer its head reads, the depth so far, the bits stored for the level, the network readout error",
                "||f - Phi_l||_p (randomized Sobol QMC, one network pass per point gives every level), the",
                "cell-mean error ||f - A_l f||_p, omega_p(f, N^-l), the bound (2d+1)*omega and the constant",
                "networkError/omega. Level 0 has no head: its network error is shown as '-' (null in JSON) and its",
                "constant is meanError/omega."})
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

    @Option(names = "--levels", paramLabel = "L", required = true,
            description = "Number of levels L >= 1 (the maximum with --tol); every level's cell means are computed on"
                    + " their own, so levels <= L do not depend on L.")
    int levels;

    @Option(names = "--bits", paramLabel = "b", defaultValue = "64", description = "Phase bits per cell (default ${DEFAULT-VALUE}).")
    int bits;

    @CommandLine.Mixin
    ToleranceOptions tolerance;

    @CommandLine.Mixin
    QmcOptions qmc;

    @Option(names = "--seed", paramLabel = "s", defaultValue = "1", description = "Seed of the random shifts (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", paramLabel = "FILE", description = "Save the model (JSON) to FILE, atomically.")
    Path out;

    @Option(names = "--report", paramLabel = "DIR", description = "Write the HTML report DIR/report.html.")
    Path report;

    @Override
    public void run() {
        double eps = tolerance.eps();
        Outputs outputs = Outputs.of(out, report).check();
        construction(grid.base, grid.norm(), bits, grid.quadrature, qmc.points, qmc.shifts, seed, target.dimOrOne(),
                memory.limit());
        TargetSpec.Described t = target.describe();
        SizeBounds.qmc(qmc.points, qmc.shifts, t.target().dim(), levels);
        Construction c = construction(grid.base, grid.norm(), bits, grid.quadrature, qmc.points, qmc.shifts, seed,
                t.target().dim(), evaluator.reference, memory.limit()).withMeanTolerance(grid.meanTol);
        if (levels < 1) {
            throw new InvalidInputException("a network needs --levels >= 1, got " + levels);
        }
        Construction.Result result = c.construct(t.target(), levels, eps, new ConsoleMonitor(output.quiet));
        ConstructionRun.finish(spec.commandLine().getOut(), t.target(), result,
                c.targetBlock(t.spec(), result), eps, outputs, output.json, output.quiet);
    }

    /**
     * The construction settings, with {@code memory} the limit in bytes of the table of cell means; validates them
     * before any target is read.
     */
    static Construction construction(int base, PNorm p, int bits, int q, int points, int shifts, long seed, int dim,
                                     long memory) {
        return construction(base, p, bits, q, points, shifts, seed, dim, false, memory);
    }

    /** As above; {@code reference} forces the reference evaluator. */
    static Construction construction(int base, PNorm p, int bits, int q, int points, int shifts, long seed, int dim,
                                     boolean reference, long memory) {
        if (bits < 2 || bits > 4096) {
            throw new InvalidInputException("--bits must be in [2, 4096], got " + bits);
        }
        Cells cells = new Cells(dim, base);
        LevelMeasures m = new LevelMeasures(new CellMeanError(q, CellMeanError.DEFAULT.minimumCells()),
                ModulusOfContinuity.DEFAULT.withSeed(seed), CellMeansBuilder.of(cells).withQuadraturePoints(q)
                        .withMemoryLimit(memory));
        return new Construction(m, new QmcError(points, shifts, seed), p, bits, reference);
    }
}
