package org.layerwise.net;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.layerwise.io.AtomicFiles;

/**
 * Model files: the network as JSON, streamed in both directions.
 * <pre>
 * {"format":"layerwise-model","version":1,"dim":d,"base":N,"levels":L,"bits":b,"layout":"narrow",
 *  "amplitudes":["dyadic",...],            a_1..a_L
 *  "target":{...},                         free-form (kind, spec, quadrature, ...), filled by the CLI
 *  "layers":[{"neurons":[{"act":"relu"|"sine","in":[int,...],"w":["dyadic",...],"b":"dyadic"},...]},...],
 *  "heads":[{"layer":int,"in":[int,...],"w":["dyadic",...],"b":"dyadic"},...],
 *  "sha256":"hex"}
 * </pre>
 * Dyadic numbers use the hex text form of {@link Dyadic}. The checksum is the SHA-256 of the
 * <em>canonical serialization</em>: the document without the {@code sha256} member, written
 * compactly (no whitespace) in exactly the member order above, with the target's object keys
 * sorted at every depth. The writer emits that canonical form followed by the checksum member; the
 * reader accepts members in any order, rebuilds the model and recomputes the canonical bytes.
 *
 * <p>Loading refuses, with a {@link ModelFormatException} naming the problem: malformed JSON, wrong
 * format name, unknown version or layout, missing or unknown members, inconsistent sizes (indices
 * out of range, head count different from levels, ...), a failed checksum, and anything beyond the
 * {@link Limits} (file size, characters per string, which bounds every number, array lengths,
 * levels, nesting) - enforced while streaming, so a crafted file cannot exhaust memory.
 */
public final class ModelFile {

    public static final String FORMAT = "layerwise-model";
    public static final int VERSION = 1;
    /**
     * Largest accepted |exponent| of a stored dyadic: above every exponent a network within
     * {@code NetworkBuilder.MAX_PHASE_BITS} uses (steepness {@code 2^(bN^(dL) + 56 + L ceil(log2 N))}), and
     * small enough that products and sums of two stored values keep int exponents.
     */
    public static final long MAX_EXPONENT = (1L << 30) + (1L << 20);

    /** A loaded model: the network and the free-form target description. */
    public record Model(Network network, Map<String, Object> target) {
        public Model {
            target = target == null ? Map.of() : target;
        }
    }

    /**
     * Caps applied while reading.
     *
     * @param maxFileBytes   largest accepted file (default 2 GiB)
     * @param maxStringChars longest string, i.e. longest dyadic number (default 2^28 hex digits = 2^30 bits)
     * @param maxArrayLength longest array (layers, neurons, indices; default 2^20)
     * @param maxLevels      most levels (default 64)
     * @param maxNeurons     most neurons in all layers together (default 2^22)
     */
    public record Limits(long maxFileBytes, int maxStringChars, int maxArrayLength, int maxLevels, long maxNeurons) {
        public static final Limits DEFAULT = new Limits(2L << 30, 1 << 28, 1 << 20, 64, 1L << 22);
    }

    private static final JsonFactory WRITE_FACTORY = new JsonFactory();
    private static final ObjectMapper TREE = new ObjectMapper();

    private ModelFile() {
    }

    /** Writes the model atomically (temporary file, then move). */
    public static void save(Path path, Network network, Map<String, ?> target) {
        AtomicFiles.write(path, out -> write(out, network, target));
    }

    /** Writes the canonical serialization followed by its checksum. */
    public static void write(OutputStream out, Network network, Map<String, ?> target) throws IOException {
        MessageDigest digest = sha256();
        TeeStream tee = new TeeStream(out, digest);
        JsonGenerator gen = WRITE_FACTORY.createGenerator(tee, JsonEncoding.UTF8);
        gen.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        writeCanonicalMembers(gen, network, target);
        gen.flush();
        tee.digesting = false;
        digest.update((byte) '}');
        gen.writeStringField("sha256", HexFormat.of().formatHex(digest.digest()));
        gen.writeEndObject();
        gen.close();
    }

