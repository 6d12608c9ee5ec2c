package org.layerwise.bench;

import java.util.concurrent.TimeUnit;

import org.layerwise.construct.NetworkBuilder;
import org.layerwise.eval.FastExactEvaluator;
import org.layerwise.net.Network;
import org.layerwise.eval.ReferenceEvaluator;
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
 * Benchmark (2): the generic exact {@link ReferenceEvaluator} against the {@link FastExactEvaluator} (same bits) per
 * point, as the table grows: {@code d = 2, N = 2, b = 64}, {@code L = 2..6} (16 to 4096 cells). The reference's cost
 * grows with {@code b N^(dL)}, the fast one's does not.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class ReferenceBenchmark {

    static final int POINTS = 16;

    @Param({"2", "3", "4", "5", "6"})
    public int levels;

    private ReferenceEvaluator reference;
    private FastExactEvaluator fast;
    private double[][] xs;

    @Setup
    public void setUp() {
        Network net = NetworkBuilder.build(Networks.randomTable(2, 2, levels, 1), 64);
        reference = new ReferenceEvaluator(net);
        fast = new FastExactEvaluator(net);
        xs = Networks.points(2, POINTS, 2);
    }

    @Benchmark
    @OperationsPerInvocation(POINTS)
    public void reference(Blackhole bh) {
        for (double[] x : xs) {
            bh.consume(reference.readouts(x));
        }
    }

    @Benchmark
    @OperationsPerInvocation(POINTS)
    public void fast(Blackhole bh) {
        for (double[] x : xs) {
            bh.consume(fast.readouts(x));
        }
    }
}
