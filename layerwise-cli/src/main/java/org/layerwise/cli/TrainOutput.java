package org.layerwise.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.layerwise.measure.PNorm;
import org.layerwise.train.Dataset;
import org.layerwise.train.EndToEndTrainer;
import org.layerwise.train.GradeResult;
import org.layerwise.train.ModelFiles;
import org.layerwise.train.Passes;
import org.layerwise.train.Presets;
import org.layerwise.train.Spread;
import org.layerwise.train.TrainingRun;
import org.layerwise.train.TrainingSpec;

/**
 * What {@code train} prints: the text table or the JSON object of one seed, or, for several seeds, the per-seed rows
 * and the spread per grade ({@link Spread}: median, quartiles, min, max).
 *
 * @param what      the data source, e.g. "preset xu2023-ex1 (sin(100*x))"
 * @param spec      the training spec (its seed is the single run's)
 * @param schedule  the SGDL schedule, or null without a baseline
 * @param preset    the preset, or null
 * @param hasTarget whether target errors were measured
 * @param norm      their norm
 */
record TrainOutput(String what, TrainingSpec spec, EndToEndTrainer.Schedule schedule, Presets.Preset preset,
                   boolean hasTarget, PNorm norm) {

    private static final ObjectMapper JSON = new ObjectMapper();

    private String header(Dataset d, String seeds) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
                "MGDL on %s: d = %d, %d training / %d test points, %s, %s, %s%n", what, d.dim(), d.trainSize(),
                d.testSize(), spec.batchSize() == 0 ? "full batch" : "batch " + spec.batchSize(), seeds,
                spec.float64() ? "float64" : "float32"));
        if (preset != null) {
            sb.append("data: ").append(preset.layout()).append('\n');
        }
        sb.append("grades: ").append(spec.gradesString()).append('\n');
        if (spec.passes() == Passes.E_PLUS_ONE) {
            sb.append("passes: E+1 per grade of E epochs, lr_i = lrMax (lrMin/lrMax)^(i/E), i = 0..E\n");
        }
        return sb.toString();
    }

    private String sgdlLine(TrainingRun.Outcome o) {
        boolean fair = schedule.epochs() == spec.totalPasses();
        return String.format(Locale.ROOT, "SGDL baseline: the same hidden layers stacked (%s), %d epochs (%s), "
                        + "lr %.3g -> %.3g, Adam%n", o.sgdl().grades().get(0).widthsText(), schedule.epochs(),
                fair ? "= MGDL's passes over the training set in all grades" : "set by --sgdl-epochs; MGDL made "
                        + spec.totalPasses(), schedule.lrMax(), schedule.lrMin());
    }

    /** The text output of one seed. */
    String text(TrainingRun.Outcome o) {
        Dataset d = o.data().data();
        StringBuilder sb = new StringBuilder(header(d, "seed " + o.seed()));
        boolean val = !o.validationRse().isEmpty();
        List<Double> published = preset == null ? List.of() : preset.publishedTestRse();
        sb.append("grade  train RSE   test RSE    seconds ").append(hasTarget ? " target err " : "")
                .append(val ? " val RSE    " : "").append(published.isEmpty() ? "" : " published test RSE");
        sb.replace(0, sb.length(), sb.toString().stripTrailing()).append('\n');
        for (GradeResult g : o.mgdl().reports()) {
            int k = g.grade();
            sb.append(row(Integer.toString(k), g, val ? o.validationRse().get(k - 1) : Double.NaN,
                    k <= published.size() ? published.get(k - 1) : Double.NaN, val)).append('\n');
        }
        for (int k = 1; k <= o.mgdlDead().size(); k++) {
            if (o.mgdlDead().get(k - 1) != null) {
                sb.append("grade ").append(k).append(": dead network: ").append(o.mgdlDead().get(k - 1)).append('\n');
            }
        }
        if (o.sgdl() != null) {
            sb.append(sgdlLine(o));
            GradeResult g = o.sgdl().reports().get(0);
            if (o.sgdlDead() != null) {
                sb.append(String.format(Locale.ROOT, "sgdl   dead network: %s; not a result (test RSE %.3e)%n",
                        o.sgdlDead(), g.testRse()));
            } else {
                double pub = preset == null || preset.references().isEmpty() ? Double.NaN
                        : preset.references().get(0).sgdlTestRse();
                sb.append(row("sgdl", g, o.sgdlValidationRse(), pub, val)).append('\n');
            }
        }
        sb.append(references());
        return sb.toString();
    }

    private String row(String label, GradeResult g, double val, double published, boolean hasVal) {
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "%-6s %-11.3e %-11.3e %-8.2f", label,
                g.trainRse(), g.testRse(), g.seconds()));
        if (hasTarget) {
            s.append(String.format(Locale.ROOT, " %-11.3e", g.targetError()));
        }
        if (hasVal) {
            s.append(String.format(Locale.ROOT, " %-11.3e", val));
        }
        if (!Double.isNaN(published)) {
            s.append(String.format(Locale.ROOT, " %.3g", published));
        }
        return s.toString().stripTrailing();
    }

    private String references() {
        if (preset == null) {
            return "";
        }
        if (preset.references().isEmpty()) {
            return "published: no per-grade figures for " + preset.name() + "\n";
        }
        StringBuilder sb = new StringBuilder();
        for (Presets.Reference r : preset.references()) {
            sb.append(r.label()).append(": test RSE per grade ").append(joined(r.testRse()));
            if (!r.trainRse().isEmpty()) {
                sb.append(", train RSE ").append(joined(r.trainRse()));
            }
            if (!Double.isNaN(r.sgdlTestRse())) {
                sb.append(String.format(Locale.ROOT, "; SGDL test RSE %.4g", r.sgdlTestRse()));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    private static String joined(List<Double> v) {
        List<String> p = new ArrayList<>();
        v.forEach(x -> p.add(String.format(Locale.ROOT, "%.4g", x)));
        return String.join(" / ", p);
    }

    /** The JSON object of one seed. */
    ObjectNode json(TrainingRun.Outcome o) {
        ObjectNode root = JSON.createObjectNode();
        fill(root, o);
        putReferences(root);
        return root;
    }

    private void fill(ObjectNode root, TrainingRun.Outcome o) {
        ArrayNode g = root.putArray("grades");
        for (GradeResult r : o.mgdl().reports()) {
            ObjectNode n = ModelFiles.reportJson(r);
            if (!o.validationRse().isEmpty()) {
                n.put("validationRse", o.validationRse().get(r.grade() - 1));
            }
            if (o.mgdlDead().get(r.grade() - 1) != null) {
                n.put("dead", o.mgdlDead().get(r.grade() - 1));
            }
            g.add(n);
        }
        if (o.sgdl() != null) {
            ObjectNode n = ModelFiles.reportJson(o.sgdl().reports().get(0));
            n.remove("grade");
            if (!Double.isNaN(o.sgdlValidationRse())) {
                n.put("validationRse", o.sgdlValidationRse());
            }
            if (o.sgdlDead() != null) {
                n.put("dead", o.sgdlDead());
            }
            n.put("epochs", schedule.epochs());
            n.put("mgdlPasses", spec.totalPasses());
            n.put("lrMax", schedule.lrMax());
            n.put("lrMin", schedule.lrMin());
            root.set("sgdl", n);
        }
    }

    private void putReferences(ObjectNode root) {
        if (preset == null) {
            return;
        }
        ArrayNode p = root.putArray("publishedTestRse");
        preset.publishedTestRse().forEach(p::add);
        ArrayNode refs = root.putArray("references");
        for (Presets.Reference r : preset.references()) {
            ObjectNode n = refs.addObject();
            n.put("label", r.label());
            r.testRse().forEach(n.putArray("testRse")::add);
            r.trainRse().forEach(n.putArray("trainRse")::add);
            if (!Double.isNaN(r.sgdlTestRse())) {
                n.put("sgdlTestRse", r.sgdlTestRse());
            }
        }
    }

    /** The spread of one number over the seeds (NaN where a run is left out). */
    private static Spread spread(List<TrainingRun.Outcome> all, Function<TrainingRun.Outcome, Double> f) {
        double[] v = new double[all.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = f.apply(all.get(i));
        }
        return Spread.of(v);
    }

    /** {@code {"n", "min", "q1", "median", "q3", "max"}}. */
    static ObjectNode spreadJson(Spread s) {
        ObjectNode n = JSON.createObjectNode();
        n.put("n", s.n());
        n.put("min", s.min());
        n.put("q1", s.q1());
        n.put("median", s.median());
        n.put("q3", s.q3());
        n.put("max", s.max());
        return n;
    }

    private static List<TrainingRun.Outcome> liveSgdl(List<TrainingRun.Outcome> all) {
        return all.stream().filter(o -> o.sgdlDead() == null).toList();
    }

    /** The JSON object of several seeds: {@code "seeds"} (one object per seed as for one seed) and {@code "summary"}. */
    ObjectNode json(List<TrainingRun.Outcome> all) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode seeds = root.putArray("seeds");
        for (TrainingRun.Outcome o : all) {
            ObjectNode n = seeds.addObject();
            n.put("seed", o.seed());
            fill(n, o);
            n.put("wallSeconds", o.wallSeconds());
        }
        ObjectNode summary = root.putObject("summary");
        ArrayNode grades = summary.putArray("grades");
        int k = all.get(0).mgdl().gradeCount();
        for (int g = 0; g < k; g++) {
            int grade = g;
            ObjectNode n = grades.addObject();
            n.put("grade", g + 1);
            n.set("trainRse", spreadJson(spread(all, o -> o.mgdl().reports().get(grade).trainRse())));
            n.set("testRse", spreadJson(spread(all, o -> o.mgdl().reports().get(grade).testRse())));
        }
        if (all.get(0).sgdl() != null) {
            ObjectNode n = summary.putObject("sgdl");
            List<TrainingRun.Outcome> live = liveSgdl(all);
            n.put("dead", all.size() - live.size());
            if (!live.isEmpty()) {
                n.set("trainRse", spreadJson(spread(live, o -> o.sgdl().reports().get(0).trainRse())));
                n.set("testRse", spreadJson(spread(live, o -> o.sgdl().reports().get(0).testRse())));
            }
        }
        summary.set("wallSeconds", spreadJson(spread(all, TrainingRun.Outcome::wallSeconds)));
        putReferences(root);
        return root;
    }

    /** The text output of several seeds: one row per seed, then the spread per grade. */
    String text(List<TrainingRun.Outcome> all) {
        TrainingRun.Outcome first = all.get(0);
        List<Long> seedList = all.stream().map(TrainingRun.Outcome::seed).toList();
        StringBuilder sb = new StringBuilder(header(first.data().data(), "seeds " + seedList.stream().map(String::valueOf)
                .reduce((a, b) -> a + "," + b).orElse("") + " (" + all.size() + ")"));
        int k = first.mgdl().gradeCount();
        boolean base = first.sgdl() != null;
        if (base) {
            sb.append(sgdlLine(first));
        }
        List<String[]> rows = new ArrayList<>();
        List<String> head = new ArrayList<>(List.of("seed"));
        for (int g = 1; g <= k; g++) {
            head.add("grade " + g + " test RSE");
        }
        if (base) {
            head.add("SGDL test RSE");
        }
        head.add("wall s");
        rows.add(head.toArray(new String[0]));
        for (TrainingRun.Outcome o : all) {
            List<String> r = new ArrayList<>(List.of(Long.toString(o.seed())));
            o.mgdl().reports().forEach(g -> r.add(e3(g.testRse()) + (o.mgdlDead().get(g.grade() - 1) != null ? " dead" : "")));
            if (base) {
                r.add(o.sgdlDead() != null ? "dead" : e3(o.sgdl().reports().get(0).testRse()));
            }
            r.add(String.format(Locale.ROOT, "%.1f", o.wallSeconds()));
            rows.add(r.toArray(new String[0]));
        }
        sb.append(LevelTable.aligned(rows));
        sb.append("spread over ").append(all.size()).append(" seeds:\n");
        List<String[]> spread = spreadTable(all);
        sb.append(LevelTable.aligned(spread).lines().map(String::stripTrailing).reduce("", (a, b) -> a + b + "\n"));
        List<TrainingRun.Outcome> live = liveSgdl(all);
        if (base) {
            sb.append(String.format(Locale.ROOT, "SGDL dead on %d of %d seeds%s%n", all.size() - live.size(), all.size(),
                    live.size() < all.size() ? " (left out of its spread)" : ""));
        }
        Spread wall = spread(all, TrainingRun.Outcome::wallSeconds);
        sb.append(String.format(Locale.ROOT, "wall seconds per seed: median %.1f, min %.1f, max %.1f%n", wall.median(),
                wall.min(), wall.max()));
        sb.append(references());
        return sb.toString();
    }

    /** The spread per grade (and of SGDL): a header row, then one row per grade. */
    List<String[]> spreadTable(List<TrainingRun.Outcome> all) {
        int k = all.get(0).mgdl().gradeCount();
        boolean base = all.get(0).sgdl() != null;
        List<Double> published = preset == null ? List.of() : preset.publishedTestRse();
        List<String[]> spread = new ArrayList<>();
        spread.add(new String[] {"grade", "train median", "train q1", "train q3", "train min", "train max",
            "test median", "test q1", "test q3", "test min", "test max", published.isEmpty() ? "" : "published test"});
        for (int g = 0; g < k; g++) {
            int grade = g;
            spread.add(spreadRow(Integer.toString(g + 1), spread(all, o -> o.mgdl().reports().get(grade).trainRse()),
                    spread(all, o -> o.mgdl().reports().get(grade).testRse()),
                    g < published.size() ? e3(published.get(g)) : ""));
        }
        List<TrainingRun.Outcome> live = liveSgdl(all);
        if (base && !live.isEmpty()) {
            double pub = preset == null || preset.references().isEmpty() ? Double.NaN : preset.references().get(0).sgdlTestRse();
            spread.add(spreadRow("sgdl", spread(live, o -> o.sgdl().reports().get(0).trainRse()),
                    spread(live, o -> o.sgdl().reports().get(0).testRse()), Double.isNaN(pub) ? "" : e3(pub)));
        }
        return spread;
    }

    /** The setup lines of the report of several seeds. */
    List<String> setupLines(List<TrainingRun.Outcome> all) {
        List<String> lines = new ArrayList<>(text(all).lines().limit(preset != null ? 3 : 2).toList());
        if (spec.passes() == Passes.E_PLUS_ONE) {
            lines.add("passes: E+1 per grade of E epochs");
        }
        if (all.get(0).sgdl() != null) {
            lines.add(sgdlLine(all.get(0)).strip());
            lines.add(String.format(Locale.ROOT, "SGDL dead on %d of %d seeds", all.size() - liveSgdl(all).size(),
                    all.size()));
        }
        lines.addAll(references().lines().toList());
        return lines;
    }

    /** {@code [seed][grade-1]}: each seed's test RSE after each grade. */
    static double[][] testRse(List<TrainingRun.Outcome> all) {
        double[][] v = new double[all.size()][];
        for (int s = 0; s < v.length; s++) {
            v[s] = all.get(s).mgdl().reports().stream().mapToDouble(GradeResult::testRse).toArray();
        }
        return v;
    }

    private static String[] spreadRow(String label, Spread train, Spread test, String published) {
        return new String[] {label, e3(train.median()), e3(train.q1()), e3(train.q3()), e3(train.min()), e3(train.max()),
            e3(test.median()), e3(test.q1()), e3(test.q3()), e3(test.min()), e3(test.max()), published};
    }

    private static String e3(double v) {
        return String.format(Locale.ROOT, "%.3e", v);
    }
}
