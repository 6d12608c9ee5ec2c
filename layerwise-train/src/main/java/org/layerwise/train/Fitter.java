package org.layerwise.train;

import java.util.SplittableRandom;
import java.util.function.IntConsumer;
import java.util.function.IntFunction;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;

import org.layerwise.Monitor;

/**
 * Fits one MLP to {@code (inputs, targets)} by minimising {@code sum_i (r_i - out_i)^2 / (2 n_B)} over each
 * minibatch of size {@code n_B} with {@link Adam}, the learning rate of epoch {@code e} given by the schedule.
 * Minibatches: each epoch draws a permutation from {@code rng} and cuts it into consecutive batches of
 * {@code batchSize} (the last one may be smaller); {@code batchSize = 0} or {@code >= n} is full batch (no shuffling).
 */
final class Fitter {

    /** Learning rate of epoch {@code e} (0-based). */
    interface Schedule {
        double rate(int epoch);
    }

    private Fitter() {
    }

    /**
     * An after-epoch callback that steps {@code task} once per epoch and notes {@code line(e)} ({@code e} the 1-based
     * count of epochs done) after every tenth of {@code epochs} (at least every epoch) and after the last.
     */
    static IntConsumer reporting(Monitor.Task task, int epochs, IntFunction<String> line) {
        int block = Math.max(1, epochs / 10);
        return e -> {
            task.step(1);
            if ((e + 1) % block == 0 || e + 1 == epochs) {
                task.note(line.apply(e + 1));
            }
        };
    }

    /** Runs {@code epochs} epochs; {@code afterEpoch} is called with the epoch number (0-based) after each. */
    static void fit(NDManager parent, Mlp mlp, double[][] inputs, double[] targets, int epochs, Schedule schedule,
                    int batchSize, SplittableRandom rng, IntConsumer afterEpoch) {
        int n = targets.length;
        int d = inputs[0].length;
        DataType dt = mlp.dataType();
        boolean full = batchSize <= 0 || batchSize >= n;
        double[] xFlat = Mlp.flatten(inputs);
        try (NDManager m = parent.newSubManager(); Adam adam = new Adam(m, mlp.parameters())) {
            NDArray xAll = full ? Mlp.create(m, xFlat, new Shape(n, d), dt) : null;
            NDArray rAll = full ? Mlp.create(m, targets, new Shape(n, 1), dt) : null;
            double[] xb = full ? null : new double[batchSize * d];
            double[] rb = full ? null : new double[batchSize];
            for (int e = 0; e < epochs; e++) {
                double lr = schedule.rate(e);
                if (full) {
                    step(mlp, adam, xAll, rAll, n, lr);
                } else {
                    int[] perm = Dataset.permutation(n, rng);
                    for (int start = 0; start < n; start += batchSize) {
                        int nb = Math.min(batchSize, n - start);
                        for (int k = 0; k < nb; k++) {
                            int row = perm[start + k];
                            System.arraycopy(xFlat, row * d, xb, k * d, d);
                            rb[k] = targets[row];
                        }
                        try (NDScope scope = new NDScope()) {
                            scope.suppressNotUsedWarning();
                            NDArray x = Mlp.create(m, nb == batchSize ? xb : java.util.Arrays.copyOf(xb, nb * d),
                                    new Shape(nb, d), dt);
                            NDArray r = Mlp.create(m, nb == batchSize ? rb : java.util.Arrays.copyOf(rb, nb),
                                    new Shape(nb, 1), dt);
                            step(mlp, adam, x, r, nb, lr);
                        }
                    }
                }
                if (afterEpoch != null) {
                    afterEpoch.accept(e);
                }
            }
        }
    }

    private static void step(Mlp mlp, Adam adam, NDArray x, NDArray r, int nb, double lr) {
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            try (GradientCollector gc = Djl.engine().newGradientCollector()) {
                NDArray out = mlp.forward(x);
                NDArray loss = out.sub(r).square().sum().div(2.0 * nb);
                gc.backward(loss);
            }
            adam.step(lr);
        }
    }

    /** {@code sum (r_i - g_i)^2 / (2n)}. */
    static double loss(double[] r, double[] g) {
        double s = 0;
        for (int i = 0; i < r.length; i++) {
            double e = r[i] - g[i];
            s += e * e;
        }
        return s / (2.0 * r.length);
    }

    /** Relative squared error {@code sum (y - yhat)^2 / sum y^2} (not square-rooted). */
    static double rse(double[] y, double[] yhat) {
        double num = 0;
        double den = 0;
        for (int i = 0; i < y.length; i++) {
            double e = y[i] - yhat[i];
            num += e * e;
            den += y[i] * y[i];
        }
        return num / den;
    }
}
