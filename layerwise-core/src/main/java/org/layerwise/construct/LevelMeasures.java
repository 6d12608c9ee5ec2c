package org.layerwise.construct;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;

import org.layerwise.InvalidInputException;
import org.layerwise.Monitor;
import org.layerwise.grid.CellMeans;
import org.layerwise.grid.CellMeansBuilder;
import org.layerwise.grid.Cells;
import org.layerwise.measure.CellMeanError;
import org.layerwise.measure.ErrorEstimate;
import org.layerwise.measure.ModulusOfContinuity;
import org.layerwise.measure.PNorm;
import org.layerwise.function.Target;

/**
 * The per-level measurements without a network (the {@code measure} command): for {@code l = 0..L},
 * the cell count {@code N^(dl)}, the cell-mean error {@code ||f - A_l f||_p} ({@link CellMeanError}),
 * the estimate of {@code omega_p(f, N^-l)} ({@link ModulusOfContinuity}), the bound
 * {@code (2d+1) omega} and the achieved constant {@code error / omega}.
 *
 * @param meanError  how the cell-mean error is integrated
 * @param modulus    how omega is estimated (holds the seed)
 * @param means      how the table of cell means is computed (quadrature points, memory limit)
 */
public record LevelMeasures(CellMeanError meanError, ModulusOfContinuity modulus, CellMeansBuilder means) {

    public LevelMeasures {
        if (meanError == null || modulus == null || means == null) {
            throw new IllegalArgumentException("all measurement settings are required");
        }
    }

    /** Defaults: 4 Gauss-Legendre points, {@link ModulusOfContinuity#DEFAULT}, default memory limit. */
    public static LevelMeasures defaults(int dim, int base) {
        return new LevelMeasures(CellMeanError.DEFAULT, ModulusOfContinuity.DEFAULT, CellMeansBuilder.of(new Cells(dim, base)));
    }

    /** The table of cell means of levels {@code 0..levels}. */
    public CellMeans cellMeans(Target f, int levels, LongConsumer progress) {
        CellMeansBuilder b = progress == null ? means : means.withProgress(progress);
        return b.build(f, levels);
    }

    /** One row per level of {@code table}, without network columns. */
    public List<LevelReport> rows(Target f, CellMeans table, PNorm p) {
        int d = table.dim();
        List<LevelReport> rows = new ArrayList<>();
        for (int l = 0; l <= table.levels(); l++) {
            rows.add(row(f, table, l, p, d));
        }
        return rows;
    }

    /** The row of level {@code l} of {@code table} (dimension {@code d}), without network columns. */
    public LevelReport row(Target f, CellMeans table, int l, PNorm p, int d) {
        Cells cells = table.cells();
        ErrorEstimate err = meanError.error(f, table, l, p);
        double t = Math.pow(cells.base(), -l);
        ErrorEstimate omega = modulus.estimate(f, t, p);
        double bound = (2.0 * d + 1) * omega.value();
        double constant = LevelReport.constant(err.value(), omega.value());
        return new LevelReport(l, cells.count(l), -1, -1, -1, null, err, omega, bound, constant);
    }

    /** The whole measurement of {@code f} on levels {@code 0..levels} as a report without a network. */
    public ConstructionReport measure(Target f, int levels, PNorm p) {
        return measure(f, levels, p, Monitor.NONE);
    }

    /** As {@link #measure(Target, int, PNorm)}, reporting progress (cell means, then one unit per level) to {@code monitor}. */
    public ConstructionReport measure(Target f, int levels, PNorm p, Monitor monitor) {
        Cells cells = means.cells();
        if (f.dim() != cells.dim()) {
            throw new InvalidInputException("target " + f.name() + " has dimension " + f.dim() + ", expected " + cells.dim());
        }
        CellMeans table;
        try (Monitor.Task task = monitor.start("cell means (level " + levels + ")", cells.count(levels))) {
            table = cellMeans(f, levels, task::step);
        }
        List<LevelReport> rows = new ArrayList<>();
        try (Monitor.Task task = monitor.start("cell-mean error and omega", levels + 1L)) {
            for (int l = 0; l <= levels; l++) {
                rows.add(row(f, table, l, p, cells.dim()));
                task.step(1);
            }
        }
        return new ConstructionReport(f.name(), f.regularity(), cells.dim(), cells.base(), levels, p, false, 0, "none",
                0, 0, ConstructionReport.paperWidth(cells.dim(), cells.base()), 0, 0, 0, rows);
    }
}
