package org.layerwise.net;

import org.layerwise.numeric.Dyadic;
import java.util.Arrays;
import java.util.Objects;

/**
 * A sparse affine form {@code z = bias + sum_k weights[k] * h[inputs[k]]} over the values {@code h}
 * of one layer. Indices are distinct and non-negative; zero-valued weights may be stored (the
 * structure of the network does not depend on the target, only the values do).
 *
 * @param inputs  indices into the previous layer (or into the input point for the first layer)
 * @param weights one weight per index
 * @param bias    the constant term
 */
public record Affine(int[] inputs, Dyadic[] weights, Dyadic bias) {

    public Affine {
        Objects.requireNonNull(inputs, "inputs");
        Objects.requireNonNull(weights, "weights");
        Objects.requireNonNull(bias, "bias");
        if (inputs.length != weights.length) {
            throw new IllegalArgumentException(inputs.length + " inputs but " + weights.length + " weights");
        }
        inputs = inputs.clone();
        weights = weights.clone();
        for (int k = 0; k < inputs.length; k++) {
            if (inputs[k] < 0) {
                throw new IllegalArgumentException("negative input index " + inputs[k]);
            }
            Objects.requireNonNull(weights[k], "weight");
            for (int j = 0; j < k; j++) {
                if (inputs[j] == inputs[k]) {
                    throw new IllegalArgumentException("input index " + inputs[k] + " repeated");
                }
            }
        }
    }

    /** A copy of the input indices. */
    @Override
    public int[] inputs() {
        return inputs.clone();
    }

    /** A copy of the weights. */
    @Override
    public Dyadic[] weights() {
        return weights.clone();
    }

    public int size() {
        return inputs.length;
    }

    public int input(int k) {
        return inputs[k];
    }

    public Dyadic weight(int k) {
        return weights[k];
    }

    /** Largest input index, -1 when there are none. */
    public int maxInput() {
        int m = -1;
        for (int i : inputs) {
            m = Math.max(m, i);
        }
        return m;
    }

    /** The exact value of the form on {@code h}. */
    public Dyadic apply(Dyadic[] h) {
        Dyadic z = bias;
        for (int k = 0; k < inputs.length; k++) {
            z = z.add(weights[k].multiply(h[inputs[k]]));
        }
        return z;
    }

    /** The exact fractional part of the form on {@code h}, without forming integer parts of products. */
    public Dyadic applyFractionalPart(Dyadic[] h) {
        Dyadic z = bias.fractionalPart();
        for (int k = 0; k < inputs.length; k++) {
            z = z.add(weights[k].multiplyFractionalPart(h[inputs[k]]));
        }
        return z.fractionalPart();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Affine a && Arrays.equals(inputs, a.inputs) && Arrays.equals(weights, a.weights)
                && bias.equals(a.bias);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(inputs) + Arrays.hashCode(weights)) + bias.hashCode();
    }

    @Override
    public String toString() {
        return "Affine[in=" + Arrays.toString(inputs) + ", w=" + Arrays.toString(weights) + ", b=" + bias + "]";
    }
}
