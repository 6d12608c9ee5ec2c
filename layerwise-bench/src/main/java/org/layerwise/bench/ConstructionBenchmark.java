package org.layerwise.bench;

import java.util.concurrent.TimeUnit;

import org.layerwise.construct.NetworkBuilder;
import org.layerwise.grid.CellMeans;
import org.layerwise.grid.CellMeansBuilder;
import org.layerwise.grid.Cells;
import org.layerwise.net.Network;
import org.layerwise.function.Target;
import org.layerwise.function.Targets;
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
 * Benchmark (4): construction time against levels for {@code d = 2, N = 2, b = 64}: the cell means of the formula
 * {@code sin(2*pi*x)*cos(2*pi*y)} (4x4 Gauss-Legendre) and the network built from them. Each level multiplies the
 * cells by 4; the model-size ratio (model file bits / {@code b} x cells) is printed by {@link Ratios}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = "-Xmx4g")
public class ConstructionBenchmark {

    @Param({"2", "3", "4", "5", "6", "7"})
    public int levels;

    private Target target;
    private CellMeansBuilder means;

    @Setup
    public void setUp() {
        target = Targets.formula("sin(2*pi*x)*cos(2*pi*y)", 2);
        means = CellMeansBuilder.of(new Cells(2, 2));
    }

    @Benchmark
    public Network construct() {
        CellMeans table = means.build(target, levels);
        return NetworkBuilder.build(table, 64);
    }
}
