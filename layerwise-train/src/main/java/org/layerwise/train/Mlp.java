package org.layerwise.train;

import java.util.SplittableRandom;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * An MLP being trained, its parameters held as NDArrays (with gradients attached) in its own {@link NDManager};
 * close it to free the native memory. Forward pass: {@code h_{l+1} = act_l(h_l W_l + b_l)} for hidden layers,
 * then a linear output layer of width 1.
 *
 * <p>Initialisation ({@link #initialise}): every weight and every bias of layer {@code l} is
 * {@code (2u - 1) * sqrt(1 / fan_in)} with {@code u} uniform in [0,1) from the given seeded generator and
 * {@code fan_in = in_l}; i.e. {@code U(-1,1) * sqrt(1/fan_in)} for weights and, our choice for biases, the same law
 * (this matches PyTorch's default {@code nn.Linear} initialisation). Values are drawn in the order
 * {@code W_0} (row-major), {@code b_0}, {@code W_1}, ... so runs with equal seeds are identical.
 */
public final class Mlp implements AutoCloseable {

    private final NDManager manager;
    private final NDArray[] weights;
    private final NDArray[] biases;
    private final Activation[] activations;
    private final DataType dataType;

    private Mlp(NDManager manager, NDArray[] weights, NDArray[] biases, Activation[] activations, DataType dataType) {
        this.manager = manager;
        this.weights = weights;
        this.biases = biases;
        this.activations = activations;
        this.dataType = dataType;
    }

    /**
     * A freshly initialised MLP with the given widths {@code [in, h_1, ..., h_m, 1]} and one activation per hidden
     * layer, drawing its parameters from {@code rng}.
     */
    public static Mlp initialise(NDManager parent, int[] widths, Activation[] activations, SplittableRandom rng,
                                 DataType dataType) {
        return of(parent, MlpWeights.initial(widths, activations, rng), dataType);
    }

    /** An MLP with the given parameters (rounded to {@code dataType}), ready for training. */
    public static Mlp of(NDManager parent, MlpWeights p, DataType dataType) {
        if (dataType != DataType.FLOAT32 && dataType != DataType.FLOAT64) {
            throw new IllegalArgumentException("data type must be float32 or float64, got " + dataType);
        }
        NDManager m = parent.newSubManager();
        int layers = p.layerCount();
        NDArray[] w = new NDArray[layers];
        NDArray[] b = new NDArray[layers];
        for (int l = 0; l < layers; l++) {
            double[][] wl = p.weight(l);
            w[l] = create(m, flatten(wl), new Shape(wl.length, wl[0].length), dataType);
            double[] bl = p.bias(l);
            b[l] = create(m, bl, new Shape(1, bl.length), dataType);
            w[l].setRequiresGradient(true);
            b[l].setRequiresGradient(true);
        }
        return new Mlp(m, w, b, p.activations().toArray(new Activation[0]), dataType);
    }

    /** An NDArray of {@code shape} holding {@code values} (row-major) rounded to {@code dataType}. */
    static NDArray create(NDManager m, double[] values, Shape shape, DataType dataType) {
        if (dataType == DataType.FLOAT64) {
            return m.create(values, shape);
        }
        float[] f = new float[values.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) values[i];
        }
        return m.create(f, shape);
    }

    static double[] flatten(double[][] a) {
        int cols = a.length == 0 ? 0 : a[0].length;
        double[] f = new double[a.length * cols];
        for (int i = 0; i < a.length; i++) {
            System.arraycopy(a[i], 0, f, i * cols, cols);
        }
        return f;
    }

    public DataType dataType() {
        return dataType;
    }

    /** The output (shape {@code n x 1}) for inputs {@code x} of shape {@code n x in}; differentiable. */
    public NDArray forward(NDArray x) {
        NDArray h = x;
        for (int l = 0; l < weights.length; l++) {
            NDArray z = h.matMul(weights[l]).add(biases[l]);
            h = l < activations.length ? activations[l].apply(z) : z;
        }
        return h;
    }

    /** The parameters in the order {@code W_0, b_0, W_1, b_1, ...} (live arrays, updated in place by training). */
    public NDArray[] parameters() {
        NDArray[] p = new NDArray[2 * weights.length];
        for (int l = 0; l < weights.length; l++) {
            p[2 * l] = weights[l];
            p[2 * l + 1] = biases[l];
        }
        return p;
    }

    /** A Java copy of the current parameters (exact: float32 values are widened to double). */
    public MlpWeights snapshot() {
        double[][][] w = new double[weights.length][][];
        double[][] b = new double[weights.length][];
        for (int l = 0; l < weights.length; l++) {
            long[] s = weights[l].getShape().getShape();
            double[] flat = toDoubles(weights[l]);
            w[l] = new double[(int) s[0]][(int) s[1]];
            for (int i = 0; i < s[0]; i++) {
                System.arraycopy(flat, (int) (i * s[1]), w[l][i], 0, (int) s[1]);
            }
            b[l] = toDoubles(biases[l]);
        }
        return new MlpWeights(w, b, activations);
    }

    static double[] toDoubles(NDArray a) {
        if (a.getDataType() == DataType.FLOAT64) {
            return a.toDoubleArray();
        }
        float[] f = a.toFloatArray();
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }

    @Override
    public void close() {
        manager.close();
    }
}
