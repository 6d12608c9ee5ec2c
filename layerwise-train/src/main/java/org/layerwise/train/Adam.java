package org.layerwise.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * Adam (Kingma and Ba) applied in place to a fixed list of parameters, with {@code beta1 = 0.9},
 * {@code beta2 = 0.999}, {@code eps = 1e-8}. Step {@code t = 1, 2, ...} with gradient {@code g}:
 * {@code m = beta1 m + (1 - beta1) g}, {@code v = beta2 v + (1 - beta2) g^2},
 * {@code p -= lr * (m / (1 - beta1^t)) / (sqrt(v / (1 - beta2^t)) + eps)}.
 * A new instance starts with zero moments (the state is reset for each grade). Works in float32 and float64.
 */
final class Adam implements AutoCloseable {

    static final double BETA1 = 0.9;
    static final double BETA2 = 0.999;
    static final double EPS = 1e-8;

    private final NDManager manager;
    private final NDArray[] params;
    private final NDArray[] m;
    private final NDArray[] v;
    private int t;

    /** Must be created outside any {@code NDScope}, since the moments live as long as this object. */
    Adam(NDManager parent, NDArray[] params) {
        this.manager = parent.newSubManager();
        this.params = params.clone();
        this.m = new NDArray[params.length];
        this.v = new NDArray[params.length];
        for (int i = 0; i < params.length; i++) {
            m[i] = manager.zeros(params[i].getShape(), params[i].getDataType());
            v[i] = manager.zeros(params[i].getShape(), params[i].getDataType());
        }
    }

    /**
     * One update with the gradients currently attached to the parameters, which are then zeroed;
     * temporaries belong to the caller's scope.
     */
    void step(double lr) {
        t++;
        double c1 = 1 - Math.pow(BETA1, t);
        double c2 = 1 - Math.pow(BETA2, t);
        for (int i = 0; i < params.length; i++) {
            NDArray g = params[i].getGradient();
            m[i].muli(BETA1).addi(g.mul(1 - BETA1));
            v[i].muli(BETA2).addi(g.square().muli(1 - BETA2));
            NDArray denom = v[i].div(c2).sqrt().addi(EPS);
            params[i].subi(m[i].mul(lr / c1).divi(denom));
            g.subi(g); // PyTorch accumulates into .grad across backward passes: clear it for the next step
        }
    }

    int steps() {
        return t;
    }

    @Override
    public void close() {
        manager.close();
    }
}
