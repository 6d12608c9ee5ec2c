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
 * <p>Usage: {@code java -cp layerwise-bench/target/benchmarks.jar org.layerwise.bench.Ratios [--quick] [regex]}.
 * {@code regex} selects benchmark classes (default: all); {@code --quick} runs 1 warm-up and 2 measurement
 * iterations of 0.5 s instead of each class's own settings. Every benchmark reports average time per operation, so
 * "A vs B" = {@code time(B) / time(A)}: above 1 means A is faster.
 */
public final class Ratios {

    /** One comparison: in benchmark class {@code bench}, the speed of {@code a} relative to {@code b}. */
    record Comparison(String bench, String label, String a, String b) {
    }

    static final List<Comparison> COMPARISONS = List.of(
            new Comparison("CellMeanBenchmark", "formulaVsLambda", "formula", "lambda"),
            new Comparison("CellMeanBenchmark", "formulaVsExp4j", "formula", "exp4j"));

    private Ratios() {
    }

    public static void main(String[] args) throws RunnerException {
        boolean quick = false;
        String include = "org\\.layerwise\\.bench\\..*Benchmark";
        for (String a : args) {
            if (a.equals("--quick")) {
                quick = true;
            } else {
                include = a;
            }
        }
        ChainedOptionsBuilder opt = new OptionsBuilder().include(include).forks(1);
        if (quick) {
            opt = opt.warmupIterations(1).warmupTime(TimeValue.milliseconds(500)).measurementIterations(2)
                    .measurementTime(TimeValue.milliseconds(500));
        }
        Collection<RunResult> results = new Runner(opt.build()).run();
        System.out.println();
        System.out.println(report(results));
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
