package org.layerwise.net;

import org.layerwise.numeric.Dyadic;
import java.util.Objects;

/**
 * One hidden neuron: {@code activation(bias + sum_k w_k h[in_k])} over the previous layer's values
 * (the input point for the first hidden layer).
 */
public record Neuron(Activation activation, Affine affine) {

    public Neuron {
        Objects.requireNonNull(activation, "activation");
        Objects.requireNonNull(affine, "affine");
    }

    public static Neuron relu(int[] inputs, Dyadic[] weights, Dyadic bias) {
        return new Neuron(Activation.RELU, new Affine(inputs, weights, bias));
    }

    public static Neuron sine(int[] inputs, Dyadic[] weights, Dyadic bias) {
        return new Neuron(Activation.SINE, new Affine(inputs, weights, bias));
    }

    public int[] inputs() {
        return affine.inputs();
    }

    public Dyadic[] weights() {
        return affine.weights();
    }

    public Dyadic bias() {
        return affine.bias();
    }
}
