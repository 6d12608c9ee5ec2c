package org.layerwise.bench;

import java.util.concurrent.TimeUnit;

import org.layerwise.function.BuiltinCatalog;
import org.layerwise.function.Target;
import org.layerwise.grid.CellMeans;
import org.layerwise.grid.CellMeansBuilder;
import org.layerwise.grid.Cells;
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
 * Benchmark: the table of cell means of a built-in 2-D target, levels {@code 0..L} ({@code N = 2}; {@code L = 10}:
 * 1M cells at the deepest level), side by side in one run:
 * <ul>
 *   <li>{@code certified}: what {@code construct} computes today, an enclosure of every cell's true mean on every
 *       level ({@link org.layerwise.grid.MeanEnclosures}, default tolerance, nested by construction);</li>
 *   <li>{@code gauss}: the former rule, 4 x 4 Gauss-Legendre points on every cell of level {@code L} and the coarser
 *       levels aggregated from it (an estimate; {@link CellMeansBuilder#withQuadratureLevel}).</li>
 * </ul>
 * Ratio of interest (printed by {@link Ratios} as {@code gaussVsCertified}): {@code time(certified) / time(gauss)},
 * goal {@code <= 2} on smooth targets.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class CertifiedMeanBenchmark {

    @Param({"cone2d", "ripple2d"})
    public String target;

    @Param({"10"})
    public int level;

    private Target f;
    private CellMeansBuilder certified;
    private CellMeansBuilder gauss;

    @Setup
    public void setUp() {
        f = BuiltinCatalog.get(target);
        certified = CellMeansBuilder.of(new Cells(2, 2));
        gauss = certified.withQuadratureLevel(level);
    }

    @Benchmark
    public CellMeans certified() {
        return certified.build(f, level);
    }

    @Benchmark
    public CellMeans gauss() {
        return gauss.build(f, level);
    }
}
