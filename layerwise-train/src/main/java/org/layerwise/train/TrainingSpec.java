package org.layerwise.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.layerwise.InvalidInputException;

/**
 * A complete MGDL training specification: the grades, the minibatch size, the seed and the precision.
 *
 * <p>Spec-string syntax (one grade per {@code ';'}): {@code "h1,h2,...:activation:epochs:lrMax:lrMin"}, e.g.
 * {@code "256,256:sin:20:1e-1:1e-4; 128,128,64:relu:20:1e-2:1e-4"}. The JSON config form is
 * <pre>{"grades": "SPEC" | [{"hidden":[256,256],"activation":"sin","epochs":20,"lrMax":0.1,"lrMin":1e-4}, ...],
 *  "batch": 32, "seed": 0, "float64": false, "passes": "E"}</pre>
 * where every key but {@code grades} is optional ({@code "passes"}: {@code "E"} or {@code "E+1"}, see {@link Passes}).
 *
 * @param grades    the grades, at least one
 * @param batchSize minibatch size, or 0 for full-batch gradient descent
 * @param seed      seed of every random choice (initialisation, shuffling); equal seeds give bitwise-equal runs
 * @param float64   train in double precision instead of float32 (in plain Java, {@code DenseFitter}; float32 trains on
 *                  the DJL engine)
 * @param passes    how epochs become passes and learning rates ({@link Passes})
 */
public record TrainingSpec(List<GradeSpec> grades, int batchSize, long seed, boolean float64, Passes passes) {

    /** Full-batch training (no minibatches). */
    public static final int FULL_BATCH = 0;

    private static final Set<String> CONFIG_KEYS = Set.of("grades", "batch", "seed", "float64", "passes");
    private static final Set<String> GRADE_KEYS = Set.of("hidden", "activation", "epochs", "lrMax", "lrMin");

    public TrainingSpec {
        if (grades == null || grades.isEmpty()) {
            throw new InvalidInputException("at least one grade is needed");
        }
        grades = List.copyOf(grades);
        if (batchSize < 0) {
            throw new InvalidInputException("batch size must be >= 1 (or 0 for full batch), got " + batchSize);
        }
        if (passes == null) {
            throw new InvalidInputException("passes must be given");
        }
    }

    /** A spec with {@link Passes#E}: {@code E} passes per grade of {@code E} epochs. */
    public TrainingSpec(List<GradeSpec> grades, int batchSize, long seed, boolean float64) {
        this(grades, batchSize, seed, float64, Passes.E);
    }

    /** The same spec with another batch size, seed or precision. */
    public TrainingSpec withBatchSize(int b) {
        return new TrainingSpec(grades, b, seed, float64, passes);
    }

    public TrainingSpec withSeed(long s) {
        return new TrainingSpec(grades, batchSize, s, float64, passes);
    }

    public TrainingSpec withFloat64(boolean f) {
        return new TrainingSpec(grades, batchSize, seed, f, passes);
    }

    /** The same spec with other grades. */
    public TrainingSpec withGrades(List<GradeSpec> g) {
        return new TrainingSpec(g, batchSize, seed, float64, passes);
    }

    /** The passes over the training set of all grades together (the epoch budget of a fair end-to-end run). */
    public int totalPasses() {
        int n = 0;
        for (GradeSpec g : grades) {
            n += passes.passes(g.epochs());
        }
        return n;
    }

    /** The grades in spec-string form. */
    public String gradesString() {
        StringBuilder sb = new StringBuilder();
        for (GradeSpec g : grades) {
            sb.append(sb.length() == 0 ? "" : "; ").append(g.toSpecString());
        }
        return sb.toString();
    }

