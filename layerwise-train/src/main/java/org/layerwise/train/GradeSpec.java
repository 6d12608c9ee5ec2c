package org.layerwise.train;

import java.util.Arrays;

import org.layerwise.InvalidInputException;

/**
 * The hyper-parameters of one grade: an MLP {@code [in, hidden[0], ..., hidden[m-1], 1]} whose hidden layers
 * all use {@code activation} and whose output layer is linear, trained for {@code epochs} epochs with Adam at a
 * learning rate decayed exponentially from {@code lrMax} (first epoch) to {@code lrMin} (last epoch).
 * The input width is not part of the spec: it is {@code d} for grade 1 and the last hidden width of the previous
 * grade otherwise.
 *
 * @param hidden     hidden widths, at least one, each {@code >= 1}
 * @param activation activation of every hidden layer
 * @param epochs     number of passes over the training set, {@code >= 1}
 * @param lrMax      learning rate of the first epoch, finite and {@code > 0}
 * @param lrMin      learning rate of the last epoch, finite, {@code 0 < lrMin <= lrMax}
 */
public record GradeSpec(int[] hidden, Activation activation, int epochs, double lrMax, double lrMin) {

    public GradeSpec {
        if (hidden == null || hidden.length == 0) {
            throw new InvalidInputException("a grade needs at least one hidden layer");
        }
        hidden = hidden.clone();
        for (int h : hidden) {
            if (h < 1) {
                throw new InvalidInputException("hidden width must be >= 1, got " + h);
            }
        }
        if (activation == null) {
            throw new InvalidInputException("activation must be given");
        }
        if (epochs < 1) {
            throw new InvalidInputException("epochs must be >= 1, got " + epochs);
        }
        if (!(lrMax > 0 && Double.isFinite(lrMax))) {
            throw new InvalidInputException("lrMax must be finite and > 0, got " + lrMax);
        }
        if (!(lrMin > 0 && lrMin <= lrMax)) {
            throw new InvalidInputException("lrMin must be in (0, lrMax = " + lrMax + "], got " + lrMin);
        }
    }

    /** A fresh copy of the hidden widths. */
    @Override
    public int[] hidden() {
        return hidden.clone();
    }

    /** The width of the last hidden layer, i.e. the input width of the next grade. */
    public int lastHidden() {
        return hidden[hidden.length - 1];
    }

    /**
     * The learning rate of epoch {@code e} (0-based) of {@code epochs}:
     * {@code lrMax * (lrMin / lrMax)^(e / (epochs - 1))}, and {@code lrMax} when there is a single epoch.
     */
    public double learningRate(int e) {
        return Passes.E.rate(e, epochs, lrMax, lrMin);
    }

    /** The spec-string form {@code "h1,h2:act:epochs:lrMax:lrMin"}, parsed back by {@link TrainingSpec#parseGrades}. */
    public String toSpecString() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < hidden.length; i++) {
            sb.append(i == 0 ? "" : ",").append(hidden[i]);
        }
        return sb.append(':').append(activation.label()).append(':').append(epochs).append(':')
                .append(lrMax).append(':').append(lrMin).toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GradeSpec g && Arrays.equals(hidden, g.hidden) && activation == g.activation
                && epochs == g.epochs && Double.compare(lrMax, g.lrMax) == 0 && Double.compare(lrMin, g.lrMin) == 0;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(hidden) * 31 + java.util.Objects.hash(activation, epochs, lrMax, lrMin);
    }

    @Override
    public String toString() {
        return "GradeSpec[" + toSpecString() + "]";
    }
}
