package org.layerwise.train;

import java.util.List;

/**
 * A trained multi-grade network and its per-grade report. Grade 1 reads {@code x}; grade {@code k > 1} reads
 * {@code F_{k-1}}, the last hidden layer of grade {@code k-1} (so {@code F_0 = x}). The readout after grade
 * {@code k} is the prefix sum {@code g_1(F_0) + ... + g_k(F_{k-1})}. An end-to-end (SGDL) result has a single grade.
 * Pure Java, no native resources: it can be kept and evaluated at any points after training.
 *
 * @param method  {@code "mgdl"} or {@code "sgdl"}
 * @param spec    the specification it was trained with
 * @param grades  the frozen networks, grade 1 first
 * @param reports one report per grade
 */
public record TrainingResult(String method, TrainingSpec spec, List<MlpWeights> grades, List<GradeResult> reports) {

    public TrainingResult {
        grades = List.copyOf(grades);
        reports = List.copyOf(reports);
        if (grades.isEmpty() || grades.size() != reports.size()) {
            throw new IllegalArgumentException(grades.size() + " grades but " + reports.size() + " reports");
        }
    }

    public int gradeCount() {
        return grades.size();
    }

    /** Input dimension {@code d}. */
    public int dim() {
        return grades.get(0).inputWidth();
    }

    /**
     * The readouts at each row of {@code x}: {@code out[k-1][i] = (g_1 + ... + g_k)(x_i)} for {@code k = 1..K}.
     */
    public double[][] readouts(double[][] x) {
        return readouts(x, grades.size());
    }

    /**
     * The same readouts indexed by point: {@code out[i][k-1] = (g_1 + ... + g_k)(x_i)} (one pass through the grades).
     */
    public double[][] readoutsPerPoint(double[][] x) {
        double[][] byGrade = readouts(x);
        double[][] out = new double[x.length][byGrade.length];
        for (int k = 0; k < byGrade.length; k++) {
            for (int i = 0; i < x.length; i++) {
                out[i][k] = byGrade[k][i];
            }
        }
        return out;
    }

    /** The readouts of grades {@code 1..upTo} at each row of {@code x}. */
    private double[][] readouts(double[][] x, int upTo) {
        double[][] out = new double[upTo][];
        double[][] f = x;
        double[] sum = new double[x.length];
        for (int k = 0; k < upTo; k++) {
            MlpWeights g = grades.get(k);
            double[][] h = g.features(f);
            double[] gk = g.outputFromFeatures(h);
            for (int i = 0; i < sum.length; i++) {
                sum[i] += gk[i];
            }
            out[k] = sum.clone();
            f = h;
        }
        return out;
    }

    /** The readout after grade {@code k} (1-based), {@code (g_1 + ... + g_k)(x_i)}. */
    public double[] predictPrefix(int k, double[][] x) {
        if (k < 1 || k > grades.size()) {
            throw new IllegalArgumentException("grade must be in 1.." + grades.size() + ", got " + k);
        }
        return readouts(x, k)[k - 1];
    }

    /** The final prediction (all grades). */
    public double[] predict(double[][] x) {
        return predictPrefix(grades.size(), x);
    }
}