    /**
     * Parses a spec string into grades; errors name the grade (1-based) and field, e.g.
     * {@code "grade 2: activation 'sigmoid' is not one of relu, sin, tanh"}.
     */
    public static List<GradeSpec> parseGrades(String spec) {
        if (spec == null || spec.isBlank()) {
            throw new InvalidInputException("grades spec is empty; expected e.g. '256,256:sin:20:1e-1:1e-4'");
        }
        String[] parts = spec.split(";", -1);
        List<GradeSpec> out = new ArrayList<>();
        for (int k = 0; k < parts.length; k++) {
            String part = parts[k].trim();
            String where = "grade " + (k + 1) + ": ";
            if (part.isEmpty()) {
                if (k == parts.length - 1 && k > 0) {
                    continue; // a trailing ';' is harmless
                }
                throw new InvalidInputException(where + "empty; expected 'widths:activation:epochs:lrMax:lrMin'");
            }
            String[] f = part.split(":", -1);
            if (f.length != 5) {
                throw new InvalidInputException(where + "'" + part + "' has " + f.length
                        + " field(s); expected 5: widths:activation:epochs:lrMax:lrMin");
            }
            int[] hidden = parseWidths(f[0], where);
            Activation act = Activation.parse(f[1], where);
            int epochs = parseInt(f[2], where, "epochs");
            double lrMax = parseDouble(f[3], where, "lrMax");
            double lrMin = parseDouble(f[4], where, "lrMin");
            out.add(grade(hidden, act, epochs, lrMax, lrMin, where));
        }
        return out;
    }

