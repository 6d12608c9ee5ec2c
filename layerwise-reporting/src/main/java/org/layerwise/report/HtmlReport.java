package org.layerwise.report;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.layerwise.construct.Certificate;
import org.layerwise.construct.ConstructionReport;
import org.layerwise.construct.LevelReport;
import org.layerwise.format.AtomicFiles;
import org.layerwise.measure.Enclosure;
import org.layerwise.measure.ErrorEstimate;

/**
 * The self-contained HTML report {@code report.html} of a construction (or of a measurement, when
 * {@code hasNetwork} is false): the target and parameters, the network summary, the per-level table, the
 * figures (line charts inline as SVG; heat maps of {@code f}, the readouts and their errors as PNG {@code data:} URIs,
 * for {@code d = 3} one per slice {@link Samples#slicePositions}) and a plain-language reading. It needs
 * no network access and no scripts. Every figure is also written as {@code name.png} and {@code name.svg}
 * beside it.
 *
 * <p>Deterministic: the same inputs give byte-identical files (no timestamp unless
 * {@link ReportOptions#timestamp()} is set; numbers formatted with {@code Locale.ROOT}). All text that comes
 * from the user (target name, descriptions, method names) is HTML-escaped. Files are written with
 * {@link AtomicFiles}, so an interruption never leaves a half-written file.
 *
 * @param html  the text of {@code report.html}
 * @param files every file of the report by file name, {@code report.html} last, in a fixed order
 */
public record HtmlReport(String html, Map<String, byte[]> files) {

    /** The file name of the HTML page. */
    public static final String FILE = "report.html";

