package org.layerwise.report;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The report of one experiment run over several seeds ({@code train --seeds}, {@code compare --seeds}): the setup,
 * a table, and one log chart of the per-grade spread: every seed's value at each grade (grey points), the median
 * (green), the minimum and maximum (dashed), and, when given, reference values per grade (e.g. the published
 * figures, or the explicit network's error per level). Deterministic bytes for the same inputs; written with
 * atomic moves ({@link HtmlReport#writeTo}).
 */
public final class SpreadReport {

    private SpreadReport() {
    }

    /**
     * A reference curve drawn beside the seeds.
     *
     * @param label   its legend entry
     * @param values  one value per grade (NaN where there is none)
     */
    public record Reference(String label, double[] values) {
        public Reference {
            values = values.clone();
        }
    }

    /**
     * The spread chart.
     *
     * @param values     {@code values[s][k-1]}: seed {@code s}'s value after grade {@code k} (NaN: none)
     * @param yLabel     what the values are, e.g. "test RSE"
     * @param references curves drawn beside the seeds (red, blue, ...), maybe empty
     * @throws IllegalArgumentException when there is no seed or the rows have different lengths
     */
    public static Figure figure(double[][] values, String yLabel, List<Reference> references, ReportOptions o) {
        if (values.length == 0) {
            throw new IllegalArgumentException("no seeds");
        }
        int k = values[0].length;
        double[] grades = new double[k];
        double[] median = new double[k];
        double[] min = new double[k];
        double[] max = new double[k];
        List<Double> px = new ArrayList<>();
        List<Double> py = new ArrayList<>();
        for (int g = 0; g < k; g++) {
            grades[g] = g + 1;
            List<Double> col = new ArrayList<>();
            for (double[] row : values) {
                if (row.length != k) {
                    throw new IllegalArgumentException("seed rows of different lengths: " + row.length + " and " + k);
                }
                if (row[g] > 0 && Double.isFinite(row[g])) {
                    col.add(row[g]);
                    px.add(g + 1.0);
                    py.add(row[g]);
                }
            }
            col.sort(null);
            int n = col.size();
            median[g] = n == 0 ? Double.NaN : n % 2 == 1 ? col.get(n / 2) : (col.get(n / 2 - 1) + col.get(n / 2)) / 2;
            min[g] = n == 0 ? Double.NaN : col.get(0);
            max[g] = n == 0 ? Double.NaN : col.get(n - 1);
        }
        XYChart chart = Plots.logChart(o, yLabel + " per grade over " + values.length + " seeds", "grade k",
                yLabel + " (log scale)");
        List<String> notes = new ArrayList<>();
        if (!px.isEmpty()) {
            XYSeries s = chart.addSeries("each seed", px, py);
            s.setLineStyle(SeriesLines.NONE);
            s.setMarker(SeriesMarkers.CIRCLE);
            s.setMarkerColor(Plots.GREY);
        }
        Plots.add(chart, notes, "median", grades, median, Plots.GREEN, Plots.SOLID, SeriesMarkers.SQUARE);
        Plots.add(chart, notes, "min", grades, min, Plots.GREY, Plots.DASHED, SeriesMarkers.NONE);
        Plots.add(chart, notes, "max", grades, max, Plots.GREY, Plots.DASHED, SeriesMarkers.NONE);
        java.awt.Color[] colors = {Plots.RED, Plots.BLUE, Plots.ORANGE};
        for (int i = 0; i < references.size(); i++) {
            Reference r = references.get(i);
            Plots.add(chart, notes, r.label(), grades, r.values(), colors[i % colors.length], Plots.DOTTED,
                    SeriesMarkers.DIAMOND);
        }
        Plots.integerTicks(chart);
        String caption = "Grey points: one per seed and grade; green: the median over the seeds; dashed: their "
                + "minimum and maximum. A single seed's value says little where the points spread over decades.";
        return Plots.figure("spread", yLabel + ": spread over seeds", caption, notes, chart, o);
    }

    /**
     * Renders the report.
     *
     * @param title  the page heading, e.g. "MGDL over seeds: preset xu2023-ex1"
     * @param setup  setup lines (plain text), one list item each
     * @param table  the table, first row the header (plain text cells)
     * @param figure the spread chart ({@link #figure})
     */
    public static HtmlReport render(String title, List<String> setup, List<String[]> table, Figure figure) {
        StringBuilder h = new StringBuilder(1 << 14);
        HtmlPage.open(h, title);
        h.append("<h1>").append(Html.escape(title)).append("</h1>\n");
        h.append("<section id=\"setup\">\n<h2>Setup</h2>\n<ul>\n");
        for (String s : setup) {
            h.append("<li>").append(Html.escape(s)).append("</li>\n");
        }
        h.append("</ul>\n</section>\n<section id=\"spread\">\n<h2>Per grade</h2>\n<table>\n<thead><tr>");
        for (String c : table.get(0)) {
            h.append("<th>").append(Html.escape(c)).append("</th>");
        }
        h.append("</tr></thead>\n<tbody>\n");
        for (String[] row : table.subList(1, table.size())) {
            h.append("<tr>");
            for (String c : row) {
                h.append("<td>").append(Html.escape(c)).append("</td>");
            }
            h.append("</tr>\n");
        }
        h.append("</tbody>\n</table>\n</section>\n<section id=\"plots\">\n<h2>Plots</h2>\n");
        Map<String, byte[]> files = new LinkedHashMap<>();
        HtmlPage.figures(h, HtmlPage.embed(List.of(figure), Set.of(), files));
        h.append("</section>\n");
        HtmlPage.close(h, "Layerwise. Seeds change the initialisation, the minibatches and (for a target) the random "
                + "points; each seed's numbers are those of a run with that seed alone.");
        String html = h.toString();
        files.put(HtmlReport.FILE, html.getBytes(StandardCharsets.UTF_8));
        return new HtmlReport(html, files);
    }

    /** Renders and writes the report into {@code dir}; returns the paths, {@code report.html} last. */
    public static List<Path> write(Path dir, String title, List<String> setup, List<String[]> table, Figure figure) {
        return render(title, setup, table, figure).writeTo(dir);
    }
}
