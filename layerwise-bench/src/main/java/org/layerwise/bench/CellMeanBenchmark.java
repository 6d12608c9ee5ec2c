package org.layerwise.bench;

import java.util.concurrent.TimeUnit;

import org.layerwise.grid.CellMeans;
import org.layerwise.grid.CellMeansBuilder;
import org.layerwise.grid.Cells;
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
 * Benchmark (3): the cell-mean table of a 2-D target ({@code N = 2}, levels 0..{@code level}, 4x4 Gauss-Legendre
 * points per cell) with the target given as a formula (compiled tree), as a hand-written Java lambda, and through
 * exp4j's interpreter. Ratio of interest: {@code time(lambda) / time(formula)}, the formula's throughput relative
 * to Java (goal >= 0.5).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CellMeanBenchmark {

    @Param({"sin(2*pi*x)*cos(2*pi*y)", "exp(-(x^2 + y^2))", "x*y + x^2 - 0.5*y"})
    public String formula;

    @Param({"6"})
    public int level;

    private CellMeansBuilder builder;
    private Target compiled;
    private Target lambda;
    private Target interpreted;

    @Setup
    public void setUp() {
        builder = CellMeansBuilder.of(new Cells(2, 2));
        compiled = Targets.formula(formula, 2);
        lambda = JavaTargets.of(formula);
        interpreted = new Exp4jTarget(formula);
    }

    @Benchmark
    public CellMeans formula() {
        return builder.build(compiled, level);
    }

    @Benchmark
    public CellMeans lambda() {
        return builder.build(lambda, level);
    }

    @Benchmark
    public CellMeans exp4j() {
        return builder.build(interpreted, level);
    }
}
