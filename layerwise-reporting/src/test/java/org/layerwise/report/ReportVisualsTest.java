package org.layerwise.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.layerwise.construct.Certificate;
import org.layerwise.construct.ConstructionReport;
import org.layerwise.construct.LevelReport;
import org.layerwise.measure.Enclosure;

/** What a reader sees in the figures and the levels table: axes, error maps, slices, legends, marks. */
class ReportVisualsTest {

    private static final ReportOptions OPTS = ReportOptions.defaults().withHeatMapResolution(16).withLineResolution(64);
    /** Small panels, for the tests that only look at which figures exist. */
    private static final ReportOptions SMALL = new ReportOptions(16, 64, 400, 300, 48, null);

    private static int count(String text, String needle) {
        return HtmlReportTest.count(text, needle);
    }

    private static BufferedImage png(byte[] bytes) throws Exception {
        return ImageIO.read(new ByteArrayInputStream(bytes));
    }

    @Test
    void everyHeatMapPanelHasTickedAxesNamedX1AndX2() {
        Samples s = Samples.grid(Fixtures.sampler(2, 2, 3), 16, Progress.SILENT);
        String svg = new String(FigureEncoder.svg(HeatMapGrid.figure(s, true, OPTS)), StandardCharsets.UTF_8);
        int panels = 1 + 2 * 3; // f, then each readout beside its error map
        assertEquals(panels, count(svg, ">x1<"), "one x1 label per panel");
        assertEquals(panels, count(svg, ">x2<"), "one x2 label per panel");
        assertEquals(2 * panels, count(svg, ">0.5<"), "a tick at 0.5 on both axes of every panel");
        assertTrue(count(svg, "|f \u2212 \u03a6") >= 3, "each error map is titled |f - Phi_l|");
    }

    /** {@code Phi_l(x)} of the fixture, computed here: the product of the exact 1-D means over the cell of x. */
    private static double cellMean(double[] x, int base, int level) {
        double side = Math.pow(base, -level);
        double v = 1;
        for (double t : x) {
            double a = Math.floor(t / side) * side;
            v *= Fixtures.gMean(a, a + side);
        }
        return v;
    }

    @Test
    void errorMapsShowAbsoluteDifferenceOfFAndTheReadoutAtEveryPixel() throws Exception {
        int base = 2;
        int levels = 3;
        int r = 16;
        Samples s = Samples.grid(Fixtures.sampler(2, base, levels), r, Progress.SILENT);
        // the largest |f - Phi_l| over the sample points, from the closed forms
        double[][] expected = new double[levels][r * r];
        double max = 0;
        for (int l = 1; l <= levels; l++) {
            for (int j = 0; j < r; j++) {
                for (int i = 0; i < r; i++) {
                    double[] x = {(i + 0.5) / r, (j + 0.5) / r};
                    double e = Math.abs(Fixtures.g(x[0]) * Fixtures.g(x[1]) - cellMean(x, base, l));
                    expected[l - 1][j * r + i] = e;
                    max = Math.max(max, e);
                }
            }
        }
        assertTrue(max > 0.05, "the fixture's readouts are visibly wrong at coarse levels");
        Figure fig = HeatMapGrid.figure(s, true, OPTS);
        BufferedImage image = png(FigureEncoder.png(fig));
        HeatMapGrid.Layout lay = new HeatMapGrid.Layout(levels, OPTS.panelSize());
        int size = OPTS.panelSize();
        for (int l = 1; l <= levels; l++) {
            int[] at = lay.panel(HeatMapGrid.Layout.valueSlot(l) + 1);
            for (int py = 5; py < size; py += 23) {
                for (int px = 3; px < size; px += 19) {
                    int i = px * r / size;
                    int j = r - 1 - py * r / size;
                    int want = HeatMapGrid.errorArgb(expected[l - 1][j * r + i] / max);
                    int got = image.getRGB(at[0] + px, at[1] + py);
                    for (int shift = 0; shift <= 16; shift += 8) {
                        int d = Math.abs(((want >> shift) & 0xff) - ((got >> shift) & 0xff));
                        assertTrue(d <= 1, "level " + l + " pixel (" + px + ", " + py + "): colour "
                                + Integer.toHexString(got) + ", expected " + Integer.toHexString(want));
                    }
                }
            }
        }
        // the error scale ends at the largest error, named in the caption
        assertTrue(fig.caption().contains("to " + Fmt.num(max) + " (dark red)"), fig.caption());
        assertEquals(0xFFFFFFFF, HeatMapGrid.errorArgb(0));
    }

