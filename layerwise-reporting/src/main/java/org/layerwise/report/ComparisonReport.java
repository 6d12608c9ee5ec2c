package org.layerwise.report;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.layerwise.construct.ConstructionReport;
import org.layerwise.measure.ErrorEstimate;

/**
 * The self-contained HTML report {@code report.html} of a three-way comparison ({@link Comparison}): setup, a
 * reading, the table per level / grade (explicit error, bound, MGDL error, SGDL error, and wall times when given),
 * one log chart of all errors against the level, and pictures of the readouts (d = 1: curves side by side; d = 2:
 * heat maps of {@code f}, the explicit {@code Phi_L}, the MGDL final readout and the SGDL network on one colour
 * scale). Built from the same pieces as {@link HtmlReport} ({@link HtmlPage}, {@link Plots}, {@link HeatMapGrid},
 * {@link Samples}); deterministic bytes for the same inputs when {@link Comparison#seconds()} is null; written with
 * atomic moves ({@link HtmlReport#writeTo}).
 */
public final class ComparisonReport {

    private ComparisonReport() {
    }

    /**
     * Renders and writes the report into {@code dir}; returns the paths, {@code report.html} last.
     *
     * @param explicit samples {@code f} and the explicit readouts {@code Phi_1..Phi_L}
     * @param mgdl     samples the MGDL prefix readouts, one level per grade ({@code L})
     * @param sgdl     samples the SGDL network (one level)
     * @param progress advanced by one unit per sampled point and sampler
     */
    public static List<Path> write(Path dir, Comparison c, ReadoutSampler explicit, ReadoutSampler mgdl,
                                   ReadoutSampler sgdl, ReportOptions opts, Progress progress) {
        return render(c, explicit, mgdl, sgdl, opts, progress).writeTo(dir);
    }

    /** Points sampled for the pictures: {@link ReportOptions#samplePoints} for each of the three samplers (d = 1, 2). */
    public static long samplePoints(int dim, ReportOptions opts) {
        return dim <= 2 ? 3 * opts.samplePoints(dim) : 0; // no pictures for d = 3
    }

    /** Renders the report in memory (see {@link #write}). */
    public static HtmlReport render(Comparison c, ReadoutSampler explicit, ReadoutSampler mgdl, ReadoutSampler sgdl,
                                    ReportOptions opts, Progress progress) {
        int d = c.explicit().dim();
        int n = c.levels();
        check(explicit, d, n, "explicit");
        check(mgdl, d, n, "MGDL");
        check(sgdl, d, 1, "SGDL");
        List<Figure> figures = new ArrayList<>();
        figures.add(Plots.comparison(c, opts));
        Figure picture = null;
        if (d == 1) {
            int r = opts.lineResolution();
            picture = Plots.comparisonCurves(Samples.line(explicit, r, progress), Samples.line(mgdl, r, progress),
                    Samples.line(sgdl, r, progress), opts);
        } else if (d == 2) {
            int r = opts.heatMapResolution();
            Samples e = Samples.grid(explicit, r, progress);
            Samples m = Samples.grid(mgdl, r, progress);
            Samples s = Samples.grid(sgdl, r, progress);
            Samples four = new Samples(r, 2, e.target(),
                    new double[][] {e.readouts()[n - 1], m.readouts()[n - 1], s.readouts()[0]});
            picture = HeatMapGrid.panels("heatmaps-compare", "f and the final readouts (heat maps)",
                    "f, explicit \u03a6" + Labels.subscript(n) + ", MGDL after grade " + n
                            + " and SGDL on a shared colour scale", four,
                    List.of("f", "explicit \u03a6" + Labels.subscript(n), "MGDL g\u2081+..+g" + Labels.subscript(n),
                            "SGDL"), opts);
        }
        if (picture != null) {
            figures.add(picture);
        }
        Map<String, byte[]> files = new LinkedHashMap<>();
        Map<Figure, String> embedded = HtmlPage.embed(figures, picture != null && d == 2 ? Set.of(picture) : Set.of(),
                files);
        String html = page(c, embedded, opts);
        files.put(HtmlReport.FILE, html.getBytes(StandardCharsets.UTF_8));
        return new HtmlReport(html, files);
    }

