package org.layerwise.report;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleUnaryOperator;

import org.layerwise.construct.ConstructionReport;
import org.layerwise.construct.LevelReport;
import org.layerwise.grid.CellMeans;
import org.layerwise.grid.Cells;
import org.layerwise.measure.ErrorEstimate;
import org.layerwise.measure.PNorm;
import org.layerwise.function.Regularity;
import org.layerwise.function.Target;
import org.layerwise.function.Targets;

/** Synthetic reports and samplers for the report tests: no dependence on the network code. */
final class Fixtures {

    private Fixtures() {
    }

    /**
     * A separable target {@code f(x) = prod_i g(x_i)} with {@code g(t) = sin(2 pi t) + 1.5 t}, whose cell means are
     * exact: the mean of {@code g} on {@code [a, b]} is {@code (cos 2pi a - cos 2pi b) / (2 pi (b - a)) + 0.75 (a + b)}.
     */
    static Target separable(int dim, String name) {
        return Targets.of(name, dim, x -> {
            double v = 1;
            for (double t : x) {
                v *= g(t);
            }
            return v;
        });
    }

    static double g(double t) {
        return Math.sin(2 * Math.PI * t) + 1.5 * t;
    }

    /** The exact mean of {@link #g} on {@code [a, b]}. */
    static double gMean(double a, double b) {
        return (Math.cos(2 * Math.PI * a) - Math.cos(2 * Math.PI * b)) / (2 * Math.PI * (b - a)) + 0.75 * (a + b);
    }

    /** Exact cell means of a product target {@code prod_i h(x_i)} given the 1-D mean {@code mean(a, b)} of {@code h}. */
    static CellMeans productMeans(int dim, int base, int levels, java.util.function.DoubleBinaryOperator mean) {
        Cells cells = new Cells(dim, base);
        double[][] table = new double[levels + 1][];
        long[] k = new long[dim];
        for (int l = 0; l <= levels; l++) {
            table[l] = new double[Math.toIntExact(cells.count(l))];
            double side = Math.pow(base, -l);
            for (int idx = 0; idx < table[l].length; idx++) {
                cells.corner(idx, l, k);
                double v = 1;
                for (int i = 0; i < dim; i++) {
                    v *= mean.applyAsDouble(k[i] * side, (k[i] + 1) * side);
                }
                table[l][idx] = v;
            }
        }
        return CellMeans.of(cells, table);
    }

    /** The sampler of {@link #separable} with its exact cell means as readouts. */
    static CellMeanSampler sampler(int dim, int base, int levels) {
        return new CellMeanSampler(separable(dim, "synthetic"), productMeans(dim, base, levels, Fixtures::gMean));
    }

    /**
     * A synthetic report: errors {@code err.applyAsDouble(l)}, network error equal to it plus {@code 1e-15}
     * (or absent), omega {@code N^-l}, bound {@code (2d+1) N^-l}.
     */
    static ConstructionReport report(String name, int dim, int base, int levels, boolean network,
                                     DoubleUnaryOperator err) {
        List<LevelReport> rows = new ArrayList<>();
        Cells cells = new Cells(dim, base);
        for (int l = 0; l <= levels; l++) {
            double e = err.applyAsDouble(l);
            double omega = Math.pow(base, -l);
            long points = cells.count(l) * 16;
            ErrorEstimate mean = new ErrorEstimate(e, 0, "Gauss-Legendre 4^" + dim + " per cell", points);
            ErrorEstimate net = network
                    ? new ErrorEstimate(e == 0 ? 0 : e + 1e-15, 0, "exact readout, Gauss-Legendre 4^" + dim, points)
                    : null;
            ErrorEstimate om = new ErrorEstimate(omega, 1e-4 * omega, "Sobol QMC, 8 random shifts", 4099);
            rows.add(new LevelReport(l, cells.count(l), network ? 2 * dim * l : -1, network ? 2 * dim * l + 1 : -1,
                    network ? (l == 0 ? 0 : 64L * 2 * cells.count(l)) : -1, net, mean, om,
                    (2 * dim + 1) * omega, LevelReport.constant(e, omega)));
        }
        int width = 2 * base + dim + 1;
        return new ConstructionReport(name, Regularity.lipschitz(1.0), dim, base, levels, PNorm.TWO, network, 64,
                network ? "narrow" : "", network ? width : 0, network ? 2 * dim * levels + 1 : 0,
                ConstructionReport.paperWidth(dim, base), network ? 1000L * levels : 0, network ? levels : 0,
                network ? 5000L * levels : 0, rows);
    }

    /** Geometric errors {@code 0.3 * N^-l}. */
    static ConstructionReport geometric(int dim, int base, int levels, boolean network) {
        return report("synthetic", dim, base, levels, network, l -> 0.3 * Math.pow(base, -l));
    }
}
