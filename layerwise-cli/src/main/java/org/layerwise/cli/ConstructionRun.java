package org.layerwise.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;

import org.layerwise.eval.DecoderBound;
import org.layerwise.grid.CellMeans;
import java.util.Map;

import org.layerwise.InvalidInputException;
import org.layerwise.Layerwise;
import org.layerwise.construct.Construction;
import org.layerwise.construct.ConstructionReport;
import org.layerwise.format.AtomicFiles;
import org.layerwise.format.ModelFile;
import org.layerwise.net.Network;
import org.layerwise.net.NetworkCounts;
import org.layerwise.report.HtmlReport;
import org.layerwise.report.NetworkSampler;
import org.layerwise.report.Progress;
import org.layerwise.report.ReportOptions;
import org.layerwise.function.Target;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** What {@code construct}, {@code refine} and {@code demo} do after the library built the network: print, save, report. */
final class ConstructionRun {

    private ConstructionRun() {
    }

    /**
     * Saves the model and writes the report (each when asked for in {@code outputs}), all or nothing, then prints
     * the table (or the JSON object) with the tolerance outcome and where the files landed.
     *
     * @param tolerance NaN when none was given
     */
    static void finish(PrintWriter out, Target f, Layerwise.Built built, double tolerance, Outputs outputs,
                       boolean json, boolean quiet) {
        Construction.Result result = built.details();
        Network net = result.network();
        ConstructionReport report = result.report();
        Path model = outputs.model();
        Path reportDir = outputs.report();
        Path html = null;
        try (AtomicFiles.Batch batch = new AtomicFiles.Batch()) {
            stageModel(batch, outputs, built);
            if (reportDir != null) {
                ReportOptions opts = ReportOptions.defaults();
                HtmlReport rendered;
                try (Progress bar = Progress.console("report", opts.samplePoints(f.dim()), quiet)) {
                    rendered = HtmlReport.render(report, new NetworkSampler(f, result.evaluator().evaluator()), opts,
                            bar);
                }
                rendered.stage(batch, outputs.reportOption(), reportDir);
                html = reportDir.resolve(HtmlReport.FILE);
            }
            batch.commit();
        }
        String outcome = Double.isNaN(tolerance) ? null
                : result.metLevel() > 0
                ? String.format(Locale.ROOT, "tolerance %s: met first at level %d", tolerance, result.metLevel())
                : String.format(Locale.ROOT, "tolerance %s: not met by levels 1..%d", tolerance, net.levels());
        if (json) {
            ObjectNode root = LevelTable.json(report);
            certificates(root, net, result.table());
            if (!Double.isNaN(tolerance)) {
                root.put("tolerance", tolerance);
                if (result.metLevel() > 0) {
                    root.put("metLevel", result.metLevel());
                } else {
                    root.putNull("metLevel");
                }
            }
            if (model != null) {
                root.put("model", model.toString());
            }
            if (html != null) {
                root.put("report", html.toString());
            }
            root.put("evaluator", result.evaluator().reason());
            out.println(root.toString());
        } else {
            out.print(LevelTable.text(report, LevelTable.constructColumns()));
            out.println(summary(report));
            out.println("evaluator: " + result.evaluator().reason());
            out.println(meansLine(net, result.table()));
            if (outcome != null) {
                out.println(outcome);
            }
            if (model != null) {
                out.println("model: " + model);
            }
            if (html != null) {
                out.println("report: " + html);
            }
        }
        out.flush();
    }

    /** Stages the model file in {@code batch} when {@code outputs} names one. */
    private static void stageModel(AtomicFiles.Batch batch, Outputs outputs, Layerwise.Built built) {
        if (outputs.model() != null) {
            Network net = built.model().network();
            Map<String, Object> block = built.model().target();
            batch.add(outputs.modelOption(), outputs.model(), o -> ModelFile.write(o, net, block));
        }
    }

