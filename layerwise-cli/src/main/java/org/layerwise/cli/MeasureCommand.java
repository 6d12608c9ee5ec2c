package org.layerwise.cli;

import java.io.PrintWriter;

import org.layerwise.InvalidInputException;
import org.layerwise.construct.ConstructionReport;
import org.layerwise.construct.LevelMeasures;
import org.layerwise.grid.CellMeansBuilder;
import org.layerwise.grid.Cells;
import org.layerwise.measure.CellMeanError;
import org.layerwise.measure.ModulusOfContinuity;
import org.layerwise.measure.PNorm;
import org.layerwise.function.Target;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code layerwise measure}: per level {@code l = 0..L}, the cell-mean error {@code ||f - A_l f||_p},
 * the lower bound and estimate of {@code omega_p(f, N^-l)}, the bound {@code (2d+1) omega} and the achieved constant.
 */
@Command(name = "measure", header = "Cell-mean error, modulus of continuity and the bound (2d+1) omega_p per level.", mixinStandardHelpOptions = true,
        description = {"Measures, per level l = 0..L, the error of the cell-mean approximation ||f - A_l f||_p, "
                + "the modulus of continuity omega_p(f, N^-l) (a rigorous lower bound at the best shift found, and "
                + "the estimate at that shift), the bound (2d+1)*omega and the constant error/omega. For formula, "
                + "built-in, image and grid targets the errors are enclosures and the constant an upper bound; "
                + "for Java functions every number is an estimate."})
public final class MeasureCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    TargetOptions target;

    @CommandLine.Mixin
    GridOptions grid;

    @CommandLine.Mixin
    MeanToleranceOptions meanTol;

    @Option(names = "--levels", paramLabel = "L", required = true, description = "Deepest level L >= 0.")
    int levels;

    @Option(names = "--seed", paramLabel = "s", defaultValue = "1", description = "Seed of the random shifts of omega (default ${DEFAULT-VALUE}).")
    long seed;

    @CommandLine.Mixin
    MemoryOptions memory;

    @Option(names = "--omega-points", paramLabel = "n", defaultValue = "8192",
            description = "Sobol points per shift for omega (default ${DEFAULT-VALUE}).")
    int omegaPoints;

    @Option(names = "--min-cells", paramLabel = "n", defaultValue = "4096",
            description = "Integrate the mean error on a level with at least n cells (default ${DEFAULT-VALUE}).")
    long minCells;

    @CommandLine.Mixin
    OutputOptions output;

    @Override
    public void run() {
        PNorm norm = grid.norm();
        double rel = meanTol.value();
        if (levels < 0) {
            throw new InvalidInputException("--levels must be >= 0, got " + levels);
        }
        new Cells(1, grid.base); // validates N before the target is read
        CellMeanError meanError = new CellMeanError(grid.quadrature, minCells); // validates q
        ModulusOfContinuity modulus = new ModulusOfContinuity(omegaPoints, ModulusOfContinuity.DEFAULT.directions(), seed);
        long limit = memory.limit();
        Target f = target.resolve();
        SizeBounds.check("--omega-points", omegaPoints, SizeBounds.sobolPointBytes(f.dim()), "the Sobol points of omega");
        // the finest integration level has up to N^d min-cells sub-cells, two 8-byte partial sums per block of 1024
        SizeBounds.check("--min-cells", minCells, 16.0 * Math.pow(grid.base, f.dim()) / 1024,
                "the partial sums of the mean-error integral");
        CellMeansBuilder means = CellMeansBuilder.of(new Cells(f.dim(), grid.base))
                .withQuadraturePoints(grid.quadrature).withMemoryLimit(limit).withMeanTolerance(rel);
        means.checkMemory(levels);
        ConstructionReport report = new LevelMeasures(meanError, modulus, means).measure(f, levels, norm,
                ConsoleMonitor.of(spec, output.quiet));
        PrintWriter out = spec.commandLine().getOut();
        if (output.json) {
            out.println(LevelTable.jsonText(report));
        } else {
            out.print(LevelTable.text(report, LevelTable.measureColumns()));
        }
        out.flush();
    }
}
