package org.layerwise.format;

import org.layerwise.net.Activation;
import org.layerwise.net.Affine;
import org.layerwise.net.Head;
import org.layerwise.net.Layer;
import org.layerwise.net.Layout;
import org.layerwise.net.NarrowLayout;
import org.layerwise.net.Network;
import org.layerwise.net.Neuron;
import org.layerwise.numeric.Dyadic;
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

/**
 * Model files: the network as JSON, streamed in both directions. This program writes version 2 and
 * reads versions 1 and 2.
 *
 * <h2>Version 2</h2>
 * <pre>
 * {"format":"layerwise-model","version":2,"dim":d,"base":N,"levels":L,"bits":b,"layout":"narrow",
 *  "amplitudes":["dyadic",...],            a_1..a_L, plain dyadic text (below)
 *  "target":{...},                         free-form (kind, spec, quadrature, ...), filled by the CLI
 *  "constants":[{"exp":e,"bytes":n,"m":"base91"},...],
 *  "layers":[{"neurons":[{"act":"relu"|"sine","in":[int,...],"w":["weight",...],"b":"weight"},...]},...],
 *  "heads":[{"layer":int,"in":[int,...],"w":["weight",...],"b":"weight"},...],
 *  "sha256":"hex"}
 * </pre>
 * <b>Constants</b> hold the large numbers once (the packed phases {@code theta_l}): constant {@code i}
 * (0-based position in the array) is {@code M * 2^e}, where {@code M} is the unsigned big-endian integer of
 * the {@code n >= 1} bytes that the string {@code "m"} encodes with {@link Base91} (13-byte blocks as 16
 * characters of a JSON-safe 91-letter alphabet; {@code "m"} has exactly {@code Base91.encodedLength(n)}
 * characters). The writer stores {@code |w|} in canonical form: {@code M} odd, {@code n} minimal.
 *
 * <p><b>Weights</b> (every {@code "w"} element and {@code "b"}) are strings of this grammar, no spaces
 * ({@code INT} is an optional {@code '-'} and 1..11 decimal digits, {@code IDX} a constant index without
 * leading zeros):
 * <pre>
 *   weight := "0"
 *           | "-"? HEX "p" INT                      plain dyadic: hex mantissa (no leading zeros) times 2^INT,
 *                                                   the text form of {@link Dyadic}, e.g. "-1b3p-12"
 *           | "-"? "(2^" INT "-2^" INT ")"          2^a - 2^b with a > b  (the address coefficients c_j)
 *           | "-"? "$" IDX                          constant IDX
 *           | "-"? "$" IDX "*2^" INT                constant IDX times 2^e
 *           | "-"? "$" IDX "*(2^" INT "-2^" INT ")" constant IDX times (2^a - 2^b)   (theta_l c_j)
 * </pre>
 * Every form evaluates in time linear in its result. <b>Canonical choice</b> (what the writer emits, and
 * what the checksum is computed over): for each affine form, its weights in order and then its bias,
 * layers and neurons in order, then the heads: zero is {@code "0"}; a magnitude {@code (2^s - 1) 2^e} with
 * {@code s >= 16} is the run {@code (2^(e+s)-2^e)}; a magnitude of at most 64 mantissa bits is plain;
 * otherwise, if {@code |w| = C_i 2^k} or {@code |w| = C_i (2^a - 2^b)} for a constant {@code C_i}
 * already referenced by an earlier term of the same affine form (tried in order of first reference),
 * that form; otherwise {@code "$i"}, where {@code C_i = |w|} is appended to the constants if not yet there.
 * Constants are thus numbered by first use.
 *
 * <p><b>Size.</b> For the narrow layout the only large numbers are {@code theta_l} (once, as a constant of
 * {@code n_l = ceil(bits(theta_l)/8) <= ceil(b N^(dl)/8)} bytes), the sine weights {@code +-theta_l c_j}
 * (written {@code "$i*(2^a-2^b)"}) and the coefficients {@code c_j} (runs); every other weight is a power of
 * two or has at most 64 bits. A constant's text has {@code Base91.encodedLength(n_l) <= 16 n_l / 13 + 1}
 * characters, every weight text at most 36, so the file has at most {@code sum_l (16/13) ceil(b N^(dl)/8)}
 * bytes of phases plus a part that grows with the number of neurons (about 1.6 kB per level for
 * {@code d = N = 2}), not with the cells: file bits over {@code b * sum_l N^(dl)} tend to {@code 16/13 = 1.2308}
 * from above ({@code d = N = 2, b = 64}: 1.29 at {@code L = 7}, 1.249 at {@code L = 8}, 1.236 at {@code L = 9};
 * version 1 about 15).
 *
 * <h2>Version 1</h2>
 * The same without {@code "constants"}, with {@code "version":1}, and every weight in the plain dyadic form.
 *
 * <h2>Both versions</h2>
 * The checksum is the SHA-256 of the <em>canonical serialization</em> of the file's version: the document
 * without the {@code sha256} member, written compactly (no whitespace) in exactly the member order above,
 * with the target's object keys sorted at every depth, and every weight in its canonical text. The writer
 * emits that canonical form followed by the checksum member; the reader accepts members in any order,
 * rebuilds the model and recomputes the canonical bytes.
 *
 * <p>Loading refuses, with a {@link ModelFormatException} naming the problem: malformed JSON or weight text,
 * wrong format name, unknown version or layout, missing or unknown members, inconsistent sizes (indices out
 * of range, head count different from levels, a constant index beyond the table, a constant whose text does
 * not have the declared length, ...), a failed checksum, and anything beyond the {@link Limits} (file size,
 * characters per string, array lengths, levels, neurons, and the total number of mantissa bits the
 * constants and expanded weights allocate) - checked from declared sizes before allocating, while streaming,
 * so a crafted file cannot exhaust memory.
 */
