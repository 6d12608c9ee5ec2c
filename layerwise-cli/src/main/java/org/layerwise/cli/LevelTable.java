package org.layerwise.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

import org.layerwise.construct.ConstructionReport;
import org.layerwise.construct.LevelReport;
import org.layerwise.measure.PNorm;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The per-level table shared by {@code measure} and (extended with network columns) {@code construct}:
 * as aligned text, and as one JSON object
 * {@code {"target", "dim", "base", "levels", "p", "rows": [{"level", "cells", "meanError", "omega", "bound", "constant"}]}}
 * ({@code "p"} is the string {@code "inf"} for infinity, else a number). When the report has a network,
 * the object also carries {@code "bits", "layout", "width", "depth", "paperWidth", "reluNeurons", "sineNeurons",
 * "parameters", "networkErrorMethod"} and each row {@code "networkError"} (with its standard error
 * {@code "networkErrorSe"}), {@code "headLayer"}, {@code "depth"} and {@code "bits"}; level 0 has no head, so its
 * {@code networkError}, {@code headLayer} and {@code depth} are null and its constant is meanError / omega.
 * Non-finite numbers (an infinite constant when omega is 0) are written as JSON strings such as
 * {@code "Infinity"} (Jackson's default).
 */
public final class LevelTable {

    /** One text column: a header and how to print a row's cell. */
    public record Column(String header, Function<LevelReport, String> cell) {
    }

    static final ObjectMapper JSON = new ObjectMapper();

    private LevelTable() {
    }

    /**
     * The measurement columns: level, cells, mean error, omega, bound, constant, proven. Each number is marked:
     * {@code [lo, hi]} a rigorous enclosure, {@code >=} a rigorous lower bound, {@code <=} a rigorous upper
     * bound, {@code =} exact (up to rounding), {@code ~} an estimate (see {@link #LEGEND}).
     */
    public static List<Column> measureColumns() {
        List<Column> cols = new ArrayList<>();
        cols.add(new Column("level", r -> Integer.toString(r.level())));
        cols.add(new Column("cells", r -> Long.toString(r.cells())));
        cols.add(new Column("||f-A_l f||_p", r -> r.certified()
                ? (r.certificate().exactMeans() ? "=" + number(r.meanError().value()) : enclosure(r.certificate().meanError()))
                : "~" + number(r.meanError().value())));
        cols.add(new Column("omega_p(f,N^-l)", r -> r.certified()
                ? ">=" + number(r.certificate().omegaLo()) + " ~" + number(r.certificate().omegaEstimate())
                : "~" + number(r.omega().value())));
        cols.add(new Column("(2d+1)*omega", r -> "~" + number(r.bound())));
        cols.add(new Column("constant", r -> r.certified()
                ? "<=" + String.format(Locale.ROOT, "%.4f", r.certificate().constantHi())
                : "~" + String.format(Locale.ROOT, "%.4f", r.constant())));
        cols.add(new Column("proven", r -> r.certified() ? (r.certificate().proven() ? "yes" : "no") : "-"));
        return cols;
    }

    /** The legend printed under the table. */
    public static final String LEGEND = "[lo, hi] rigorous enclosure; >= rigorous lower bound; <= rigorous upper bound;"
            + " = exact; ~ estimate. proven: constant <= 2d+1 shown rigorously (network error, else mean error, over"
            + " the lower bound of omega)";

    /**
     * The columns of {@code construct}: level, cells, head layer, depth, bits, network error, then the
     * measurement columns (the constant being networkError / omega). Level 0 has no head: "-".
     */
    public static List<Column> constructColumns() {
        List<Column> cols = new ArrayList<>();
        List<Column> m = measureColumns();
        cols.add(m.get(0));
        cols.add(m.get(1));
        cols.add(new Column("head layer", r -> r.headLayer() < 0 ? "-" : Integer.toString(r.headLayer())));
        cols.add(new Column("depth", r -> r.depth() < 0 ? "-" : Integer.toString(r.depth())));
        cols.add(new Column("bits", r -> r.bits() < 0 ? "-" : Long.toString(r.bits())));
        cols.add(new Column("||f-Phi_l||_p", r -> r.networkError() == null ? "-"
                : (r.certified() && r.certificate().networkError() != null ? enclosure(r.certificate().networkError())
                : "~" + number(r.networkError().value()))));
        cols.addAll(m.subList(2, m.size()));
        return cols;
    }

    /** {@code [lo, hi]} with 5 significant digits each. */
    public static String enclosure(org.layerwise.measure.Enclosure e) {
        return "[" + String.format(Locale.ROOT, "%.4e", e.lo()) + ", " + String.format(Locale.ROOT, "%.4e", e.hi()) + "]";
    }

    /** A number in the table: 4 significant digits in scientific notation, 0 as {@code 0}. */
    public static String number(double v) {
        return v == 0 ? "0" : String.format(Locale.ROOT, "%.4e", v);
    }

    /** The header line: target, d, N, p. */
    public static String header(ConstructionReport r) {
        return "target " + r.targetName() + ", d = " + r.dim() + ", N = " + r.base() + ", p = " + r.p()
                + ", levels 0.." + r.levels();
    }

    /** The methods used, taken from the deepest level (the coarse levels use the same kind of method). */
    public static List<String> methods(ConstructionReport r) {
        LevelReport last = r.rows().get(r.rows().size() - 1);
        List<String> lines = new ArrayList<>();
        if (last.networkError() != null) {
            lines.add("network error (levels 1.." + last.level() + ", one network pass per point): "
                    + last.networkError().method() + "; level 0 has no head");
        }
        lines.add("mean error (level " + last.level() + "): " + last.meanError().method());
        lines.add("omega (level " + last.level() + "): " + last.omega().method());
        if (last.certified()) {
            lines.add("certified: errors enclosed cell by cell (Taylor model: value, gradient and Hessian in interval"
                    + " arithmetic, rigorous remainder, bisection where it fails); omega bounded from below at the best shift");
        }
        return lines;
    }

    /** Header, method lines and the aligned rows for {@code columns}. */
    public static String text(ConstructionReport r, List<Column> columns) {
        int n = columns.size();
        List<String[]> cells = new ArrayList<>();
        String[] head = new String[n];
        for (int c = 0; c < n; c++) {
            head[c] = columns.get(c).header();
        }
        cells.add(head);
        for (LevelReport row : r.rows()) {
            String[] line = new String[n];
            for (int c = 0; c < n; c++) {
                line[c] = columns.get(c).cell().apply(row);
            }
            cells.add(line);
        }
        StringBuilder sb = new StringBuilder();
        sb.append(header(r)).append('\n');
        for (String m : methods(r)) {
            sb.append(m).append('\n');
        }
        sb.append(aligned(cells));
        return sb.append(LEGEND).append('\n').toString();
    }

    /** Lines of cells (the first usually the header), right-aligned in columns two spaces apart, one per line. */
    public static String aligned(List<String[]> lines) {
        int n = lines.get(0).length;
        int[] width = new int[n];
        for (String[] line : lines) {
            for (int c = 0; c < n; c++) {
                width[c] = Math.max(width[c], line[c].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (String[] line : lines) {
            for (int c = 0; c < n; c++) {
                if (c > 0) {
                    sb.append("  ");
                }
                sb.append(" ".repeat(width[c] - line[c].length())).append(line[c]);
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /** The report as one JSON object (see the class comment). */
    /**
     * Puts the network's shape into {@code root}: {@code dim, base, levels, bits, layout, width, depth, paperWidth,
     * reluNeurons, sineNeurons, parameters} (the members a measured construction's JSON has, in its order).
     */
    static void putNetwork(ObjectNode root, org.layerwise.net.Network net, org.layerwise.net.NetworkCounts c) {
        root.put("dim", net.dim());
        root.put("base", net.base());
        root.put("levels", net.levels());
        root.put("bits", net.bits());
        root.put("layout", net.layout().id());
        root.put("width", c.width());
        root.put("depth", c.depth());
        root.put("paperWidth", c.paperWidth());
        root.put("reluNeurons", c.reluNeurons());
        root.put("sineNeurons", c.sineNeurons());
        root.put("parameters", c.parameters());
    }

    public static ObjectNode json(ConstructionReport r) {
        ObjectNode root = JSON.createObjectNode();
        root.put("target", r.targetName());
        root.put("dim", r.dim());
        root.put("base", r.base());
        root.put("levels", r.levels());
        putP(root, r.p());
        if (r.hasNetwork()) {
            root.put("bits", r.bitsBudget());
            root.put("layout", r.layout());
            root.put("width", r.width());
            root.put("depth", r.depth());
            root.put("paperWidth", r.paperWidth());
            root.put("reluNeurons", r.reluNeurons());
            root.put("sineNeurons", r.sineNeurons());
            root.put("parameters", r.parameters());
            LevelReport last = r.rows().get(r.rows().size() - 1);
            if (last.networkError() != null) {
                root.put("networkErrorMethod", last.networkError().method());
            }
        }
        ArrayNode rows = root.putArray("rows");
        for (LevelReport lr : r.rows()) {
            ObjectNode row = rows.addObject();
            row.put("level", lr.level());
            row.put("cells", lr.cells());
            if (r.hasNetwork()) {
                // level 0 has no head: null network error, head layer and depth, 0 bits
                if (lr.networkError() != null) {
                    row.put("networkError", lr.networkError().value());
                    row.put("networkErrorSe", lr.networkError().standardError());
                    row.put("headLayer", lr.headLayer());
                    row.put("depth", lr.depth());
                } else {
                    row.putNull("networkError");
                    row.putNull("headLayer");
                    row.putNull("depth");
                }
                row.put("bits", Math.max(0, lr.bits()));
            }
            row.put("meanError", lr.meanError().value());
            row.put("omega", lr.omega().value());
            row.put("bound", lr.bound());
            row.put("constant", lr.constant());
            putCertificate(row, lr, r.hasNetwork());
        }
        return root;
    }

    /**
     * The certified members of a row: {@code "meanErrorLo", "meanErrorHi", "networkErrorLo", "networkErrorHi"}
     * (network rows only; null at level 0), {@code "omegaLo", "omegaEstimate", "constantHi", "proven"} and
     * {@code "status"}: {@code "certified"} when the row has a {@link org.layerwise.construct.Certificate},
     * else {@code "estimate"} with the certified members null.
     */
    static void putCertificate(ObjectNode row, LevelReport lr, boolean network) {
        org.layerwise.construct.Certificate c = lr.certificate();
        if (c == null) {
            for (String k : network ? new String[] {"meanErrorLo", "meanErrorHi", "networkErrorLo", "networkErrorHi",
                    "omegaLo", "omegaEstimate", "constantHi", "proven"}
                    : new String[] {"meanErrorLo", "meanErrorHi", "omegaLo", "omegaEstimate", "constantHi", "proven"}) {
                row.putNull(k);
            }
            row.put("status", "estimate");
            return;
        }
        row.put("meanErrorLo", c.meanError().lo());
        row.put("meanErrorHi", c.meanError().hi());
        if (network) {
            if (c.networkError() != null) {
                row.put("networkErrorLo", c.networkError().lo());
                row.put("networkErrorHi", c.networkError().hi());
            } else {
                row.putNull("networkErrorLo");
                row.putNull("networkErrorHi");
            }
        }
        row.put("omegaLo", c.omegaLo());
        row.put("omegaEstimate", c.omegaEstimate());
        row.put("constantHi", c.constantHi());
        row.put("proven", c.proven());
        row.put("status", "certified");
    }

    /** Puts {@code "p"}: the string {@code "inf"} for infinity, an integer when p is one, else the number. */
    public static void putP(ObjectNode node, PNorm p) {
        if (p.isInfinite()) {
            node.put("p", "inf");
        } else if (p.p() == Math.rint(p.p()) && p.p() < 1e15) {
            node.put("p", (long) p.p());
        } else {
            node.put("p", p.p());
        }
    }

    /** {@link #json} as a compact string. */
    public static String jsonText(ConstructionReport r) {
        try {
            return JSON.writeValueAsString(json(r));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write the report as JSON", e);
        }
    }
}
