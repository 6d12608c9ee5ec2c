package org.layerwise.format;

import org.layerwise.eval.FastExactEvaluator;
import org.layerwise.eval.ReferenceEvaluator;
import org.layerwise.net.Head;
import org.layerwise.net.Layer;
import org.layerwise.net.NarrowLayout;
import org.layerwise.net.Network;
import org.layerwise.net.Neuron;
import org.layerwise.numeric.Dyadic;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
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
import org.layerwise.grid.TestTables;

class ModelFileTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, Object> TARGET = Map.of("kind", "builtin", "spec", "sin(x1)", "quadratureLevel", 3,
            "quadrature", Map.of("points", 4, "rule", "gauss"));

    @TempDir
    Path dir;

    static Network network(int d, int n, int levels, long seed) {
        return NetworkBuilder.build(table(d, n, levels, seed));
    }

    /** Means uniform in [-0.5, 0.5) from the seed. */
    private static CellMeans table(int d, int n, int levels, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        return TestTables.drawn(d, n, levels, () -> rng.nextDouble() - 0.5);
    }

    /** Saves in version 2, the JSON format this class tests (the binary container: {@link BinaryModelFileTest}). */
    static void saveV2(Path file, Network net, Map<String, ?> target) {
        AtomicFiles.write(file, out -> ModelFile.write(out, net, target, 2));
    }

    @Test
    void saveThenLoadGivesAnEqualModel() throws IOException {
        Network net = network(2, 3, 2, 1);
        Path file = dir.resolve("m.model.json");
        saveV2(file, net, TARGET);
        Model m = ModelFile.load(file);
        assertEquals(net, m.network());
        assertEquals(TARGET, m.target());
        // no temporary file is left behind
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count());
        }
        // the stored checksum is the checksum of the canonical form, also when keys come in another order
        ObjectNode tree = (ObjectNode) JSON.readTree(file.toFile());
        assertEquals(ModelFile.checksum(net, TARGET, 2), tree.get("sha256").asText());
        ObjectNode reordered = JSON.createObjectNode();
        reordered.set("heads", tree.get("heads"));
        tree.fieldNames().forEachRemaining(f -> reordered.set(f, tree.get(f)));
        Path other = dir.resolve("reordered.json");
        Files.writeString(other, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(reordered));
        assertEquals(net, ModelFile.load(other).network());
    }

    @Test
    void version2ConstantsStreamPastTheParserAndNothingElseIsTouched() throws IOException {
        // the base-91 texts of the constants are decoded as they stream by; members named "m" or "constants"
        // elsewhere (the free-form target), escaped quotes and another member order are left to the parser
        Network net = network(2, 2, 4, 3);
        Map<String, Object> target = Map.of("kind", "builtin", "spec", "cone2d", "m", "not base 91 \\\"",
                "constants", java.util.List.of(Map.of("m", "abc", "exp", 1)),
                "note", "x\",\"m\":\"", "nested", Map.of("constants", java.util.List.of(Map.of("m", "zz"))));
        Path file = dir.resolve("tap.json");
        saveV2(file, net, target);
        Model m = ModelFile.load(file);
        assertEquals(net, m.network());
        assertEquals(JSON.valueToTree(target), JSON.valueToTree(m.target()));
        // "m" first in each constant, the document pretty-printed: the same network (checksum of the canonical form)
        ObjectNode tree = (ObjectNode) JSON.readTree(file.toFile());
        ArrayNode constants = (ArrayNode) tree.get("constants");
        for (int i = 0; i < constants.size(); i++) {
            ObjectNode c = (ObjectNode) constants.get(i);
            ObjectNode r = JSON.createObjectNode();
            r.set("m", c.get("m"));
            r.set("bytes", c.get("bytes"));
            r.set("exp", c.get("exp"));
            constants.set(i, r);
        }
        Path other = dir.resolve("tap-reordered.json");
        Files.writeString(other, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(tree));
        assertEquals(net, ModelFile.load(other).network());
        // a non-digit inside a constant's text: refused after the sizes, naming the character
        String text = constants.get(0).get("m").asText();
        ((ObjectNode) constants.get(0)).put("m", text.substring(0, 3) + "'" + text.substring(4));
        Files.writeString(other, JSON.writeValueAsString(tree));
        refused(other, "constant 0: malformed base-91 text: character ''' (U+0027) at position 3 is not a base-91 digit");
        ((ObjectNode) constants.get(0)).put("m", text.substring(1));
        Files.writeString(other, JSON.writeValueAsString(tree));
        refused(other, "constant 0: 'm' has " + (text.length() - 1) + " characters but");
    }

    @Test
    void version2ChecksumHoldsOverTheBytesAsWrittenAndOverTheCanonicalFormOtherwise() throws IOException {
        Network net = network(2, 2, 3, 4);
        Path file = dir.resolve("v2.json");
        saveV2(file, net, TARGET);
        // as written: the bytes before the checksum member (and the closing brace) hash to it
        byte[] bytes = Files.readAllBytes(file);
        String text = new String(bytes, StandardCharsets.UTF_8);
        String sha = ModelFile.checksum(net, TARGET, 2);
        assertTrue(text.endsWith(",\"sha256\":\"" + sha + "\"}"), text.substring(text.length() - 80));
        assertEquals(net, ModelFile.load(file).network());
        // not as written (a trailing line feed, spaces): the canonical form is recomputed, and still matches
        Files.writeString(dir.resolve("lf.json"), text + "\n");
        assertEquals(net, ModelFile.load(dir.resolve("lf.json")).network());
        Files.writeString(dir.resolve("sp.json"), text.replace(",\"layers\":", ", \"layers\" : "));
        assertEquals(net, ModelFile.load(dir.resolve("sp.json")).network());
        // a changed byte fails both ways
        Files.writeString(dir.resolve("bad.json"), text.replace("\"dim\":2", "\"dim\":2 ").replace("\"relu\"", "\"sine\""));
        refused(dir.resolve("bad.json"), "checksum mismatch");
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
        saveV2(file, net, TARGET);
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
        refused(mutated(t -> ((ObjectNode) t.get("layers").get(0).get("neurons").get(0)).put("b", "1p99999999999")),
                "out of range");
    }

    @Test
    void refusesMalformedJson() throws IOException {
        Network net = network(1, 2, 1, 4);
        Path file = dir.resolve("m.json");
        saveV2(file, net, TARGET);
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
        saveV2(file, net, TARGET);
        long size = Files.size(file);
        ModelLimits d = ModelLimits.DEFAULT;
        assertThrows(ModelFormatException.class, () -> ModelFile.load(file,
                new ModelLimits(size - 1, d.maxStringChars(), d.maxArrayLength(), d.maxLevels(), d.maxNeurons())));
        // theta_3 has 64 * 8 bits = 64 bytes = 4 blocks of 13 and 12 bytes: 4 * 16 + 15 = 79 base-91 characters
        ModelFormatException s = assertThrows(ModelFormatException.class, () -> ModelFile.load(file,
                new ModelLimits(d.maxFileBytes(), 78, d.maxArrayLength(), d.maxLevels(), d.maxNeurons())));
        assertTrue(s.getMessage().contains("String value length"), s.getMessage());
        ModelFormatException a = assertThrows(ModelFormatException.class, () -> ModelFile.load(file,
                new ModelLimits(d.maxFileBytes(), d.maxStringChars(), 3, d.maxLevels(), d.maxNeurons())));
        assertTrue(a.getMessage().contains("longer than the limit 3"), a.getMessage());
        ModelFormatException l = assertThrows(ModelFormatException.class, () -> ModelFile.load(file,
                new ModelLimits(d.maxFileBytes(), d.maxStringChars(), d.maxArrayLength(), 2, d.maxNeurons())));
        assertTrue(l.getMessage().contains("exceeds the limit 2"), l.getMessage());
        ModelFormatException n = assertThrows(ModelFormatException.class, () -> ModelFile.load(file,
                new ModelLimits(d.maxFileBytes(), d.maxStringChars(), d.maxArrayLength(), d.maxLevels(), 10)));
        assertTrue(n.getMessage().contains("more than 10 neurons"), n.getMessage());
        assertEquals(net, ModelFile.load(file).network());
    }

    static Network network(int d, int n, int levels, int bits, long seed) {
        return NetworkBuilder.build(table(d, n, levels, seed), bits);
    }

    @Test
    void roundTripsForSeveralShapesAndTheFastEvaluatorAcceptsTheLoadedNetwork() {
        int[][] shapes = {{1, 2, 6, 64}, {2, 2, 3, 64}, {2, 3, 2, 32}, {3, 2, 2, 16}, {1, 5, 3, 64}, {2, 2, 3, 8},
            {1, 3, 2, 2}};
        SplittableRandom rng = new SplittableRandom(17);
        for (int[] s : shapes) {
            Network net = network(s[0], s[1], s[2], s[3], s[0] * 1000L + s[1] * 100L + s[2] * 10L + s[3]);
            Path file = dir.resolve("shape-" + java.util.Arrays.toString(s) + ".json");
            ModelFile.save(file, net, TARGET);
            Network back = ModelFile.load(file).network();
            assertEquals(net, back, java.util.Arrays.toString(s));
            FastExactEvaluator fast = new FastExactEvaluator(back);
            ReferenceEvaluator reference = new ReferenceEvaluator(net);
            for (int k = 0; k < 5; k++) {
                double[] x = new double[s[0]];
                for (int i = 0; i < x.length; i++) {
                    x[i] = rng.nextDouble();
                }
                assertArrayEquals(reference.readouts(x), fast.readouts(x), 0.0, java.util.Arrays.toString(s));
            }
        }
    }

    @Test
    void version1FilesStillLoad() throws IOException {
        Network net = network(2, 2, 3, 64, 8);
        Path file = dir.resolve("v1.json");
        org.layerwise.format.AtomicFiles.write(file, out -> ModelFile.write(out, net, TARGET, 1));
        ObjectNode tree = (ObjectNode) JSON.readTree(file.toFile());
        assertEquals(1, tree.get("version").asInt());
        assertFalse(tree.has("constants"));
        assertEquals(ModelFile.checksum(net, TARGET, 1), tree.get("sha256").asText());
        assertNotEquals(ModelFile.checksum(net, TARGET, 1), ModelFile.checksum(net, TARGET, 2));
        Model m = ModelFile.load(file);
        assertEquals(net, m.network());
        assertEquals(TARGET, m.target());
        // a compact weight in a version-1 file is refused
        ((ObjectNode) tree.get("layers").get(0).get("neurons").get(0)).put("b", "(2^20-2^0)");
        Path bad = dir.resolve("v1bad.json");
        Files.writeString(bad, JSON.writeValueAsString(tree));
        refused(bad, "only plain dyadic");
        tree.set("constants", JSON.createArrayNode());
        Files.writeString(bad, JSON.writeValueAsString(tree));
        refused(bad, "version 1 has no member 'constants'");
    }

    @Test
    void storesEachThetaOnceAsAConstantAndTheCoefficientsAsRuns() throws IOException {
        int d = 2;
        int n = 3;
        int levels = 2;
        Network net = network(d, n, levels, 64, 9);
        Path file = dir.resolve("c.json");
        saveV2(file, net, TARGET);
        ObjectNode tree = (ObjectNode) JSON.readTree(file.toFile());
        ArrayNode constants = (ArrayNode) tree.get("constants");
        assertEquals(levels, constants.size());
        NarrowLayout layout = new NarrowLayout(d, n);
        for (int l = 1; l <= levels; l++) {
            Dyadic theta = net.layers().get(layout.readLayer(l)).neuron(layout.v()).affine().weight(0);
            var c = constants.get(l - 1);
            byte[] bytes = org.layerwise.format.Base91.decode(c.get("m").asText());
            assertEquals(c.get("bytes").asInt(), bytes.length);
            assertEquals(theta, Dyadic.of(new java.math.BigInteger(1, bytes), c.get("exp").asInt()));
            // the sine neuron: theta, then +-theta c_j as constant times run
            var w = tree.get("layers").get(layout.readLayer(l)).get("neurons").get(layout.v()).get("w");
            assertEquals("$" + (l - 1), w.get(0).asText());
            long s = layout.shift(64, l, d);
            for (int j = 1; j < n; j++) {
                String run = "(2^" + s * j + "-2^" + s * (j - 1) + ")";
                assertEquals("$" + (l - 1) + "*" + run, w.get(j).asText());
                assertEquals("-$" + (l - 1) + "*" + run, w.get(n - 1 + j).asText());
            }
        }
        // every weight string is short: big numbers live only in the constants
        int longest = 0;
        for (var layer : tree.get("layers")) {
            for (var neuron : layer.get("neurons")) {
                for (var w : neuron.get("w")) {
                    longest = Math.max(longest, w.asText().length());
                }
                longest = Math.max(longest, neuron.get("b").asText().length());
            }
        }
        assertTrue(longest <= MAX_WEIGHT_CHARS, "longest weight text " + longest);
    }

    /**
     * Longest weight text the writer can emit: "-$" + index (at most 7 digits here) + "*(2^" + 11 + "-2^" + 11 + ")"
     * for the forms with a constant; a plain weight has at most 64 bits: "-" + 16 hex + "p" + 11 = 29.
     */
    private static final int MAX_WEIGHT_CHARS = 2 + 7 + 4 + 11 + 3 + 11 + 1;

    /**
     * A bound on the file size from the format alone: each constant theta_l takes at most
     * Base91.encodedLength(ceil(b N^(dl) / 8)) characters plus its JSON wrapper; every other string is a weight
     * of at most MAX_WEIGHT_CHARS characters; every neuron or head has a bounded JSON skeleton.
     */
    private static long sizeBound(Network net, long headerBytes) {
        NarrowLayout layout = new NarrowLayout(net.dim(), net.base());
        long bytes = headerBytes;
        for (int l = 1; l <= net.levels(); l++) {
            long phaseBytes = (net.bits() * layout.cells(l) + 7) / 8;
            bytes += org.layerwise.format.Base91.encodedLength(phaseBytes) + "{'exp':-1234567890,'bytes':1234567890,'m':''},".length();
        }
        long affines = 0;
        long terms = 0;
        for (Layer layer : net.layers()) {
            bytes += "{'neurons':[]},".length();
            for (Neuron n : layer.neurons()) {
                affines++;
                terms += n.affine().size();
            }
        }
        for (Head h : net.heads()) {
            affines++;
            terms += h.affine().size();
            bytes += "'layer':1234567890,".length();
        }
        // per affine: {"act":"relu","in":[],"w":[],"b":""}, ; per term: index (<= 10 digits) + comma + quoted weight + comma
        bytes += affines * ("{'act':'relu','in':[],'w':[],'b':''},".length() + MAX_WEIGHT_CHARS);
        bytes += terms * (10 + 1 + MAX_WEIGHT_CHARS + 3);
        return bytes;
    }

    @Test
    void sizeIsAtMostTheFormatBoundAndNearSixteenThirteenthsOfThePhases() throws IOException {
        int levels = 7;
        Network net = network(2, 2, levels, 64, 11);
        Path file = dir.resolve("big.json");
        saveV2(file, net, Map.of());
        long size = Files.size(file);
        long tableBits = 0;
        for (int l = 1; l <= levels; l++) {
            tableBits += 64L << (2 * l);
        }
        // header: format, version, sizes, layout, amplitudes (each at most 1 + 11 characters + quotes), target,
        // member names, checksum
        long header = 200 + levels * 16L + 64;
        long bound = sizeBound(net, header);
        assertTrue(size <= bound, size + " bytes > bound " + bound);
        double ratio = 8.0 * size / tableBits;
        double boundRatio = 8.0 * bound / tableBits;
        // the phases alone: 16/13 bits per bit; the rest is O(levels) short strings
        assertTrue(ratio >= 16.0 / 13, "ratio " + ratio);
        assertTrue(boundRatio <= 1.45, "bound ratio " + boundRatio);
        // the old format spent about 8 bits per phase bit (hex theta, hex theta c_j twice, hex c_j)
        // the current version (binary container) is smaller still
        assertTrue(ModelFile.size(net, Map.of()) < size);
        long[] count = {0};
        ModelFile.write(new java.io.OutputStream() {
            @Override
            public void write(int b) {
                count[0]++;
            }
        }, net, Map.of(), 1);
        assertTrue(count[0] > 5 * size, "version 1 " + count[0] + " bytes vs version 2 " + size);
    }

    @Test
    void refusesBadConstantsAndWeightForms() throws IOException {
        refused(mutated(t -> t.remove("constants")), "missing member 'constants'");
        refused(mutated(t -> ((ObjectNode) t.get("constants").get(0)).put("m", "abc")), "characters");
        refused(mutated(t -> ((ObjectNode) t.get("constants").get(0)).put("bytes", 0)), "not positive");
        refused(mutated(t -> ((ObjectNode) t.get("constants").get(0)).put("bytes", Integer.MAX_VALUE)),
                "more than a string");
        refused(mutated(t -> ((ObjectNode) t.get("constants").get(0)).remove("exp")), "missing member 'exp'");
        refused(mutated(t -> ((ObjectNode) t.get("constants").get(0)).put("x", 1)), "unknown member 'x'");
        refused(mutated(t -> {
            ObjectNode c = (ObjectNode) t.get("constants").get(0);
            String m = c.get("m").asText();
            c.put("m", m.substring(0, 3) + " " + m.substring(4));
        }), "base-91");
        refused(mutated(t -> {
            ObjectNode c = (ObjectNode) t.get("constants").get(0);
            c.put("m", "~".repeat(c.get("m").asText().length()));
        }), "base-91");
        refused(mutated(t -> ((ArrayNode) t.get("constants")).remove(1)), "refers to constant $1");
        ObjectNode[] sine = new ObjectNode[1];
        Consumer<ObjectNode> findSine = t -> t.get("layers").forEach(layer -> layer.get("neurons").forEach(n -> {
            if ("sine".equals(n.get("act").asText()) && sine[0] == null) {
                sine[0] = (ObjectNode) n;
            }
        }));
        refused(mutated(t -> {
            sine[0] = null;
            findSine.accept(t);
            ((ArrayNode) sine[0].get("w")).set(1, "$0*(2^3-2^5)");
        }), "a > b");
        refused(mutated(t -> {
            sine[0] = null;
            findSine.accept(t);
            ((ArrayNode) sine[0].get("w")).set(1, "$0*3p0");
        }), "malformed weight");
        refused(mutated(t -> {
            sine[0] = null;
            findSine.accept(t);
            ((ArrayNode) sine[0].get("w")).set(1, "$0*(2^99999999999-2^0)");
        }), "beyond");
        refused(mutated(t -> {
            sine[0] = null;
            findSine.accept(t);
            ((ArrayNode) sine[0].get("w")).set(1, "$0*(2^3-2^1)");
        }), "checksum");
        // one weight of more than 2^36 bits is refused before it is allocated, whatever the budget
        refused(mutated(t -> ((ObjectNode) t.get("layers").get(0).get("neurons").get(0))
                .put("b", "(2^" + ModelLimits.MAX_EXPONENT + "-2^-" + ModelLimits.MAX_EXPONENT + ")")), "mantissa bits, more than");
        // a run that expands beyond the bit budget is refused before it is allocated
        Network net = network(1, 2, 2, 3);
        Path file = dir.resolve("budget.json");
        saveV2(file, net, TARGET);
        ModelLimits d = ModelLimits.DEFAULT;
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelFile.load(file,
                new ModelLimits(d.maxFileBytes(), d.maxStringChars(), d.maxArrayLength(), d.maxLevels(),
                        d.maxNeurons(), 300)));
        assertTrue(e.getMessage().contains("mantissa bits"), e.getMessage());
        assertEquals(net, ModelFile.load(file).network());
    }
}
