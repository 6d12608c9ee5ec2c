package org.layerwise.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Tells whether a trained network is dead, so that its error is not reported as a result. A network is dead on
 * inputs {@code x_1..x_n} when
 * <ul>
 *   <li>a ReLU hidden layer has no unit with a positive pre-activation on any of the inputs (every later layer then
 *       sees a constant), or</li>
 *   <li>its prediction is the same number at every input (a constant prediction).</li>
 * </ul>
 * Both are checked in double precision from the trained parameters.
 */
public final class DeadNetworks {

    private DeadNetworks() {
    }

    /**
     * Why {@code w} is dead on the inputs {@code x} (one line naming the layer or the constant), or null when it is
     * not: e.g. {@code "hidden layer 8 (relu, 32 units) has no active unit on any of the 5000 training inputs"}.
     */
    public static String diagnose(MlpWeights w, double[][] x) {
        double[][] h = x;
        List<Activation> acts = w.activations();
        for (int l = 0; l < acts.size(); l++) {
            h = w.hidden(l, h);
            if (acts.get(l) == Activation.RELU && noneActive(h)) {
                return String.format(Locale.ROOT, "hidden layer %d (relu, %d units) has no active unit on any of the"
                        + " %d training inputs", l + 1, h[0].length, x.length);
            }
        }
        double[] y = w.outputFromFeatures(h);
        for (double v : y) {
            if (Double.compare(v, y[0]) != 0) {
                return null;
            }
        }
        return String.format(Locale.ROOT, "it predicts the constant %.4g at all %d training inputs", y[0], x.length);
    }

    /**
     * The diagnosis of each grade of {@code r} on the training inputs {@code x} (grade {@code k} read on
     * {@code F_{k-1}}), entry {@code k-1} for grade {@code k}, null where the grade is not dead.
     */
    public static List<String> diagnose(TrainingResult r, double[][] x) {
        List<String> out = new ArrayList<>();
        double[][] f = x;
        for (MlpWeights g : r.grades()) {
            out.add(diagnose(g, f));
            f = g.features(f);
        }
        return out;
    }

    private static boolean noneActive(double[][] h) {
        for (double[] row : h) {
            for (double v : row) {
                if (v > 0) {
                    return false;
                }
            }
        }
        return true;
    }
}