    public HtmlReport {
        files = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(files));
    }

    /**
     * Renders the report and writes all its files into {@code dir} (created if needed).
     *
     * @param sampler samples {@code f} and the readouts for the pictures of {@code f}; null to omit them
     * @return the paths written, {@code report.html} last
     */
    public static List<Path> write(Path dir, ConstructionReport report, ReadoutSampler sampler, ReportOptions opts) {
        return write(dir, report, sampler, opts, Progress.SILENT);
    }

    /**
     * As {@link #write(Path, ConstructionReport, ReadoutSampler, ReportOptions)}, advancing {@code progress} by one
     * unit per sampled point ({@link ReportOptions#samplePoints(int)} units in all).
     */
    public static List<Path> write(Path dir, ConstructionReport report, ReadoutSampler sampler, ReportOptions opts,
                                   Progress progress) {
        return render(report, sampler, opts, progress).writeTo(dir);
    }

    /**
     * Writes every file into {@code dir}, all or nothing ({@link AtomicFiles.Batch}); returns the paths,
     * {@code report.html} last.
     */
    public List<Path> writeTo(Path dir) {
        try (AtomicFiles.Batch batch = new AtomicFiles.Batch()) {
            List<Path> written = stage(batch, "report", dir);
            batch.commit();
            return written;
        }
    }

    /**
     * Adds every file, in {@code dir}, to {@code batch} (named {@code what} in messages, e.g. {@code "--report"});
     * nothing is in place before the batch commits. Returns the paths, {@code report.html} last.
     */
    public List<Path> stage(AtomicFiles.Batch batch, String what, Path dir) {
        List<Path> written = new ArrayList<>();
        for (Map.Entry<String, byte[]> e : files.entrySet()) {
            Path path = dir.resolve(e.getKey());
            byte[] bytes = e.getValue();
            batch.add(what, path, out -> out.write(bytes));
            written.add(path);
        }
        return written;
    }

    /**
     * Renders the report in memory: samples the sampler (through its batch methods, advancing {@code progress}
     * by one unit per point), draws the figures and assembles the page.
     *
     * @throws IllegalArgumentException when the sampler's dimension or number of levels disagrees with the report
     */
    public static HtmlReport render(ConstructionReport report, ReadoutSampler sampler, ReportOptions opts,
                                    Progress progress) {
        if (sampler != null && sampler.dim() != report.dim()) {
            throw new IllegalArgumentException("sampler of dimension " + sampler.dim() + " for a report of dimension "
                    + report.dim());
        }
        if (sampler != null && sampler.levels() != report.levels()) {
            throw new IllegalArgumentException("sampler with " + sampler.levels() + " levels for a report with "
                    + report.levels());
        }
        boolean network = report.hasNetwork();
        List<Figure> figures = new ArrayList<>();
        figures.add(Plots.errorVsLevel(report, opts));
        if (network && report.rows().stream().anyMatch(r -> r.bits() > 0)) {
            figures.add(Plots.bits(report, opts));
        }
        Set<Figure> bitmaps = new java.util.LinkedHashSet<>();
        int r = opts.heatMapResolution();
        if (sampler != null && report.dim() == 1) {
            figures.add(Plots.steps(Samples.line(sampler, opts.lineResolution(), progress), network, opts));
        } else if (sampler != null && report.dim() == 2) {
            bitmaps.add(HeatMapGrid.figure(Samples.grid(sampler, r, progress), network, opts));
        } else if (sampler != null && report.dim() == 3) {
            double[] slices = Samples.slicePositions(r);
            for (int k = 0; k < slices.length; k++) {
                bitmaps.add(HeatMapGrid.slice(Samples.slice(sampler, r, slices[k], progress), network, slices[k],
                        k + 1, opts));
            }
        }
        figures.addAll(bitmaps);
        Map<String, byte[]> files = new LinkedHashMap<>();
        Map<Figure, String> embedded = HtmlPage.embed(figures, bitmaps, files);
        String html = page(report, sampler, embedded, opts);
        files.put(FILE, html.getBytes(StandardCharsets.UTF_8));
        return new HtmlReport(html, files);
    }

    private static String page(ConstructionReport r, ReadoutSampler sampler, Map<Figure, String> figures,
                               ReportOptions opts) {
        StringBuilder h = new StringBuilder(1 << 16);
        String name = Html.escape(r.targetName());
        HtmlPage.open(h, "Layerwise report: " + r.targetName());
        h.append("<h1>Layerwise ").append(r.hasNetwork() ? "construction" : "measurement").append(" report</h1>\n");
        h.append("<p class=\"sub\">Target <code>").append(name).append("</code>, d = ").append(r.dim())
                .append(", N = ").append(r.base()).append(", L = ").append(r.levels()).append(", p = ")
                .append(Html.escape(r.p().toString()));
        if (opts.timestamp() != null) {
            h.append(" \u2014 generated ").append(Html.escape(opts.timestamp()));
        }
        h.append("</p>\n");
        h.append("<nav><a href=\"#target\">Target and parameters</a>");
        if (r.hasNetwork()) {
            h.append(" \u00b7 <a href=\"#network\">Network</a>");
        }
        h.append(" \u00b7 <a href=\"#levels\">Levels</a> \u00b7 <a href=\"#plots\">Plots</a>")
                .append(" \u00b7 <a href=\"#reading\">Reading</a></nav>\n");
        reading(h, r);
        target(h, r);
        if (r.hasNetwork()) {
            network(h, r);
        }
        table(h, r);
        plots(h, r, sampler, figures);
        HtmlPage.close(h, FOOTER);
        return h.toString();
    }

    /** The footer of a construction or measurement report: what the cell-mean error and omega are. */
    static final String FOOTER = "Layerwise 0.1.0. Cell-mean error: \u2016f \u2212 A<sub>l</sub>f\u2016<sub>p</sub> where "
            + "A<sub>l</sub>f is the mean of f on each cell of side N<sup>\u2212l</sup>; "
            + "\u03c9<sub>p</sub>(f, t) is the L<sup>p</sup> modulus of continuity: its estimate is the largest value a "
            + "search over shifts found (not a bound), and where the target can be enclosed the table also gives a "
            + "rigorous lower bound.";

    private static void reading(StringBuilder h, ConstructionReport r) {
        HtmlPage.reading(h, Reading.sentences(r));
    }

    private static void target(StringBuilder h, ConstructionReport r) {
        var reg = r.regularity();
        h.append("<section id=\"target\">\n<h2>Target and parameters</h2>\n<table class=\"kv\">\n");
        HtmlPage.kv(h, "target", "<code>" + Html.escape(r.targetName()) + "</code>");
        HtmlPage.kv(h, "dimension d", Integer.toString(r.dim()));
        HtmlPage.kv(h, "refinement factor N", Integer.toString(r.base()));
        HtmlPage.kv(h, "levels L", Integer.toString(r.levels()) + " (cells of side N<sup>\u2212l</sup>, l = 0.." + r.levels()
                + "; N<sup>dL</sup> = " + Fmt.count(r.rows().get(r.rows().size() - 1).cells()) + " cells at the deepest)");
        HtmlPage.kv(h, "norm", "L<sup>" + Html.escape(r.p().toString()) + "</sup>([0,1]<sup>" + r.dim() + "</sup>)");
        HtmlPage.kv(h, "regularity", Html.escape(reg.description())
                + (reg.hasRate() ? " (\u03b1 = " + Fmt.num(reg.exponent()) + ", \u03bb = " + Fmt.num(reg.constant()) + ")"
                : " (no rate known)")
                + (reg.continuous() ? ", continuous" : ""));
        HtmlPage.kv(h, "theorem", "\u2016f \u2212 \u03a6<sub>l</sub>\u2016<sub>p</sub> \u2264 (2d+1) \u03c9<sub>p</sub>(f, N<sup>\u2212l</sup>)"
                + " = " + (2 * r.dim() + 1) + " \u03c9<sub>p</sub>(f, N<sup>\u2212l</sup>)");
        if (r.hasNetwork()) {
            HtmlPage.kv(h, "phase bits b", Integer.toString(r.bitsBudget()));
        }
        h.append("</table>\n</section>\n");
    }

    /** The {@code network} section: layout, width against the paper's, depth, neurons, parameters, bits. */
    static void network(StringBuilder h, ConstructionReport r) {
        long bits = 0;
        for (LevelReport row : r.rows()) {
            bits += Math.max(0, row.bits());
        }
        h.append("<section id=\"network\">\n<h2>Network</h2>\n<table class=\"kv\">\n");
        HtmlPage.kv(h, "layout", Html.escape(r.layout()));
        HtmlPage.kv(h, "width", r.width() + " neurons, against the paper's 2dN + d + 2 = " + r.paperWidth()
                + (r.width() <= r.paperWidth() ? " (" + Fmt.ratio((double) r.width() / r.paperWidth()) + " of it)"
                : " (<strong>wider</strong> than the paper's by " + (r.width() - r.paperWidth()) + ")"));
        HtmlPage.kv(h, "depth", r.depth() + " hidden layers");
        HtmlPage.kv(h, "neurons", Fmt.count(r.reluNeurons() + r.sineNeurons()) + " hidden: " + Fmt.count(r.reluNeurons())
                + " ReLU, " + Fmt.count(r.sineNeurons()) + " sine");
        HtmlPage.kv(h, "parameters", Fmt.count(r.parameters()) + " nonzero weights and biases (heads included)");
        HtmlPage.kv(h, "bits", Fmt.count(bits) + " bits stored for the levels' weights (phases and address coefficients)");
        h.append("</table>\n</section>\n");
    }

    private static void table(StringBuilder h, ConstructionReport r) {
        boolean net = r.hasNetwork();
        List<LevelReport> rows = r.rows();
        boolean certified = rows.stream().anyMatch(LevelReport::certified);
        // A method shared by a whole column is named once in its header; otherwise under each value.
        String netMethod = net ? commonMethod(rows, LevelReport::networkError) : null;
        String meanMethod = commonMethod(rows, LevelReport::meanError);
        String omegaMethod = commonMethod(rows, LevelReport::omega);
        h.append("<section id=\"levels\">\n<h2>Levels</h2>\n<div class=\"scroll\">\n<table class=\"levels\">\n<thead><tr>")
                .append("<th>level l</th><th>cells N<sup>dl</sup></th>");
        if (net) {
            h.append("<th>head layer</th><th>depth</th><th>bits</th>")
                    .append("<th>network error<br>\u2016f \u2212 \u03a6<sub>l</sub>\u2016<sub>p</sub>")
                    .append(HtmlPage.methodHeader(netMethod)).append("</th>");
        }
        h.append("<th>cell-mean error<br>\u2016f \u2212 A<sub>l</sub>f\u2016<sub>p</sub>").append(HtmlPage.methodHeader(meanMethod))
                .append("</th><th>\u03c9<sub>p</sub>(f, N<sup>\u2212l</sup>)").append(HtmlPage.methodHeader(omegaMethod))
                .append("</th><th>bound<br>(2d+1)\u03c9<sub>p</sub></th><th>constant<br>error / \u03c9</th>")
                .append("<th>bound holds<br>(estimates)</th><th>proven<br>constant \u2264 2d+1</th></tr></thead>\n<tbody>\n");
        for (LevelReport row : rows) {
            Certificate c = row.certificate();
            h.append("<tr><td>").append(row.level()).append("</td><td>").append(Fmt.count(row.cells())).append("</td>");
            if (net) {
                h.append("<td>").append(row.headLayer() < 0 ? "\u2014" : Integer.toString(row.headLayer()))
                        .append("</td><td>").append(row.depth() < 0 ? "\u2014" : Integer.toString(row.depth()))
                        .append("</td><td>").append(row.bits() < 0 ? "\u2014" : Fmt.count(row.bits())).append("</td>");
                certifiedCell(h, c == null ? null : c.networkError(), false, row.networkError(), netMethod != null);
            }
            certifiedCell(h, c == null ? null : c.meanError(), c != null && c.exactMeans(), row.meanError(),
                    meanMethod != null);
            h.append("<td>");
            if (c != null) {
                h.append("<span class=\"v\">\u2265 ").append(Fmt.directed(c.omegaLo(), false)).append(mark(LOWER))
                        .append("</span>");
            }
            HtmlPage.estimateLine(h, row.omega(), omegaMethod != null, mark(ESTIMATE));
            h.append("</td>");
            double error = Reading.error(r, row).value();
            boolean holds = error <= row.bound();
            h.append("<td><span class=\"v\">").append(Fmt.num(row.bound())).append(mark(ESTIMATE))
                    .append("</span></td><td>");
            if (c != null) {
                h.append("<span class=\"v\">\u2264 ").append(Fmt.directed(c.constantHi(), true)).append(mark(UPPER))
                        .append("</span>");
            }
            h.append("<span class=\"v\">").append(Fmt.ratio(row.constant())).append(mark(ESTIMATE))
                    .append("</span></td><td class=\"")
                    .append(holds ? "ok\">yes" : "bad\">NO").append("</td>");
            if (c == null) {
                h.append("<td>\u2014</td>");
            } else {
                h.append("<td class=\"").append(c.proven() ? "ok\">yes" : "bad\">no").append("</td>");
            }
            h.append("</tr>\n");
        }
        h.append("</tbody>\n</table>\n</div>\n<p class=\"note\">Each number is marked: ").append(mark(ENCLOSURE))
                .append(" a rigorous enclosure [lo, hi] (ends rounded outwards); ").append(mark(LOWER)).append(" / ")
                .append(mark(UPPER)).append(" a rigorous lower / upper bound (\u2265 / \u2264); ").append(mark(EXACT))
                .append(" exact; ").append(mark(ESTIMATE)).append(" an estimate, proven neither way. ")
                .append("Under each estimate: the number of function evaluations used (and the method, where it is not ")
                .append("the same for the whole column); \u00b1 a standard error for randomized estimates. The constant ")
                .append("and the column \u201cbound holds\u201d use the ").append(net ? "network" : "cell-mean")
                .append(" error estimate; \u201cproven\u201d is ")
                .append(certified ? "whether the upper end of the error enclosure over the lower bound of \u03c9 is at "
                        + "most 2d+1 (\u2014: the row has no certificate)." : "\u2014 for every row: the target cannot be "
                        + "enclosed (a Java function), so nothing is proven.")
                .append("</p>\n</section>\n");
    }

    /** Mark of a rigorous enclosure {@code [lo, hi]}. */
    static final String ENCLOSURE = "encl";
    /** Mark of a rigorous lower bound. */
    static final String LOWER = "lower";
    /** Mark of a rigorous upper bound. */
    static final String UPPER = "upper";
    /** Mark of an exact value. */
    static final String EXACT = "exact";
    /** Mark of an estimate (proven neither way). */
    static final String ESTIMATE = "est";

    /** The mark of a number's status, {@link #ENCLOSURE}, {@link #EXACT}, ... */
    static String mark(String kind) {
        String cls = ESTIMATE.equals(kind) ? "k-est" : EXACT.equals(kind) ? "k-exact" : "k-enc";
        return "<span class=\"k " + cls + "\">" + kind + "</span>";
    }

    /**
     * An error cell: the enclosure {@code [lo, hi]} (or the exact value) when certified, then the estimate with its
     * evaluations; a dash when there is neither.
     */
    private static void certifiedCell(StringBuilder h, Enclosure enclosure, boolean exact, ErrorEstimate estimate,
                                      boolean methodInHeader) {
        if (enclosure == null && estimate == null) {
            h.append("<td>\u2014</td>");
            return;
        }
        h.append("<td>");
        if (enclosure != null && exact) {
            h.append("<span class=\"v\">= ").append(Fmt.num(enclosure.hi())).append(mark(EXACT)).append("</span>");
        } else if (enclosure != null) {
            h.append("<span class=\"v\">[").append(Fmt.directed(enclosure.lo(), false)).append(", ")
                    .append(Fmt.directed(enclosure.hi(), true)).append("]").append(mark(ENCLOSURE)).append("</span>");
        }
        if (estimate != null) {
            HtmlPage.estimateLine(h, estimate, methodInHeader, mark(ESTIMATE));
        }
        h.append("</td>");
    }

    /** The method shared by every non-null estimate of a column, or null when they differ. */
    private static String commonMethod(List<LevelReport> rows,
                                       java.util.function.Function<LevelReport, ErrorEstimate> column) {
        String method = null;
        for (LevelReport row : rows) {
            ErrorEstimate e = column.apply(row);
            if (e == null) {
                continue;
            }
            if (method == null) {
                method = e.method();
            } else if (!method.equals(e.method())) {
                return null;
            }
        }
        return method;
    }

    private static void plots(StringBuilder h, ConstructionReport r, ReadoutSampler sampler,
                              Map<Figure, String> figures) {
        h.append("<section id=\"plots\">\n<h2>Plots</h2>\n");
        HtmlPage.figures(h, figures);
        if (sampler == null) {
            h.append("<p class=\"note\">No pictures of f and its readouts: no sampler was given.</p>\n");
        } else if (r.dim() > 3) {
            h.append("<p class=\"note\">No pictures of f and its readouts for d = ").append(r.dim())
                    .append(" (d = 1 and d = 2 are drawn, and d = 3 as slices).</p>\n");
        }
        h.append("</section>\n");
    }
}
