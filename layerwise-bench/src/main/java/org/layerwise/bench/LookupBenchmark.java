package org.layerwise.bench;

import java.util.concurrent.TimeUnit;

import org.layerwise.construct.NetworkBuilder;
import org.layerwise.grid.CellMeans;
import org.layerwise.eval.FastExactEvaluator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Benchmark (1): the fast exact evaluator against a plain table lookup, per point (all {@code L} levels; divide by
 * {@code L} for per point and level), as the table grows: {@code d = 2, N = 2}, {@code L = 4, 6, 8, 10} levels, i.e.
 * 256 to about 10^6 cells at the finest level. Goal: the fast evaluator within 10x of the lookup, flat in the size.
 * The network is built from seeded random means with {@code b = 50} (a faster build than 64: the phases are then
 * computed in doubles; the evaluator reads 53 bits of a window whatever {@code b} is).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "-Xmx4g")
public class LookupBenchmark {

    static final int POINTS = 1024;

    @Param({"4", "6", "8", "10"})
    public int levels;

    @Param({"50"})
    public int bits;

    private CellMeans table;
    private FastExactEvaluator fast;
    private double[][] xs;

    @Setup
    public void setUp() {
        table = Networks.randomTable(2, 2, levels, 1);
        fast = new FastExactEvaluator(NetworkBuilder.build(table, bits));
        xs = Networks.points(2, POINTS, 2);
    }

    @Benchmark
    @OperationsPerInvocation(POINTS)
    public void fast(Blackhole bh) {
        for (double[] x : xs) {
            bh.consume(fast.readouts(x));
        }
    }

    @Benchmark
    @OperationsPerInvocation(POINTS)
    public void lookup(Blackhole bh) {
        for (double[] x : xs) {
            bh.consume(Networks.lookupAll(table, x));
        }
    }
}
