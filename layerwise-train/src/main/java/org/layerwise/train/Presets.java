package org.layerwise.train;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.DoubleUnaryOperator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.layerwise.InvalidInputException;
import org.layerwise.function.Target;
import org.layerwise.function.Targets;

/**
 * Named experiments from the literature, set up as the authors' published code sets them up: the target, the
 * training, validation and test points, the grades, the schedule ({@link Passes#E_PLUS_ONE} for Xu 2023), the
 * precision, and the published figures to print beside ours. The constants and figures are read from the two
 * data files in this package's resources ({@code xu2023-mgdl.json}, {@code fangxu-spectral.json}).
 *
 * <ul>
 *   <li>{@code xu2023-ex1/-ex2/-ex3} (Xu 2023, "Multi-grade deep learning", synthetic regression): training points
 *       {@code linspace(a,b,5000)}, test points {@code linspace(a,b,1000)}, on {@code [0,1]} (ex3: {@code [-1,1]});
 *       validation: 1000 of the training points drawn without replacement (our seeded generator, not numpy's) with
 *       label noise of standard deviation 0.01, reported only; minibatch 32, float64, {@code E+1} passes per grade.
 *       The noise is a reading: the data file writes {@code "N(0,0.01)"}, which does not say whether 0.01 is the
 *       variance or the standard deviation; we take the standard deviation, as numpy's
 *       {@code random.normal(loc, scale)} (the authors' code is numpy) takes its second argument.</li>
 *   <li>{@code fangxu-decrease/-constant/-increase} (Fang and Xu, spectral bias, the scaled run): 6000 training
 *       points {@code i/6000}; validation {@code RandomState(0).uniform(0,1,2000)}, test
 *       {@code RandomState(1).uniform(0,1,2000)} reproduced bit for bit ({@link NumpyRandom}); 4 grades of
 *       {@code [256,256]} ReLU, 300 epochs each, full batch, lr {@code 1e-3 -> 1e-4}, float32, {@code E} passes.
 *       Precision and pass count are our choice, not the authors' documented setting: the data file states neither;
 *       the authors' Xu 2023 numpy code trains in float64 with {@code E+1} passes, so theirs here may too (301
 *       instead of 300 passes, and the rounding, should not move the distribution much; {@code --float64} gives the
 *       other precision). Float32 runs on the DJL engine, about three times faster here than our float64 trainer
 *       at full batch.</li>
 * </ul>
 * The seed changes only the initialisation, the minibatches and (Xu 2023) the validation draw; the test points
 * are the authors'.
 */
public final class Presets {

    /**
     * Figures to print beside ours.
     *
     * @param label    where they come from, e.g. "published (Xu 2023)"
     * @param testRse  test RSE per grade
     * @param trainRse train RSE per grade, or empty
     * @param sgdlTestRse test RSE of the end-to-end run, or NaN
     */
    public record Reference(String label, List<Double> testRse, List<Double> trainRse, double sgdlTestRse) {
        public Reference {
            testRse = List.copyOf(testRse);
            trainRse = List.copyOf(trainRse);
        }
    }

    /**
     * A preset's data: training and test set, and a validation set reported only (never used for training).
     *
     * @param data        the training and test points
     * @param xValidation validation inputs
     * @param yValidation validation labels
     */
    public record PresetData(Dataset data, double[][] xValidation, double[] yValidation) {
    }

    /** How a preset samples its points. */
    interface Layout {
        PresetData sample(Target f, long seed);
    }

    /**
     * One preset.
     *
     * @param name        its name on the command line
     * @param description one line: source and setting
     * @param target      the function
     * @param low         lower end of the training domain {@code [low, high]^d}
     * @param high        upper end
     * @param layout      one line on the data: training, validation and test points
     * @param spec        grades, batch size, precision, passes, default seed
     * @param references  published (and other) figures to print beside ours
     */
    public record Preset(String name, String description, Target target, double low, double high, String layout,
                         TrainingSpec spec, List<Reference> references, Layout sampler) {

        public Preset {
            references = List.copyOf(references);
        }

        /** The preset's data for a seed (the seed only affects the validation draw of Xu 2023's examples). */
        public PresetData data(long seed) {
            return sampler.sample(target, seed);
        }

        /** Whether the training domain is the unit cube {@code [0,1]^d}. */
        public boolean onUnitCube() {
            return low == 0 && high == 1;
        }

        /** The first reference's test RSE per grade (the published figures), or an empty list. */
        public List<Double> publishedTestRse() {
            return references.isEmpty() ? List.of() : references.get(0).testRse();
        }
    }

