package org.layerwise.format;

import org.layerwise.net.Activation;
import org.layerwise.net.Affine;
import org.layerwise.net.Head;
import org.layerwise.net.Layer;
import org.layerwise.net.Layout;
import org.layerwise.net.Network;
import org.layerwise.net.Neuron;
import org.layerwise.numeric.Dyadic;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads and verifies model files (the format is specified in {@link org.layerwise.format the package description}),
 * streaming, within {@link ModelLimits}: every refusal is a {@link ModelFormatException} naming the source and the
 * offending value.
 */
final class ModelReader {

    private static final ObjectMapper TREE = new ObjectMapper();

    private ModelReader() {
    }

    /** Loads and verifies a model file. */
    static Model load(Path path, ModelLimits limits) {
        try {
            long size = Files.size(path);
            if (size > limits.maxFileBytes()) {
                throw new ModelFormatException("model file " + path + " has " + size + " bytes, more than the limit "
                        + limits.maxFileBytes());
            }
            try (InputStream in = Files.newInputStream(path)) {
                return read(in, limits, path.toString());
            }
        } catch (NoSuchFileException e) {
            throw new ModelFormatException("model file " + path + " does not exist");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read model file " + path + ": " + e.getMessage(), e);
        }
    }

    /** Reads and verifies a model from a stream; {@code source} names it in messages. */
    static Model read(InputStream in, ModelLimits limits, String source) throws IOException {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxStringLength(limits.maxStringChars())
                        .maxNumberLength(24)
                        .maxNestingDepth(32)
                        .maxNameLength(256)
                        .maxDocumentLength(limits.maxFileBytes())
                        .build())
                .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
        try (JsonParser p = factory.createParser(in)) {
            return new Reader(p, limits, source).read();
        } catch (ModelFormatException e) {
            throw e;
        } catch (JsonProcessingException e) {
            throw new ModelFormatException(source + ": malformed or oversized JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** A neuron or head as read: weights still as text, resolved once the constants are known. */
    private record Pending(String where, Activation act, int head, int[] in, WeightText.Parsed[] w,
                           WeightText.Parsed b) {
    }

    /** Streaming reader enforcing the limits. */
    private static final class Reader {
        private final JsonParser p;
        private final ModelLimits limits;
        private final String source;
        private long neuronCount;
        private long expandedBits;

        Reader(JsonParser p, ModelLimits limits, String source) {
            this.p = p;
            this.limits = limits;
            this.source = source;
        }

        private ModelFormatException fail(String message) {
            return new ModelFormatException(source + ": " + message);
        }

        Model read() throws IOException {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw fail("not a JSON object");
            }
            String format = null;
            Integer version = null;
            Integer dim = null;
            Integer base = null;
            Integer levels = null;
            Integer bits = null;
            String layout = null;
            String sha = null;
            List<Dyadic> amplitudes = null;
            Map<String, Object> target = null;
            List<Dyadic> constants = null;
            List<List<Pending>> layers = null;
            List<Pending> heads = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                switch (name) {
                    case "format" -> format = string(name);
                    case "version" -> version = integer(name);
                    case "dim" -> dim = integer(name);
                    case "base" -> base = integer(name);
                    case "levels" -> {
                        levels = integer(name);
                        if (levels > limits.maxLevels()) {
                            throw fail("levels " + levels + " exceeds the limit " + limits.maxLevels());
                        }
                    }
                    case "bits" -> bits = integer(name);
                    case "layout" -> layout = string(name);
                    case "sha256" -> sha = string(name);
                    case "amplitudes" -> amplitudes = dyadics(name);
                    case "target" -> target = target();
                    case "constants" -> constants = constants();
                    case "layers" -> layers = layers();
                    case "heads" -> heads = heads();
                    default -> throw fail("unknown member '" + name + "'");
                }
                if ("format".equals(name) && !ModelFile.FORMAT.equals(format)) {
                    throw fail("format is '" + format + "', expected '" + ModelFile.FORMAT + "'");
                }
                if ("version".equals(name) && (version < ModelFile.OLDEST_VERSION || version > ModelFile.VERSION)) {
                    throw fail("unknown version " + version + " (this program reads versions " + ModelFile.OLDEST_VERSION
                            + " to " + ModelFile.VERSION + ")");
                }
            }
            if (p.currentToken() != JsonToken.END_OBJECT) {
                throw fail("malformed model object");
            }
            if (p.nextToken() != null) {
                throw fail("trailing content after the model object");
            }
            require(format, "format");
            require(version, "version");
            require(dim, "dim");
            require(base, "base");
            require(levels, "levels");
            require(bits, "bits");
            require(layout, "layout");
            require(amplitudes, "amplitudes");
            if (version >= 2) {
                require(constants, "constants");
            } else if (constants != null) {
                throw fail("version 1 has no member 'constants'");
            }
            require(layers, "layers");
            require(heads, "heads");
            require(sha, "sha256");
            Layout known = Layout.byId(layout).orElse(null);
            if (known == null) {
                throw fail("unknown layout '" + layout + "'");
            }
            List<Dyadic> table = constants == null ? List.of() : constants;
            List<Layer> netLayers = new ArrayList<>(layers.size());
            for (List<Pending> layer : layers) {
                List<Neuron> neurons = new ArrayList<>(layer.size());
                for (Pending n : layer) {
                    neurons.add(new Neuron(n.act(), affine(n, table, version)));
                }
                netLayers.add(new Layer(neurons));
            }
            List<Head> netHeads = new ArrayList<>(heads.size());
            for (Pending h : heads) {
                netHeads.add(new Head(h.head(), affine(h, table, version)));
            }
            Network net;
            try {
                net = new Network(dim, base, levels, bits, known, netLayers, netHeads, amplitudes);
            } catch (IllegalArgumentException e) {
                throw fail("inconsistent network: " + e.getMessage());
            }
            Map<String, Object> t = target == null ? Map.of() : target;
            String expected = ModelWriter.checksum(net, t, version);
            if (!expected.equalsIgnoreCase(sha)) {
                throw fail("checksum mismatch: the file says " + sha + " but its content hashes to " + expected);
            }
            return new Model(net, t, version);
        }

        private void require(Object v, String name) {
            if (v == null) {
                throw fail("missing member '" + name + "'");
            }
        }

        private String string(String name) throws IOException {
            if (p.currentToken() != JsonToken.VALUE_STRING) {
                throw fail("'" + name + "' must be a string");
            }
            return p.getText();
        }

        private int integer(String name) throws IOException {
            if (p.currentToken() != JsonToken.VALUE_NUMBER_INT) {
                throw fail("'" + name + "' must be an integer");
            }
            if (p.getNumberType() != JsonParser.NumberType.INT) {
                throw fail("'" + name + "' = " + p.getText() + " is out of range");
            }
            return p.getIntValue();
        }

        private Dyadic dyadic(String name) throws IOException {
            String s = string(name);
            Dyadic d;
            try {
                d = Dyadic.parse(s);
            } catch (RuntimeException e) {
                throw fail("'" + name + "': " + e.getMessage());
            }
            if (Math.abs((long) d.exponent()) > ModelLimits.MAX_EXPONENT) {
                throw fail("'" + name + "': exponent " + d.exponent() + " beyond the limit " + ModelLimits.MAX_EXPONENT);
            }
            return d;
        }

        private WeightText.Parsed weight(String where) throws IOException {
            String s = string(where);
            try {
                return WeightText.parse(s, ModelLimits.MAX_EXPONENT);
            } catch (IllegalArgumentException e) {
                throw fail(where + ": " + e.getMessage());
            }
        }

        private void startArray(String name) {
            if (p.currentToken() != JsonToken.START_ARRAY) {
                throw fail("'" + name + "' must be an array");
            }
        }

        private void checkLength(String name, int n) {
            if (n > limits.maxArrayLength()) {
                throw fail("array '" + name + "' is longer than the limit " + limits.maxArrayLength());
            }
        }

        private void spend(long newBits, String what) {
            expandedBits += newBits;
            if (newBits < 0 || expandedBits > limits.maxExpandedBits()) {
                throw fail(what + " would take the decoded numbers beyond " + limits.maxExpandedBits()
                        + " mantissa bits (the limit)");
            }
        }

        /** Reads element {@code index} of an array, the parser on its first token. */
        @FunctionalInterface
        private interface Element<T> {
            T read(int index) throws IOException;
        }

        /** The array member {@code name}, at most {@link ModelLimits#maxArrayLength()} elements. */
        private <T> List<T> array(String name, Element<T> element) throws IOException {
            startArray(name);
            List<T> out = new ArrayList<>();
            while (p.nextToken() != JsonToken.END_ARRAY) {
                checkLength(name, out.size() + 1);
                out.add(element.read(out.size()));
            }
            return out;
        }

        private void startObject(String where) {
            if (p.currentToken() != JsonToken.START_OBJECT) {
                throw fail(where + " must be an object");
            }
        }

        private List<Dyadic> dyadics(String name) throws IOException {
            return array(name, k -> dyadic(name));
        }

        private List<WeightText.Parsed> weights(String where) throws IOException {
            return array("w", k -> weight(where + " weight " + k));
        }

        private int[] ints(String name) throws IOException {
            return array(name, k -> integer(name)).stream().mapToInt(Integer::intValue).toArray();
        }

        private Map<String, Object> target() throws IOException {
            if (p.currentToken() != JsonToken.START_OBJECT) {
                throw fail("'target' must be an object");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> m = TREE.readValue(p, LinkedHashMap.class);
            return m;
        }

        private List<Dyadic> constants() throws IOException {
            return array("constants", this::constant);
        }

        private Dyadic constant(int index) throws IOException {
            String where = "constant " + index;
            startObject(where);
            Integer exp = null;
            Integer bytes = null;
            String m = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                switch (name) {
                    case "exp" -> exp = integer(name);
                    case "bytes" -> bytes = integer(name);
                    case "m" -> m = string(name);
                    default -> throw fail("unknown member '" + name + "' in " + where);
                }
            }
            if (exp == null || bytes == null || m == null) {
                throw fail(where + ": missing member '" + (exp == null ? "exp" : bytes == null ? "bytes" : "m") + "'");
            }
            if (bytes < 1) {
                throw fail(where + ": 'bytes' = " + bytes + " is not positive");
            }
            if (Math.abs((long) exp) > ModelLimits.MAX_EXPONENT) {
                throw fail(where + ": exponent " + exp + " beyond the limit " + ModelLimits.MAX_EXPONENT);
            }
            // declared sizes first: then decoding allocates exactly what was declared and accounted
            long expectedChars = Base91.encodedLength(bytes);
            if (expectedChars > limits.maxStringChars()) {
                throw fail(where + ": declares " + bytes + " bytes, more than a string of at most "
                        + limits.maxStringChars() + " characters holds");
            }
            spend(8L * bytes, where + " (" + bytes + " bytes)");
            if (m.length() != expectedChars) {
                throw fail(where + ": 'm' has " + m.length() + " characters but " + bytes + " bytes take "
                        + expectedChars);
            }
            byte[] mag;
            try {
                mag = Base91.decode(m);
            } catch (IllegalArgumentException e) {
                throw fail(where + ": malformed base-91 text: " + e.getMessage());
            }
            try {
                return Dyadic.of(new java.math.BigInteger(1, mag), exp);
            } catch (ArithmeticException e) {
                throw fail(where + ": " + e.getMessage());
            }
        }

        private List<List<Pending>> layers() throws IOException {
            return array("layers", index -> {
                startObject("layer " + index);
                List<Pending> neurons = null;
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    p.nextToken();
                    if (!"neurons".equals(name)) {
                        throw fail("unknown member '" + name + "' in layer " + index);
                    }
                    neurons = neurons(index);
                }
                if (neurons == null || neurons.isEmpty()) {
                    throw fail("layer " + index + " has no neurons");
                }
                return neurons;
            });
        }