public final class ModelFile {

    public static final String FORMAT = "layerwise-model";
    /** The version this program writes. */
    public static final int VERSION = 2;
    /** The oldest version this program reads. */
    public static final int OLDEST_VERSION = 1;
    /**
     * Largest accepted |exponent| of a stored dyadic: above every exponent a network within
     * {@code NetworkBuilder.MAX_PHASE_BITS} uses (steepness {@code 2^(bN^(dL) + 56 + L ceil(log2 N))}), and
     * small enough that products and sums of two stored values keep int exponents.
     */
    public static final long MAX_EXPONENT = (1L << 30) + (1L << 20);

    /** Most mantissa bits of one expanded weight: a BigInteger must stay below 2^31 bits. */
    static final long MAX_WEIGHT_BITS = Integer.MAX_VALUE - 64;

    /** A loaded model: the network, the free-form target description and the file's format version. */
    public record Model(Network network, Map<String, Object> target, int version) {
        public Model {
            target = target == null ? Map.of() : target;
        }

        /** A model of the current version. */
        public Model(Network network, Map<String, Object> target) {
            this(network, target, VERSION);
        }
    }

    /**
     * Bits of the table the network encodes: {@code b * sum_{l=1..L} N^(dl)} (the phases alone), the
     * denominator of the model-size ratio.
     */
    public static long tableBits(Network net) {
        NarrowLayout layout = new NarrowLayout(net.dim(), net.base());
        long bits = 0;
        for (int l = 1; l <= net.levels(); l++) {
            bits = Math.addExact(bits, Math.multiplyExact((long) net.bits(), layout.cells(l)));
        }
        return bits;
    }

    /**
     * Caps applied while reading.
     *
     * @param maxFileBytes    largest accepted file (default 2 GiB)
     * @param maxStringChars  longest string, i.e. longest constant or plain weight (default 2^28 characters)
     * @param maxArrayLength  longest array (layers, neurons, indices, constants; default 2^20)
     * @param maxLevels       most levels (default 64)
     * @param maxNeurons      most neurons in all layers together (default 2^22)
     * @param maxExpandedBits most mantissa bits allocated by decoding constants and expanding weight forms
     *                        ({@code (2^a-2^b)} costs {@code a-b}, {@code $i*(2^a-2^b)} costs
     *                        {@code bits(C_i) + a - b}; plain weights are bounded by the string limit, plain
     *                        references share the constant); default 2^34 (2 GiB)
     */
    public record Limits(long maxFileBytes, int maxStringChars, int maxArrayLength, int maxLevels, long maxNeurons,
                         long maxExpandedBits) {
        public static final Limits DEFAULT = new Limits(2L << 30, 1 << 28, 1 << 20, 64, 1L << 22, 1L << 34);

        /** The limits with the default {@code maxExpandedBits}. */
        public Limits(long maxFileBytes, int maxStringChars, int maxArrayLength, int maxLevels, long maxNeurons) {
            this(maxFileBytes, maxStringChars, maxArrayLength, maxLevels, maxNeurons, 1L << 34);
        }
    }

