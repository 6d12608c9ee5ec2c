package org.layerwise.construct;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;

import org.layerwise.InvalidInputException;
import org.layerwise.Monitor;
import org.layerwise.grid.CellMeans;
import org.layerwise.grid.CellMeansBuilder;
import org.layerwise.grid.Cells;
import org.layerwise.function.PiecewiseConstantTarget;
import org.layerwise.measure.CellMeanError;
import org.layerwise.measure.CertifiedNorms;
import org.layerwise.measure.Enclosable;
import org.layerwise.measure.Enclosables;
import org.layerwise.measure.Enclosure;
import org.layerwise.measure.ErrorEstimate;
import org.layerwise.measure.ModulusOfContinuity;
import org.layerwise.measure.PNorm;
import org.layerwise.function.Target;

/**
 * The per-level measurements without a network (the {@code measure} command): for {@code l = 0..L},
 * the cell count {@code N^(dl)}, the cell-mean error {@code ||f - A_l f||_p} ({@link CellMeanError}),
 * the estimate of {@code omega_p(f, N^-l)} ({@link ModulusOfContinuity}), the bound
 * {@code (2d+1) omega} and the achieved constant {@code error / omega}; for targets that can be enclosed
 * ({@link Enclosables}) also a {@link Certificate}: the enclosure of the error of the level's table
 * ({@link CertifiedNorms#tableError}; exact by area for images and grids), a rigorous lower bound of omega at the
 * best shift the search found, and the proven constant.
 *
 * <p>The cell-mean error's point estimate of a target that can be enclosed is the midpoint of its certified
 * enclosure when that is narrower than {@link #ESTIMATE_WIDTH} (no quadrature), the {@code meanError} quadrature
 * otherwise (and always for Java lambdas; for images and grids the quadrature is the exact area sum).
 *
 * @param meanError  how the cell-mean error is integrated when it is not read off a tight enclosure (the estimate)
 * @param modulus    how omega is searched and estimated (holds the seed)
 * @param means      how the table of cell means is computed (quadrature points, memory limit)
 * @param certified  how the certified enclosures are computed
 */
