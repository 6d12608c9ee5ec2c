package org.layerwise.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

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
    static void finish(PrintWriter out, Target f, Construction.Result result, Map<String, Object> targetBlock,
                       double tolerance, Outputs outputs, boolean json, boolean quiet) {
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

    /** One line about the network's size. */
    static String summary(ConstructionReport r) {
        return "network: layout " + r.layout() + ", width " + r.width() + " (paper width 2dN+d+2 = " + r.paperWidth()
                + "), depth " + r.depth() + ", " + r.reluNeurons() + " ReLU + " + r.sineNeurons() + " sine neurons, "
                + r.parameters() + " parameters, b = " + r.bitsBudget() + " bits per phase";
    }
}