    private static final JsonFactory WRITE_FACTORY = new JsonFactory();
    private static final ObjectMapper TREE = new ObjectMapper();

    private ModelFile() {
    }

    /** Writes the model atomically (temporary file, then move), in the current version. */
    public static void save(Path path, Network network, Map<String, ?> target) {
        AtomicFiles.write(path, out -> write(out, network, target));
    }

    /** Writes the canonical serialization of the current version followed by its checksum. */
    public static void write(OutputStream out, Network network, Map<String, ?> target) throws IOException {
        write(out, network, target, VERSION);
    }

    /**
     * Writes the canonical serialization of {@code version} (1 or 2) followed by its checksum. Version 1 is
     * kept for tests and for tools that need the old format.
     */
    public static void write(OutputStream out, Network network, Map<String, ?> target, int version)
            throws IOException {
        checkVersion(version);
        MessageDigest digest = sha256();
        TeeStream tee = new TeeStream(out, digest);
        JsonGenerator gen = WRITE_FACTORY.createGenerator(tee, JsonEncoding.UTF8);
        gen.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        writeCanonicalMembers(gen, network, target, version);
        gen.flush();
        tee.digesting = false;
        digest.update((byte) '}');
        gen.writeStringField("sha256", HexFormat.of().formatHex(digest.digest()));
        gen.writeEndObject();
        gen.close();
    }