    /** Reads a JSON config file (see the class comment); errors name the file and the field. */
    public static TrainingSpec readConfig(Path file, TrainingSpec defaults) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException("config file " + file + " does not exist");
        } catch (IOException e) {
            throw new InvalidInputException("cannot read config file " + file + ": " + e.getMessage());
        }
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(text);
        } catch (JsonProcessingException e) {
            // a constraint (nesting deeper than Jackson's limit, a huge number) has no location
            String at = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr();
            throw new InvalidInputException("config " + file + ": not valid JSON: " + oneLine(e.getOriginalMessage())
                    + at);
        }
        String where = "config " + file + ": ";
        if (root == null || !root.isObject()) {
            throw new InvalidInputException(where + "expected a JSON object");
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!CONFIG_KEYS.contains(key)) {
                throw new InvalidInputException(where + "unknown key '" + key + "'; expected one of " + CONFIG_KEYS);
            }
        }
        JsonNode g = root.get("grades");
        List<GradeSpec> grades;
        if (g == null) {
            throw new InvalidInputException(where + "missing 'grades'");
        } else if (g.isTextual()) {
            try {
                grades = parseGrades(g.asText());
            } catch (InvalidInputException e) {
                throw new InvalidInputException(where + e.getMessage(), e);
            }
        } else if (g.isArray()) {
            grades = new ArrayList<>();
            for (int k = 0; k < g.size(); k++) {
                grades.add(gradeFromJson(g.get(k), where + "grade " + (k + 1) + ": "));
            }
        } else {
            throw new InvalidInputException(where + "'grades' must be a spec string or an array of objects");
        }
        int batch = root.has("batch") ? intField(root.get("batch"), where, "batch") : defaults.batchSize();
        long seed = root.has("seed") ? longField(root.get("seed"), where) : defaults.seed();
        boolean f64 = defaults.float64();
        if (root.has("float64")) {
            if (!root.get("float64").isBoolean()) {
                throw new InvalidInputException(where + "'float64' must be true or false, got " + root.get("float64"));
            }
            f64 = root.get("float64").asBoolean();
        }
        Passes passes = defaults.passes();
        if (root.has("passes")) {
            if (!root.get("passes").isTextual()) {
                throw new InvalidInputException(where + "'passes' must be \"E\" or \"E+1\", got " + root.get("passes"));
            }
            passes = Passes.parse(root.get("passes").asText(), where);
        }
        try {
            return new TrainingSpec(grades, batch, seed, f64, passes);
        } catch (InvalidInputException e) {
            throw new InvalidInputException(where + e.getMessage(), e);
        }
    }

    private static String oneLine(String s) {
        String t = s == null ? "malformed" : s.replaceAll("\\s+", " ").strip();
        return t.length() <= 200 ? t : t.substring(0, 197) + "...";
    }

    private static GradeSpec gradeFromJson(JsonNode n, String where) {
        if (n == null || !n.isObject()) {
            throw new InvalidInputException(where + "expected an object with keys " + GRADE_KEYS);
        }
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!GRADE_KEYS.contains(key)) {
                throw new InvalidInputException(where + "unknown key '" + key + "'; expected " + GRADE_KEYS);
            }
        }
        for (String key : GRADE_KEYS) {
            if (!n.has(key)) {
                throw new InvalidInputException(where + "missing '" + key + "'");
            }
        }
        JsonNode h = n.get("hidden");
        if (!h.isArray() || h.isEmpty()) {
            throw new InvalidInputException(where + "'hidden' must be a non-empty array of widths, got " + h);
        }
        int[] hidden = new int[h.size()];
        for (int i = 0; i < hidden.length; i++) {
            hidden[i] = intField(h.get(i), where, "hidden width");
            if (hidden[i] < 1) {
                throw new InvalidInputException(where + "hidden width must be >= 1, got " + hidden[i]);
            }
        }
        if (!n.get("activation").isTextual()) {
            throw new InvalidInputException(where + "'activation' must be a string, got " + n.get("activation"));
        }
        Activation act = Activation.parse(n.get("activation").asText(), where);
        int epochs = intField(n.get("epochs"), where, "epochs");
        double lrMax = doubleField(n.get("lrMax"), where, "lrMax");
        double lrMin = doubleField(n.get("lrMin"), where, "lrMin");
        return grade(hidden, act, epochs, lrMax, lrMin, where);
    }

    private static GradeSpec grade(int[] hidden, Activation act, int epochs, double lrMax, double lrMin, String where) {
        try {
            return new GradeSpec(hidden, act, epochs, lrMax, lrMin);
        } catch (InvalidInputException e) {
            throw new InvalidInputException(where + e.getMessage(), e);
        }
    }

    private static int[] parseWidths(String text, String where) {
        String t = text.trim();
        if (t.isEmpty()) {
            throw new InvalidInputException(where + "hidden widths are empty; expected e.g. '256,256'");
        }
        String[] w = t.split(",", -1);
        int[] out = new int[w.length];
        for (int i = 0; i < w.length; i++) {
            out[i] = parseInt(w[i], where, "hidden width");
            if (out[i] < 1) {
                throw new InvalidInputException(where + "hidden width must be >= 1, got " + out[i]);
            }
        }
        return out;
    }

    private static int parseInt(String text, String where, String field) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new InvalidInputException(where + field + " '" + text.trim() + "' is not an integer");
        }
    }

    private static double parseDouble(String text, String where, String field) {
        try {
            double v = Double.parseDouble(text.trim());
            if (!Double.isFinite(v)) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new InvalidInputException(where + field + " '" + text.trim() + "' is not a finite number");
        }
    }

    private static int intField(JsonNode n, String where, String field) {
        if (n == null || !n.canConvertToInt() || !n.isIntegralNumber()) {
            throw new InvalidInputException(where + "'" + field + "' must be an integer, got " + n);
        }
        return n.asInt();
    }

    private static long longField(JsonNode n, String where) {
        if (n == null || !n.isIntegralNumber() || !n.canConvertToLong()) {
            throw new InvalidInputException(where + "'seed' must be an integer, got " + n);
        }
        return n.asLong();
    }

    private static double doubleField(JsonNode n, String where, String field) {
        if (n == null || !n.isNumber() || !Double.isFinite(n.asDouble())) {
            throw new InvalidInputException(where + "'" + field + "' must be a finite number, got " + n);
        }
        return n.asDouble();
    }
}
