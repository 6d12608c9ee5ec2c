package org.layerwise.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the benchmarks side by side and prints each comparison as a ratio of speeds.
 *
 * <p>Usage: {@code java -cp layerwise-bench/target/benchmarks.jar org.layerwise.bench.Ratios [--quick]
 * [-p name=v1,v2,...]... [regex]}. {@code regex} selects benchmark classes (default: all); {@code --quick} runs 1
 * warm-up and 2 measurement iterations of 0.5 s instead of each class's own settings; {@code -p} sets a parameter's
 * values as in JMH (e.g. {@code -p model=/tmp/m12.model LoadBenchmark}). Every benchmark reports average time per operation, so
 * "A vs B" = {@code time(B) / time(A)}: above 1 means A is faster.
 */
public final class Ratios {

    /** One comparison: in benchmark class {@code bench}, the speed of {@code a} relative to {@code b}. */
    record Comparison(String bench, String label, String a, String b) {
    }

    static final List<Comparison> COMPARISONS = List.of(
            new Comparison("CellMeanBenchmark", "formulaVsLambda", "formula", "lambda"),
            new Comparison("CellMeanBenchmark", "formulaVsExp4j", "formula", "exp4j"),
            new Comparison("CertifiedMeanBenchmark", "gaussVsCertified", "gauss", "certified"),
            new Comparison("LookupBenchmark", "fastVsLookup", "fast", "lookup"),
            new Comparison("ReferenceBenchmark", "fastVsReference", "fast", "reference"),
            new Comparison("ScaleBenchmark", "constructVsMeans", "construct", "means"),
            new Comparison("ScaleBenchmark", "loadVsReadBytes", "load", "readBytes"),
            new Comparison("LoadBenchmark", "loadVsReadBytes", "load", "readBytes"),
            new Comparison("LoadBenchmark", "loadVsReadCrc", "load", "readCrc"),
            new Comparison("LoadBenchmark", "loadVsReadDigest", "load", "readDigest"),
            new Comparison("LoadBenchmark", "loadFastVsReadBytes", "loadFast", "readBytes"),
            new Comparison("BulkEvalBenchmark", "bulkCsvFastVsLookup", "csvFast", "csvLookup"),
            new Comparison("BulkEvalBenchmark", "bulkEvaluateVsLookup", "evaluate", "lookup"),
            new Comparison("Base91Benchmark", "base91EncodeVsBytewise", "encode", "encodeBytewise"),
            new Comparison("Base91Benchmark", "base91DecodeVsBytewise", "decode", "decodeBytewise"),
            new Comparison("DenseKernelBenchmark", "denseKernelVsLegacy", "kernel", "legacyKernel"),
            new Comparison("DenseKernelBenchmark", "denseStepVsLegacy", "step", "legacyStep"));

    private Ratios() {
    }

