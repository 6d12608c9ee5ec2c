package org.layerwise.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.util.ArrayList;
import java.util.List;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.layerwise.construct.ConstructionReport;
import org.layerwise.construct.LevelReport;

/**
 * The line charts of the report (XChart): error against level and bits per level on logarithmic axes, and
 * the 1-D overlay of {@code f} and its readouts. Values that a log axis cannot show (zero, negative,
 * non-finite) are left out and named in the caption.
 */
public final class Plots {

    static final Color BLUE = new Color(0x1f, 0x5f, 0xbf);
    static final Color ORANGE = new Color(0xe0, 0x7b, 0x00);
    static final Color RED = new Color(0xc0, 0x20, 0x20);
    static final Color GREY = new Color(0x55, 0x55, 0x55);
    static final Color GREEN = new Color(0x1a, 0x8a, 0x3a);
    static final Font FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 13);

    static final BasicStroke SOLID = new BasicStroke(2f);
    static final BasicStroke DASHED = new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
            new float[] {7f, 4f}, 0f);
    static final BasicStroke DOTTED = new BasicStroke(1.6f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 10f,
            new float[] {1.5f, 4f}, 0f);

    private Plots() {
    }

    /**
     * Error against level, log y: the network readout error {@code ||f - Phi_l||_p} (when a network was built),
     * the cell-mean error {@code ||f - A_l f||_p}, the bound {@code (2d+1) omega_p(f, N^-l)} and, when the
     * target's regularity has a rate, the rate line {@code (2d+1) lambda N^(-alpha l)}.
     */
    public static Figure errorVsLevel(ConstructionReport r, ReportOptions o) {
        List<LevelReport> rows = r.rows();
        int n = rows.size();
        double[] levels = new double[n];
        double[] network = new double[n];
        double[] mean = new double[n];
        double[] bound = new double[n];
        double[] rate = new double[n];
        boolean anyNetwork = false;
        for (int i = 0; i < n; i++) {
            LevelReport row = rows.get(i);
            levels[i] = row.level();
            network[i] = row.networkError() == null ? Double.NaN : row.networkError().value();
            anyNetwork |= row.networkError() != null;
            mean[i] = row.meanError().value();
            bound[i] = row.bound();
            rate[i] = r.regularity().rateBound(r.dim(), Math.pow(r.base(), -row.level()));
        }
        String p = r.p().toString();
        XYChart chart = logChart(o, "Error against level (p = " + p + ")", "level l", "L^p error (log scale)");
        List<String> notes = new ArrayList<>();
        if (r.hasNetwork() && anyNetwork) {
            add(chart, notes, "network  ‖f − Φₗ‖", levels, network, BLUE, SOLID, SeriesMarkers.CIRCLE);
        }
        add(chart, notes, "cell mean  ‖f − Aₗf‖", levels, mean, ORANGE, DASHED, SeriesMarkers.SQUARE);
        add(chart, notes, "bound  (2d+1) ωₚ(f, N⁻ˡ)", levels, bound, RED, SOLID, SeriesMarkers.NONE);
        if (r.regularity().hasRate()) {
            add(chart, notes, "rate  (2d+1) λ N^(−αl)", levels, rate, GREY, DOTTED, SeriesMarkers.NONE);
        }
        integerTicks(chart);
        String caption = "Each level's error on a logarithmic axis; a straight line means a geometric rate.";
        return figure("error-vs-level", "Error against level", caption, notes, chart, o);
    }

    /** Bits stored for each level's weights and their running total, log y; levels storing 0 bits are skipped. */
    public static Figure bits(ConstructionReport r, ReportOptions o) {
        List<LevelReport> rows = r.rows();
        int n = rows.size();
        double[] levels = new double[n];
        double[] bits = new double[n];
        double[] total = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            LevelReport row = rows.get(i);
            levels[i] = row.level();
            bits[i] = row.bits() < 0 ? Double.NaN : row.bits();
            sum += Math.max(0, row.bits());
            total[i] = row.bits() < 0 ? Double.NaN : sum;
        }
        XYChart chart = logChart(o, "Bits stored per level", "level l", "bits (log scale)");
        List<String> notes = new ArrayList<>();
        add(chart, notes, "bits of level l", levels, bits, BLUE, SOLID, SeriesMarkers.CIRCLE);
        add(chart, notes, "cumulative bits, levels 0..l", levels, total, ORANGE, DASHED, SeriesMarkers.SQUARE);
        integerTicks(chart);
        String caption = "Phase bits and address coefficients of each level, and the total up to that level.";
        return figure("bits", "Bits per level", caption, notes, chart, o);
    }

    /**
     * For {@code d = 1}: {@code f} (a line through the samples) and each readout {@code Phi_l} (a step function
     * holding each sample over its interval), overlaid.
     */
    public static Figure steps(Samples s, boolean network, ReportOptions o) {
        List<String> notes = new ArrayList<>();
        XYChart chart = stepsChart(s, network, "f and its readouts", o.chartWidth(), o.chartHeight(), notes);
        String caption = "f (red) sampled at " + s.resolution() + " midpoints, and " + Labels.readout(network, 1) + " .. "
                + Labels.readout(network, s.levels()) + " held constant on each sample interval"
                + " (dark to light with the level).";
        return figure("readouts-1d", "f and the readouts", caption, notes, chart, o);
    }

    /** {@code f} (red line) and the readouts of {@code s} as step functions, dark to light with the level. */
    private static XYChart stepsChart(Samples s, boolean network, String title, int width, int height,
                                      List<String> notes) {
        if (s.dim() != 1) {
            throw new IllegalArgumentException("a step plot needs 1-D samples, got dimension " + s.dim());
        }
        int m = s.resolution();
        double[] edges = new double[m + 1];
        for (int i = 0; i < m; i++) {
            edges[i] = (double) i / m;
        }
        edges[m] = 1.0;
        XYChart chart = new XYChartBuilder().width(width).height(height)
                .title(title).xAxisTitle("x").yAxisTitle("value").build();
        style(chart);
        for (int l = 1; l <= s.levels(); l++) {
            double[] held = new double[m + 1];
            double[] values = s.readouts()[l - 1];
            System.arraycopy(values, 0, held, 0, m);
            held[m] = values[m - 1];
            XYSeries series = chart.addSeries(Labels.readout(network, l), edges, finiteOrNaN(held));
            series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Step);
            series.setLineColor(levelColor(l, s.levels()));
            series.setLineStyle(new BasicStroke(1.6f));
            series.setMarker(SeriesMarkers.NONE);
            countNonFinite(notes, Labels.readout(network, l), values);
        }
        addTarget(chart, s, notes);
        return chart;
    }

    /** Colour of level {@code l} of {@code levels}: dark to light. */
    private static Color levelColor(int l, int levels) {
        return Palette.color(levels == 1 ? 0.35 : 0.85 * (l - 1) / (levels - 1));
    }

    /** {@code f} as a thick red line through the midpoint samples, x from 0 to 1. */
    private static void addTarget(XYChart chart, Samples s, List<String> notes) {
        int m = s.resolution();
        double[] mid = new double[m];
        for (int i = 0; i < m; i++) {
            mid[i] = Samples.midpoint(i, m);
        }
        XYSeries f = chart.addSeries("f", mid, finiteOrNaN(s.target()));
        f.setLineColor(RED);
        f.setLineStyle(new BasicStroke(2.2f));
        f.setMarker(SeriesMarkers.NONE);
        countNonFinite(notes, "f", s.target());
        chart.getStyler().setXAxisMin(0.0).setXAxisMax(1.0);
    }

    /**
     * The comparison on one log chart against the level / grade {@code l = 1..L}: the explicit network's error
     * {@code ||f - Phi_l||_p}, the bound {@code (2d+1) omega_p(f, N^-l)}, the MGDL error after grade {@code l} and
     * the SGDL (end-to-end) error as a horizontal line.
     */
    public static Figure comparison(Comparison c, ReportOptions o) {
        int n = c.levels();
        double[] levels = new double[n];
        double[] explicit = new double[n];
        double[] bound = new double[n];
        double[] mgdl = new double[n];
        double[] sgdl = new double[n];
        for (int l = 1; l <= n; l++) {
            levels[l - 1] = l;
            explicit[l - 1] = c.explicitError(l).value();
            bound[l - 1] = c.row(l).bound();
            mgdl[l - 1] = c.mgdl().get(l - 1).value();
            sgdl[l - 1] = c.sgdl().value();
        }
        String p = c.explicit().p().toString();
        XYChart chart = logChart(o, "Error against level / grade (p = " + p + ")", "level l = grade k",
                "L^p error (log scale)");
        List<String> notes = new ArrayList<>();
        add(chart, notes, "explicit Φₗ", levels, explicit, BLUE, SOLID, SeriesMarkers.CIRCLE);
        add(chart, notes, "bound (2d+1) ωₚ(f, N⁻ˡ)", levels, bound, RED, SOLID, SeriesMarkers.NONE);
        add(chart, notes, "MGDL g₁+..+gₖ", levels, mgdl, GREEN, DASHED, SeriesMarkers.SQUARE);
        add(chart, notes, "SGDL (one network)", levels, sgdl, Color.BLACK, DOTTED, SeriesMarkers.NONE);
        integerTicks(chart);
        String caption = "All errors measured the same way (same points, same p). The SGDL network has all L grades' "
                + "layers and is trained once, so its single error is drawn as a horizontal line.";
        return figure("comparison", "Error against level: explicit, MGDL, SGDL", caption, notes, chart, o);
    }

    /**
     * For {@code d = 1}, two charts side by side on one y range: left {@code f} and the explicit readouts
     * {@code Phi_1..Phi_L} (steps), right {@code f}, the MGDL prefix readouts {@code g_1+..+g_k} and the SGDL
     * network (black dashed).
     */
    public static Figure comparisonCurves(Samples explicit, Samples mgdl, Samples sgdl, ReportOptions o) {
        if (mgdl.dim() != 1 || sgdl.dim() != 1 || mgdl.resolution() != explicit.resolution()
                || sgdl.resolution() != explicit.resolution()) {
            throw new IllegalArgumentException("side-by-side curves need 1-D samples at the same points");
        }
        int w = o.chartWidth() * 3 / 4;
        int h = o.chartHeight();
        List<String> notes = new ArrayList<>();
        XYChart left = stepsChart(explicit, true, "explicit network: f and Φₗ", w, h, notes);
        XYChart right = new XYChartBuilder().width(w).height(h).title("trained: f, MGDL prefix k, SGDL")
                .xAxisTitle("x").yAxisTitle("value").build();
        style(right);
        addTarget(right, mgdl, notes); // first, so the trained curves are drawn over it
        int m = mgdl.resolution();
        double[] mid = new double[m];
        for (int i = 0; i < m; i++) {
            mid[i] = Samples.midpoint(i, m);
        }
        for (int k = 1; k <= mgdl.levels(); k++) {
            String name = "k=" + k;
            XYSeries series = right.addSeries(name, mid, finiteOrNaN(mgdl.readouts()[k - 1]));
            series.setLineColor(levelColor(k, mgdl.levels()));
            series.setLineStyle(new BasicStroke(1.6f));
            series.setMarker(SeriesMarkers.NONE);
            countNonFinite(notes, name, mgdl.readouts()[k - 1]);
        }
        XYSeries s = right.addSeries("SGDL", mid, finiteOrNaN(sgdl.readouts()[0]));
        s.setLineColor(Color.BLACK);
        s.setLineStyle(DASHED);
        s.setMarker(SeriesMarkers.NONE);
        countNonFinite(notes, "SGDL", sgdl.readouts()[0]);
        double lo = Math.min(explicit.min(), Math.min(mgdl.min(), sgdl.min()));
        double hi = Math.max(explicit.max(), Math.max(mgdl.max(), sgdl.max()));
        if (lo < hi) {
            double pad = 0.04 * (hi - lo);
            for (XYChart c : List.of(left, right)) {
                c.getStyler().setYAxisMin(lo - pad).setYAxisMax(hi + pad);
            }
        }
        String caption = "f (red) at " + m + " midpoints. Left: the explicit network's readouts Φ₁ .. Φ"
                + Labels.subscript(explicit.levels()) + " held constant on each sample interval; right: the MGDL "
                + "readout after grade k = 1 .. " + mgdl.levels() + " and the SGDL network (black, dashed), drawn over f. "
                + "Both on "
                + "the same y range; dark to light with the level / grade.";
        double gap = Math.max(maxGap(mgdl.target(), mgdl.readouts()[mgdl.levels() - 1]),
                maxGap(sgdl.target(), sgdl.readouts()[0]));
        if (lo < hi && gap < 0.01 * (hi - lo)) {
            // otherwise a reader might think the trained curves are missing
            caption += " The final MGDL and the SGDL readouts differ from f by at most " + Fmt.num(gap)
                    + " at these points, under 1% of the y range: they lie on top of f.";
        }
        String full = notes.isEmpty() ? caption : caption + " Note: " + String.join("; ", notes) + ".";
        return new Figure("readouts-compare", "f and the readouts side by side", full, 2 * w, h, (g, width, height) -> {
            left.paint(g, w, h);
            g.translate(w, 0);
            right.paint(g, w, h);
            g.translate(-w, 0);
        });
    }

    /** {@code max |a_i - b_i|} over the indices where both are finite (0 when there are none). */
    private static double maxGap(double[] a, double[] b) {
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            double d = Math.abs(a[i] - b[i]);
            if (Double.isFinite(d)) {
                max = Math.max(max, d);
            }
        }
        return max;
    }

    static XYChart logChart(ReportOptions o, String title, String x, String y) {
        XYChart chart = new XYChartBuilder().width(o.chartWidth()).height(o.chartHeight())
                .title(title).xAxisTitle(x).yAxisTitle(y).build();
        style(chart);
        chart.getStyler().setYAxisLogarithmic(true);
        return chart;
    }

    private static void style(XYChart chart) {
        var st = chart.getStyler();
        st.setChartBackgroundColor(Color.WHITE);
        st.setPlotBackgroundColor(Color.WHITE);
        st.setPlotBorderColor(new Color(0x99, 0x99, 0x99));
        st.setPlotGridLinesColor(new Color(0xdd, 0xdd, 0xdd));
        st.setLegendPosition(Styler.LegendPosition.OutsideS);
        st.setLegendLayout(Styler.LegendLayout.Horizontal);
        st.setLegendBorderColor(Color.WHITE);
        st.setChartTitleBoxVisible(false);
        st.setBaseFont(FONT);
        st.setChartTitleFont(FONT.deriveFont(Font.BOLD, 15f));
        st.setLegendFont(FONT);
        st.setAxisTitleFont(FONT);
        st.setAxisTickLabelsFont(FONT.deriveFont(12f));
        st.setMarkerSize(7);
        // Locale-independent tick labels (XChart's default DecimalFormat follows the JVM locale).
        st.setYAxisTickLabelsFormattingFunction(Fmt::num);
        st.setXAxisTickLabelsFormattingFunction(Fmt::num);
    }

    static void integerTicks(XYChart chart) {
        chart.getStyler().setXAxisTickLabelsFormattingFunction(v -> v == Math.rint(v) ? Long.toString(Math.round(v)) : "");
    }

    /** Adds the positive finite points of a series; names the levels left out in {@code notes}. */
    static void add(XYChart chart, List<String> notes, String name, double[] x, double[] y, Color color,
                            BasicStroke stroke, org.knowm.xchart.style.markers.Marker marker) {
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        List<String> zero = new ArrayList<>();
        List<String> bad = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            String level = Long.toString(Math.round(x[i]));
            if (Double.isNaN(y[i])) {
                continue; // not measured at this level
            }
            if (y[i] > 0 && Double.isFinite(y[i])) {
                xs.add(x[i]);
                ys.add(y[i]);
            } else if (y[i] == 0) {
                zero.add(level);
            } else {
                bad.add(level + " (" + Fmt.num(y[i]) + ")");
            }
        }
        String plain = name.replaceAll("\\s+", " ");
        if (!zero.isEmpty()) {
            notes.add(plain + " is exactly 0 at level" + (zero.size() > 1 ? "s " : " ") + String.join(", ", zero)
                    + " (not drawn on the log axis)");
        }
        if (!bad.isEmpty()) {
            notes.add(plain + " cannot be drawn at level" + (bad.size() > 1 ? "s " : " ") + String.join(", ", bad));
        }
        if (xs.isEmpty()) {
            return;
        }
        XYSeries s = chart.addSeries(name, xs, ys);
        s.setLineColor(color);
        s.setLineStyle(stroke);
        s.setMarker(marker);
        s.setMarkerColor(color);
    }

    private static double[] finiteOrNaN(double[] v) {
        double[] out = v.clone();
        for (int i = 0; i < out.length; i++) {
            if (!Double.isFinite(out[i])) {
                out[i] = Double.NaN;
            }
        }
        return out;
    }

    private static void countNonFinite(List<String> notes, String name, double[] v) {
        int bad = 0;
        for (double x : v) {
            if (!Double.isFinite(x)) {
                bad++;
            }
        }
        if (bad > 0) {
            notes.add(name + " is not finite at " + bad + " of " + v.length + " samples (gaps)");
        }
    }

    /**
     * Fits a chart's legend and log axis before it is drawn: a legend whose entries in one row would come within
     * {@link #LEGEND_MARGIN} pixels of the chart's edges is stacked instead (one entry per row, under the plot), so no
     * entry is clipped; a logarithmic y axis is widened to whole decades, so at least two labelled ticks show even
     * when the values span less than a decade (XChart labels only the powers of ten).
     */
    static void fit(XYChart chart) {
        java.awt.image.BufferedImage probe = new java.awt.image.BufferedImage(1, 1, java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = probe.createGraphics();
        java.awt.FontMetrics fm = g.getFontMetrics(chart.getStyler().getLegendFont());
        int row = 0;
        double lo = Double.POSITIVE_INFINITY;
        double hi = 0;
        for (XYSeries s : chart.getSeriesCollection()) {
            row += fm.stringWidth(s.getName()) + LEGEND_ENTRY;
            for (double y : s.getYData()) {
                if (y > 0 && Double.isFinite(y)) {
                    lo = Math.min(lo, y);
                    hi = Math.max(hi, y);
                }
            }
        }
        g.dispose();
        if (row > chart.getWidth() - 2 * LEGEND_MARGIN) {
            chart.getStyler().setLegendLayout(Styler.LegendLayout.Vertical);
        }
        if (chart.getStyler().isYAxisLogarithmic() && hi > 0) {
            chart.getStyler().setYAxisMin(Math.pow(10, Math.floor(Math.log10(lo))))
                    .setYAxisMax(Math.pow(10, Math.ceil(Math.log10(hi) + 1e-12)));
        }
    }

    /** Pixels a legend entry takes besides its text (line sample, marker and paddings; generous). */
    static final int LEGEND_ENTRY = 56;
    /** Free pixels kept between a one-row legend and each edge of the chart. */
    static final int LEGEND_MARGIN = 16;

    /** Wraps a chart as a figure; with no drawable series, draws a message instead of an empty log axis. */
    static Figure figure(String name, String title, String caption, List<String> notes, XYChart chart,
                                 ReportOptions o) {
        fit(chart);
        String fullCaption = notes.isEmpty() ? caption : caption + " Note: " + String.join("; ", notes) + ".";
        boolean empty = chart.getSeriesCollection().isEmpty();
        Figure.Painter painter = empty
                ? (g, w, h) -> {
                    g.setColor(GREY);
                    g.setFont(FONT.deriveFont(15f));
                    g.drawString(title + ": nothing to draw on a log scale (all values are 0 or missing)", 20, h / 2);
                }
                : chart::paint;
        return new Figure(name, title, fullCaption, o.chartWidth(), o.chartHeight(), painter);
    }
}
