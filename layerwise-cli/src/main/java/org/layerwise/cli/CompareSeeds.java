package org.layerwise.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.layerwise.construct.Construction;
import org.layerwise.construct.ConstructionReport;
import org.layerwise.report.HtmlReport;
import org.layerwise.report.ReportOptions;
import org.layerwise.report.SpreadReport;
import org.layerwise.train.Comparisons;
import org.layerwise.train.Spread;
import org.layerwise.train.TrainingRun;

/**
 * What {@code compare --seeds} prints: per level the explicit error and bound (one network) beside the spread
 * ({@link Spread}) of the MGDL error over the seeds, the SGDL spread in row L, the per-seed errors in the JSON, and
 * optionally the spread report ({@link SpreadReport}) and the path of the median seed's full comparison report.
 */
final class CompareSeeds {

    private CompareSeeds() {
    }

    static void print(PrintWriter out, Comparisons.SeedsResult all, Construction c, Path reportDir, Path fullReportDir,
                      boolean json) {
        ConstructionReport r = all.explicit().report();
        int levels = r.levels();
        double[][] mgdl = all.mgdlErrors();
        double[] sgdl = all.sgdlErrors();
        long dead = java.util.Arrays.stream(sgdl).filter(Double::isNaN).count();
        List<Long> seedList = all.outcomes().stream().map(TrainingRun.Outcome::seed).toList();
        List<String> setup = new ArrayList<>();
        setup.add("compare on target " + r.targetName() + ": d = " + r.dim() + ", N = " + r.base() + ", L = " + levels
                + ", p = " + r.p());
        setup.add("errors: ||f - readout||_" + r.p() + " on [0,1]^" + r.dim() + ", " + c.qmc().method() + " (seed "
                + c.qmc().seed() + "), the same points for every seed and method");
        setup.add("MGDL grades: " + all.spec().gradesString());
        setup.add(String.format(Locale.ROOT, "SGDL: all grades' hidden layers stacked, %d epochs (= MGDL's passes), "
                + "lr %s -> %s, Adam; dead on %d of %d seeds", all.schedule().epochs(), all.schedule().lrMax(),
                all.schedule().lrMin(), dead, seedList.size()));
        setup.add("seeds: " + String.join(",", seedList.stream().map(String::valueOf).toList()) + " ("
                + seedList.size() + "), MGDL and SGDL trained once per seed");
        List<String[]> table = new ArrayList<>();
        table.add(new String[] {"level", "cells", "explicit ||f-Phi_l||", "bound (2d+1)*omega", "MGDL median",
            "MGDL q1", "MGDL q3", "MGDL min", "MGDL max", "SGDL median", "SGDL min", "SGDL max"});
        Spread sg = dead == sgdl.length ? null : Spread.of(sgdl);
        for (int l = 1; l <= levels; l++) {
            Spread m = Spread.of(column(mgdl, l - 1));
            boolean last = l == levels && sg != null;
            table.add(new String[] {Integer.toString(l), Long.toString(r.rows().get(l).cells()),
                LevelTable.number(r.rows().get(l).networkError().value()), LevelTable.number(r.rows().get(l).bound()),
                LevelTable.number(m.median()), LevelTable.number(m.q1()), LevelTable.number(m.q3()),
                LevelTable.number(m.min()), LevelTable.number(m.max()),
                last ? LevelTable.number(sg.median()) : "-", last ? LevelTable.number(sg.min()) : "-",
                last ? LevelTable.number(sg.max()) : "-"});
        }
        Path html = null;
        if (reportDir != null) {
            double[] explicit = new double[levels];
            double[] bound = new double[levels];
            for (int l = 1; l <= levels; l++) {
                explicit[l - 1] = r.rows().get(l).networkError().value();
                bound[l - 1] = r.rows().get(l).bound();
            }
            SpreadReport.write(reportDir, "Layerwise comparison over seeds: " + r.targetName(), setup, table,
                    SpreadReport.figure(mgdl, "MGDL error ||f - (g_1+..+g_k)||", List.of(
                            new SpreadReport.Reference("explicit network", explicit),
                            new SpreadReport.Reference("bound (2d+1) omega", bound)), ReportOptions.defaults()));
            html = reportDir.resolve(HtmlReport.FILE);
        }
        if (json) {
            ObjectMapper m = new ObjectMapper();
            ObjectNode root = m.createObjectNode();
            root.put("target", r.targetName());
            root.put("dim", r.dim());
            root.put("base", r.base());
            root.put("levels", levels);
            LevelTable.putP(root, r.p());
            root.put("method", c.qmc().method());
            ArrayNode rows = root.putArray("rows");
            for (int l = 1; l <= levels; l++) {
                ObjectNode row = rows.addObject();
                row.put("level", l);
                row.put("cells", r.rows().get(l).cells());
                row.put("explicitError", r.rows().get(l).networkError().value());
                row.put("bound", r.rows().get(l).bound());
                row.set("mgdlError", TrainOutput.spreadJson(Spread.of(column(mgdl, l - 1))));
            }
            ArrayNode seeds = root.putArray("seeds");
            for (int s = 0; s < seedList.size(); s++) {
                ObjectNode n = seeds.addObject();
                n.put("seed", seedList.get(s));
                ArrayNode e = n.putArray("mgdlErrors");
                for (double v : mgdl[s]) {
                    e.add(v);
                }
                TrainingRun.Outcome o = all.outcomes().get(s);
                n.put("sgdlError", o.sgdl().reports().get(0).targetError());
                if (o.sgdlDead() != null) {
                    n.put("sgdlDead", o.sgdlDead());
                }
            }
            ObjectNode summary = root.putObject("summary");
            summary.put("sgdlDead", dead);
            if (sg != null) {
                summary.set("sgdlError", TrainOutput.spreadJson(sg));
            }
            root.put("sgdlEpochs", all.schedule().epochs());
            if (html != null) {
                root.put("report", html.toString());
            }
            if (fullReportDir != null) {
                root.put("comparisonReport", fullReportDir.resolve(HtmlReport.FILE).toString());
                root.put("comparisonReportSeed", all.outcomes().get(all.medianIndex()).seed());
            }
            out.println(root.toString());
        } else {
            setup.forEach(out::println);
            out.print(LevelTable.aligned(table));
            if (html != null) {
                out.println("report: " + html);
            }
            if (fullReportDir != null) {
                out.println("comparison report of the median seed " + all.outcomes().get(all.medianIndex()).seed()
                        + ": " + fullReportDir.resolve(HtmlReport.FILE));
            }
        }
        out.flush();
    }

    private static double[] column(double[][] v, int k) {
        double[] c = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            c[i] = v[i][k];
        }
        return c;
    }

}
