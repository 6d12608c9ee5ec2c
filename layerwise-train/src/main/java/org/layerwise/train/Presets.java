package org.layerwise.train;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.layerwise.InvalidInputException;
import org.layerwise.function.Target;
import org.layerwise.function.Targets;

/** Named experiments from the literature: a target, how to sample it, the grades and the published figures. */
public final class Presets {

    /**
     * One preset.
     *
     * @param name              its name on the command line
     * @param description       one line: source and setting
     * @param target            the function
     * @param trainPoints       training points (equally spaced for d = 1, Sobol otherwise; see {@link Dataset#fromTarget})
     * @param testPoints        (seeded, uniformly random) test points
     * @param spec              grades, batch size, default seed
     * @param publishedTestRse  test RSE per grade reported by the authors (for comparison)
     */
    public record Preset(String name, String description, Target target, int trainPoints, int testPoints,
                         TrainingSpec spec, List<Double> publishedTestRse) {

        /** The preset's dataset for a seed (the seed only affects the random test points). */
        public Dataset dataset(long seed) {
            return Dataset.fromTarget(target, trainPoints, testPoints, seed);
        }
    }

    /** {@code f(x) = sin(100 x)} on [0,1]. */
    static final Target SIN100 = Targets.of("sin(100*x)", 1, x -> Math.sin(100 * x[0]));

    private static final Map<String, Preset> PRESETS = new TreeMap<>();

    static {
        add(new Preset("xu2023-ex1",
                "Xu 2023, example 1: sin(100x) on [0,1], 5000 equally spaced training points, 3 grades, minibatch 32",
                SIN100, 5000, 1000,
                new TrainingSpec(TrainingSpec.parseGrades("256,256:sin:20:1e-1:1e-4; 128,128,64:relu:20:1e-2:1e-4; "
                        + "64,32,32:relu:40:1e-2:1e-4"), 32, 0, false),
                List.of(0.292, 1.55e-5, 1.12e-5)));
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