        private List<Pending> neurons(int layer) throws IOException {
            return array("neurons", index -> {
                if (++neuronCount > limits.maxNeurons()) {
                    throw fail("more than " + limits.maxNeurons() + " neurons");
                }
                String where = "layer " + layer + " neuron " + index;
                startObject(where);
                Activation act = null;
                AffineMembers members = new AffineMembers(where);
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    p.nextToken();
                    if ("act".equals(name)) {
                        String key = string(name);
                        act = Activation.ofKey(key);
                        if (act == null) {
                            throw fail(where + ": unknown activation '" + key + "'");
                        }
                    } else {
                        members.read(name);
                    }
                }
                if (act == null) {
                    throw fail(where + ": missing member 'act'");
                }
                return members.pending(act, -1);
            });
        }

        private List<Pending> heads() throws IOException {
            return array("heads", index -> {
                String where = "head " + (index + 1);
                startObject(where);
                Integer layer = null;
                AffineMembers members = new AffineMembers(where);
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    p.nextToken();
                    if ("layer".equals(name)) {
                        layer = integer(name);
                    } else {
                        members.read(name);
                    }
                }
                if (layer == null || layer < 0) {
                    throw fail(where + ": missing or negative 'layer'");
                }
                return members.pending(null, layer);
            });
        }

        /** The members {@code in, w, b} that neurons and heads share, as they are read. */
        private final class AffineMembers {
            private final String where;
            private int[] in;
            private List<WeightText.Parsed> w;
            private WeightText.Parsed b;

            AffineMembers(String where) {
                this.where = where;
            }

            /** Reads member {@code name}: {@code in}, {@code w} or {@code b}; any other is refused. */
            void read(String name) throws IOException {
                switch (name) {
                    case "in" -> in = ints(name);
                    case "w" -> w = weights(where);
                    case "b" -> b = weight(where + " bias");
                    default -> throw fail("unknown member '" + name + "' in " + where);
                }
            }

            /** The neuron ({@code head = -1}) or head read, once all members are present and consistent. */
            Pending pending(Activation act, int head) {
                if (in == null || w == null || b == null) {
                    throw fail(where + ": missing member '" + (in == null ? "in" : w == null ? "w" : "b") + "'");
                }
                if (in.length != w.size()) {
                    throw fail(where + ": " + in.length + " inputs but " + w.size() + " weights");
                }
                return new Pending(where, act, head, in, w.toArray(new WeightText.Parsed[0]), b);
            }
        }

        /** Resolves the weights of a neuron or head against the constants, within the bit budget. */
        private Affine affine(Pending n, List<Dyadic> constants, int version) {
            Dyadic[] w = new Dyadic[n.w().length];
            for (int k = 0; k < w.length; k++) {
                w[k] = resolve(n.w()[k], constants, version, n.where() + " weight " + k);
            }
            Dyadic b = resolve(n.b(), constants, version, n.where() + " bias");
            try {
                return new Affine(n.in(), w, b);
            } catch (IllegalArgumentException e) {
                throw fail(n.where() + ": " + e.getMessage());
            }
        }

        private Dyadic resolve(WeightText.Parsed x, List<Dyadic> constants, int version, String where) {
            if (x.isPlain()) {
                return x.plain();
            }
            if (version < 2) {
                throw fail(where + ": version " + version + " allows only plain dyadic weights");
            }
            if (x.constant() >= constants.size()) {
                throw fail(where + ": refers to constant $" + x.constant() + " but there are " + constants.size()
                        + " constants");
            }
            long e = x.exponent(constants);
            if (Math.abs(e) > ModelLimits.MAX_EXPONENT) {
                throw fail(where + ": exponent " + e + " beyond the limit " + ModelLimits.MAX_EXPONENT);
            }
            long newBits = x.newBits(constants);
            if (newBits > ModelLimits.MAX_WEIGHT_BITS) {
                throw fail(where + ": would have " + newBits + " mantissa bits, more than " + ModelLimits.MAX_WEIGHT_BITS);
            }
            spend(newBits, where);
            return x.resolve(constants);
        }
    }
}
