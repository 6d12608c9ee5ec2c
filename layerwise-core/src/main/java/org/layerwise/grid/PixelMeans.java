package org.layerwise.grid;

import java.util.function.LongConsumer;

import org.layerwise.NonFiniteValueException;
import org.layerwise.function.PiecewiseConstantTarget;
import org.layerwise.numeric.AccurateSum;
import org.layerwise.numeric.RationalRounding;

/**
 * Exact cell means of a piecewise-constant target (an image or a grid of samples): one idea taken out of
 * {@link CellMeansBuilder}, which calls it for such targets at every level.
 */
final class PixelMeans {

    private static final int BLOCK = CellMeansBuilder.BLOCK;

    private PixelMeans() {
    }

    /**
     * The exact means of the cells of level {@code r}, correctly rounded:
     * {@code mu_r(K) = sum_j v_j |P_j cap K| / |K|} over the pixels {@code P_j} met by {@code K}, the overlaps
     * integer products ({@link PixelGrid}), the sum exact in {@link java.math.BigDecimal} and rounded to the
     * nearest double ({@link RationalRounding}); a cell inside one pixel takes the pixel's value.
     *
     * @param cells    the cell geometry
     * @param f        the piecewise-constant target
     * @param r        the level
     * @param progress called with the number of cells done after each block, or null
     * @return the {@code N^(dr)} means in cell index order
     * @throws NonFiniteValueException naming the level, cell and pixel value when a pixel is not finite
     */
    static double[] of(Cells cells, PiecewiseConstantTarget f, int r, LongConsumer progress) {
        int n = Math.toIntExact(cells.count(r));
        int d = cells.dim();
        PixelGrid grid = new PixelGrid(f, cells.perAxis(r));
        double den = grid.denominator();
        java.math.BigDecimal q = new java.math.BigDecimal(den);
        double[] out = new double[n];
        int blocks = (n + BLOCK - 1) / BLOCK;
        Blocks.run(blocks, b -> {
            long[] corner = new long[d];
            int[] j = new int[d];
            AccurateSum s = new AccurateSum();
            Terms terms = new Terms();
            int end = Math.min(n, (b + 1) * BLOCK);
            for (int k = b * BLOCK; k < end; k++) {
                cells.corner(k, r, corner);
                s.clear();
                terms.size = 0;
                NonFiniteValueException bad = grid.visit(corner, j, (v, weight) -> {
                    // the exact product as a pair: weight * v = p + e
                    double p = weight * v;
                    s.add(p);
                    s.add(Math.fma(weight, v, -p));
                    terms.add(v, weight);
                });
                if (bad != null) {
                    return new NonFiniteValueException(r, k, bad.value(), bad.point());
                }
                // weights are integer overlap products: mu = sum_j (prod_i ov_i) v_j / prod_i s_i, exactly
                if (terms.size == 1 && terms.weight[0] == den) {
                    out[k] = terms.value[0]; // the cell lies in one pixel
                } else {
                    out[k] = RationalRounding.nearest(terms.exactSum(), q, s.mean(den));
                }
            }
            if (progress != null) {
                progress.accept(end - (long) b * BLOCK);
            }
            return null;
        });
        return out;
    }

    /** The pixel values and integer weights met by one cell, for the exact sum. */
    private static final class Terms {
        double[] value = new double[16];
        double[] weight = new double[16];
        int size;

        void add(double v, double w) {
            if (size == value.length) {
                value = java.util.Arrays.copyOf(value, 2 * size);
                weight = java.util.Arrays.copyOf(weight, 2 * size);
            }
            value[size] = v;
            weight[size] = w;
            size++;
        }

        /** {@code sum_j w_j v_j} exactly (doubles are finite decimals). */
        java.math.BigDecimal exactSum() {
            java.math.BigDecimal sum = java.math.BigDecimal.ZERO;
            for (int i = 0; i < size; i++) {
                sum = sum.add(new java.math.BigDecimal(value[i]).multiply(new java.math.BigDecimal(weight[i])));
            }
            return sum;
        }
    }

}
