package org.layerwise.net;

/** The two hidden activations: {@code RELU(z) = max(z, 0)} and {@code SINE(z) = sin(2*pi*z)}. */
public enum Activation {
    RELU("relu"),
    /** {@code sin(2*pi*z)}: period 1, so only the fractional part of {@code z} matters. */
    SINE("sine");

    private final String key;

    Activation(String key) {
        this.key = key;
    }

    /** The name used in model files. */
    public String key() {
        return key;
    }

    /** The activation named {@code key} in a model file, or null. */
    public static Activation ofKey(String key) {
        for (Activation a : values()) {
            if (a.key.equals(key)) {
                return a;
            }
        }
        return null;
    }
}