    private static final Map<String, Preset> PRESETS = new TreeMap<>();

    static {
        JsonNode xu = resource("xu2023-mgdl.json");
        JsonNode fx = resource("fangxu-spectral.json");
        TrainingSpec xuSpec = new TrainingSpec(xuGrades(xu.get("grades")), xu.at("/training/batch").asInt(), 0,
                "float64".equals(xu.at("/training/precision").asText()), Passes.E_PLUS_ONE);
        String xuLayout = "training points linspace(a,b,5000), test points linspace(a,b,1000); validation: 1000 of "
                + "the training points without replacement (seeded), labels + N(0, 0.01^2), reported only";
        JsonNode pub = xu.get("published");
        JsonNode authors = xu.get("measured_here_with_the_authors_code");
        String authorsLabel = "the authors' code, one seed, run by the issue's author";
        add(new Preset("xu2023-ex1", "Xu 2023, example 1: sin(100x) on [0,1], 3 grades, minibatch 32, float64, E+1 passes",
                target("sin(100*x)", x -> Math.sin(100 * x)), 0, 1, xuLayout, xuSpec,
                List.of(new Reference("published (Xu 2023)", doubles(pub.get("ex1_test_rse")),
                                doubles(pub.get("ex1_train_rse")), Double.NaN),
                        new Reference(authorsLabel, doubles(authors.get("ex1_seed_as_published_test_rse")), List.of(),
                                authors.at("/sgdl_ex1_test_rse/80_epochs").asDouble())),
                xuLayout(0, 1)));
        add(new Preset("xu2023-ex2", "Xu 2023, example 2: x sin(100x) on [0,1], 3 grades, minibatch 32, float64, E+1 passes",
                target("x*sin(100*x)", x -> x * Math.sin(100 * x)), 0, 1, xuLayout, xuSpec,
                List.of(new Reference(authorsLabel, doubles(authors.get("ex2_test_rse")), List.of(), Double.NaN)),
                xuLayout(0, 1)));
        add(new Preset("xu2023-ex3", "Xu 2023, example 3: (x+1) g4(x) (nested absolute values of cosines) on [-1,1], "
                + "3 grades, minibatch 32, float64, E+1 passes",
                target("(x+1)*g4(x)", Presets::xuExample3), -1, 1, xuLayout, xuSpec,
                List.of(new Reference(authorsLabel, doubles(authors.get("ex3_test_rse")), List.of(), Double.NaN)),
                xuLayout(-1, 1)));
        JsonNode run = fx.get("scaled_run");
        String fxLayout = "training points i/6000, i = 0..5999; validation RandomState(0).uniform(0,1,2000), test "
                + "RandomState(1).uniform(0,1,2000) (numpy's draws, reproduced exactly)";
        TrainingSpec fxSpec = new TrainingSpec(TrainingSpec.parseGrades(fangXuGrades(run)), TrainingSpec.FULL_BATCH, 0,
                false, Passes.E);
        for (String setting : List.of("decrease", "constant", "increase")) {
            List<Reference> refs = setting.equals("decrease")
                    ? List.of(new Reference("published (Fang and Xu, scaled run)", doubles(run.get("published_test_rse")),
                            doubles(run.get("published_train_rse")), run.at("/sgdl_published/test_rse").asDouble()))
                    : List.of();
            add(new Preset("fangxu-" + setting, "Fang and Xu, spectral bias, amplitudes '" + setting
                    + "': 20 sines of frequencies 10..200 on [0,1], 4 grades of [256,256] ReLU, 300 epochs each, full batch",
                    fangXuTarget(fx, setting), 0, 1, fxLayout, fxSpec, refs, Presets::fangXuData));
        }
    }

