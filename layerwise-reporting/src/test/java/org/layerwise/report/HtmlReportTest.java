package org.layerwise.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.layerwise.construct.ConstructionReport;
import org.layerwise.function.Regularity;
import org.w3c.dom.Element;

class HtmlReportTest {

    private static final ReportOptions OPTS = ReportOptions.defaults().withHeatMapResolution(32).withLineResolution(128);

    @TempDir
    Path tmp;

    static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }

    static String levelTableBody(String html) {
        int start = html.indexOf("<table class=\"levels\">");
        int body = html.indexOf("<tbody>", start);
        return html.substring(body, html.indexOf("</tbody>", body));
    }

    @Test
    void twoDimensionalReportHasEverySectionAndOneRowPerLevel() throws Exception {
        ConstructionReport r = Fixtures.geometric(2, 2, 4, true);
        List<Path> written = HtmlReport.write(tmp, r, Fixtures.sampler(2, 2, 4), OPTS);
        Path html = tmp.resolve(HtmlReport.FILE);
        assertEquals(html, written.get(written.size() - 1));
        String text = Files.readString(html);
        for (String id : List.of("reading", "target", "network", "levels", "plots")) {
            assertTrue(text.contains("<section id=\"" + id + "\">"), "missing section " + id);
        }
        assertEquals(r.rows().size(), count(levelTableBody(text), "<tr>"));
        for (String f : List.of("error-vs-level", "bits", "heatmaps")) {
            assertTrue(Files.exists(tmp.resolve(f + ".png")), f + ".png");
            assertTrue(Files.exists(tmp.resolve(f + ".svg")), f + ".svg");
            assertTrue(text.contains("id=\"fig-" + f + "\""), "figure " + f + " in the page");
        }
        assertFalse(Files.exists(tmp.resolve("readouts-1d.png")));
        // Self-contained: the heat maps are a data URI, the charts inline SVG; nothing is fetched.
        assertTrue(text.contains("src=\"data:image/png;base64,"));
        assertEquals(2, count(text, "<svg "));
        assertFalse(text.contains("<script"));
        assertFalse(Pattern.compile("(src|href)=\"https?:").matcher(text).find());
        // The network summary compares with the paper's width 2dN+d+2 = 12.
        assertTrue(text.contains("2dN + d + 2 = 12"));
        // Point counts and methods of the estimates appear in the table.
        // A method shared by the column is named once in the header; point counts are under each value.
        assertEquals(1, count(text, "Sobol QMC, 8 random shifts"));
        assertTrue(text.contains("<span class=\"m\">Sobol QMC, 8 random shifts</span></th>"));
        assertEquals(r.rows().size(), count(text, "4\u202F099 pts"));
    }

    @Test
    void oneDimensionalReportDrawsSteps() throws Exception {
        ConstructionReport r = Fixtures.geometric(1, 3, 3, true);
        HtmlReport.write(tmp, r, Fixtures.sampler(1, 3, 3), OPTS);
        assertTrue(Files.exists(tmp.resolve("readouts-1d.svg")));
        assertFalse(Files.exists(tmp.resolve("heatmaps.png")));
        String text = Files.readString(tmp.resolve(HtmlReport.FILE));
        assertTrue(text.contains("id=\"fig-readouts-1d\""));
        assertEquals(3, count(text, "<svg "));
        assertEquals(r.rows().size(), count(levelTableBody(text), "<tr>"));
    }

    @Test
    void measureOnlyReportHasNoNetworkSection() throws Exception {
        ConstructionReport r = Fixtures.geometric(2, 2, 3, false);
        List<Path> written = HtmlReport.write(tmp, r, Fixtures.sampler(2, 2, 3), OPTS);
        String text = Files.readString(tmp.resolve(HtmlReport.FILE));
        assertFalse(text.contains("id=\"network\""));
        assertFalse(text.contains("network error"));
        assertFalse(Files.exists(tmp.resolve("bits.png")));
        assertTrue(text.contains("A<sub>l</sub>f"));
        assertEquals(r.rows().size(), count(levelTableBody(text), "<tr>"));
        assertEquals(List.of("error-vs-level.png", "error-vs-level.svg", "heatmaps.png", "heatmaps.svg", "report.html"),
                written.stream().map(p -> p.getFileName().toString()).toList());
    }

    @Test
    void withoutSamplerTheReportSaysSo() {
        HtmlReport rep = HtmlReport.render(Fixtures.geometric(2, 2, 2, true), null, OPTS, Progress.SILENT);
        assertTrue(rep.html().contains("no sampler was given"));
        assertFalse(rep.files().containsKey("heatmaps.png"));
    }

    @Test
    void highDimensionalReportHasNoPictureOfF() {
        HtmlReport rep = HtmlReport.render(Fixtures.geometric(4, 2, 1, true), Fixtures.sampler(4, 2, 1), OPTS,
                Progress.SILENT);
        assertTrue(rep.html().contains("for d = 4"));
        assertEquals(List.of("error-vs-level.png", "error-vs-level.svg", "bits.png", "bits.svg", "report.html"),
                List.copyOf(rep.files().keySet()));
    }

    @Test
    void pngFilesAreValidImagesOfTheFigureSize() throws Exception {
        ConstructionReport r = Fixtures.geometric(2, 2, 3, true);
        HtmlReport rep = HtmlReport.render(r, Fixtures.sampler(2, 2, 3), OPTS, Progress.SILENT);
        Figure heat = HeatMapGrid.figure(Samples.grid(Fixtures.sampler(2, 2, 3), OPTS.heatMapResolution(),
                Progress.SILENT), true, OPTS);
        assertPng(rep.files().get("error-vs-level.png"), OPTS.chartWidth(), OPTS.chartHeight());
        assertPng(rep.files().get("bits.png"), OPTS.chartWidth(), OPTS.chartHeight());
        assertPng(rep.files().get("heatmaps.png"), heat.width(), heat.height());
    }

    @Test
    void svgFilesAreXmlWithSvgRootOfTheFigureSize() throws Exception {
        ConstructionReport r = Fixtures.geometric(1, 2, 4, true);
        HtmlReport rep = HtmlReport.render(r, Fixtures.sampler(1, 2, 4), OPTS, Progress.SILENT);
        for (String f : List.of("error-vs-level.svg", "bits.svg", "readouts-1d.svg")) {
            assertSvg(rep.files().get(f), OPTS.chartWidth(), OPTS.chartHeight());
        }
        ConstructionReport r2 = Fixtures.geometric(2, 2, 2, false);
        HtmlReport rep2 = HtmlReport.render(r2, Fixtures.sampler(2, 2, 2), OPTS, Progress.SILENT);
        BufferedImage heat = ImageIO.read(new ByteArrayInputStream(rep2.files().get("heatmaps.png")));
        assertSvg(rep2.files().get("heatmaps.svg"), heat.getWidth(), heat.getHeight());
    }

    @Test
    void sameInputsGiveIdenticalBytes() throws Exception {
        for (int dim = 1; dim <= 2; dim++) {
            ConstructionReport r = Fixtures.geometric(dim, 2, 3, true);
            Path a = tmp.resolve("a" + dim);
            Path b = tmp.resolve("b" + dim);
            List<Path> first = HtmlReport.write(a, r, Fixtures.sampler(dim, 2, 3), OPTS);
            List<Path> second = HtmlReport.write(b, r, Fixtures.sampler(dim, 2, 3), OPTS);
            assertEquals(first.size(), second.size());
            for (int i = 0; i < first.size(); i++) {
                assertEquals(first.get(i).getFileName(), second.get(i).getFileName());
                assertArrayEquals(Files.readAllBytes(first.get(i)), Files.readAllBytes(second.get(i)),
                        "differs: " + first.get(i).getFileName());
            }
            try (var files = Files.list(a)) {
                assertEquals(first.size(), files.count(), "no temporary files left behind");
            }
        }
    }

    @Test
    void timestampAppearsOnlyWhenGiven() {
        ConstructionReport r = Fixtures.geometric(1, 2, 2, true);
        String without = HtmlReport.render(r, null, OPTS, Progress.SILENT).html();
        String with = HtmlReport.render(r, null, OPTS.withTimestamp("2026-01-02 <x>"), Progress.SILENT).html();
        assertFalse(without.contains("generated"));
        assertTrue(with.contains("generated 2026-01-02 &lt;x&gt;"));
    }

    @Test
    void userTextIsEscaped() {
        String evil = "<script>alert('x')</script> & \"q\" <img src=x onerror=alert(1)>";
        ConstructionReport base = Fixtures.report(evil, 2, 2, 2, true, l -> Math.pow(2, -l));
        ConstructionReport r = new ConstructionReport(base.targetName(), Regularity.discontinuous("<b>jump</b>"),
                base.dim(), base.base(), base.levels(), base.p(), true, base.bitsBudget(), "<i>narrow</i>",
                base.width(), base.depth(), base.paperWidth(), base.reluNeurons(), base.sineNeurons(),
                base.parameters(), base.rows());
        String html = HtmlReport.render(r, Fixtures.sampler(2, 2, 2), OPTS, Progress.SILENT).html();
        assertFalse(html.contains("<script"));
        assertFalse(html.contains("<img src=x"));
        assertFalse(html.contains("<b>jump"));
        assertFalse(html.contains("<i>narrow"));
        assertTrue(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;"));
        assertTrue(html.contains("&lt;b&gt;jump&lt;/b&gt;"));
        assertTrue(html.contains("<title>Layerwise report: &lt;script&gt;"));
    }

    @Test
    void zeroErrorLevelDoesNotBreakTheLogPlot() throws Exception {
        // f constant on the cells from level 2 on: errors 0.4, 0.1, 0, 0.
        ConstructionReport r = Fixtures.report("steps", 1, 2, 3, true, l -> l >= 2 ? 0 : 0.4 * Math.pow(4, -l));
        HtmlReport rep = HtmlReport.render(r, Fixtures.sampler(1, 2, 3), OPTS, Progress.SILENT);
        assertPng(rep.files().get("error-vs-level.png"), OPTS.chartWidth(), OPTS.chartHeight());
        assertSvg(rep.files().get("error-vs-level.svg"), OPTS.chartWidth(), OPTS.chartHeight());
        assertTrue(rep.html().contains("exactly 0 at levels 2, 3"), "the zero levels are named");
    }

    @Test
    void allZeroErrorsStillRender() throws Exception {
        ConstructionReport r = Fixtures.report("zero", 2, 2, 2, false, l -> 0.0);
        HtmlReport rep = HtmlReport.render(r, null, OPTS, Progress.SILENT);
        assertPng(rep.files().get("error-vs-level.png"), OPTS.chartWidth(), OPTS.chartHeight());
        assertTrue(rep.html().contains("no rate can be read off"));
    }

    @Test
    void methodsThatDifferBetweenLevelsAreNamedInEachCell() {
        ConstructionReport base = Fixtures.geometric(1, 2, 2, false);
        List<org.layerwise.construct.LevelReport> rows = new java.util.ArrayList<>();
        for (var row : base.rows()) {
            var mean = new org.layerwise.measure.ErrorEstimate(row.meanError().value(), 0,
                    row.level() == 0 ? "exact" : "quadrature <" + row.level() + ">", 7);
            rows.add(new org.layerwise.construct.LevelReport(row.level(), row.cells(), -1, -1, -1, null, mean,
                    row.omega(), row.bound(), row.constant()));
        }
        ConstructionReport r = new ConstructionReport("t", base.regularity(), 1, 2, 2, base.p(), false, 64, "", 0, 0,
                base.paperWidth(), 0, 0, 0, rows);
        String html = HtmlReport.render(r, null, OPTS, Progress.SILENT).html();
        assertTrue(html.contains("<span class=\"m\">exact \u00b7 7 pts</span>"));
        assertTrue(html.contains("<span class=\"m\">quadrature &lt;2&gt; \u00b7 7 pts</span>"));
    }

    @Test
    void progressAdvancesOncePerSampledPoint() {
        for (int dim = 1; dim <= 2; dim++) {
            long[] steps = {0};
            Progress counting = new Progress() {
                @Override
                public void stepBy(long n) {
                    steps[0] += n;
                }

                @Override
                public void message(String text) {
                }

                @Override
                public void close() {
                }
            };
            HtmlReport.render(Fixtures.geometric(dim, 2, 2, true), Fixtures.sampler(dim, 2, 2), OPTS, counting);
            assertEquals(OPTS.samplePoints(dim), steps[0]);
        }
    }

    @Test
    void mismatchedSamplerIsRejected() {
        ConstructionReport r = Fixtures.geometric(2, 2, 3, true);
        assertThrows(IllegalArgumentException.class,
                () -> HtmlReport.render(r, Fixtures.sampler(2, 2, 2), OPTS, Progress.SILENT));
        assertThrows(IllegalArgumentException.class,
                () -> HtmlReport.render(r, Fixtures.sampler(1, 2, 3), OPTS, Progress.SILENT));
    }

    @Test
    void inlineSvgIdsArePrefixedPerFigure() {
        String html = HtmlReport.render(Fixtures.geometric(1, 2, 3, true), Fixtures.sampler(1, 2, 3), OPTS,
                Progress.SILENT).html();
        Matcher m = Pattern.compile(" id=\"(clip[^\"]*)\"").matcher(html);
        assertFalse(m.find(), "an unprefixed clip id would collide between inline SVGs");
        Matcher ids = Pattern.compile(" id=\"(f\\d-[^\"]+)\"").matcher(html);
        java.util.Set<String> seen = new java.util.HashSet<>();
        while (ids.find()) {
            assertTrue(seen.add(ids.group(1)), "duplicate id " + ids.group(1));
        }
        assertFalse(seen.isEmpty());
    }

    static void assertPng(byte[] bytes, int width, int height) throws Exception {
        assertNotNull(bytes);
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(bytes));
        assertNotNull(img, "not a readable PNG");
        assertEquals(width, img.getWidth());
        assertEquals(height, img.getHeight());
    }

    static void assertSvg(byte[] bytes, int width, int height) throws Exception {
        assertNotNull(bytes);
        DocumentBuilderFactory dbf = DocumentBuilderFactory.newInstance();
        dbf.setNamespaceAware(true);
        // Never fetch the SVG 1.1 DTD from the network.
        dbf.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        Element root = dbf.newDocumentBuilder().parse(new ByteArrayInputStream(bytes)).getDocumentElement();
        assertEquals("svg", root.getLocalName());
        assertEquals("http://www.w3.org/2000/svg", root.getNamespaceURI());
        assertEquals(width, Double.parseDouble(root.getAttribute("width").replace("px", "")), 1e-9);
        assertEquals(height, Double.parseDouble(root.getAttribute("height").replace("px", "")), 1e-9);
    }
}