    public static void main(String[] args) throws RunnerException {
        boolean quick = false;
        String include = "org\\.layerwise\\.(bench|train)\\..*Benchmark";
        Map<String, String[]> params = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--quick")) {
                quick = true;
            } else if (a.equals("-p") && i + 1 < args.length && args[i + 1].contains("=")) {
                String p = args[++i];
                params.put(p.substring(0, p.indexOf('=')), p.substring(p.indexOf('=') + 1).split(",", -1));
            } else {
                include = a;
            }
        }
        ChainedOptionsBuilder opt = new OptionsBuilder().include(include).forks(1);
        for (Map.Entry<String, String[]> e : params.entrySet()) {
            opt = opt.param(e.getKey(), e.getValue());
        }
        if (quick) {
            opt = opt.warmupIterations(1).warmupTime(TimeValue.milliseconds(500)).measurementIterations(2)
                    .measurementTime(TimeValue.milliseconds(500));
        }
        Collection<RunResult> results = new Runner(opt.build()).run();
        System.out.println();
        System.out.println(report(results));
        String construction = construction(results);
        if (!construction.isEmpty()) {
            System.out.println();
            System.out.println(construction);
        }
    }

    /**
     * Construction times by level (benchmark 4), the levels reachable in 60 s by extrapolation (each further level
     * costing the last measured level-to-level factor), and the model size against {@code b} x cells.
     */
    static String construction(Collection<RunResult> results) {
        TreeMap<Integer, Double> ms = new TreeMap<>();
        for (RunResult r : results) {
            if (r.getParams().getBenchmark().endsWith("ConstructionBenchmark.construct")) {
                ms.put(Integer.parseInt(r.getParams().getParam("levels")), r.getPrimaryResult().getScore());
            }
        }
        if (ms.isEmpty()) {
            return "";
        }
        List<String> lines = new ArrayList<>();
        lines.add("Construction, d = 2, N = 2, b = 64 (cell means + network):");
        for (Map.Entry<Integer, Double> e : ms.entrySet()) {
            org.layerwise.net.Network net = org.layerwise.construct.NetworkBuilder.build(
                    Networks.randomTable(2, 2, e.getKey(), 1), 64);
            long modelBits = 8 * Networks.modelBytes(net);
            long tableBits = 0;
            for (int l = 1; l <= e.getKey(); l++) {
                tableBits += 64L << (2 * l);
            }
            lines.add(String.format(Locale.ROOT, "  L = %2d  %10.1f ms   model %12d bits = %6.2f x b*cells (%d)",
                    e.getKey(), e.getValue(), modelBits, modelBits / (double) tableBits, tableBits));
        }
        lines.add(String.format(Locale.ROOT, "maxLevelsIn60s         %d   (extrapolated)", maxLevels(ms, 60_000)));
        return String.join(System.lineSeparator(), lines);
    }

    /** The largest level whose time, measured or extrapolated with the last level-to-level factor, is within budget. */
    static int maxLevels(TreeMap<Integer, Double> ms, double budget) {
        int last = ms.lastKey();
        double t = ms.get(last);
        Integer prev = ms.lowerKey(last);
        // the work grows at least like the cells, N^d = 4 per level; small levels are dominated by fixed costs
        double factor = prev == null ? 4.0 : Math.max(4.0, t / ms.get(prev));
        int best = 0;
        for (Map.Entry<Integer, Double> e : ms.entrySet()) {
            if (e.getValue() <= budget) {
                best = e.getKey();
            }
        }
        int l = last;
        while (t <= budget && t * factor <= budget && l < 64) {
            t *= factor;
            l++;
            best = l;
        }
        return best;
    }

    /** The ratio table: one line per comparison and parameter combination. */
    static String report(Collection<RunResult> results) {
        // (class, params) -> method -> score
        Map<String, Map<String, Double>> scores = new TreeMap<>();
        for (RunResult r : results) {
            String full = r.getParams().getBenchmark();
            int dot = full.lastIndexOf('.');
            String method = full.substring(dot + 1);
            String cls = full.substring(full.lastIndexOf('.', dot - 1) + 1, dot);
            Map<String, String> params = new LinkedHashMap<>();
            for (String k : r.getParams().getParamsKeys()) {
                params.put(k, r.getParams().getParam(k));
            }
            scores.computeIfAbsent(cls + " " + params, k -> new TreeMap<>())
                    .put(method, r.getPrimaryResult().getScore());
        }
        List<String> lines = new ArrayList<>();
        lines.add("Ratios of speed (time(B) / time(A); > 1: A is faster)");
        for (Map.Entry<String, Map<String, Double>> e : scores.entrySet()) {
            for (Comparison c : COMPARISONS) {
                if (!e.getKey().startsWith(c.bench() + " ")) {
                    continue;
                }
                Double a = e.getValue().get(c.a());
                Double b = e.getValue().get(c.b());
                if (a != null && b != null) {
                    lines.add(String.format(Locale.ROOT, "%-22s %8.3f   %s", c.label(), b / a, e.getKey()));
                }
            }
        }
        return String.join(System.lineSeparator(), lines);
    }
}
