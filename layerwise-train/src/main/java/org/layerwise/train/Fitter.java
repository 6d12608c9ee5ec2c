package org.layerwise.train;

import java.util.SplittableRandom;
import java.util.function.IntConsumer;
import java.util.function.IntFunction;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;

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

    /**
     * A trained network and the loss {@code sum (r - out)^2 / (2n)} of its initial parameters.
     *
     * @param trained    the parameters after training
     * @param lossBefore the loss before training (of the parameters as the engine holds them)
     */
    record Fit(MlpWeights trained, double lossBefore) {
    }

    /**
     * Initialises an MLP of {@code widths} from {@code rng} ({@link MlpWeights#initial}) and trains it for
     * {@code epochs} epochs: in float64 with the plain-Java {@link DenseFitter}, in float32 on the DJL engine
     * ({@link #fit}); both follow the same scheme (loss, minibatches drawn from {@code rng} after the
     * initialisation, schedule, Adam).
     */
    static Fit train(int[] widths, Activation[] acts, SplittableRandom rng, boolean float64, double[][] inputs,
                     double[] targets, int epochs, Schedule schedule, int batchSize, IntConsumer afterEpoch) {
        MlpWeights init = MlpWeights.initial(widths, acts, rng);
        if (float64) {
            double before = loss(targets, init.apply(inputs));
            return new Fit(DenseFitter.fit(init, inputs, targets, epochs, schedule, batchSize, rng, afterEpoch), before);
        }
        try (NDManager manager = Djl.engine().newBaseManager(); Mlp mlp = Mlp.of(manager, init, DataType.FLOAT32)) {
            double before = loss(targets, mlp.snapshot().apply(inputs));
            fit(manager, mlp, inputs, targets, epochs, schedule, batchSize, rng, afterEpoch);
            return new Fit(mlp.snapshot(), before);
        }
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
            // Autograd recording is switched on for the forward and backward pass only and off for the update. Not
            // DJL's GradientCollector: it allows one collector in the whole JVM at a time (seeds training in
            // parallel threads would collide) and restores the thread's previous mode, which in a fresh thread is
            // PyTorch's default (recording), so the in-place update would then be refused.
            JniUtils.setGradMode(true);
            try {
                NDArray out = mlp.forward(x);
                NDArray loss = out.sub(r).square().sum().div(2.0 * nb);
                NDArray seed = loss.getManager().ones(loss.getShape(), loss.getDataType());
                JniUtils.backward((PtNDArray) loss, (PtNDArray) seed, false, false);
            } finally {
                JniUtils.setGradMode(false);
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
