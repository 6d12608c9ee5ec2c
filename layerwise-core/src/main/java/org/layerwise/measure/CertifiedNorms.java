package org.layerwise.measure;

import org.layerwise.InvalidInputException;
import org.layerwise.grid.CellMeans;
import org.layerwise.grid.Cells;
import org.layerwise.numeric.Interval;

/**
 * The certified quantities of a level, from {@link LpEnclosure}:
 * <ul>
 *   <li>{@link #tableError}: an enclosure of {@code ||f - T_l||_{L^p([0,1]^d)}}, {@code T_l} the piecewise
 *       constant function with the table's value on each cell of level {@code l} (the values the network
 *       encodes); {@code ||f - A_l f||_p} is within the table's largest mean half-width {@code eta_l} of it and
 *       {@code ||f - Phi_l||_p} within the decoder bound (Minkowski).</li>
 *   <li>{@link #modulusLowerBound}: a rigorous lower bound of {@code ||f(. + h) - f||_{L^p(Omega_h)}} at one
 *       shift {@code h}, hence of {@code omega_p(f, t)} for every {@code t >= |h|_2}: the norm over a box
 *       inside {@code Omega_h = prod_i [max(0, -h_i), 1 - max(0, h_i)]} (rounded inward), split into
 *       {@code n^d} boxes ({@code n^d} about 16384, 4096 for a long shift: the mean-value form's relative width falls
 *       as the square of the box size, so a finer first grid costs less than refining a coarse one) and refined where the enclosure is wide.</li>
 * </ul>
 *
 * @param errors  settings of the error enclosures
 * @param modulus settings of the modulus lower bound (only its lower end is used)
 */
public record CertifiedNorms(LpEnclosure errors, LpEnclosure modulus) {

    /**
     * Default: {@link LpEnclosure#DEFAULT} for errors; for the modulus (only its lower end is used) 2 % and 2^16
     * sub-boxes after a first grid of about 2^14 boxes (the lower bound then lies within about 1 % of the
     * estimate on the built-ins: finer first boxes are cheaper than refining coarse ones).
     */
    public static final CertifiedNorms DEFAULT = new CertifiedNorms(LpEnclosure.DEFAULT, new LpEnclosure(2e-2, 1L << 16, 24));

    /**
     * Boxes of the first pass of the modulus lower bound, about ({@code n^d} with {@code n} the rounded d-th root);
     * a quarter as many for a shift with some {@code |h_i| > }{@link #LONG_SHIFT} (there the affine model of the
     * difference, relative width {@code |H| r^2 / (|grad f| |h|)}, is tight on coarser boxes).
     */
    static final int MODULUS_BOXES = 1 << 14;
    static final double LONG_SHIFT = 1.0 / 32;

    public CertifiedNorms {
        if (errors == null || modulus == null) {
            throw new IllegalArgumentException("enclosure settings are required");
        }
    }

    /** The enclosure of {@code ||f - T_level||_p} for the table's values at {@code level}. */
    public LpEnclosure.Result tableError(Enclosable f, CellMeans table, int level, PNorm p) {
        Cells cells = table.cells();
        int d = cells.dim();
        long per = cells.perAxis(level);
        double[] origin = new double[d];
        double[] end = new double[d];
        long[] parts = new long[d];
        java.util.Arrays.fill(end, 1.0);
        java.util.Arrays.fill(parts, per);
        long count = cells.count(level);
        // the index of a cell is a sum over the axes of a function of one coordinate (its base-N digits, interleaved):
        // index(j) = sum_i index(j_i e_i), from one table per axis
        long[][] along = new long[d][Math.toIntExact(per)];
        long[] unit = new long[d];
        for (int i = 0; i < d; i++) {
            for (int v = 0; v < per; v++) {
                unit[i] = v;
                along[i][v] = cells.indexOfCorner(unit, level);
            }
            unit[i] = 0;
        }
        LpEnclosure.Grid grid = new Boxes(origin, end, parts, count, (k, out) -> cells.corner(k, level, out), j -> {
            long k = 0;
            for (int i = 0; i < d; i++) {
                k += along[i][(int) j[i]];
            }
            return k;
        }, k -> table.mean(level, k));
        return errors.enclose(f, grid, p);
    }

    /** A rigorous lower bound of {@code ||f(. + h) - f||_{L^p(Omega_h)}} (0 when {@code Omega_h} is empty). */
    public double modulusLowerBound(Enclosable f, int d, double[] h, PNorm p) {
        if (h.length != d) {
            throw new InvalidInputException("shift of dimension " + h.length + " for a target of dimension " + d);
        }
        double[] origin = new double[d];
        double[] end = new double[d];
        long[] parts = new long[d];
        double longest = 0;
        for (double v : h) {
            longest = Math.max(longest, Math.abs(v));
        }
        long each = Math.max(1, Math.round(Math.pow(longest > LONG_SHIFT ? MODULUS_BOXES / 4 : MODULUS_BOXES, 1.0 / d)));
        long count = 1;
        for (int i = 0; i < d; i++) {
            origin[i] = h[i] < 0 ? -h[i] : 0;
            end[i] = h[i] > 0 ? Interval.ONE.subtract(Interval.point(h[i])).lo() : 1;
            if (!(end[i] > origin[i])) {
                return 0;
            }
            parts[i] = each;
            count *= each;
        }
        long total = count;
        LpEnclosure.Grid grid = new Boxes(origin, end, parts, total, (k, out) -> {
            long r = k;
            for (int i = 0; i < d; i++) {
                out[i] = r % each;
                r /= each;
            }
        }, j -> {
            long k = 0;
            for (int i = d - 1; i >= 0; i--) {
                k = k * each + j[i];
            }
            return k;
        }, k -> 0);
        return modulus.enclose(f.difference(h), grid, p).norm().lo();
    }

    /** A {@link LpEnclosure.Grid} from its parts. */
    private record Boxes(double[] origin, double[] end, long[] parts, long count, Position position,
                         java.util.function.ToLongFunction<long[]> indexOf, java.util.function.LongToDoubleFunction values)
            implements LpEnclosure.Grid {

        @Override
        public double[] origin() {
            return origin.clone();
        }

        @Override
        public double[] end() {
            return end.clone();
        }

        @Override
        public long[] parts() {
            return parts.clone();
        }

        @Override
        public void position(long k, long[] out) {
            position.write(k, out);
        }

        @Override
        public long index(long[] j) {
            return indexOf.applyAsLong(j);
        }

        @Override
        public double value(long k) {
            return values.applyAsDouble(k);
        }
    }

    /** Writes the integer position of box {@code k}. */
    @FunctionalInterface
    private interface Position {
        void write(long k, long[] out);
    }
}
