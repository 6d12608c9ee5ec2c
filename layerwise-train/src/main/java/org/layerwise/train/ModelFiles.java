package org.layerwise.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.layerwise.InvalidInputException;
import org.layerwise.format.AtomicFiles;

/**
 * Saves and loads a {@link TrainingResult} as JSON (written atomically). Numbers are written in Java's shortest
 * round-trip form, so loading gives bitwise-equal parameters. Layout:
 * <pre>{"format":"layerwise-mgdl/1","method":"mgdl","grades":"SPEC","batch":32,"seed":0,"float64":false,
 *  "networks":[{"activations":["sin","sin"],"layers":[{"weight":[[..],..],"bias":[..]},..]},..],
 *  "reports":[{"grade":1,"trainRse":..,"testRse":..,"lossBefore":..,"lossAfter":..,"targetError":..},..]}</pre>
 * No wall-clock times are saved (files are byte-reproducible; older files with {@code "seconds"} still load; without
 * it a report loads with 0 seconds). {@code weight[i][j]} connects input unit {@code i} to output unit {@code j}; non-finite report values are null.
 */
public final class ModelFiles {

    static final String FORMAT = "layerwise-mgdl/1";
    private static final ObjectMapper JSON = new ObjectMapper();

    private ModelFiles() {
    }

    /** Writes {@code r} to {@code file} atomically. */
    public static void save(TrainingResult r, Path file) {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("method", r.method());
        root.put("grades", r.spec().gradesString());
        root.put("batch", r.spec().batchSize());
        root.put("seed", r.spec().seed());
        root.put("float64", r.spec().float64());
        ArrayNode nets = root.putArray("networks");
        for (MlpWeights w : r.grades()) {
            ObjectNode n = nets.addObject();
            ArrayNode acts = n.putArray("activations");
            w.activations().forEach(a -> acts.add(a.label()));
            ArrayNode layers = n.putArray("layers");
            for (int l = 0; l < w.layerCount(); l++) {
                ObjectNode layer = layers.addObject();
                ArrayNode wm = layer.putArray("weight");
                for (double[] row : w.weight(l)) {
                    ArrayNode rn = wm.addArray();
                    for (double v : row) {
                        rn.add(v);
                    }
                }
                ArrayNode b = layer.putArray("bias");
                for (double v : w.bias(l)) {
                    b.add(v);
                }
            }
        }
        ArrayNode reps = root.putArray("reports");
        for (GradeResult g : r.reports()) {
            // no wall-clock time in a saved model: the same run gives the same bytes
            reps.add(reportJson(g).without("seconds"));
        }
        AtomicFiles.write(file, out -> JSON.writeValue(out, root));
    }

    /** A grade report as JSON (non-finite values as null). */
    public static ObjectNode reportJson(GradeResult g) {
        ObjectNode o = JSON.createObjectNode();
        o.put("grade", g.grade());
        putNumber(o, "trainRse", g.trainRse());
        putNumber(o, "testRse", g.testRse());
        putNumber(o, "seconds", g.seconds());
        putNumber(o, "lossBefore", g.lossBefore());
        putNumber(o, "lossAfter", g.lossAfter());
        putNumber(o, "targetError", g.targetError());
        return o;
    }

    static void putNumber(ObjectNode o, String key, double v) {
        if (Double.isFinite(v)) {
            o.put(key, v);
        } else {
            o.putNull(key);
        }
    }

    /** Reads a file written by {@link #save}. */
    public static TrainingResult load(Path file) {
        JsonNode root;
        try {
            root = JSON.readTree(Files.readString(file));
        } catch (IOException e) {
            throw new InvalidInputException("cannot read model file " + file + ": " + e.getMessage());
        }
        if (root == null || !FORMAT.equals(root.path("format").asText())) {
            throw new InvalidInputException("model file " + file + " is not in format " + FORMAT);
        }
        TrainingSpec spec = new TrainingSpec(TrainingSpec.parseGrades(root.path("grades").asText()),
                root.path("batch").asInt(), root.path("seed").asLong(), root.path("float64").asBoolean());
        List<MlpWeights> nets = new ArrayList<>();
        for (JsonNode n : root.path("networks")) {
            JsonNode acts = n.path("activations");
            Activation[] a = new Activation[acts.size()];
            for (int i = 0; i < a.length; i++) {
                a[i] = Activation.parse(acts.get(i).asText(), "model file " + file + ": ");
            }
            JsonNode layers = n.path("layers");
            double[][][] w = new double[layers.size()][][];
            double[][] b = new double[layers.size()][];
            for (int l = 0; l < w.length; l++) {
                JsonNode wm = layers.get(l).path("weight");
                w[l] = new double[wm.size()][];
                for (int i = 0; i < w[l].length; i++) {
                    w[l][i] = doubles(wm.get(i));
                }
                b[l] = doubles(layers.get(l).path("bias"));
            }
            nets.add(new MlpWeights(w, b, a));
        }
        List<GradeResult> reps = new ArrayList<>();
        for (JsonNode g : root.path("reports")) {
            reps.add(new GradeResult(g.path("grade").asInt(), num(g, "trainRse"), num(g, "testRse"),
                    g.has("seconds") ? num(g, "seconds") : 0,
                    num(g, "lossBefore"), num(g, "lossAfter"), num(g, "targetError")));
        }
        return new TrainingResult(root.path("method").asText(), spec, nets, reps);
    }

    private static double num(JsonNode o, String key) {
        JsonNode n = o.get(key);
        return n == null || n.isNull() ? Double.NaN : n.asDouble();
    }

    private static double[] doubles(JsonNode a) {
        double[] d = new double[a.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = a.get(i).asDouble();
        }
        return d;
    }
}
