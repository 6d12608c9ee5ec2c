package org.layerwise.report;

import java.awt.Color;

/**
 * A perceptually ordered colour map from dark violet through blue and green to yellow (viridis-like),
 * computed by piecewise-linear interpolation between five anchor colours; NaN maps to grey.
 */
public final class Palette {

    // Anchors at t = 0, 1/4, 1/2, 3/4, 1 (RGB in [0,1]): monotone in lightness, so order reads as value.
    private static final double[][] ANCHORS = {
        {0.267, 0.005, 0.329},
        {0.230, 0.322, 0.546},
        {0.128, 0.567, 0.551},
        {0.369, 0.789, 0.383},
        {0.993, 0.906, 0.144},
    };

    private static final int NAN_RGB = 0xFF9A9A9A;

    private Palette() {
    }

    /** ARGB of the colour for {@code t} in [0,1] (clamped); grey for NaN. */
    public static int argb(double t) {
        return interpolate(ANCHORS, t);
    }

    /**
     * The colour at {@code t} of a map given by equally spaced anchors: piecewise-linear in RGB between them.
     *
     * @param anchors RGB in {@code [0,1]} at {@code t = 0, 1/(n-1), .., 1}, at least two
     * @param t       the position, clamped to {@code [0,1]}; NaN gives grey
     * @return the opaque ARGB colour
     */
    static int interpolate(double[][] anchors, double t) {
        if (Double.isNaN(t)) {
            return NAN_RGB;
        }
        double s = Math.min(1, Math.max(0, t)) * (anchors.length - 1);
        int i = Math.min((int) Math.floor(s), anchors.length - 2);
        double w = s - i;
        int argb = 0xFF000000;
        for (int c = 0; c < 3; c++) {
            double v = anchors[i][c] * (1 - w) + anchors[i + 1][c] * w;
            argb |= ((int) Math.round(v * 255)) << (16 - 8 * c);
        }
        return argb;
    }

    /** The colour for {@code t}, see {@link #argb(double)}. */
    public static Color color(double t) {
        return new Color(argb(t), true);
    }
}
