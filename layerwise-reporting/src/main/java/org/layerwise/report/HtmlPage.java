package org.layerwise.report;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.layerwise.measure.ErrorEstimate;

/**
 * The pieces every self-contained report page shares ({@link HtmlReport}, {@link ComparisonReport}): the page
 * frame with its style sheet, key-value rows, estimate cells, and the figures (encoded once as PNG and SVG
 * files, embedded inline). All text passed as "html" is trusted markup; everything else is escaped here.
 */
final class HtmlPage {

    private HtmlPage() {
    }

    /** {@code <!DOCTYPE html>} through the opening {@code <main>}, with the title and the style sheet. */
    static void open(StringBuilder h, String title) {
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(Html.escape(title)).append("</title>\n")
                .append("<style>\n").append(CSS).append("</style>\n</head>\n<body>\n<main>\n");
    }

    /** The footer (trusted markup) and the closing tags. */
    static void close(StringBuilder h, String footerHtml) {
        h.append("<footer>").append(footerHtml).append("</footer>\n</main>\n</body>\n</html>\n");
    }

    /** A list of plain-text sentences as the {@code reading} section. */
    static void reading(StringBuilder h, List<String> sentences) {
        h.append("<section id=\"reading\">\n<h2>Reading</h2>\n<ul class=\"reading\">\n");
        for (String s : sentences) {
            h.append("<li>").append(Html.escape(s)).append("</li>\n");
        }
        h.append("</ul>\n</section>\n");
    }

    /** One row of a key-value table; the key and value are trusted markup. */
    static void kv(StringBuilder h, String key, String valueHtml) {
        h.append("<tr><th>").append(key).append("</th><td>").append(valueHtml).append("</td></tr>\n");
    }

    /** A column header's method line, or nothing when the method differs between rows ({@code null}). */
    static String methodHeader(String method) {
        return method == null ? "" : "<span class=\"m\">" + Html.escape(method) + "</span>";
    }

    /**
     * A table cell with an estimate: value, {@code ± standard error} when randomized, and underneath the number of
     * evaluations (and the method, unless the column header names it); a dash for {@code null}.
     */
    static void estimate(StringBuilder h, ErrorEstimate e, boolean methodInHeader) {
        if (e == null) {
            h.append("<td>\u2014</td>");
            return;
        }
        h.append("<td>");
        estimateLine(h, e, methodInHeader, "");
        h.append("</td>");
    }

    /**
     * The content of an estimate cell (no {@code <td>}): value, {@code ± standard error} when randomized, and
     * underneath the number of evaluations when there were any (and the method, unless the column header names it);
     * {@code markHtml} (trusted markup) follows the value.
     */
    static void estimateLine(StringBuilder h, ErrorEstimate e, boolean methodInHeader, String markHtml) {
        h.append(markHtml.isEmpty() ? "" : "<span class=\"v\">").append(Fmt.num(e.value()));
        if (e.standardError() > 0) {
            h.append(" \u00b1 ").append(Fmt.num(e.standardError()));
        }
        h.append(markHtml).append(markHtml.isEmpty() ? "" : "</span>");
        // an estimate read off an enclosure made no evaluations of its own: no count
        if (!methodInHeader || e.points() > 0) {
            h.append("<span class=\"m\">");
            if (!methodInHeader) {
                h.append(Html.escape(e.method())).append(e.points() > 0 ? " \u00b7 " : "");
            }
            if (e.points() > 0) {
                h.append(Fmt.count(e.points())).append(" pts");
            }
            h.append("</span>");
        }
    }

    /**
     * Encodes each figure as {@code name.png} and {@code name.svg} into {@code files} (in order) and returns the
     * markup embedding it: a PNG {@code data:} URI for the figures in {@code bitmaps} (heat maps are bitmaps
     * anyway), inline SVG with ids prefixed {@code f1-, f2-, ..} otherwise.
     */
    static Map<Figure, String> embed(List<Figure> figures, Set<Figure> bitmaps, Map<String, byte[]> files) {
        Map<Figure, String> embedded = new LinkedHashMap<>();
        int index = 0;
        for (Figure f : figures) {
            byte[] png = FigureEncoder.png(f);
            byte[] svg = FigureEncoder.svg(f);
            files.put(f.name() + ".png", png);
            files.put(f.name() + ".svg", svg);
            index++;
            embedded.put(f, bitmaps.contains(f)
                    ? "<img src=\"data:image/png;base64," + Base64.getEncoder().encodeToString(png) + "\" width=\""
                    + f.width() + "\" height=\"" + f.height() + "\" alt=\"" + Html.escape(f.title()) + "\">"
                    : FigureEncoder.inlineSvg(svg, "f" + index + "-", f.title()));
        }
        return embedded;
    }

