package org.layerwise.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import org.junit.jupiter.api.Test;

/**
 * Checks loss, gradient and optimizer against their definitions: Adam's first step from zero moments moves each
 * parameter by {@code -lr * g / (|g| + eps)}, where {@code g} is the gradient of {@code sum (y - out)^2 / (2n)},
 * here computed by central finite differences in double precision.
 */
class AdamStepTest {

    @Test
    void firstFullBatchStepIsMinusLrTimesSignOfTheFiniteDifferenceGradient() {
        Dataset d = Dataset.fromTarget(MultiGradeTrainerTest.WAVE, 20, 5, 1);
        double lr = 1e-3;
        TrainingSpec spec = new TrainingSpec(TrainingSpec.parseGrades("3,2:tanh:1:1e-3:1e-3"), 0, 17, true);
        MlpWeights before;
        try (NDManager m = Djl.engine().newBaseManager();
             Mlp mlp = Mlp.initialise(m, new int[] {1, 3, 2, 1}, new Activation[] {Activation.TANH, Activation.TANH},
                     MultiGradeTrainer.gradeRandom(17, 1), DataType.FLOAT64)) {
            before = mlp.snapshot();
        }
        MlpWeights after = new MultiGradeTrainer(spec).train(d).grades().get(0);
        double[][] x = d.xTrain();
        double[] y = d.yTrain();
        int checked = 0;
        for (int l = 0; l < before.layerCount(); l++) {
            double[][] w = before.weight(l);
            double[][] wAfter = after.weight(l);
            for (int i = 0; i < w.length; i++) {
                for (int j = 0; j < w[i].length; j++) {
                    double g = fdWeight(before, l, i, j, x, y);
                    if (Math.abs(g) > 1e-5) {
                        assertEquals(-lr * g / (Math.abs(g) + Adam.EPS), wAfter[i][j] - w[i][j], 1e-11, "W" + l + "[" + i + "][" + j + "]");
                        checked++;
                    }
                }
            }
            double[] b = before.bias(l);
            double[] bAfter = after.bias(l);
            for (int j = 0; j < b.length; j++) {
                double g = fdBias(before, l, j, x, y);
                if (Math.abs(g) > 1e-5) {
                    assertEquals(-lr * g / (Math.abs(g) + Adam.EPS), bAfter[j] - b[j], 1e-11, "b" + l + "[" + j + "]");
                    checked++;
                }
            }
        }
        assertTrue(checked >= 10, "only " + checked + " parameters had a clear gradient");
    }

    static double fdWeight(MlpWeights p, int l, int i, int j, double[][] x, double[] y) {
        double h = 1e-6;
        return (loss(perturbWeight(p, l, i, j, h), x, y) - loss(perturbWeight(p, l, i, j, -h), x, y)) / (2 * h);
    }

    static double fdBias(MlpWeights p, int l, int j, double[][] x, double[] y) {
        double h = 1e-6;
        return (loss(perturbBias(p, l, j, h), x, y) - loss(perturbBias(p, l, j, -h), x, y)) / (2 * h);
    }

    private static double loss(MlpWeights p, double[][] x, double[] y) {
        return Fitter.loss(y, p.apply(x));
    }

    private static MlpWeights perturbWeight(MlpWeights p, int layer, int i, int j, double h) {
        double[][][] w = new double[p.layerCount()][][];
        double[][] b = new double[p.layerCount()][];
        for (int l = 0; l < w.length; l++) {
            w[l] = p.weight(l);
            b[l] = p.bias(l);
        }
        w[layer][i][j] += h;
        return new MlpWeights(w, b, p.activations().toArray(new Activation[0]));
    }

    private static MlpWeights perturbBias(MlpWeights p, int layer, int j, double h) {
        double[][][] w = new double[p.layerCount()][][];
        double[][] b = new double[p.layerCount()][];
        for (int l = 0; l < w.length; l++) {
            w[l] = p.weight(l);
            b[l] = p.bias(l);
        }
        b[layer][j] += h;
        return new MlpWeights(w, b, p.activations().toArray(new Activation[0]));
    }
}