    private static JsonNode resource(String name) {
        try (InputStream in = Presets.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Double> doubles(JsonNode a) {
        List<Double> out = new ArrayList<>();
        a.forEach(v -> out.add(v.asDouble()));
        return out;
    }

    private static List<GradeSpec> xuGrades(JsonNode grades) {
        List<GradeSpec> out = new ArrayList<>();
        for (JsonNode g : grades) {
            int[] hidden = new int[g.get("hidden").size()];
            for (int i = 0; i < hidden.length; i++) {
                hidden[i] = g.get("hidden").get(i).asInt();
            }
            out.add(new GradeSpec(hidden, Activation.parse(g.get("activation").asText(), ""), g.get("epochs").asInt(),
                    g.get("lr").get(0).asDouble(), g.get("lr").get(1).asDouble()));
        }
        return out;
    }

    private static String fangXuGrades(JsonNode run) {
        // "4 grades, each [256,256] ReLU", epochs_per_grade, "1e-3 -> 1e-4"
        String grade = "256,256:relu:" + run.get("epochs_per_grade").asInt() + ":1e-3:1e-4";
        return String.join("; ", List.of(grade, grade, grade, grade));
    }

    /** A 1-D target from a function of {@code x}. */
    private static Target target(String name, DoubleUnaryOperator f) {
        return Targets.of(name, 1, x -> f.applyAsDouble(x[0]));
    }

    /**
     * Xu 2023, example 3: {@code g1 = |cos(15 pi (x - 0.3)) - 0.7|}, {@code g2 = |cos(2 pi (g1 - 0.5)) - 0.5|},
     * {@code g3 = 1.3 - |g2 - 1.3|}, {@code g4 = 0.9 - |g3 - 0.9|}, {@code f = (x + 1) g4}.
     */
    static double xuExample3(double x) {
        double g1 = Math.abs(Math.cos(15 * Math.PI * (x - 0.3)) - 0.7);
        double g2 = Math.abs(Math.cos(2 * Math.PI * (g1 - 0.5)) - 0.5);
        double g3 = -Math.abs(g2 - 1.3) + 1.3;
        double g4 = -Math.abs(g3 - 0.9) + 0.9;
        return (x + 1) * g4;
    }

    /** {@code f(x) = sum_i alpha_i sin(2 pi kappa_i x + phi_i)} with the file's constants for {@code setting}. */
    private static Target fangXuTarget(JsonNode fx, String setting) {
        double[] kappa = array(fx.get("kappa"));
        double[] alpha = array(fx.get("alpha_" + setting));
        double[] phi = array(fx.get("phi"));
        return target("sum_i alpha_i sin(2 pi kappa_i x + phi_i) [" + setting + "]", x -> {
            double s = 0;
            for (int i = 0; i < kappa.length; i++) {
                s += alpha[i] * Math.sin(2 * Math.PI * kappa[i] * x + phi[i]);
            }
            return s;
        });
    }

    private static double[] array(JsonNode a) {
        double[] d = new double[a.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = a.get(i).asDouble();
        }
        return d;
    }

    private static Layout xuLayout(double a, double b) {
        return (f, seed) -> {
            double[] train = NumpyRandom.linspace(a, b, 5000);
            double[] test = NumpyRandom.linspace(a, b, 1000);
            int[] perm = Dataset.permutation(train.length, new SplittableRandom(seed ^ 0x5DEECE66DL));
            SplittableRandom noise = new SplittableRandom(~seed);
            double[][] xv = new double[train.length / 5][];
            double[] yv = new double[xv.length];
            for (int i = 0; i < xv.length; i++) {
                xv[i] = new double[] {train[perm[i]]};
                yv[i] = f.value(xv[i]) + 0.01 * noise.nextGaussian();
            }
            return new PresetData(Dataset.of(f, column(train), column(test)), xv, yv);
        };
    }

    private static PresetData fangXuData(Target f, long seed) {
        double[] train = new double[6000];
        for (int i = 0; i < train.length; i++) {
            train[i] = i / 6000.0;
        }
        double[][] xv = column(new NumpyRandom(0).uniform(0, 1, 2000));
        double[][] xt = column(new NumpyRandom(1).uniform(0, 1, 2000));
        return new PresetData(Dataset.of(f, column(train), xt), xv, values(f, xv));
    }

    private static double[][] column(double[] x) {
        double[][] c = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            c[i] = new double[] {x[i]};
        }
        return c;
    }

    private static double[] values(Target f, double[][] x) {
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = f.value(x[i]);
        }
        return y;
    }

    private static void add(Preset p) {
        PRESETS.put(p.name(), p);
    }

    private Presets() {
    }

    /** The preset called {@code name} (case-insensitive). */
    public static Preset get(String name) {
        Preset p = PRESETS.get(name.trim().toLowerCase(Locale.ROOT));
        if (p == null) {
            throw new InvalidInputException("unknown preset '" + name + "'; known: " + String.join(", ", PRESETS.keySet()));
        }
        return p;
    }

    /** Names of all presets, sorted. */
    public static List<String> names() {
        return List.copyOf(PRESETS.keySet());
    }
}
