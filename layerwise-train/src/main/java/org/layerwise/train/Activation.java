package org.layerwise.train;

import java.util.Locale;

import ai.djl.ndarray.NDArray;

import org.layerwise.InvalidInputException;

/** The activation of a grade's hidden layers: {@code relu(z) = max(0, z)}, {@code sin(z)}, {@code tanh(z)}. */
public enum Activation {
    RELU, SIN, TANH;

    /** Applies the activation elementwise on the engine (differentiable). */
    public NDArray apply(NDArray z) {
        return switch (this) {
            case RELU -> ai.djl.nn.Activation.relu(z);
            case SIN -> z.sin();
            case TANH -> z.tanh();
        };
    }

    /** Applies the activation to one number, in double precision. */
    public double apply(double z) {
        return switch (this) {
            case RELU -> z > 0 ? z : 0.0;
            case SIN -> Math.sin(z);
            case TANH -> Math.tanh(z);
        };
    }

    /**
     * {@code out[j] = apply(z[j])} for {@code j < z.length}, bit for bit as {@link #apply(double)}, one loop per
     * activation (so that the loop over the row carries no switch).
     */
    void applyRow(double[] z, double[] out) {
        switch (this) {
            case RELU -> {
                for (int j = 0; j < z.length; j++) {
                    out[j] = z[j] > 0 ? z[j] : 0.0;
                }
            }
            case SIN -> {
                for (int j = 0; j < z.length; j++) {
                    out[j] = Math.sin(z[j]);
                }
            }
            case TANH -> {
                for (int j = 0; j < z.length; j++) {
                    out[j] = Math.tanh(z[j]);
                }
            }
        }
    }

    /** The lower-case name used in spec strings and JSON. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code relu}, {@code sin} or {@code tanh} (case-insensitive); {@code where} prefixes the error. */
    public static Activation parse(String text, String where) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        for (Activation a : values()) {
            if (a.label().equals(t)) {
                return a;
            }
        }
        throw new InvalidInputException(where + "activation '" + (text == null ? "" : text.trim())
                + "' is not one of relu, sin, tanh");
    }
}
