package org.layerwise.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.layerwise.construct.ConstructionReport;
import org.layerwise.measure.ErrorEstimate;

class ComparisonReportTest {

    private static final ReportOptions OPTS = ReportOptions.defaults().withHeatMapResolution(16).withLineResolution(64);

    @TempDir
    Path tmp;

    /** MGDL errors {@code 0.2 / k}, SGDL {@code 0.01}, all by one QMC method. */
    static Comparison comparison(int dim, int levels, Comparison.Seconds seconds) {
        ConstructionReport r = Fixtures.geometric(dim, 2, levels, true);
        List<ErrorEstimate> mgdl = new ArrayList<>();
        List<String> grades = new ArrayList<>();
        for (int k = 1; k <= levels; k++) {
            mgdl.add(new ErrorEstimate(0.2 / k, 1e-4, "Sobol QMC, 64 points x 2 random shifts", 128));
            grades.add("8:tanh:5:0.01:0.001");
        }
        return new Comparison(r, mgdl, new ErrorEstimate(0.01, 1e-5, "Sobol QMC, 64 points x 2 random shifts", 128),
                grades, "widths [2,8,8,8,1]", "40 training points", seconds);
    }

    @Test
    void twoDimensionalComparisonHasEverySectionOneRowPerLevelAndFourHeatMaps() throws Exception {
        Comparison c = comparison(2, 3, null);
        List<Path> written = ComparisonReport.write(tmp, c, Fixtures.sampler(2, 2, 3), Fixtures.sampler(2, 2, 3),
                Fixtures.sampler(2, 2, 1), OPTS, Progress.SILENT);
        assertEquals(tmp.resolve(HtmlReport.FILE), written.get(written.size() - 1));
        String html = Files.readString(tmp.resolve(HtmlReport.FILE));
        for (String id : List.of("reading", "setup", "levels", "plots", "network", "explicit-reading")) {
            assertTrue(html.contains("<section id=\"" + id + "\">"), "missing section " + id);
        }
        String body = HtmlReportTest.levelTableBody(html);
        assertEquals(3, HtmlReportTest.count(body, "<tr>"));
        // the SGDL error appears once, in the last row; the others show a dash
        assertEquals(1, HtmlReportTest.count(body, "0.01 \u00b1"));
        assertEquals(2, HtmlReportTest.count(body, "<td>\u2014</td></tr>"));
        for (String f : List.of("comparison", "heatmaps-compare")) {
            assertTrue(Files.exists(tmp.resolve(f + ".png")) && Files.exists(tmp.resolve(f + ".svg")), f);
        }
        assertTrue(html.contains("src=\"data:image/png;base64,"));
        assertEquals(1, HtmlReportTest.count(html, "<svg "));
        assertFalse(html.contains("<script"));
        // the fixture's explicit errors use another method than the trained ones: the report says so
        assertFalse(c.sameMeasurement());
        assertTrue(html.contains("not the same for all readouts"));
        assertTrue(html.contains("left out of this page"));
        assertFalse(html.contains("Wall-clock seconds:"));
    }

    @Test
    void oneDimensionalComparisonDrawsCurvesSideBySide() throws Exception {
        Comparison c = comparison(1, 2, null);
        HtmlReport r = ComparisonReport.render(c, Fixtures.sampler(1, 2, 2), Fixtures.sampler(1, 2, 2),
                Fixtures.sampler(1, 2, 1), OPTS, Progress.SILENT);
        assertTrue(r.files().containsKey("readouts-compare.png"));
        assertFalse(r.files().containsKey("heatmaps-compare.png"));
        assertEquals(2, HtmlReportTest.count(r.html(), "<svg "));
        Figure curves = Plots.comparisonCurves(Samples.line(Fixtures.sampler(1, 2, 2), 64, Progress.SILENT),
                Samples.line(Fixtures.sampler(1, 2, 2), 64, Progress.SILENT),
                Samples.line(Fixtures.sampler(1, 2, 1), 64, Progress.SILENT), OPTS);
        assertEquals(2 * (OPTS.chartWidth() * 3 / 4), curves.width());
        HtmlReportTest.assertPng(FigureEncoder.png(curves), curves.width(), curves.height());
    }

    @Test
    void timesAppearOnlyWhenGiven() {
        Comparison.Seconds s = new Comparison.Seconds(1.5, 2.5, 3.5, List.of(0.25, 0.75));
        String html = ComparisonReport.render(comparison(1, 2, s), Fixtures.sampler(1, 2, 2), Fixtures.sampler(1, 2, 2),
                Fixtures.sampler(1, 2, 1), OPTS, Progress.SILENT).html();
        assertTrue(html.contains("Wall-clock seconds: explicit 1.5"), html);
        assertTrue(html.contains("MGDL 2.5") && html.contains("SGDL 3.5"));
        assertTrue(html.contains("<td>0.75</td>"));
    }

    @Test
    void sameInputsGiveIdenticalBytes() {
        HtmlReport a = ComparisonReport.render(comparison(2, 2, null), Fixtures.sampler(2, 2, 2),
                Fixtures.sampler(2, 2, 2), Fixtures.sampler(2, 2, 1), OPTS, Progress.SILENT);
        HtmlReport b = ComparisonReport.render(comparison(2, 2, null), Fixtures.sampler(2, 2, 2),
                Fixtures.sampler(2, 2, 2), Fixtures.sampler(2, 2, 1), OPTS, Progress.SILENT);
        assertEquals(a.files().keySet(), b.files().keySet());
        for (String k : a.files().keySet()) {
            assertArrayEquals(a.files().get(k), b.files().get(k), k);
        }
    }

    @Test
    void readingComparesTheMethodsFromTheNumbers() {
        // explicit 0.3 * 2^-l: 0.15, 0.075; MGDL 0.2, 0.1: above the explicit network at both levels
        List<String> s = ComparisonReading.sentences(comparison(1, 2, null));
        assertTrue(s.stream().anyMatch(x -> x.contains("above the explicit network's error at every level")), s.toString());
        assertTrue(s.stream().anyMatch(x -> x.contains("within the bound") && x.contains("divided by about 2.00")),
                s.toString());
        // SGDL 0.01 against MGDL's final 0.1
        assertTrue(s.stream().anyMatch(x -> x.contains("0.1 times MGDL's final error")), s.toString());
    }

    @Test
    void mismatchedSamplersAndCountsAreRejected() {
        Comparison c = comparison(1, 2, null);
        assertThrows(IllegalArgumentException.class, () -> ComparisonReport.render(c, Fixtures.sampler(1, 2, 2),
                Fixtures.sampler(1, 2, 3), Fixtures.sampler(1, 2, 1), OPTS, Progress.SILENT));
        assertThrows(IllegalArgumentException.class, () -> ComparisonReport.render(c, Fixtures.sampler(1, 2, 2),
                Fixtures.sampler(1, 2, 2), Fixtures.sampler(1, 2, 2), OPTS, Progress.SILENT));
        ConstructionReport r = Fixtures.geometric(1, 2, 3, true);
        ErrorEstimate e = new ErrorEstimate(1, 0, "m", 1);
        assertThrows(IllegalArgumentException.class,
                () -> new Comparison(r, List.of(e, e), e, List.of("a", "b"), "", "", null));
    }
}
