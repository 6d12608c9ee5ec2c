package org.layerwise.net;

import java.util.List;

/** One hidden layer: an ordered list of neurons. */
public record Layer(List<Neuron> neurons) {

    public Layer {
        neurons = List.copyOf(neurons);
        if (neurons.isEmpty()) {
            throw new IllegalArgumentException("a layer needs at least one neuron");
        }
    }

    public int width() {
        return neurons.size();
    }

    public Neuron neuron(int j) {
        return neurons.get(j);
    }

    /** Whether this layer's neurons are, position by position, the first neurons of {@code other}. */
    public boolean isPrefixOf(Layer other) {
        return other.neurons.size() >= neurons.size() && other.neurons.subList(0, neurons.size()).equals(neurons);
    }
}
