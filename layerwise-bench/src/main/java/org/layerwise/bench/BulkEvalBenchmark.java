package org.layerwise.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.Writer;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.layerwise.construct.NetworkBuilder;
import org.layerwise.eval.FastExactEvaluator;
import org.layerwise.eval.PointsCsv;
import org.layerwise.grid.CellMeans;
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

/**
 * Benchmark (5): points in bulk, as {@code layerwise eval --input F --output G} runs them: 10^6 points of a
 * {@code d = 2, N = 2}, {@code L = 10} model (1 048 576 cells at level 10), read from CSV text, evaluated chunk by
 * chunk ({@link PointsCsv}, chunks evaluated in parallel) and written as CSV. Compared with the same pipeline whose
 * readouts are a plain lookup of the same means (also parallel per chunk) and, without the CSV, the evaluator's
 * {@link FastExactEvaluator#evaluate} against the plain lookup of all {@code L} readouts, both over all points.
 * Time per point. The table is seeded random means; {@code b = 64} as {@code construct} builds.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx4g")
public class BulkEvalBenchmark {

    static final int POINTS = 1_000_000;

    @Param({"10"})
    public int levels;

    @Param({"64"})
    public int bits;

    private CellMeans table;
    private FastExactEvaluator fast;
    private double[][] xs;
    private String csv;

    @Setup
    public void setUp() {
        table = Networks.randomTable(2, 2, levels, 1);
        fast = new FastExactEvaluator(NetworkBuilder.build(table, bits));
        xs = Networks.points(2, POINTS, 2);
        StringBuilder sb = new StringBuilder(POINTS * 40);
        for (double[] x : xs) {
            sb.append(x[0]).append(',').append(x[1]).append('\n');
        }
        csv = sb.toString();
    }

    /** The plain lookup of the readouts of levels 1..L of every point, in parallel. */
    private double[][] lookup(double[][] points) {
        double[][] out = new double[points.length][];
        IntStream.range(0, points.length).parallel().forEach(k -> out[k] = Networks.lookupEach(table, points[k]));
        return out;
    }

    private long pipe(PointsCsv p) throws IOException {
        CountingWriter w = new CountingWriter();
        p.run(new BufferedReader(new StringReader(csv), 1 << 16), "bench", w, PointsCsv.Format.CSV);
        return w.chars;
    }

    @Benchmark
    @OperationsPerInvocation(POINTS)
    public long csvFast() throws IOException {
        return pipe(PointsCsv.of(fast));
    }

    @Benchmark
    @OperationsPerInvocation(POINTS)
    public long csvLookup() throws IOException {
        return pipe(new PointsCsv(2, levels, this::lookup));
    }

    @Benchmark
    @OperationsPerInvocation(POINTS)
    public double[][] evaluate() {
        return fast.evaluate(xs);
    }

    @Benchmark
    @OperationsPerInvocation(POINTS)
    public double[][] lookup() {
        return lookup(xs);
    }

    /** Counts what the pipeline writes, storing nothing. */
    static final class CountingWriter extends Writer {
        long chars;

        @Override
        public void write(char[] buf, int off, int len) {
            chars += len;
        }

        @Override
        public Writer append(CharSequence s) {
            chars += s.length();
            return this;
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