public record LevelMeasures(CellMeanError meanError, ModulusOfContinuity modulus, CellMeansBuilder means,
                            CertifiedNorms certified) {

    public LevelMeasures {
        if (meanError == null || modulus == null || means == null || certified == null) {
            throw new IllegalArgumentException("all measurement settings are required");
        }
    }

    /**
     * A best shift longer than {@code (1 - FULL_LENGTH) t} is taken as of full length: the lower bound of omega is not
     * computed a second time at the shift rescaled to length {@code t}.
     */
    static final double FULL_LENGTH = 1e-6;

    /** With the default certified enclosures ({@link CertifiedNorms#DEFAULT}). */
    public LevelMeasures(CellMeanError meanError, ModulusOfContinuity modulus, CellMeansBuilder means) {
        this(meanError, modulus, means, CertifiedNorms.DEFAULT);
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
        java.util.Optional<Enclosable> e = Enclosables.of(f);
        // Java lambdas have no enclosure; for images and grids the area sum is the exact error the enclosure is made of
        ErrorEstimate summed = e.isEmpty() || f instanceof PiecewiseConstantTarget ? meanError.error(f, table, l, p) : null;
        Enclosure table0 = e.isPresent() ? tableError(f, e.get(), table, l, p, summed) : null;
        ErrorEstimate err = summed != null ? summed
                : java.util.Objects.requireNonNullElseGet(fromEnclosure(table0), () -> meanError.error(f, table, l, p));
        double t = Math.pow(cells.base(), -l);
        ModulusOfContinuity.Search search = modulus.search(f, t, p);
        ErrorEstimate omega = search.estimate();
        double bound = (2.0 * d + 1) * omega.value();
        double constant = LevelReport.constant(err.value(), omega.value());
        Certificate cert = null;
        if (e.isPresent()) {
            // the search's best shift, and the same direction at full length t (the worst shift of most
            // targets): both lower bounds are rigorous, the larger is kept; a best shift already of length t (up to
            // FULL_LENGTH, rounding) gives no second bound (the same shift to a few ulps: only its cost)
            double[] h = search.shift();
            double lo = certified.modulusLowerBound(e.get(), d, h, p);
            double norm = 0;
            for (double v : h) {
                norm += v * v;
            }
            norm = Math.sqrt(norm);
            if (norm > 0 && norm < t * (1 - FULL_LENGTH)) {
                double[] full = new double[d];
                for (int i = 0; i < d; i++) {
                    full[i] = h[i] / norm * t;
                }
                double len = 0;
                for (double v : full) {
                    len += v * v;
                }
                if (Math.sqrt(len) <= t) {
                    lo = Math.max(lo, certified.modulusLowerBound(e.get(), d, full, p));
                }
            }
            Enclosure mean = meanError(table0, table, l);
            double c = Certificate.ratio(mean.hi(), lo);
            cert = new Certificate(table0, mean, null, lo, Math.max(lo, omega.value()), c, c <= 2.0 * d + 1,
                    f instanceof PiecewiseConstantTarget);
        }
        return new LevelReport(l, cells.count(l), -1, -1, -1, null, err, omega, bound, constant, cert);
    }

    /**
     * An enclosure narrower than this, relative to its upper end, gives the cell-mean error's point estimate
     * (its midpoint, within half this of the true value); a wider one leaves the estimate to the quadrature.
     */
    static final double ESTIMATE_WIDTH = 1e-2;

    /**
     * The point estimate of {@code ||f - T_l||_p} read off its enclosure {@code [lo, hi]}: the midpoint when
     * {@code hi - lo <= ESTIMATE_WIDTH * hi} (then within {@code ESTIMATE_WIDTH / 2} of the true value, relative,
     * closer than the Gauss-Legendre estimate is guaranteed to be), else null. Saves the quadrature's
     * {@code q^d} evaluations per cell, which at deep levels cost as much as the cell means.
     */
    static ErrorEstimate fromEnclosure(Enclosure table) {
        if (table == null || !(table.hi() < Double.POSITIVE_INFINITY) || table.hi() - table.lo() > ESTIMATE_WIDTH * table.hi()) {
            return null;
        }
        double mid = table.lo() + (table.hi() - table.lo()) / 2;
        return new ErrorEstimate(mid, 0, "midpoint of the certified enclosure (relative width <= " + ESTIMATE_WIDTH + ")", 0);
    }

    /**
     * The enclosure of {@code ||f - A_l f||_p} ({@code A_l f} the true cell means) from that of
     * {@code ||f - T_l||_p} ({@code T_l} the stored values): by Minkowski, {@code |T_l - A_l f| <= eta_l} everywhere
     * gives {@code ||f - A_l f||_p in ||f - T_l||_p +- eta_l} (the domain has volume 1). A table of estimated means
     * (no {@code eta_l}) gives {@code [0, inf]}: nothing is known about the true means.
     */
    static Enclosure meanError(Enclosure tableError, CellMeans table, int l) {
        double eta = table.halfWidth(l);
        if (!(eta >= 0)) {
            return new Enclosure(0, Double.POSITIVE_INFINITY);
        }
        return tableError.widen(eta);
    }

    /**
     * The enclosure of {@code ||f - T_l||_p} for the table's values, or null when {@code f} cannot be enclosed:
     * images and grids from the exact area sum ({@code err}, widened by {@code 1e-12} relative for its
     * rounding), formulas by {@link CertifiedNorms#tableError}.
     */
    public Enclosure tableError(Target f, CellMeans table, int l, PNorm p) {
        java.util.Optional<Enclosable> e = Enclosables.of(f);
        if (e.isEmpty()) {
            return null;
        }
        ErrorEstimate err = f instanceof PiecewiseConstantTarget ? meanError.error(f, table, l, p) : null;
        return tableError(f, e.get(), table, l, p, err);
    }

    private Enclosure tableError(Target f, Enclosable e, CellMeans table, int l, PNorm p, ErrorEstimate err) {
        if (f instanceof PiecewiseConstantTarget) {
            double v = err.value();
            return new Enclosure(Math.max(0, v * (1 - 1e-12)), v * (1 + 1e-12));
        }
        return certified.tableError(e, table, l, p).norm();
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
