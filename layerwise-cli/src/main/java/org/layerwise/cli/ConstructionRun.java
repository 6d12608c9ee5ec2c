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
        Map<String, Object> targetBlock = built.model().target();
        Network net = result.network();
        ConstructionReport report = result.report();
        Path model = outputs.model();
        Path reportDir = outputs.report();
        Path html = null;
        try (AtomicFiles.Batch batch = new AtomicFiles.Batch()) {
            if (model != null) {
                batch.add(outputs.modelOption(), model, o -> ModelFile.write(o, net, targetBlock));
            }
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
        return "network: layout " + r.layout() + ", width " + r.width() + " (paper width 2dN+d+2 = " + r.paperWidth()
                + "), depth " + r.depth() + ", " + r.reluNeurons() + " ReLU + " + r.sineNeurons() + " sine neurons, "
                + r.parameters() + " parameters, b = " + r.bitsBudget() + " bits per phase";
    }
}