    @Test
    void threeDimensionalReportDrawsThreeSlicesAtMidpoints() throws Exception {
        ConstructionReport rep = Fixtures.geometric(3, 2, 2, true);
        HtmlReport out = HtmlReport.render(rep, Fixtures.sampler(3, 2, 2), SMALL, Progress.SILENT);
        double[] slices = Samples.slicePositions(OPTS.heatMapResolution());
        assertEquals(3, slices.length);
        for (int k = 1; k <= 3; k++) {
            assertTrue(out.files().containsKey("heatmaps-x3-" + k + ".png"), "slice " + k);
            assertTrue(out.html().contains("id=\"fig-heatmaps-x3-" + k + "\""));
            assertTrue(out.html().contains("Slice x3 = " + Fmt.num(slices[k - 1])));
        }
        // no slice on the boundary of a coarse cell: 0.25, 0.5, 0.75 move to the nearest sample midpoints
        assertEquals(4.5 / 16, slices[0]);
        assertEquals(8.5 / 16, slices[1]);
        assertEquals(12.5 / 16, slices[2]);
        // the slice samples f at (x1, x2, c)
        Samples s = Samples.slice(Fixtures.sampler(3, 2, 2), 16, slices[1], Progress.SILENT);
        double want = Fixtures.g(3.5 / 16) * Fixtures.g(10.5 / 16) * Fixtures.g(slices[1]);
        assertEquals(want, s.target()[10 * 16 + 3], 1e-15);
        assertEquals(3L * 16 * 16, OPTS.samplePoints(3));
        // d = 4 is not drawn
        HtmlReport four = HtmlReport.render(Fixtures.geometric(4, 2, 1, true), Fixtures.sampler(4, 2, 1), SMALL,
                Progress.SILENT);
        assertTrue(four.html().contains("for d = 4"));
        assertFalse(four.files().keySet().stream().anyMatch(f -> f.startsWith("heatmaps")));
    }

