package org.layerwise.report;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * For {@code d = 2}: a grid of small heat maps, {@code f} first and then each readout, all on one shared
 * colour scale ({@link Palette}) from the smallest to the largest finite sample, with a colour bar. The
 * panels are pre-scaled bitmaps (nearest neighbour, {@code y} pointing up), so the SVG shows the same
 * sharp cells as the PNG; non-finite samples are grey.
 */
public final class HeatMapGrid {

    private static final int MARGIN = 16;
    private static final int GAP = 14;
    private static final int TITLE = 22;
    private static final int HEADER = 30;
    private static final int BAR_GAP = 26;
    private static final int BAR_WIDTH = 18;
    private static final int BAR_LABELS = 84;
    private static final int MAX_COLUMNS = 4;
    private static final Font FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 13);

    private HeatMapGrid() {
    }

    /** The figure {@code heatmaps}: panels {@code f, Phi_1..Phi_L} of size {@code o.panelSize()}. */
    public static Figure figure(Samples s, boolean network, ReportOptions o) {
        List<String> titles = new ArrayList<>();
        titles.add("f");
        for (int p = 1; p <= s.levels(); p++) {
            titles.add(Labels.readout(network, p) + "   (level " + p + ")");
        }
        String header = "f and " + Labels.readout(network, 1) + " .. " + Labels.readout(network, s.levels())
                + " on a shared colour scale";
        return panels("heatmaps", "f and the readouts (heat maps)", header, s, titles, o);
    }

    /**
     * A figure of heat-map panels, {@code f} and then each readout of {@code s} on one shared colour scale, titled
     * by {@code titles} (one per panel, {@code f} first), under the heading {@code header}, at most four per row.
     */
    public static Figure panels(String name, String title, String header, Samples s, List<String> titles,
                                ReportOptions o) {
        if (s.dim() != 2) {
            throw new IllegalArgumentException("heat maps need 2-D samples, got dimension " + s.dim());
        }
        int panels = s.levels() + 1;
        if (titles.size() != panels) {
            throw new IllegalArgumentException(panels + " panels but " + titles.size() + " titles");
        }
        List<String> names = List.copyOf(titles);
        int cols = Math.min(panels, MAX_COLUMNS);
        int rows = (panels + cols - 1) / cols;
        int size = o.panelSize();
        int gridW = cols * size + (cols - 1) * GAP;
        int gridH = rows * (TITLE + size) + (rows - 1) * GAP;
        int width = MARGIN + gridW + BAR_GAP + BAR_WIDTH + BAR_LABELS + MARGIN;
        int height = MARGIN + HEADER + gridH + MARGIN;
        double[] range = range(s);
        String caption = s.resolution() + " x " + s.resolution() + " samples at cell midpoints; shared colour scale from "
                + Fmt.num(range[0]) + " to " + Fmt.num(range[1]) + "; x to the right, y upwards"
                + (anyNonFinite(s) ? "; grey marks non-finite values." : ".");
        Figure.Painter painter = (g, w, h) -> paint(g, s, header, names, size, cols, range, gridH);
        return new Figure(name, title, caption, width, height, painter);
    }

    private static void paint(Graphics2D g, Samples s, String header, List<String> titles, int size, int cols,
                              double[] range, int gridH) {
        g.setFont(FONT.deriveFont(Font.BOLD, 15f));
        g.setColor(Color.BLACK);
        g.drawString(header, MARGIN, MARGIN + 16);
        g.setFont(FONT);
        FontMetrics fm = g.getFontMetrics();
        int top = MARGIN + HEADER;
        for (int p = 0; p <= s.levels(); p++) {
            int x = MARGIN + (p % cols) * (size + GAP);
            int y = top + (p / cols) * (TITLE + size + GAP);
            String title = titles.get(p);
            g.setColor(Color.BLACK);
            g.drawString(title, x + (size - fm.stringWidth(title)) / 2, y + TITLE - 6);
            double[] values = p == 0 ? s.target() : s.readouts()[p - 1];
            g.drawImage(panel(values, s.resolution(), size, range), x, y + TITLE, null);
            g.setColor(new Color(0x88, 0x88, 0x88));
            g.drawRect(x, y + TITLE, size - 1, size - 1);
        }
        int barX = MARGIN + cols * size + (cols - 1) * GAP + BAR_GAP;
        int barTop = top + TITLE;
        int barH = Math.max(40, gridH - TITLE);
        g.drawImage(bar(BAR_WIDTH, barH), barX, barTop, null);
        g.setColor(new Color(0x88, 0x88, 0x88));
        g.drawRect(barX, barTop, BAR_WIDTH - 1, barH - 1);
        g.setColor(Color.BLACK);
        int ticks = 5;
        for (int k = 0; k < ticks; k++) {
            double t = (double) k / (ticks - 1);
            double v = range[0] + t * (range[1] - range[0]);
            int ty = barTop + (int) Math.round((1 - t) * (barH - 1));
            g.drawLine(barX + BAR_WIDTH, ty, barX + BAR_WIDTH + 4, ty);
            g.drawString(Fmt.num(v), barX + BAR_WIDTH + 7, ty + fm.getAscent() / 2 - 1);
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

    /** A {@code size x size} bitmap of {@code r x r} samples, nearest neighbour, sample row 0 at the bottom. */
    static BufferedImage panel(double[] values, int r, int size, double[] range) {
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        double span = range[1] - range[0];
        for (int py = 0; py < size; py++) {
            int j = r - 1 - (int) ((long) py * r / size);
            for (int px = 0; px < size; px++) {
                int i = (int) ((long) px * r / size);
                double v = values[j * r + i];
                img.setRGB(px, py, Palette.argb(Double.isFinite(v) ? (v - range[0]) / span : Double.NaN));
            }
        }
        return img;
    }

    private static BufferedImage bar(int w, int h) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int py = 0; py < h; py++) {
            int argb = Palette.argb(1 - (double) py / (h - 1));
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