    /** The SHA-256 (hex) of the canonical serialization of a model. */
    public static String checksum(Network network, Map<String, ?> target) {
        MessageDigest digest = sha256();
        try {
            JsonGenerator gen = WRITE_FACTORY.createGenerator(new TeeStream(OutputStream.nullOutputStream(), digest),
                    JsonEncoding.UTF8);
            writeCanonicalMembers(gen, network, target);
            gen.writeEndObject();
            gen.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** Writes "{" and every member but the checksum, canonically; leaves the object open. */
    private static void writeCanonicalMembers(JsonGenerator gen, Network net, Map<String, ?> target)
            throws IOException {
        gen.writeStartObject();
        gen.writeStringField("format", FORMAT);
        gen.writeNumberField("version", VERSION);
        gen.writeNumberField("dim", net.dim());
        gen.writeNumberField("base", net.base());
        gen.writeNumberField("levels", net.levels());
        gen.writeNumberField("bits", net.bits());
        gen.writeStringField("layout", net.layout());
        gen.writeArrayFieldStart("amplitudes");
        for (Dyadic a : net.amplitudes()) {
            gen.writeString(a.toString());
        }
        gen.writeEndArray();
        gen.writeFieldName("target");
        writeCanonicalValue(gen, target == null ? Map.of() : target);
        gen.writeArrayFieldStart("layers");
        for (Layer layer : net.layers()) {
            gen.writeStartObject();
            gen.writeArrayFieldStart("neurons");
            for (Neuron n : layer.neurons()) {
                gen.writeStartObject();
                gen.writeStringField("act", n.activation().key());
                writeAffine(gen, n.affine());
                gen.writeEndObject();
            }
            gen.writeEndArray();
            gen.writeEndObject();
        }
        gen.writeEndArray();
        gen.writeArrayFieldStart("heads");
        for (Head h : net.heads()) {
            gen.writeStartObject();
            gen.writeNumberField("layer", h.layer());
            writeAffine(gen, h.affine());
            gen.writeEndObject();
        }
        gen.writeEndArray();
    }

    private static void writeAffine(JsonGenerator gen, Affine a) throws IOException {
        gen.writeArrayFieldStart("in");
        for (int k = 0; k < a.size(); k++) {
            gen.writeNumber(a.input(k));
        }
        gen.writeEndArray();
        gen.writeArrayFieldStart("w");
        for (int k = 0; k < a.size(); k++) {
            gen.writeString(a.weight(k).toString());
        }
        gen.writeEndArray();
        gen.writeStringField("b", a.bias().toString());
    }

    /** Free-form value with object keys sorted (the canonical form of the target). */
    private static void writeCanonicalValue(JsonGenerator gen, Object v) throws IOException {
        if (v instanceof Map<?, ?> m) {
            gen.writeStartObject();
            TreeMap<String, Object> sorted = new TreeMap<>();
            m.forEach((k, val) -> sorted.put(String.valueOf(k), val));
            for (Map.Entry<String, Object> e : sorted.entrySet()) {
                gen.writeFieldName(e.getKey());
                writeCanonicalValue(gen, e.getValue());
            }
            gen.writeEndObject();
        } else if (v instanceof List<?> list) {
            gen.writeStartArray();
            for (Object o : list) {
                writeCanonicalValue(gen, o);
            }
            gen.writeEndArray();
        } else {
            TREE.writeValue(gen, v);
        }
    }

    /** Loads with the default limits. */
    public static Model load(Path path) {
        return load(path, Limits.DEFAULT);
    }

    /** Loads and verifies a model file. */
    public static Model load(Path path, Limits limits) {
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
    public static Model read(InputStream in, Limits limits, String source) throws IOException {
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

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Passes bytes on and (while {@code digesting}) into a digest. */
    private static final class TeeStream extends OutputStream {
        private final OutputStream out;
        private final MessageDigest digest;
        boolean digesting = true;

        TeeStream(OutputStream out, MessageDigest digest) {
            this.out = out;
            this.digest = digest;
        }

        @Override
        public void write(int b) throws IOException {
            if (digesting) {
                digest.update((byte) b);
            }
            out.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (digesting) {
                digest.update(b, off, len);
            }
            out.write(b, off, len);
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }
    }

    /** Streaming reader enforcing the limits. */
    private static final class Reader {
        private final JsonParser p;
        private final Limits limits;
        private final String source;
        private long neuronCount;

        Reader(JsonParser p, Limits limits, String source) {
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
            List<Layer> layers = null;
            List<Head> heads = null;
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
                    case "layers" -> layers = layers();
                    case "heads" -> heads = heads();
                    default -> throw fail("unknown member '" + name + "'");
                }
                if ("format".equals(name) && !FORMAT.equals(format)) {
                    throw fail("format is '" + format + "', expected '" + FORMAT + "'");
                }
                if ("version".equals(name) && version != VERSION) {
                    throw fail("unknown version " + version + " (this program reads version " + VERSION + ")");
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
            require(layers, "layers");
            require(heads, "heads");
            require(sha, "sha256");
            if (!NarrowLayout.NAME.equals(layout)) {
                throw fail("unknown layout '" + layout + "'");
            }
            Network net;
            try {
                net = new Network(dim, base, levels, bits, layout, layers, heads, amplitudes);
            } catch (IllegalArgumentException e) {
                throw fail("inconsistent network: " + e.getMessage());
            }
            Map<String, Object> t = target == null ? Map.of() : target;
            String expected = checksum(net, t);
            if (!expected.equalsIgnoreCase(sha)) {
                throw fail("checksum mismatch: the file says " + sha + " but its content hashes to " + expected);
            }
            return new Model(net, t);
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
            if (Math.abs((long) d.exponent()) > MAX_EXPONENT) {
                throw fail("'" + name + "': exponent " + d.exponent() + " beyond the limit " + MAX_EXPONENT);
            }
            return d;
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

        private List<Dyadic> dyadics(String name) throws IOException {
            startArray(name);
            List<Dyadic> out = new ArrayList<>();
            while (p.nextToken() != JsonToken.END_ARRAY) {
                checkLength(name, out.size() + 1);
                out.add(dyadic(name));
            }
            return out;
        }

        private int[] ints(String name) throws IOException {
            startArray(name);
            List<Integer> out = new ArrayList<>();
            while (p.nextToken() != JsonToken.END_ARRAY) {
                checkLength(name, out.size() + 1);
                out.add(integer(name));
            }
            return out.stream().mapToInt(Integer::intValue).toArray();
        }

        private Map<String, Object> target() throws IOException {
            if (p.currentToken() != JsonToken.START_OBJECT) {
                throw fail("'target' must be an object");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> m = TREE.readValue(p, LinkedHashMap.class);
            return m;
        }

        private List<Layer> layers() throws IOException {
            startArray("layers");
            List<Layer> out = new ArrayList<>();
            while (p.nextToken() != JsonToken.END_ARRAY) {
                checkLength("layers", out.size() + 1);
                if (p.currentToken() != JsonToken.START_OBJECT) {
                    throw fail("layer " + out.size() + " must be an object");
                }
                List<Neuron> neurons = null;
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    p.nextToken();
                    if (!"neurons".equals(name)) {
                        throw fail("unknown member '" + name + "' in layer " + out.size());
                    }
                    neurons = neurons(out.size());
                }
                if (neurons == null || neurons.isEmpty()) {
                    throw fail("layer " + out.size() + " has no neurons");
                }
                out.add(new Layer(neurons));
            }
            return out;
        }

        private List<Neuron> neurons(int layer) throws IOException {
            startArray("neurons");
            List<Neuron> out = new ArrayList<>();
            while (p.nextToken() != JsonToken.END_ARRAY) {
                checkLength("neurons", out.size() + 1);
                if (++neuronCount > limits.maxNeurons()) {
                    throw fail("more than " + limits.maxNeurons() + " neurons");
                }
                if (p.currentToken() != JsonToken.START_OBJECT) {
                    throw fail("layer " + layer + " neuron " + out.size() + " must be an object");
                }
                Activation act = null;
                int[] in = null;
                List<Dyadic> w = null;
                Dyadic b = null;
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    p.nextToken();
                    switch (name) {
                        case "act" -> {
                            String key = string(name);
                            act = Activation.ofKey(key);
                            if (act == null) {
                                throw fail("layer " + layer + " neuron " + out.size() + ": unknown activation '" + key + "'");
                            }
                        }
                        case "in" -> in = ints(name);
                        case "w" -> w = dyadics(name);
                        case "b" -> b = dyadic(name);
                        default -> throw fail("unknown member '" + name + "' in layer " + layer + " neuron " + out.size());
                    }
                }
                String where = "layer " + layer + " neuron " + out.size();
                out.add(new Neuron(act == null ? failNull(where, "act") : act, affine(where, in, w, b)));
            }
            return out;
        }

        private Activation failNull(String where, String member) {
            throw fail(where + ": missing member '" + member + "'");
        }

        private Affine affine(String where, int[] in, List<Dyadic> w, Dyadic b) {
            if (in == null || w == null || b == null) {
                throw fail(where + ": missing member '" + (in == null ? "in" : w == null ? "w" : "b") + "'");
            }
            try {
                return new Affine(in, w.toArray(new Dyadic[0]), b);
            } catch (IllegalArgumentException e) {
                throw fail(where + ": " + e.getMessage());
            }
        }

        private List<Head> heads() throws IOException {
            startArray("heads");
            List<Head> out = new ArrayList<>();
            while (p.nextToken() != JsonToken.END_ARRAY) {
                checkLength("heads", out.size() + 1);
                String where = "head " + (out.size() + 1);
                if (p.currentToken() != JsonToken.START_OBJECT) {
                    throw fail(where + " must be an object");
                }
                Integer layer = null;
                int[] in = null;
                List<Dyadic> w = null;
                Dyadic b = null;
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    p.nextToken();
                    switch (name) {
                        case "layer" -> layer = integer(name);
                        case "in" -> in = ints(name);
                        case "w" -> w = dyadics(name);
                        case "b" -> b = dyadic(name);
                        default -> throw fail("unknown member '" + name + "' in " + where);
                    }
                }
                if (layer == null || layer < 0) {
                    throw fail(where + ": missing or negative 'layer'");
                }
                out.add(new Head(layer, affine(where, in, w, b)));
            }
            return out;
        }
    }
}
