package org.layerwise.construct;

import org.layerwise.measure.Enclosure;

/**
 * The certified numbers of one level (targets that can be enclosed: formulas, built-ins, images, grids).
 *
 * @param tableError    enclosure of {@code ||f - T_l||_p}, {@code T_l} the table of values the level encodes
 * @param meanError     enclosure of {@code ||f - A_l f||_p} ({@code A_l f} the true cell means): the table
 *                      error widened by the table's largest mean half-width {@code eta_l}
 * @param networkError  enclosure of {@code ||f - Phi_l||_p}: the table error widened by the decoder's allowance
 *                      {@code B_l + ulp(max |T_l| + B_l)} of level {@code l} ({@code DecoderBound}); null without a
 *                      network or at level 0
 * @param omegaLo       rigorous lower bound of {@code omega_p(f, N^-l)}: {@code ||f(.+h) - f||_{L^p(Omega_h)}}
 *                      enclosed from below at the best shift {@code h} of the search
 * @param omegaEstimate the best estimate of {@code omega_p(f, N^-l)}: the larger of the search's QMC value and
 *                      {@code omegaLo}
 * @param constantHi    {@code E_hi / omegaLo}, {@code E} the network error (the mean error without a
 *                      network); infinite when {@code omegaLo = 0 < E_hi}, 0 when {@code E_hi = 0}
 * @param proven        whether {@code constantHi <= 2d + 1}: the theorem's bound checked for this {@code f}
 * @param exactMeans    whether the mean error is exact (piecewise-constant targets, by area)
 */
public record Certificate(Enclosure tableError, Enclosure meanError, Enclosure networkError, double omegaLo,
                          double omegaEstimate, double constantHi, boolean proven, boolean exactMeans) {

    public Certificate {
        if (tableError == null || meanError == null) {
            throw new IllegalArgumentException("table and mean error enclosures are required");
        }
        if (!(omegaLo >= 0) || !(omegaEstimate >= omegaLo) || !(constantHi >= 0)) {
            throw new IllegalArgumentException("omega bounds and constant must be >= 0, got " + omegaLo + ", "
                    + omegaEstimate + ", " + constantHi);
        }
    }

    /** {@code hi / lo}: 0 when {@code hi = 0}, infinity when only {@code lo = 0}. */
    public static double ratio(double hi, double lo) {
        if (hi == 0) {
            return 0;
        }
        return lo == 0 ? Double.POSITIVE_INFINITY : hi / lo;
    }

    /**
     * This certificate with the network error enclosure of a level whose decoder satisfies
     * {@code |Phi_l - T_l| <= decoder} everywhere (Minkowski: the table error widened by {@code decoder}).
     */
    public Certificate withNetwork(double decoder, int dim) {
        Enclosure net = tableError.widen(decoder);
        double c = ratio(net.hi(), omegaLo);
        return new Certificate(tableError, meanError, net, omegaLo, omegaEstimate, c, c <= 2.0 * dim + 1, exactMeans);
    }
}