    @Test
    void errorPlotLegendStaysInsideTheFigure() throws Exception {
        ConstructionReport rep = Fixtures.geometric(2, 2, 5, true); // four series: network, mean, bound, rate
        Figure fig = Plots.errorVsLevel(rep, OPTS);
        BufferedImage image = png(FigureEncoder.png(fig));
        int margin = Plots.LEGEND_MARGIN / 2;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < margin; x++) {
                assertEquals(0xFFFFFF, image.getRGB(x, y) & 0xFFFFFF, "drawing at the left edge, y = " + y);
                int right = image.getWidth() - 1 - x;
                assertEquals(0xFFFFFF, image.getRGB(right, y) & 0xFFFFFF, "drawing at the right edge, y = " + y);
            }
        }
    }

    @Test
    void logAxisSpansWholeDecadesSoTicksAreLabelled() {
        XYChart chart = Plots.logChart(OPTS, "t", "level l", "error");
        List<String> notes = new ArrayList<>();
        Plots.add(chart, notes, "e", new double[] {0, 1, 2}, new double[] {0.31, 0.12, 0.023}, Plots.BLUE,
                Plots.SOLID, SeriesMarkers.CIRCLE);
        Plots.fit(chart);
        assertEquals(0.01, chart.getStyler().getYAxisMin(), 1e-15);
        assertEquals(1.0, chart.getStyler().getYAxisMax(), 1e-15);
    }

    /** A report whose rows 1.. carry certificates (row 2 not proven), row 0 none. */
    private static ConstructionReport certified() {
        ConstructionReport base = Fixtures.geometric(1, 2, 2, true);
        List<LevelReport> rows = new ArrayList<>();
        for (LevelReport row : base.rows()) {
            Certificate c = null;
            if (row.level() == 1) {
                c = new Certificate(new Enclosure(0.1234, 0.1236), new Enclosure(0.1234, 0.1236),
                        new Enclosure(0.123456, 0.123456), 0.0456789, 0.05, 2.5, true, false);
            } else if (row.level() == 2) {
                c = new Certificate(new Enclosure(0.07, 0.07), new Enclosure(0.0625, 0.0625),
                        new Enclosure(0.07, 0.08), 0.01, 0.02, 8.0, false, true);
            }
            rows.add(new LevelReport(row.level(), row.cells(), row.headLayer(), row.depth(), row.bits(),
                    row.networkError(), row.meanError(), row.omega(), row.bound(), row.constant(), c));
        }
        return new ConstructionReport(base.targetName(), base.regularity(), base.dim(), base.base(), base.levels(),
                base.p(), true, base.bitsBudget(), base.layout(), base.width(), base.depth(), base.paperWidth(),
                base.reluNeurons(), base.sineNeurons(), base.parameters(), rows);
    }

    @Test
    void levelsTableMarksEveryNumberAndHasAProvenColumn() {
        String html = HtmlReport.render(certified(), null, SMALL, Progress.SILENT).html();
        String body = HtmlReportTest.levelTableBody(html);
        String[] rows = body.split("<tr>");
        assertEquals(4, rows.length); // text before the first row, then levels 0, 1, 2
        // level 1: enclosures rounded outwards (0.123456 -> [0.1234, 0.1235]), omega's lower bound rounded down,
        // the constant's upper bound rounded up, proven
        assertTrue(rows[2].contains("[0.1234, 0.1235]" + HtmlReport.mark(HtmlReport.ENCLOSURE)), rows[2]);
        assertTrue(rows[2].contains("\u2265 0.04567" + HtmlReport.mark(HtmlReport.LOWER)), rows[2]);
        assertTrue(rows[2].contains("\u2264 2.5" + HtmlReport.mark(HtmlReport.UPPER)), rows[2]);
        assertTrue(rows[2].endsWith("<td class=\"ok\">yes</td></tr>\n"), rows[2]);
        // level 2: exact means, not proven
        assertTrue(rows[3].contains("= 0.0625" + HtmlReport.mark(HtmlReport.EXACT)), rows[3]);
        assertTrue(rows[3].contains("<td class=\"bad\">no</td></tr>"), rows[3]);
        // level 0: no certificate: estimates only, proven unknown
        assertFalse(rows[1].contains(HtmlReport.mark(HtmlReport.ENCLOSURE)), rows[1]);
        assertTrue(rows[1].endsWith("<td>\u2014</td></tr>\n"), rows[1]);
        // every estimate is marked: network error, mean error, omega, bound and constant in each of the 3 rows
        assertEquals(3 * 5, count(body, HtmlReport.mark(HtmlReport.ESTIMATE)));
        assertTrue(html.contains("<th>proven<br>"));
    }

    @Test
    void readingSeparatesProvenFromEstimatedAndNeverCallsAnEstimateCertified() {
        List<String> sentences = Reading.sentences(certified());
        assertTrue(sentences.stream().anyMatch(s -> s.startsWith("Proven") && s.contains("not proven at level 2")),
                String.join("\n", sentences));
        assertTrue(sentences.stream().anyMatch(s -> s.startsWith("Estimated")));
        for (String s : sentences) {
            String rest = s.replace("certified lower bound", "");
            assertFalse(rest.contains("certified"), s);
        }
        String footer = HtmlReport.FOOTER;
        assertFalse(footer.contains("estimated from below"), "the omega estimate is not a lower bound");
    }
}
