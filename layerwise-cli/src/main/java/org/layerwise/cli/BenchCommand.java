package org.layerwise.cli;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

import org.layerwise.construct.NetworkBuilder;
import org.layerwise.grid.CellMeans;
import org.layerwise.grid.CellMeansBuilder;
import org.layerwise.grid.Cells;
import org.layerwise.eval.FastExactEvaluator;
import org.layerwise.format.ModelFile;
import org.layerwise.net.Network;
import org.layerwise.eval.ReferenceEvaluator;
import org.layerwise.function.Target;
import org.layerwise.function.Targets;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code layerwise bench}: a short in-process estimate of the benchmark ratios, timed with {@link System#nanoTime()}
 * loops (warm-up runs, then the median of repeated runs). The JMH benchmarks of the {@code layerwise-bench} module
 * are the real measurement; this is a quick check on the machine at hand.
 *
 * <ul>
 *   <li>{@code formulaVsLambda}: cell means of {@code sin(2*pi*x)*cos(2*pi*y)} ({@code N = 2}, 4x4 Gauss-Legendre)
 *       with the formula target, relative to the same function as a Java lambda: {@code time(lambda) / time(formula)}
 *       (1 = as fast as Java; goal >= 0.5).</li>
 *   <li>{@code fastVsLookup}: the fast exact evaluator relative to a plain table lookup ({@code K_L} by
 *       {@link Cells#index}, then one array read per level), all levels of a point, on the largest table
 *       ({@code time(lookup) / time(fast)}; goal >= 0.1, i.e. within 10x); the text output lists every size.</li>
 *   <li>{@code fastVsReference}: {@code time(reference) / time(fast)}, both exact and bit-identical.</li>
 *   <li>{@code maxLevelsIn60s}: for {@code d = 2, N = 2, b = 64}, the deepest level whose construction (cell means
 *       of the formula + network) takes at most 60 s: measured for small levels, then extrapolated with the last
 *       level-to-level time factor (about {@code N^d = 4}). With {@code --quick} the measurement stops at level 4,
 *       so the figure is mostly extrapolation.</li>
 *   <li>{@code modelBitsVsTable}: bits of the model file (version 4: each {@code theta_l} stored once as raw
 *       64-bit limbs after a JSON header and CRC checks) of a network divided by {@code b x (cells of levels 1..L)},
 *       the size of the table of means it encodes (goal <= 1.15; tends to 1 as L grows), measured at
 *       {@code L = 8} (one extra construction), also with {@code --quick}.</li>
 * </ul>
 */
@Command(name = "bench", header = "Rough in-process benchmark ratios (JMH in layerwise-bench is the real one).", mixinStandardHelpOptions = true,
        description = {"Rough in-process benchmark (System.nanoTime loops, medians): formula vs Java lambda in the "
                + "cell means, fast exact evaluator vs table lookup and vs the reference evaluator, construction time "
                + "by level (extrapolated to 60 s) and model size. The JMH benchmarks (layerwise-bench) are the real "
                + "measurement."})
public final class BenchCommand implements Runnable {

    private static final String FORMULA = "sin(2*pi*x)*cos(2*pi*y)";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--quick", description = "Smaller sizes and fewer repetitions (a few seconds).")
    boolean quick;

    @Option(names = "--json", description = "Print one JSON object with the ratios instead of the text report.")
    boolean json;

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        int warm = quick ? 2 : 3;
        int reps = quick ? 3 : 7;
        StringBuilder text = new StringBuilder();

        double formulaVsLambda = formulaVsLambda(quick ? 5 : 7, warm, reps);
        text.append(line("formulaVsLambda", formulaVsLambda, "cell means of " + FORMULA + ", time(lambda)/time(formula)"));

        int[] sizes = quick ? new int[] {4, 6} : new int[] {4, 6, 8, 10};
        double fastVsLookup = Double.NaN;
        for (int levels : sizes) {
            fastVsLookup = fastVsLookup(levels, quick ? 2000 : 20000, warm, reps);
            text.append(line("fastVsLookup", fastVsLookup, "d=2 N=2 L=" + levels + " (" + (1L << (2 * levels))
                    + " cells), time(lookup)/time(fast)"));
        }

        int refLevels = quick ? 4 : 6;
        double fastVsReference = fastVsReference(refLevels, quick ? 30 : 100, warm, reps);
        text.append(line("fastVsReference", fastVsReference, "d=2 N=2 L=" + refLevels + " b=64, time(reference)/time(fast)"));

        int maxMeasured = quick ? 4 : 6;
        TreeMap<Integer, Double> construction = new TreeMap<>();
        double modelBitsVsTable = Double.NaN;
        Target f = Targets.formula(FORMULA, 2);
        CellMeansBuilder means = CellMeansBuilder.of(new Cells(2, 2));
        for (int levels = 2; levels <= maxMeasured; levels++) {
            int l = levels;
            Network[] built = new Network[1];
            double ms = median(quick ? 1 : 2, reps, () -> built[0] = NetworkBuilder.build(means.build(f, l), 64)) / 1e6;
            construction.put(levels, ms);
            long tableBits = 0;
            for (int m = 1; m <= levels; m++) {
                tableBits += 64L << (2 * m);
            }
            modelBitsVsTable = 8.0 * modelBytes(built[0]) / tableBits;
            text.append(String.format(Locale.ROOT, "  construction L=%d: %.1f ms, model/table bits %.2f%n", levels, ms,
                    modelBitsVsTable));
        }
        int maxLevels = maxLevels(construction, 60_000);
        text.append(String.format(Locale.ROOT, "%-16s %8d   d=2 N=2 b=64, construction <= 60 s (extrapolated from L<=%d)%n",
                "maxLevelsIn60s", maxLevels, maxMeasured));
        // the size ratio is about deep models (the fixed header per level dominates small ones): measure it at
        // L = 8 also with --quick (65 536 cells: well under a second)
        int sizeLevels = 8;
        Network deep = NetworkBuilder.build(means.build(f, sizeLevels), 64);
        modelBitsVsTable = 8.0 * modelBytes(deep) / ModelFile.tableBits(deep);
        text.append(line("modelBitsVsTable", modelBitsVsTable, "model file bits (format version " + ModelFile.VERSION
                + ") / (b x cells), L=" + sizeLevels));

        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("fastVsLookup", round(fastVsLookup));
            m.put("fastVsReference", round(fastVsReference));
            m.put("formulaVsLambda", round(formulaVsLambda));
            m.put("maxLevelsIn60s", maxLevels);
            m.put("modelBitsVsTable", round(modelBitsVsTable));
            try {
                out.println(new ObjectMapper().writeValueAsString(m));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        } else {
            out.println("Rough in-process estimates (medians of " + reps + " runs after " + warm
                    + " warm-ups; ratios of speed, > 1: the first is faster):");
            out.print(text);
        }
        out.flush();
    }

    private static String line(String key, double value, String what) {
        return String.format(Locale.ROOT, "%-16s %8.3f   %s%n", key, value, what);
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    /** Median wall time in nanoseconds of {@code reps} runs after {@code warm} unmeasured ones. */
    static double median(int warm, int reps, Runnable task) {
        for (int i = 0; i < warm; i++) {
            task.run();
        }
        long[] t = new long[reps];
        for (int i = 0; i < reps; i++) {
            long t0 = System.nanoTime();
            task.run();
            t[i] = System.nanoTime() - t0;
        }
        Arrays.sort(t);
        return reps % 2 == 1 ? t[reps / 2] : (t[reps / 2 - 1] + t[reps / 2]) / 2.0;
    }

    /**
     * {@code median time(b) / median time(a)}: both warmed up (at least 0.2 s each, so the JIT has compiled them),
     * then timed alternately so that both see the same machine load.
     */
    static double speedRatio(int warm, int reps, Runnable a, Runnable b) {
        for (Runnable r : new Runnable[] {a, b}) {
            long start = System.nanoTime();
            for (int i = 0; i < warm || System.nanoTime() - start < 200_000_000L; i++) {
                r.run();
            }
        }
        long[] ta = new long[reps];
        long[] tb = new long[reps];
        for (int i = 0; i < reps; i++) {
            long t0 = System.nanoTime();
            a.run();
            long t1 = System.nanoTime();
            b.run();
            ta[i] = t1 - t0;
            tb[i] = System.nanoTime() - t1;
        }
        Arrays.sort(ta);
        Arrays.sort(tb);
        return (double) tb[reps / 2] / Math.max(1, ta[reps / 2]);
    }

    private static double formulaVsLambda(int levels, int warm, int reps) {
        Target formula = Targets.formula(FORMULA, 2);
        Target lambda = Targets.of("lambda", 2, p -> Math.sin(2 * Math.PI * p[0]) * Math.cos(2 * Math.PI * p[1]));
        CellMeansBuilder b = CellMeansBuilder.of(new Cells(2, 2));
        return speedRatio(warm, reps, () -> b.build(formula, levels), () -> b.build(lambda, levels));
    }

    static CellMeans randomTable(int levels, long seed) {
        Cells cells = new Cells(2, 2);
        SplittableRandom r = new SplittableRandom(seed);
        double[][] m = new double[levels + 1][];
        for (int l = 0; l <= levels; l++) {
            m[l] = new double[Math.toIntExact(cells.count(l))];
            for (int k = 0; k < m[l].length; k++) {
                m[l][k] = r.nextDouble();
            }
        }
        return CellMeans.of(cells, m);
    }

    private static double[][] points(int count, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] xs = new double[count][];
        for (int k = 0; k < count; k++) {
            xs[k] = new double[] {r.nextDouble(), r.nextDouble()};
        }
        return xs;
    }

    private static volatile double sink;

    private static double fastVsLookup(int levels, int count, int warm, int reps) {
        CellMeans table = randomTable(levels, 1);
        // b = 50: the phases are then computed in doubles, a much faster build; the evaluator's cost does not depend on b
        FastExactEvaluator fast = new FastExactEvaluator(NetworkBuilder.build(table, 50));
        double[][] xs = points(count, 2);
        Cells cells = table.cells();
        Runnable fastRun = () -> {
            double s = 0;
            for (double[] x : xs) {
                s += fast.readouts(x)[levels - 1];
            }
            sink = s;
        };
        Runnable lookupRun = () -> {
            double s = 0;
            for (double[] x : xs) {
                long k = cells.index(x, levels);
                for (int l = 1; l <= levels; l++) {
                    s += table.mean(l, k % cells.count(l));
                }
            }
            sink = s;
        };
        return speedRatio(warm, reps, fastRun, lookupRun);
    }

    private static double fastVsReference(int levels, int count, int warm, int reps) {
        Network net = NetworkBuilder.build(randomTable(levels, 3), 64);
        FastExactEvaluator fast = new FastExactEvaluator(net);
        ReferenceEvaluator reference = new ReferenceEvaluator(net);
        double[][] xs = points(count, 4);
        return speedRatio(warm, reps, () -> {
            for (double[] x : xs) {
                sink = fast.readouts(x)[levels - 1];
            }
        }, () -> {
            for (double[] x : xs) {
                sink = reference.readouts(x)[levels - 1];
            }
        });
    }

    /**
     * The deepest level whose construction time, measured or extrapolated (each level beyond the last measured one
     * costing the last level-to-level factor, at least {@code N^d = 4}), is within {@code budgetMs}.
     */
    static int maxLevels(TreeMap<Integer, Double> ms, double budgetMs) {
        int best = 0;
        for (Map.Entry<Integer, Double> e : ms.entrySet()) {
            if (e.getValue() <= budgetMs) {
                best = e.getKey();
            }
        }
        int last = ms.lastKey();
        double t = ms.get(last);
        Integer prev = ms.lowerKey(last);
        // small levels are dominated by fixed costs; the work grows at least like the cells, N^d = 4 per level
        double factor = prev == null ? 4.0 : Math.max(4.0, t / Math.max(ms.get(prev), 1e-3));
        int l = last;
        while (t <= budgetMs && t * factor <= budgetMs && l < 64) {
            t *= factor;
            l++;
            best = l;
        }
        return best;
    }

    /** Bytes of the model file in the current version (compact version 2), counted without storing them. */
    private static long modelBytes(Network net) {
        return ModelFile.size(net, Map.of());
    }
}