    private static void check(ReadoutSampler s, int dim, int levels, String what) {
        if (s.dim() != dim || s.levels() != levels) {
            throw new IllegalArgumentException(what + " sampler has d = " + s.dim() + " and " + s.levels()
                    + " levels, expected d = " + dim + " and " + levels);
        }
    }

    private static String page(Comparison c, Map<Figure, String> figures, ReportOptions opts) {
        ConstructionReport r = c.explicit();
        StringBuilder h = new StringBuilder(1 << 16);
        String name = Html.escape(r.targetName());
        HtmlPage.open(h, "Layerwise comparison: " + r.targetName());
        h.append("<h1>Layerwise comparison report</h1>\n");
        h.append("<p class=\"sub\">Explicit network vs multi-grade (MGDL) vs end-to-end (SGDL) training. Target <code>")
                .append(name).append("</code>, d = ").append(r.dim()).append(", N = ").append(r.base())
                .append(", L = ").append(r.levels()).append(", p = ").append(Html.escape(r.p().toString()));
        if (opts.timestamp() != null) {
            h.append(" \u2014 generated ").append(Html.escape(opts.timestamp()));
        }
        h.append("</p>\n");
        h.append("<nav><a href=\"#reading\">Reading</a> \u00b7 <a href=\"#setup\">Setup</a> \u00b7 ")
                .append("<a href=\"#levels\">Levels</a> \u00b7 <a href=\"#plots\">Plots</a> \u00b7 ")
                .append("<a href=\"#network\">Explicit network</a></nav>\n");
        HtmlPage.reading(h, ComparisonReading.sentences(c));
        setup(h, c);
        table(h, c);
        h.append("<section id=\"plots\">\n<h2>Plots</h2>\n");
        HtmlPage.figures(h, figures);
        if (r.dim() > 2) {
            h.append("<p class=\"note\">No pictures of f and the readouts for d = ").append(r.dim())
                    .append(" (only d = 1 and d = 2 are drawn).</p>\n");
        }
        h.append("</section>\n");
        HtmlReport.network(h, r);
        h.append("<section id=\"explicit-reading\">\n<h2>About the explicit network</h2>\n<ul class=\"reading\">\n");
        for (String s : Reading.sentences(r)) {
            h.append("<li>").append(Html.escape(s)).append("</li>\n");
        }
        h.append("</ul>\n</section>\n");
        HtmlPage.close(h, "Layerwise 0.1.0. Errors: \u2016f \u2212 readout\u2016<sub>p</sub> on [0,1]<sup>d</sup> by "
                + "randomized quasi-Monte Carlo; \u03c9<sub>p</sub>(f, t) is the L<sup>p</sup> modulus of continuity, "
                + "estimated by a search over shifts (not a bound).");
        return h.toString();
    }

    private static void setup(StringBuilder h, Comparison c) {
        ConstructionReport r = c.explicit();
        h.append("<section id=\"setup\">\n<h2>Setup</h2>\n<table class=\"kv\">\n");
        HtmlPage.kv(h, "target", "<code>" + Html.escape(r.targetName()) + "</code> (d = " + r.dim() + ", "
                + Html.escape(r.regularity().description()) + ")");
        HtmlPage.kv(h, "levels / grades L", r.levels() + ", refinement factor N = " + r.base() + " (level l has "
                + "cells of side N<sup>\u2212l</sup>)");
        ErrorEstimate e = c.sgdl();
        HtmlPage.kv(h, "error measurement", "\u2016f \u2212 readout\u2016<sub>" + Html.escape(r.p().toString())
                + "</sub> on [0,1]<sup>" + r.dim() + "</sup>, " + Html.escape(e.method()) + " ("
                + Fmt.count(e.points()) + " evaluations per readout)"
                + (c.sameMeasurement() ? "; the same points for all three methods and every level"
                : "; <strong>not the same for all readouts</strong>"));
        HtmlPage.kv(h, "explicit network", "construction of section 3, levels 1.." + r.levels() + ", "
                + Html.escape(r.layout()) + " layout, " + r.bitsBudget() + " phase bits; the head of level l reads "
                + "\u03a6<sub>l</sub>, the mean of f on its cell (up to the decoder error)");
        StringBuilder grades = new StringBuilder();
        for (int k = 0; k < c.grades().size(); k++) {
            grades.append(k == 0 ? "" : "<br>").append("grade ").append(k + 1).append(": <code>")
                    .append(Html.escape(c.grades().get(k))).append("</code>");
        }
        HtmlPage.kv(h, "MGDL", "one grade per level; grade k fits the residual of grades 1..k\u22121 reading the "
                + "last hidden layer of grade k\u22121, earlier grades frozen (widths:activation:epochs:lrMax:lrMin)<br>"
                + grades);
        HtmlPage.kv(h, "SGDL", Html.escape(c.sgdlNetwork()));
        HtmlPage.kv(h, "training data", Html.escape(c.training()));
        HtmlPage.kv(h, "theorem", "\u2016f \u2212 \u03a6<sub>l</sub>\u2016<sub>p</sub> \u2264 (2d+1) \u03c9<sub>p</sub>(f, "
                + "N<sup>\u2212l</sup>) = " + (2 * r.dim() + 1) + " \u03c9<sub>p</sub>(f, N<sup>\u2212l</sup>), for the "
                + "explicit network only");
        h.append("</table>\n</section>\n");
    }