    /** One {@code <figure>} per embedded figure, with its title, caption and file names. */
    static void figures(StringBuilder h, Map<Figure, String> figures) {
        for (Map.Entry<Figure, String> e : figures.entrySet()) {
            Figure f = e.getKey();
            h.append("<figure id=\"fig-").append(f.name()).append("\">\n<h3>").append(Html.escape(f.title()))
                    .append("</h3>\n").append(e.getValue()).append("\n<figcaption>").append(Html.escape(f.caption()))
                    .append(" Files: <code>").append(f.name()).append(".png</code>, <code>").append(f.name())
                    .append(".svg</code>.</figcaption>\n</figure>\n");
        }
    }

    static final String CSS = String.join("\n",
            "body { font-family: 'DejaVu Sans', Arial, Helvetica, sans-serif; color: #222; background: #fff; margin: 0; }",
            "main { max-width: 1320px; margin: 0 auto; padding: 24px 28px 48px; }",
            "h1 { font-size: 26px; margin: 0 0 4px; }",
            "h2 { font-size: 20px; border-bottom: 2px solid #1f5fbf; padding-bottom: 4px; margin-top: 34px; }",
            "h3 { font-size: 16px; margin: 18px 0 6px; }",
            ".sub { color: #555; margin: 0 0 10px; }",
            "nav { font-size: 14px; margin-bottom: 8px; }",
            "nav a { color: #1f5fbf; text-decoration: none; }",
            "code { font-family: 'DejaVu Sans Mono', monospace; background: #f3f3f3; padding: 1px 4px;"
                    + " border-radius: 3px; word-break: break-all; }",
            "table { border-collapse: collapse; font-size: 14px; }",
            "table.kv th { text-align: left; font-weight: 600; padding: 4px 18px 4px 0; vertical-align: top;"
                    + " white-space: nowrap; }",
            "table.kv td { padding: 4px 0; }",
            "table.levels th, table.levels td { border: 1px solid #ccc; padding: 4px 6px; }",
            "table.levels th { background: #eef3fb; font-weight: 600; font-size: 13px; }",
            "table.levels td { text-align: right; font-variant-numeric: tabular-nums; vertical-align: top; }",
            "table.levels tbody tr:nth-child(even) { background: #fafafa; }",
            "td .m, th .m { display: block; color: #777; font-size: 11px; font-weight: normal; }",
            "td .v { display: block; white-space: nowrap; }",
            "table.levels td.ok { color: #1a7f37; font-weight: 600; text-align: center; }",
            "table.levels td.bad { color: #c02020; font-weight: 700; text-align: center; }",
            ".scroll { overflow-x: auto; }",
            ".k { display: inline-block; margin-left: 4px; padding: 0 3px; border-radius: 3px; font-size: 10px;"
                    + " font-weight: 600; vertical-align: 1px; }",
            ".k-enc { background: #e3f1e6; color: #1a6b31; }",
            ".k-exact { background: #e4ecfa; color: #1f4f9f; }",
            ".k-est { background: #f6ecd9; color: #8a5a00; }",
            "figcaption code { white-space: nowrap; word-break: normal; }",
            ".note { color: #555; font-size: 13px; }",
            "ul.reading li { margin: 6px 0; line-height: 1.45; }",
            "figure { margin: 12px 0 26px; }",
            "figure svg, figure img { max-width: 100%; height: auto; border: 1px solid #e4e4e4; }",
            "figcaption { color: #444; font-size: 13px; margin-top: 6px; max-width: 900px; }",
            "footer { margin-top: 40px; color: #777; font-size: 12px; border-top: 1px solid #ddd; padding-top: 8px; }",
            "");
}
