package org.layerwise.train;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

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
 * Benchmark (8): the float64 training kernel {@link Dense#mulAdd} (used by {@code DenseFitter} for every float64
 * run) on the products of a minibatch step of {@code xu2023-ex1}'s first grade (batch 32, a 256 x 256 hidden layer),
 * 2^21 multiply-adds each: {@code forward} = {@code z (32 x 256) += h (32 x 256) W (256 x 256)} (the backward
 * {@code delta W^T} has the same shape), {@code gradient} = {@code gW (256 x 256) += h^T delta} (the transpose of
 * {@code h}, then the product, as {@code DenseFitter} does). Benchmark (9), {@link #step}: a whole minibatch step per
 * grade of the preset ({@link Step}), the figure that decides the training time.
 *
 * <p>Why the kernel is what it is: a simpler loop nest (two rows of {@code c} per pass over one row of {@code b},
 * {@code c0[j] += x0 b[p][j]; c1[j] += x1 b[p][j]}, the same bits) ran 1.9-2.0x faster than {@link Dense#mulAdd} in
 * {@code forward} and {@code gradient} here, alone, but 0.54-0.78x as fast inside the whole step (old and new step
 * interleaved in one JVM, grades 1 and 2): the step's working set (weights, gradients, Adam moments, about 2.5 MB
 * for grade 1) evicts the 512 kB of {@code W} that the simple nest streams once per row pair, while
 * {@link Dense#mulAdd} keeps a 64-row slice of {@code W} hot. Judge a kernel by {@link #step}, not by the products.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "-Xmx1g")
public class DenseKernelBenchmark {

    static final int BATCH = 32;
    static final int WIDTH = 256;

    static double[][] random(int rows, int cols, SplittableRandom r) {
        double[][] a = new double[rows][cols];
        for (double[] row : a) {
            for (int j = 0; j < cols; j++) {
                row[j] = r.nextDouble() - 0.5;
            }
        }
        return a;
    }

    /** The operands of one product (see the class comment). */
    @State(Scope.Thread)
    public static class Product {
        @Param({"forward", "gradient"})
        public String product;

        private double[][] h;
        private double[][] w;
        private double[][] delta;
        private double[][] ht;
        private double[][] c;

        @Setup
        public void setUp() {
            SplittableRandom r = new SplittableRandom(12);
            h = random(BATCH, WIDTH, r);
            w = random(WIDTH, WIDTH, r);
            delta = random(BATCH, WIDTH, r);
            ht = new double[WIDTH][BATCH];
            c = product.equals("forward") ? new double[BATCH][WIDTH] : new double[WIDTH][WIDTH];
        }
    }

    /** {@link Dense#mulAdd} on the product's operands. */
    @Benchmark
    public double[][] kernel(Product s) {
        if (s.product.equals("forward")) {
            Dense.mulAdd(s.h, BATCH, WIDTH, s.w, s.c);
        } else {
            Dense.transpose(s.h, BATCH, s.ht);
            Dense.mulAdd(s.ht, WIDTH, BATCH, s.delta, s.c);
        }
        return s.c;
    }

    /**
     * One minibatch step of {@code DenseFitter} (forward, backward, Adam; batch 32) on each grade of the
     * {@code xu2023-ex1} preset, as it trains: grade 1 {@code [1,256,256,1]} sin, grade 2 {@code [256,128,128,64,1]}
     * relu, grade 3 {@code [64,64,32,32,1]} relu. A grade makes 157 steps per pass ({@code ceil(5000 / 32)}) and
     * 21, 21 and 41 passes, so time per step x 3297, 3297 and 6437 is the grade's training time without evaluation.
     */
    @State(Scope.Thread)
    public static class Step {
        @Param({"1", "2", "3"})
        public int grade;

        private DenseFitter fitter;
        private double[][] x;
        private double[] r;

        @Setup
        public void setUp() {
            int[] widths = switch (grade) {
                case 1 -> new int[] {1, 256, 256, 1};
                case 2 -> new int[] {256, 128, 128, 64, 1};
                default -> new int[] {64, 64, 32, 32, 1};
            };
            Activation[] acts = new Activation[widths.length - 2];
            Arrays.fill(acts, grade == 1 ? Activation.SIN : Activation.RELU);
            SplittableRandom rng = new SplittableRandom(grade);
            fitter = new DenseFitter(MlpWeights.initial(widths, acts, rng), BATCH);
            x = random(BATCH, widths[0], rng);
            r = new double[BATCH];
            for (int i = 0; i < BATCH; i++) {
                r[i] = Math.sin(100 * x[i][0]);
            }
        }
    }

    /** One step of {@code DenseFitter} on the grade of {@code s} (see {@link Step}). */
    @Benchmark
    public DenseFitter step(Step s) {
        s.fitter.step(s.x, s.r, BATCH, 1e-4);
        return s.fitter;
    }
}