    private static void table(StringBuilder h, Comparison c) {
        int n = c.levels();
        boolean times = c.seconds() != null;
        boolean same = c.sameMeasurement(); // then the note below names the method once
        h.append("<section id=\"levels\">\n<h2>Levels</h2>\n<div class=\"scroll\">\n<table class=\"levels\">\n<thead><tr>")
                .append("<th>level l<br>= grade k</th><th>cells N<sup>dl</sup></th>")
                .append("<th>explicit<br>\u2016f \u2212 \u03a6<sub>l</sub>\u2016<sub>p</sub></th>")
                .append("<th>bound<br>(2d+1)\u03c9<sub>p</sub>(f, N<sup>\u2212l</sup>)</th><th>explicit within bound</th>")
                .append("<th>MGDL<br>\u2016f \u2212 (g<sub>1</sub>+..+g<sub>k</sub>)\u2016<sub>p</sub></th>")
                .append("<th>SGDL<br>\u2016f \u2212 g\u2016<sub>p</sub> (all layers)</th>");
        if (times) {
            h.append("<th>MGDL grade<br>seconds</th>");
        }
        h.append("</tr></thead>\n<tbody>\n");
        for (int l = 1; l <= n; l++) {
            var row = c.row(l);
            ErrorEstimate ex = c.explicitError(l);
            boolean holds = ex.value() <= row.bound();
            h.append("<tr><td>").append(l).append("</td><td>").append(Fmt.count(row.cells())).append("</td>");
            HtmlPage.estimate(h, ex, same);
            h.append("<td>").append(Fmt.num(row.bound())).append("</td><td class=\"")
                    .append(holds ? "ok\">yes" : "bad\">NO").append("</td>");
            HtmlPage.estimate(h, c.mgdl().get(l - 1), same);
            if (l == n) {
                HtmlPage.estimate(h, c.sgdl(), same);
            } else {
                h.append("<td>\u2014</td>");
            }
            if (times) {
                h.append("<td>").append(Fmt.num(c.seconds().grades().get(l - 1))).append("</td>");
            }
            h.append("</tr>\n");
        }
        h.append("</tbody>\n</table>\n</div>\n");
        h.append("<p class=\"note\">Every error: ").append(Html.escape(c.sgdl().method()))
                .append(", \u00b1 one standard error over the random shifts; under each value the number of ")
                .append("evaluations. SGDL is one network with all L grades' layers, so it has one error (row L).</p>\n");
        if (times) {
            Comparison.Seconds s = c.seconds();
            h.append("<p>Wall-clock seconds: explicit ").append(Fmt.num(s.explicit()))
                    .append(" (cell means, construction and its measurements), MGDL ").append(Fmt.num(s.mgdl()))
                    .append(" (training all grades and measuring), SGDL ").append(Fmt.num(s.sgdl()))
                    .append(" (training and measuring).</p>\n");
        } else {
            h.append("<p class=\"note\">Wall-clock times are printed by the command (text and JSON) but left out of ")
                    .append("this page, so that its bytes depend only on the inputs and the seed.</p>\n");
        }
        h.append("</section>\n");
    }
}