    /**
     * {@code construct --no-measure}: saves the model (when asked for) and prints the network's size, the
     * status of its cell means and, per level, the cells, head layer, depth and bits (JSON: the same members as a
     * measured construction without the error columns, and {@code "measured": false}).
     */
    static void finishUnmeasured(PrintWriter out, Target f, Layerwise.Built built, Outputs outputs, boolean json) {
        Network net = built.model().network();
        CellMeans table = built.details().table();
        try (AtomicFiles.Batch batch = new AtomicFiles.Batch()) {
            stageModel(batch, outputs, built);
            batch.commit();
        }
        NetworkCounts counts = NetworkCounts.of(net);
        if (json) {
            ObjectNode root = LevelTable.JSON.createObjectNode();
            root.put("target", f.name());
            LevelTable.putNetwork(root, net, counts);
            root.put("measured", false);
            com.fasterxml.jackson.databind.node.ArrayNode rows = root.putArray("rows");
            for (int l = 0; l <= net.levels(); l++) {
                ObjectNode row = rows.addObject();
                row.put("level", l);
                row.put("cells", table.cells().count(l));
                if (l == 0) {
                    row.putNull("headLayer");
                    row.putNull("depth");
                } else {
                    row.put("headLayer", net.headLayer(l));
                    row.put("depth", net.headLayer(l) + 1);
                }
                row.put("bits", bits(counts, l));
            }
            certificates(root, net, table);
            if (outputs.model() != null) {
                root.put("model", outputs.model().toString());
            }
            out.println(root.toString());
        } else {
            out.println("target " + f.name() + ", d = " + net.dim() + ", N = " + net.base() + ", L = " + net.levels()
                    + ": built without measures (--no-measure)");
            out.println(String.format(Locale.ROOT, "%5s %12s %6s %6s %14s", "level", "cells", "layer", "depth", "bits"));
            for (int l = 0; l <= net.levels(); l++) {
                out.println(String.format(Locale.ROOT, "%5d %12d %6s %6s %14d", l, table.cells().count(l),
                        l == 0 ? "-" : Integer.toString(net.headLayer(l)),
                        l == 0 ? "-" : Integer.toString(net.headLayer(l) + 1), bits(counts, l)));
            }
            out.println(summary(counts, net));
            out.println(meansLine(net, table));
            if (outputs.model() != null) {
                out.println("model: " + outputs.model());
            }
        }
        out.flush();
    }

    /** The bits stored for level {@code l}: none at level 0, which has no head. */
    private static long bits(NetworkCounts counts, int l) {
        return l == 0 ? 0 : counts.levelBits().get(l - 1).bits();
    }

    /**
     * Adds {@code "status"} (of the cell means: {@code certified} or {@code estimate}) to the root and, per row,
     * {@code "meanHalfWidth"} ({@code eta_l}) and {@code "certificate"} ({@code DecoderBound_l + eta_l}, the proven
     * bound on {@code |Phi_l(x) - mu_l(K_l(x))|} with {@code mu_l} the true mean; null at level 0, which has no
     * head, and for estimated means).
     */
    static void certificates(ObjectNode root, Network net, CellMeans table) {
        root.put("status", table.status());
        com.fasterxml.jackson.databind.JsonNode rows = root.get("rows");
        for (int i = 0; rows != null && i < rows.size(); i++) {
            ObjectNode row = (ObjectNode) rows.get(i);
            int l = row.get("level").asInt();
            if (table.isCertified() && l <= table.levels()) {
                row.put("meanHalfWidth", table.halfWidth(l));
                if (l >= 1 && l <= net.levels()) {
                    row.put("certificate", certificate(net, l, table.halfWidth(l)));
                } else {
                    row.putNull("certificate");
                }
            } else {
                row.putNull("meanHalfWidth");
                row.putNull("certificate");
            }
        }
    }

    /** {@code DecoderBound_l + eta_l}, rounded up. */
    static double certificate(Network net, int level, double eta) {
        return Math.nextUp(DecoderBound.bound(net, level) + eta);
    }

    /** One line: the status of the cell means and, when certified, {@code eta_l} and the certificate per level. */
    static String meansLine(Network net, CellMeans table) {
        if (!table.isCertified()) {
            return "cell means: estimate (Gauss-Legendre; no enclosure for a Java function or d > 3)";
        }
        StringBuilder sb = new StringBuilder("cell means: certified; per level l: eta_l (largest half-width) /"
                + " certificate DecoderBound_l + eta_l:");
        for (int l = 0; l <= table.levels(); l++) {
            sb.append(String.format(Locale.ROOT, " %d: %.3g", l, table.halfWidth(l)));
            if (l >= 1 && l <= net.levels()) {
                sb.append(String.format(Locale.ROOT, " / %.3g", certificate(net, l, table.halfWidth(l))));
            }
            sb.append(l < table.levels() ? ";" : "");
        }
        return sb.toString();
    }

    /**
     * {@code levels} when it is at least 1.
     *
     * @throws InvalidInputException naming {@code --levels} otherwise
     */
    static int checkedLevels(int levels) {
        if (levels < 1) {
            throw new InvalidInputException("a network needs --levels >= 1, got " + levels);
        }
        return levels;
    }

    /** One line about the network's size. */
    static String summary(ConstructionReport r) {
        return summary(r.layout(), r.width(), r.paperWidth(), r.depth(), r.reluNeurons(), r.sineNeurons(),
                r.parameters(), r.bitsBudget());
    }

    /** {@link #summary(ConstructionReport)} from the network's counts. */
    static String summary(NetworkCounts c, Network net) {
        return summary(net.layout().id(), c.width(), c.paperWidth(), c.depth(), c.reluNeurons(), c.sineNeurons(),
                c.parameters(), net.bits());
    }

    private static String summary(String layout, int width, int paperWidth, int depth, long relu, long sine,
                                  long parameters, int bits) {
        return "network: layout " + layout + ", width " + width + " (paper width 2dN+d+2 = " + paperWidth
                + "), depth " + depth + ", " + relu + " ReLU + " + sine + " sine neurons, "
                + parameters + " parameters, b = " + bits + " bits per phase";
    }
}
