package org.layerwise.train;

/**
 * What training grade {@code k} achieved. Errors are of the readout {@code g_1 + ... + g_k} (the prefix sum),
 * evaluated in double precision from the trained parameters.
 *
 * @param grade       1-based grade number (1 for the single network of an end-to-end run)
 * @param trainRse    {@code sum (y - yhat)^2 / sum y^2} over the training points
 * @param testRse     the same over the test points
 * @param seconds     wall-clock time to train and evaluate this grade
 * @param lossBefore  {@code sum (R - out)^2 / (2n)} of this grade's freshly initialised network on its residual
 *                    {@code R = Y - (g_1 + ... + g_{k-1})} over all training points
 * @param lossAfter   the same loss after training
 * @param targetError error of the readout against the target function (see {@link TargetErrorMeasure}),
 *                    NaN when no target is known
 */
public record GradeResult(int grade, double trainRse, double testRse, double seconds,
                          double lossBefore, double lossAfter, double targetError) {

    public GradeResult {
        if (grade < 1) {
            throw new IllegalArgumentException("grade must be >= 1, got " + grade);
        }
        if (!(seconds >= 0)) {
            throw new IllegalArgumentException("seconds must be >= 0, got " + seconds);
        }
    }
}
