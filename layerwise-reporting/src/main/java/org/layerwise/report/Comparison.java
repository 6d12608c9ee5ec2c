package org.layerwise.report;

import java.util.List;

import org.layerwise.construct.ConstructionReport;
import org.layerwise.construct.LevelReport;
import org.layerwise.measure.ErrorEstimate;

/**
 * The numbers of a three-way comparison on one target with {@code L} levels: the explicit network (its
 * construction report, levels {@code 0..L}), multi-grade training (MGDL) with one grade per level, and the same
 * layers trained end to end (SGDL). Every error is {@code ||f - readout||_p} on {@code [0,1]^d}.
 *
 * @param explicit the construction report: per level the network error {@code ||f - Phi_l||_p} and the bound
 *                 {@code (2d+1) omega_p(f, N^-l)}
 * @param mgdl     {@code ||f - (g_1 + ... + g_k)||_p} for grades {@code k = 1..L}
 * @param sgdl     the error of the end-to-end network
 * @param grades   each grade's spec string ({@code widths:activation:epochs:lrMax:lrMin}), grade 1 first
 * @param sgdlNetwork how the SGDL network was trained (widths, activations, epochs, learning rates)
 * @param training the training data and settings shared by MGDL and SGDL (points, batch, precision, seed)
 * @param seconds  wall-clock times, or null to leave them out (the report then depends only on the inputs)
 */
public record Comparison(ConstructionReport explicit, List<ErrorEstimate> mgdl, ErrorEstimate sgdl,
                         List<String> grades, String sgdlNetwork, String training, Seconds seconds) {

    /**
     * Wall-clock seconds of each method.
     *
     * @param explicit cell means, network construction and its per-level measurements
     * @param mgdl     training all grades and measuring their errors
     * @param sgdl     training the end-to-end network and measuring its error
     * @param grades   training time of each MGDL grade
     */
    public record Seconds(double explicit, double mgdl, double sgdl, List<Double> grades) {
        public Seconds {
            grades = List.copyOf(grades);
        }
    }

    public Comparison {
        mgdl = List.copyOf(mgdl);
        grades = List.copyOf(grades);
        if (!explicit.hasNetwork()) {
            throw new IllegalArgumentException("the explicit report has no network");
        }
        if (mgdl.size() != explicit.levels() || grades.size() != explicit.levels()) {
            throw new IllegalArgumentException(explicit.levels() + " levels but " + mgdl.size() + " MGDL errors and "
                    + grades.size() + " grade specs");
        }
        if (seconds != null && seconds.grades().size() != explicit.levels()) {
            throw new IllegalArgumentException(explicit.levels() + " levels but " + seconds.grades().size()
                    + " grade times");
        }
    }

    /** {@code L}. */
    public int levels() {
        return explicit.levels();
    }

    /** The report row of level {@code l = 1..L}. */
    public LevelReport row(int level) {
        return explicit.rows().get(level);
    }

    /** {@code ||f - Phi_l||_p} of the explicit network, {@code l = 1..L}. */
    public ErrorEstimate explicitError(int level) {
        return row(level).networkError();
    }

    /** Whether every error (explicit levels, MGDL grades, SGDL) names the same method and number of points. */
    public boolean sameMeasurement() {
        ErrorEstimate first = sgdl;
        for (int l = 1; l <= levels(); l++) {
            for (ErrorEstimate e : List.of(explicitError(l), mgdl.get(l - 1))) {
                if (!e.method().equals(first.method()) || e.points() != first.points()) {
                    return false;
                }
            }
        }
        return true;
    }
}
