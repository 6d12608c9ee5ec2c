package org.layerwise.train;

import org.layerwise.InvalidInputException;

/**
 * How a grade of {@code E} epochs turns into passes over the training set and learning rates. Both decay
 * exponentially from {@code lrMax} to {@code lrMin}:
 * <ul>
 *   <li>{@link #E}: {@code E} passes, {@code lr_i = lrMax (lrMin/lrMax)^(i/(E-1))}, {@code i = 0..E-1}
 *       (the last pass at {@code lrMin}; {@code lrMax} throughout when {@code E = 1});</li>
 *   <li>{@link #E_PLUS_ONE}: {@code E + 1} passes, {@code lr_i = lrMax (lrMin/lrMax)^(i/E)}, {@code i = 0..E},
 *       as the published MGDL code (Xu 2023) loops.</li>
 * </ul>
 */
public enum Passes {
    E("E"), E_PLUS_ONE("E+1");

    private final String label;

    Passes(String label) {
        this.label = label;
    }

    /** {@code "E"} or {@code "E+1"}, as in a config file. */
    public String label() {
        return label;
    }

    /** The number of passes of a grade of {@code epochs} epochs. */
    public int passes(int epochs) {
        return this == E ? epochs : epochs + 1;
    }

    /** The learning rate of pass {@code i} (0-based) of a grade of {@code epochs} epochs (see the class comment). */
    public double rate(int i, int epochs, double lrMax, double lrMin) {
        int denominator = this == E ? epochs - 1 : epochs;
        if (denominator == 0) {
            return lrMax;
        }
        return lrMax * Math.pow(lrMin / lrMax, (double) i / denominator);
    }

    /** Parses {@code "E"} or {@code "E+1"}; {@code where} prefixes the error. */
    public static Passes parse(String text, String where) {
        for (Passes p : values()) {
            if (p.label.equalsIgnoreCase(text.trim())) {
                return p;
            }
        }
        throw new InvalidInputException(where + "'passes' must be \"E\" or \"E+1\", got '" + text + "'");
    }
}
