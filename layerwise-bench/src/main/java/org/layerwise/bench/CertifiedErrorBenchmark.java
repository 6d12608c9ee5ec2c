package org.layerwise.bench;

import java.util.concurrent.TimeUnit;

import org.layerwise.construct.LevelMeasures;
import org.layerwise.construct.LevelReport;
import org.layerwise.function.BuiltinCatalog;
import org.layerwise.function.Target;
import org.layerwise.grid.CellMeans;
import org.layerwise.grid.CellMeansBuilder;
import org.layerwise.grid.Cells;
import org.layerwise.measure.CellMeanError;
import org.layerwise.measure.CertifiedNorms;
import org.layerwise.measure.ModulusOfContinuity;
import org.layerwise.measure.PNorm;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Benchmark: one measured row of level {@code L} ({@code N = 2}, {@code p = 2}) of a built-in 2-D target, with
 * and without the certified numbers. {@code estimates}: the Gauss-Legendre cell-mean error and the omega search
 * (today's row); {@code certified}: the same row with its {@link org.layerwise.construct.Certificate} (error
 * enclosure of the table, rigorous lower bound of omega). Ratio of interest:
 * {@code time(certified) / time(estimates)} (goal {@code <= 3}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1, time = 1)
@Measurement(iterations = 2, time = 1)
@Fork(1)
public class CertifiedErrorBenchmark {

    @Param({"cone2d", "ripple2d"})
    public String target;

    @Param({"10"})
    public int level;

    private Target f;
    private CellMeans table;
    private LevelMeasures measures;

    @Setup
    public void setUp() {
        f = BuiltinCatalog.get(target);
        CellMeansBuilder b = CellMeansBuilder.of(new Cells(2, 2));
        table = b.build(f, level);
        measures = new LevelMeasures(CellMeanError.DEFAULT, ModulusOfContinuity.DEFAULT, b, CertifiedNorms.DEFAULT);
    }

    @Benchmark
    public Object estimates() {
        return new Object[] {CellMeanError.DEFAULT.error(f, table, level, PNorm.TWO),
                ModulusOfContinuity.DEFAULT.search(f, Math.pow(2, -level), PNorm.TWO)};
    }

    @Benchmark
    public LevelReport certified() {
        return measures.row(f, table, level, PNorm.TWO, 2);
    }
}
