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
 * <p>Each has its baseline beside it in the same run: {@link #legacyKernel} and {@link #legacyStep} run
 * {@link LegacyDenseFitter}, the kernel and trainer as they were before (two rows and four terms per pass; Adam in
 * a pass of its own). The set-up checks that the old and the new step give the same parameters bit for bit.
 *
 * <p>Read these with care: whether C2 vectorises the old four-term loop depends on the context it is compiled in
 * (the {@code Dense} class comment says why). It stays scalar in this benchmark, but was vectorised inside
 * {@code train} on this machine, where the old code was about as fast as the new (see the README). The whole seed
 * under {@code /usr/bin/time} is the figure that counts.
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
            Dense.transpose(s.h, 0, BATCH, s.ht);
            Dense.mulAdd(s.ht, WIDTH, BATCH, s.delta, s.c);
        }
        return s.c;
    }

    /** The baseline of {@link #kernel}: the former kernel ({@code LegacyDenseFitter.LegacyDense.mulAdd}). */
    @Benchmark
    public double[][] legacyKernel(Product s) {
        if (s.product.equals("forward")) {
            LegacyDenseFitter.LegacyDense.mulAdd(s.h, BATCH, WIDTH, s.w, s.c);
        } else {
            LegacyDenseFitter.LegacyDense.transpose(s.h, BATCH, s.ht);
            LegacyDenseFitter.LegacyDense.mulAdd(s.ht, WIDTH, BATCH, s.delta, s.c);
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
        private LegacyDenseFitter legacy;
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
            MlpWeights init = MlpWeights.initial(widths, acts, rng);
            fitter = new DenseFitter(init, BATCH);
            legacy = new LegacyDenseFitter(init, BATCH);
            x = random(BATCH, widths[0], rng);
            r = new double[BATCH];
            for (int i = 0; i < BATCH; i++) {
                r[i] = Math.sin(100 * x[i][0]);
            }
            for (int t = 0; t < 3; t++) {
                fitter.step(x, r, BATCH, 1e-3);
                legacy.step(x, r, BATCH, 1e-3);
            }
            if (!fitter.parameters().equals(legacy.parameters())) {
                throw new IllegalStateException("grade " + grade + ": the new step differs from the baseline's bits");
            }
        }
    }

    /** One step of {@code DenseFitter} on the grade of {@code s} (see {@link Step}). */
    @Benchmark
    public DenseFitter step(Step s) {
        s.fitter.step(s.x, s.r, BATCH, 1e-4);
        return s.fitter;
    }

    /** The baseline of {@link #step}: one step of {@link LegacyDenseFitter} on the same grade. */
    @Benchmark
    public LegacyDenseFitter legacyStep(Step s) {
        s.legacy.step(s.x, s.r, BATCH, 1e-4);
        return s.legacy;
    }
}
