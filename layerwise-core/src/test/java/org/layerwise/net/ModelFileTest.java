package org.layerwise.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.layerwise.construct.NetworkBuilder;
import org.layerwise.grid.CellMeans;
import org.layerwise.grid.Cells;

class ModelFileTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, Object> TARGET = Map.of("kind", "builtin", "spec", "sin(x1)", "quadratureLevel", 3,
            "quadrature", Map.of("points", 4, "rule", "gauss"));

    @TempDir
    Path dir;

    static Network network(int d, int n, int levels, long seed) {
        Cells cells = new Cells(d, n);
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] means = new double[levels + 1][];
        for (int l = 0; l <= levels; l++) {
            means[l] = new double[(int) cells.count(l)];
            for (int k = 0; k < means[l].length; k++) {
                means[l][k] = rng.nextDouble() - 0.5;
            }
        }
        return NetworkBuilder.build(CellMeans.of(cells, means));
    }

    @Test
    void saveThenLoadGivesAnEqualModel() throws IOException {
        Network net = network(2, 3, 2, 1);
        Path file = dir.resolve("m.model.json");
        ModelFile.save(file, net, TARGET);
        ModelFile.Model m = ModelFile.load(file);
        assertEquals(net, m.network());
        assertEquals(TARGET, m.target());
        // no temporary file is left behind
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count());
        }
        // the stored checksum is the checksum of the canonical form, also when keys come in another order
        ObjectNode tree = (ObjectNode) JSON.readTree(file.toFile());
        assertEquals(ModelFile.checksum(net, TARGET), tree.get("sha256").asText());
        ObjectNode reordered = JSON.createObjectNode();
        reordered.set("heads", tree.get("heads"));
        tree.fieldNames().forEachRemaining(f -> reordered.set(f, tree.get(f)));
        Path other = dir.resolve("reordered.json");
        Files.writeString(other, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(reordered));
        assertEquals(net, ModelFile.load(other).network());
    }

    @Test
    void roundTripWithEmptyTargetAndOneDimension() {
        Network net = network(1, 2, 4, 2);
        Path file = dir.resolve("a.json");
        ModelFile.save(file, net, null);
        assertEquals(net, ModelFile.load(file).network());
        assertEquals(Map.of(), ModelFile.load(file).target());
    }

    private Path mutated(Consumer<ObjectNode> change) throws IOException {
        Network net = network(1, 2, 2, 3);
        Path file = dir.resolve("base.json");
        ModelFile.save(file, net, TARGET);
        ObjectNode tree = (ObjectNode) JSON.readTree(file.toFile());
        change.accept(tree);
        Path out = dir.resolve("bad.json");
        Files.writeString(out, JSON.writeValueAsString(tree));
        return out;
    }

    private static void refused(Path file, String fragment) {
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelFile.load(file));
        assertTrue(e.getMessage().contains(fragment), () -> "message '" + e.getMessage() + "' lacks '" + fragment + "'");
    }

    @Test
    void refusesTamperedContent() throws IOException {
        refused(mutated(t -> ((ObjectNode) t.get("heads").get(0)).put("b", "1p0")), "checksum");
        refused(mutated(t -> ((ObjectNode) t.get("target")).put("kind", "other")), "checksum");
        refused(mutated(t -> t.put("sha256", "00")), "checksum");
    }

    @Test
    void refusesWrongFormatVersionAndMembers() throws IOException {
        refused(mutated(t -> t.put("format", "something-else")), "format");
        refused(mutated(t -> t.put("version", 3)), "version 3");
        refused(mutated(t -> t.put("version", 0)), "version 0");
        refused(mutated(t -> t.put("extra", 1)), "unknown member 'extra'");
        refused(mutated(t -> t.remove("heads")), "missing member 'heads'");
        refused(mutated(t -> t.put("layout", "wide")), "layout");
        refused(mutated(t -> t.put("dim", "one")), "'dim' must be an integer");
        refused(mutated(t -> t.put("dim", 1e300)), "'dim' must be an integer");
    }

    @Test
    void refusesInconsistentSizes() throws IOException {
        refused(mutated(t -> t.put("levels", 3)), "3 levels");
        refused(mutated(t -> ((ArrayNode) t.get("heads")).remove(1)), "heads");
        refused(mutated(t -> ((ArrayNode) ((ObjectNode) t.get("layers").get(1).get("neurons").get(0)).get("in")).set(0, 999)),
                "reads index 999");
        refused(mutated(t -> ((ObjectNode) t.get("heads").get(0)).put("layer", 99)), "reads layer 99");
        refused(mutated(t -> ((ObjectNode) t.get("layers").get(0).get("neurons").get(0)).put("act", "tanh")),
                "unknown activation 'tanh'");
        refused(mutated(t -> ((ArrayNode) t.get("amplitudes")).set(0, "3p0")), "power of two");
        refused(mutated(t -> ((ArrayNode) ((ObjectNode) t.get("layers").get(0).get("neurons").get(0)).get("w")).add("1p0")),
                "weights");
        refused(mutated(t -> ((ObjectNode) t.get("layers").get(0).get("neurons").get(0)).put("b", "zz")),
                "malformed");
        refused(mutated(t -> ((ObjectNode) t.get("layers").get(0).get("neurons").get(0)).put("b", "1p2000000000")),
                "beyond");
    }

    @Test
    void refusesMalformedJson() throws IOException {
        Network net = network(1, 2, 1, 4);
        Path file = dir.resolve("m.json");
        ModelFile.save(file, net, TARGET);
        byte[] bytes = Files.readAllBytes(file);
        Path cut = dir.resolve("cut.json");
        Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        refused(cut, "malformed");
        Path text = dir.resolve("text.json");
        Files.writeString(text, "hello", StandardCharsets.UTF_8);
        refused(text, "malformed");
        Path array = dir.resolve("array.json");
        Files.writeString(array, "[1,2]", StandardCharsets.UTF_8);
        refused(array, "not a JSON object");
        Path dup = dir.resolve("dup.json");
        Files.writeString(dup, "{\"format\":\"layerwise-model\",\"format\":\"layerwise-model\"}");
        refused(dup, "malformed");
        refused(dir.resolve("missing.json"), "does not exist");
    }

    @Test
    void refusesFilesBeyondLimits() throws IOException {
        Network net = network(1, 2, 3, 5);
        Path file = dir.resolve("m.json");
        ModelFile.save(file, net, TARGET);
        long size = Files.size(file);
        ModelFile.Limits d = ModelFile.Limits.DEFAULT;
        assertThrows(ModelFormatException.class, () -> ModelFile.load(file,
                new ModelFile.Limits(size - 1, d.maxStringChars(), d.maxArrayLength(), d.maxLevels(), d.maxNeurons())));
        // theta_3 has 64 * 8 bits = 64 bytes = 4 blocks of 13 and 12 bytes: 4 * 16 + 15 = 79 base-91 characters
        ModelFormatException s = assertThrows(ModelFormatException.class, () -> ModelFile.load(file,
                new ModelFile.Limits(d.maxFileBytes(), 78, d.maxArrayLength(), d.maxLevels(), d.maxNeurons())));
        assertTrue(s.getMessage().contains("String value length"), s.getMessage());
        ModelFormatException a = assertThrows(ModelFormatException.class, () -> ModelFile.load(file,
                new ModelFile.Limits(d.maxFileBytes(), d.maxStringChars(), 3, d.maxLevels(), d.maxNeurons())));
        assertTrue(a.getMessage().contains("longer than the limit 3"), a.getMessage());
        ModelFormatException l = assertThrows(ModelFormatException.class, () -> ModelFile.load(file,
                new ModelFile.Limits(d.maxFileBytes(), d.maxStringChars(), d.maxArrayLength(), 2, d.maxNeurons())));
        assertTrue(l.getMessage().contains("exceeds the limit 2"), l.getMessage());
        ModelFormatException n = assertThrows(ModelFormatException.class, () -> ModelFile.load(file,
                new ModelFile.Limits(d.maxFileBytes(), d.maxStringChars(), d.maxArrayLength(), d.maxLevels(), 10)));
        assertTrue(n.getMessage().contains("more than 10 neurons"), n.getMessage());
        assertEquals(net, ModelFile.load(file).network());
    }
}