    /** The number of bytes {@link #write} produces for this model in the current version, without storing them. */
    public static long size(Network network, Map<String, ?> target) {
        long[] count = {0};
        OutputStream counter = new OutputStream() {
            @Override
            public void write(int b) {
                count[0]++;
            }

            @Override
            public void write(byte[] b, int off, int len) {
                count[0] += len;
            }
        };
        try {
            write(counter, network, target);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return count[0];
    }

    /** The SHA-256 (hex) of the canonical serialization of a model in the current version. */
    public static String checksum(Network network, Map<String, ?> target) {
        return checksum(network, target, VERSION);
    }

    /** The SHA-256 (hex) of the canonical serialization of a model in {@code version}. */
    public static String checksum(Network network, Map<String, ?> target, int version) {
        checkVersion(version);
        MessageDigest digest = sha256();
        try {
            JsonGenerator gen = WRITE_FACTORY.createGenerator(new TeeStream(OutputStream.nullOutputStream(), digest),
                    JsonEncoding.UTF8);
            writeCanonicalMembers(gen, network, target, version);
            gen.writeEndObject();
            gen.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static void checkVersion(int version) {
        if (version < OLDEST_VERSION || version > VERSION) {
            throw new IllegalArgumentException("model file version " + version + " (this program writes "
                    + OLDEST_VERSION + ".." + VERSION + ")");
        }
    }

    /** Writes "{" and every member but the checksum, canonically; leaves the object open. */
    private static void writeCanonicalMembers(JsonGenerator gen, Network net, Map<String, ?> target, int version)
            throws IOException {
        // version 2: choose every weight's text first (this fixes the table of constants)
        List<String[]> texts = null;
        WeightText.Encoder encoder = null;
        if (version >= 2) {
            encoder = new WeightText.Encoder();
            texts = new ArrayList<>();
            for (Layer layer : net.layers()) {
                for (Neuron n : layer.neurons()) {
                    texts.add(encoder.encode(n.affine()));
                }
            }
            for (Head h : net.heads()) {
                texts.add(encoder.encode(h.affine()));
            }
        }
        gen.writeStartObject();
        gen.writeStringField("format", FORMAT);
        gen.writeNumberField("version", version);
        gen.writeNumberField("dim", net.dim());
        gen.writeNumberField("base", net.base());
        gen.writeNumberField("levels", net.levels());
        gen.writeNumberField("bits", net.bits());
        gen.writeStringField("layout", net.layout().id());
        gen.writeArrayFieldStart("amplitudes");
        for (Dyadic a : net.amplitudes()) {
            gen.writeString(a.toString());
        }
        gen.writeEndArray();
        gen.writeFieldName("target");
        writeCanonicalValue(gen, target == null ? Map.of() : target);
        if (encoder != null) {
            gen.writeArrayFieldStart("constants");
            for (Dyadic c : encoder.constants()) {
                byte[] bytes = c.mantissa().toByteArray();
                // drop the sign byte BigInteger adds when the top bit is set
                int off = bytes.length > 1 && bytes[0] == 0 ? 1 : 0;
                byte[] mag = off == 0 ? bytes : java.util.Arrays.copyOfRange(bytes, off, bytes.length);
                gen.writeStartObject();
                gen.writeNumberField("exp", c.exponent());
                gen.writeNumberField("bytes", mag.length);
                gen.writeStringField("m", Base91.encode(mag));
                gen.writeEndObject();
            }
            gen.writeEndArray();
        }
        int next = 0;
        gen.writeArrayFieldStart("layers");
        for (Layer layer : net.layers()) {
            gen.writeStartObject();
            gen.writeArrayFieldStart("neurons");
            for (Neuron n : layer.neurons()) {
                gen.writeStartObject();
                gen.writeStringField("act", n.activation().key());
                writeAffine(gen, n.affine(), texts == null ? null : texts.get(next++));
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
            writeAffine(gen, h.affine(), texts == null ? null : texts.get(next++));
            gen.writeEndObject();
        }
        gen.writeEndArray();
    }

    /** Writes in, w, b; {@code text} holds the version-2 texts of the weights then the bias (null: version 1). */
    private static void writeAffine(JsonGenerator gen, Affine a, String[] text) throws IOException {
        gen.writeArrayFieldStart("in");
        for (int k = 0; k < a.size(); k++) {
            gen.writeNumber(a.input(k));
        }
        gen.writeEndArray();
        gen.writeArrayFieldStart("w");
        for (int k = 0; k < a.size(); k++) {
            gen.writeString(text == null ? a.weight(k).toString() : text[k]);
        }
        gen.writeEndArray();
        gen.writeStringField("b", text == null ? a.bias().toString() : text[a.size()]);
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

    /** A neuron or head as read: weights still as text, resolved once the constants are known. */
    private record Pending(String where, Activation act, int head, int[] in, WeightText.Parsed[] w,
                           WeightText.Parsed b) {
    }

    /** Streaming reader enforcing the limits. */
    private static final class Reader {
        private final JsonParser p;
        private final Limits limits;
        private final String source;
        private long neuronCount;
        private long expandedBits;

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
                if ("format".equals(name) && !FORMAT.equals(format)) {
                    throw fail("format is '" + format + "', expected '" + FORMAT + "'");
                }
                if ("version".equals(name) && (version < OLDEST_VERSION || version > VERSION)) {
                    throw fail("unknown version " + version + " (this program reads versions " + OLDEST_VERSION
                            + " to " + VERSION + ")");
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
            String expected = checksum(net, t, version);
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
            if (Math.abs((long) d.exponent()) > MAX_EXPONENT) {
                throw fail("'" + name + "': exponent " + d.exponent() + " beyond the limit " + MAX_EXPONENT);
            }
            return d;
        }

        private WeightText.Parsed weight(String where) throws IOException {
            String s = string(where);
            try {
                return WeightText.parse(s, MAX_EXPONENT);
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

        /** The array member {@code name}, at most {@link Limits#maxArrayLength()} elements. */
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
            if (Math.abs((long) exp) > MAX_EXPONENT) {
                throw fail(where + ": exponent " + exp + " beyond the limit " + MAX_EXPONENT);
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
            if (Math.abs(e) > MAX_EXPONENT) {
                throw fail(where + ": exponent " + e + " beyond the limit " + MAX_EXPONENT);
            }
            long newBits = x.newBits(constants);
            if (newBits > MAX_WEIGHT_BITS) {
                throw fail(where + ": would have " + newBits + " mantissa bits, more than " + MAX_WEIGHT_BITS);
            }
            spend(newBits, where);
            return x.resolve(constants);
        }
    }
}
