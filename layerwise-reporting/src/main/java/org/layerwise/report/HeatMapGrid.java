package org.layerwise.report;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * Heat maps of 2-D samples ({@code d = 2}, or one slice {@code x3 = c} of a {@code d = 3} target): {@code f} first,
 * then each readout beside its error map {@code |f - Phi_l|}, two pairs per row. The values ({@code f} and the
 * readouts) share one colour scale ({@link Palette}) from the smallest to the largest finite sample; the error maps
 * share a second scale ({@link #errorArgb}, white for 0 to dark red for the largest error). Each panel has axes
 * {@code x1} (to the right) and {@code x2} (upwards) with ticks at 0, 0.5 and 1; each scale has a colour bar. The
 * panels are pre-scaled bitmaps (nearest neighbour), so the SVG shows the same sharp cells as the PNG; non-finite
 * samples are grey.
 */
public final class HeatMapGrid {

    private static final int MARGIN = 16;
    private static final int GAP = 18;
    private static final int TITLE = 22;
    private static final int HEADER = 30;
    /** Room left of a panel for the {@code x2} tick labels and axis label. */
    private static final int AXIS_LEFT = 46;
    /** Room under a panel for the {@code x1} tick labels and axis label. */
    private static final int AXIS_BELOW = 36;
    private static final int BAR_GAP = 26;
    private static final int BAR_WIDTH = 18;
    private static final int BAR_LABELS = 76;
    /** Readout-and-error pairs per row. */
    private static final int PAIRS = 2;
    private static final Font FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
    private static final Color FRAME = new Color(0x88, 0x88, 0x88);
    /** The error scale: white, orange, dark red at t = 0, 1/2, 1. */
    private static final double[][] ERROR_ANCHORS = {{1, 1, 1}, {0.98, 0.60, 0.20}, {0.45, 0.0, 0.05}};

    private HeatMapGrid() {
    }

    /**
     * The figure {@code heatmaps} of a {@code d = 2} target: {@code f, Phi_1..Phi_L} and the error maps, panels of
     * size {@code o.panelSize()}.
     *
     * @param s       the samples ({@code dim = 2})
     * @param network whether the readouts are network heads ({@code Phi_l}) or cell means ({@code A_l f})
     * @param o       the drawing options
     * @return the figure
     */
    public static Figure figure(Samples s, boolean network, ReportOptions o) {
        return levels("heatmaps", "f, the readouts and their errors (heat maps)", "", s, network, o);
    }

    /**
     * The figure of one slice {@code x3 = c} of a {@code d = 3} target, named {@code heatmaps-x3-<k>}.
     *
     * @param s       the samples of the slice ({@code dim = 2}: the points {@code (x1, x2, c)})
     * @param network whether the readouts are network heads
     * @param x3      the slice's third coordinate {@code c}
     * @param k       the slice's index, for the file name
     * @param o       the drawing options
     * @return the figure
     */
    public static Figure slice(Samples s, boolean network, double x3, int k, ReportOptions o) {
        return levels("heatmaps-x3-" + k, "Slice x3 = " + Fmt.num(x3) + ": f, the readouts and their errors",
                " in the slice x3 = " + Fmt.num(x3), s, network, o);
    }

    private static Figure levels(String name, String title, String where, Samples s, boolean network,
                                 ReportOptions o) {
        List<String> titles = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        titles.add("f");
        for (int l = 1; l <= s.levels(); l++) {
            titles.add(Labels.readout(network, l) + "   (level " + l + ")");
            errors.add("|f \u2212 " + Labels.readout(network, l) + "|");
        }
        String header = "f and " + Labels.readout(network, 1) + " .. " + Labels.readout(network, s.levels())
                + where + " (one colour scale), each beside its error map (a second scale)";
        return panels(name, title, header, s, titles, errors, o);
    }

    /**
     * A figure of heat-map panels: {@code f}, then each readout of {@code s} beside its error map, with the error
     * maps titled {@code |f - <title>|}.
     *
     * @param name   the figure's file stem
     * @param title  the figure's heading in the page
     * @param header the heading drawn in the figure
     * @param s      the samples ({@code dim = 2})
     * @param titles one per panel of values, {@code f} first
     * @param o      the drawing options
     * @return the figure
     * @throws IllegalArgumentException if the samples are not 2-D or the number of titles is not
     *                                  {@code s.levels() + 1}
     */
    public static Figure panels(String name, String title, String header, Samples s, List<String> titles,
                                ReportOptions o) {
        List<String> errors = new ArrayList<>();
        for (int k = 1; k < titles.size(); k++) {
            errors.add("|f \u2212 " + titles.get(k).strip() + "|");
        }
        return panels(name, title, header, s, titles, errors, o);
    }

    private static Figure panels(String name, String title, String header, Samples s, List<String> titles,
                                 List<String> errorTitles, ReportOptions o) {
        if (s.dim() != 2) {
            throw new IllegalArgumentException("heat maps need 2-D samples, got dimension " + s.dim());
        }
        if (titles.size() != s.levels() + 1) {
            throw new IllegalArgumentException((s.levels() + 1) + " panels but " + titles.size() + " titles");
        }
        Layout lay = new Layout(s.levels(), o.panelSize());
        double[] range = range(s);
        double[][] errors = new double[s.levels()][];
        for (int l = 1; l <= s.levels(); l++) {
            errors[l - 1] = errors(s, l);
        }
        double maxError = maxFinite(errors);
        double[] errorRange = {0, maxError > 0 ? maxError : 1};
        String caption = s.resolution() + " x " + s.resolution() + " samples at cell midpoints; values on one colour "
                + "scale from " + Fmt.num(range[0]) + " to " + Fmt.num(range[1]) + ", errors |f \u2212 readout| at the "
                + "same points on a second scale from 0 (white) to " + Fmt.num(errorRange[1]) + " (dark red); x1 to the "
                + "right, x2 upwards" + (anyNonFinite(s) ? "; grey marks non-finite values." : ".");
        List<String> names = List.copyOf(titles);
        List<String> errorNames = List.copyOf(errorTitles);
        Figure.Painter painter = (g, w, h) -> paint(g, s, header, names, errorNames, lay, range, errors, errorRange);
        return new Figure(name, title, caption, lay.width, lay.height, painter);
    }

    /** Where the panels go: slot 0 is {@code f}, then two slots (readout, error) per level, {@link #PAIRS} per row. */
    static final class Layout {
        final int size;
        final int columns;
        final int rows;
        final int cellW;
        final int cellH;
        final int gridH;
        final int width;
        final int height;

        Layout(int levels, int size) {
            this.size = size;
            int slots = 2 * (levels + 1); // f takes a pair's place (its error slot stays empty)
            columns = Math.min(2 * PAIRS, slots);
            rows = (slots + columns - 1) / columns;
            cellW = AXIS_LEFT + size + GAP;
            cellH = TITLE + size + AXIS_BELOW + GAP;
            gridH = rows * cellH - GAP;
            width = MARGIN + columns * cellW - GAP + 2 * (BAR_GAP + BAR_WIDTH + BAR_LABELS) + MARGIN;
            height = MARGIN + HEADER + Math.max(gridH, 2 * size + TITLE) + MARGIN;
        }

        /** The top-left corner of the bitmap of slot {@code k}: {@code {x, y}}. */
        int[] panel(int k) {
            int x = MARGIN + (k % columns) * cellW + AXIS_LEFT;
            int y = MARGIN + HEADER + (k / columns) * cellH + TITLE;
            return new int[] {x, y};
        }

        /** The slot of the values of level {@code l} (0: {@code f}); its error map is the next slot. */
        static int valueSlot(int l) {
            return 2 * l;
        }
    }

    private static void paint(Graphics2D g, Samples s, String header, List<String> titles, List<String> errorTitles,
                              Layout lay, double[] range, double[][] errors, double[] errorRange) {
        g.setFont(FONT.deriveFont(Font.BOLD, 15f));
        g.setColor(Color.BLACK);
        g.drawString(header, MARGIN, MARGIN + 16);
        g.setFont(FONT);
        int size = lay.size;
        for (int l = 0; l <= s.levels(); l++) {
            double[] values = l == 0 ? s.target() : s.readouts()[l - 1];
            int[] at = lay.panel(Layout.valueSlot(l));
            framed(g, titles.get(l), panel(values, s.resolution(), size, range), at, size);
            if (l > 0) {
                int[] e = lay.panel(Layout.valueSlot(l) + 1);
                framed(g, errorTitles.get(l - 1), errorPanel(errors[l - 1], s.resolution(), size, errorRange[1]), e,
                        size);
            }
        }
        int barX = MARGIN + lay.columns * lay.cellW - GAP + BAR_GAP;
        int barTop = MARGIN + HEADER + TITLE;
        int barH = Math.max(40, Math.min(lay.gridH - TITLE - AXIS_BELOW, 2 * size));
        colourBar(g, "values", bar(BAR_WIDTH, barH, false), barX, barTop, range);
        colourBar(g, "|f \u2212 readout|", bar(BAR_WIDTH, barH, true), barX + BAR_WIDTH + BAR_LABELS + BAR_GAP, barTop,
                errorRange);
    }

    /** A panel with its title above, its frame, and axes x1 (ticks and label below) and x2 (left). */
    private static void framed(Graphics2D g, String title, BufferedImage img, int[] at, int size) {
        FontMetrics fm = g.getFontMetrics();
        int x = at[0];
        int y = at[1];
        g.setColor(Color.BLACK);
        g.drawString(title, x + (size - fm.stringWidth(title)) / 2, y - 6);
        g.drawImage(img, x, y, null);
        g.setColor(FRAME);
        g.drawRect(x, y, size - 1, size - 1);
        g.setFont(FONT.deriveFont(11f));
        FontMetrics small = g.getFontMetrics();
        for (int k = 0; k <= 2; k++) {
            double t = k / 2.0;
            String label = Fmt.num(t);
            int tx = x + (int) Math.round(t * (size - 1));
            int ty = y + (int) Math.round((1 - t) * (size - 1));
            g.setColor(FRAME);
            g.drawLine(tx, y + size, tx, y + size + 4);
            g.drawLine(x - 5, ty, x - 1, ty);
            g.setColor(Color.BLACK);
            g.drawString(label, tx - small.stringWidth(label) / 2, y + size + 5 + small.getAscent());
            g.drawString(label, x - 7 - small.stringWidth(label), ty + small.getAscent() / 2 - 1);
        }
        g.setFont(FONT);
        g.drawString("x1", x + (size - fm.stringWidth("x1")) / 2, y + size + 8 + small.getHeight() + fm.getAscent());
        g.drawString("x2", x - AXIS_LEFT + 2, y + size / 2 + fm.getAscent() / 2);
    }

    /** A vertical colour bar with its title above and five labelled ticks from {@code range[0]} to {@code range[1]}. */
    private static void colourBar(Graphics2D g, String title, BufferedImage img, int x, int top, double[] range) {
        FontMetrics fm = g.getFontMetrics();
        int h = img.getHeight();
        g.setColor(Color.BLACK);
        g.drawString(title, x, top - 8 - fm.getAscent() / 2);
        g.drawImage(img, x, top, null);
        g.setColor(FRAME);
        g.drawRect(x, top, BAR_WIDTH - 1, h - 1);
        g.setColor(Color.BLACK);
        int ticks = 5;
        for (int k = 0; k < ticks; k++) {
            double t = (double) k / (ticks - 1);
            double v = range[0] + t * (range[1] - range[0]);
            int ty = top + (int) Math.round((1 - t) * (h - 1));
            g.drawLine(x + BAR_WIDTH, ty, x + BAR_WIDTH + 4, ty);
            g.drawString(Fmt.num(v), x + BAR_WIDTH + 7, ty + fm.getAscent() / 2 - 1);
        }
    }

    /** {@code [lo, hi]} of the finite samples, widened to a unit interval around a constant (or [0, 1] if none). */
    static double[] range(Samples s) {
        double lo = s.min();
        double hi = s.max();
        if (Double.isNaN(lo)) {
            return new double[] {0, 1};
        }
        if (hi - lo <= 0 || !Double.isFinite(hi - lo)) {
            return new double[] {lo - 0.5, lo + 0.5};
        }
        return new double[] {lo, hi};
    }

    /**
     * The error map of level {@code l} at the sample points: {@code |f(x_k) - Phi_l(x_k)|}, NaN where either is not
     * finite.
     *
     * @param s the samples
     * @param l the level, {@code 1..L}
     * @return one value per sample point, in the order of {@link Samples#target()}
     */
    static double[] errors(Samples s, int l) {
        double[] f = s.target();
        double[] phi = s.readouts()[l - 1];
        double[] out = new double[f.length];
        for (int k = 0; k < f.length; k++) {
            double d = Math.abs(f[k] - phi[k]);
            out[k] = Double.isFinite(f[k]) && Double.isFinite(phi[k]) ? d : Double.NaN;
        }
        return out;
    }

    private static double maxFinite(double[][] series) {
        double max = 0;
        for (double[] v : series) {
            for (double x : v) {
                if (Double.isFinite(x)) {
                    max = Math.max(max, x);
                }
            }
        }
        return max;
    }

    /** A {@code size x size} bitmap of {@code r x r} samples, nearest neighbour, sample row 0 at the bottom. */
    static BufferedImage panel(double[] values, int r, int size, double[] range) {
        double span = range[1] - range[0];
        return bitmap(values, r, size, v -> Palette.argb(Double.isFinite(v) ? (v - range[0]) / span : Double.NaN));
    }

    /** The error map as a bitmap like {@link #panel}, coloured by {@link #errorArgb} of {@code error / max}. */
    static BufferedImage errorPanel(double[] errors, int r, int size, double max) {
        return bitmap(errors, r, size, v -> errorArgb(Double.isFinite(v) ? v / max : Double.NaN));
    }

    private static BufferedImage bitmap(double[] values, int r, int size, java.util.function.DoubleToIntFunction argb) {
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        for (int py = 0; py < size; py++) {
            int j = r - 1 - (int) ((long) py * r / size);
            for (int px = 0; px < size; px++) {
                int i = (int) ((long) px * r / size);
                img.setRGB(px, py, argb.applyAsInt(values[j * r + i]));
            }
        }
        return img;
    }

    /**
     * The colour of the error scale: white at 0, orange at 1/2, dark red at 1 (linear between; clamped).
     *
     * @param t the error as a fraction of the largest error; NaN for a non-finite error
     * @return the ARGB colour, grey for NaN
     */
    static int errorArgb(double t) {
        return Palette.interpolate(ERROR_ANCHORS, t);
    }

    private static BufferedImage bar(int w, int h, boolean error) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int py = 0; py < h; py++) {
            double t = 1 - (double) py / (h - 1);
            int argb = error ? errorArgb(t) : Palette.argb(t);
            for (int px = 0; px < w; px++) {
                img.setRGB(px, py, argb);
            }
        }
        return img;
    }

    private static boolean anyNonFinite(Samples s) {
        for (double v : s.target()) {
            if (!Double.isFinite(v)) {
                return true;
            }
        }
        for (double[] level : s.readouts()) {
            for (double v : level) {
                if (!Double.isFinite(v)) {
                    return true;
                }
            }
        }
        return false;
    }
}
