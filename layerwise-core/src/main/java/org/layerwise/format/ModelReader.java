package org.layerwise.format;

import org.layerwise.net.Activation;
import org.layerwise.net.Affine;
import org.layerwise.net.Head;
import org.layerwise.net.Layer;
import org.layerwise.net.Layout;
import org.layerwise.net.Network;
import org.layerwise.net.Neuron;
import org.layerwise.numeric.Dyadic;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
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

    /**
     * Reads and verifies a model from a stream; {@code source} names it in messages. A stream that starts with
     * {@link ModelFile#MAGIC} is a binary container (version 3), anything else JSON (versions 1 and 2).
     */
    static Model read(InputStream in, ModelLimits limits, String source) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(in, 1 << 16);
        buffered.mark(ModelFile.MAGIC.length);
        byte[] start = buffered.readNBytes(ModelFile.MAGIC.length);
        boolean binary = java.util.Arrays.equals(start, ModelFile.MAGIC);
        if (!binary) {
            buffered.reset();
        }
        MessageDigest digest = binary ? ModelWriter.sha256() : null;
        if (binary) {
            digest.update(start);
        }
        InputStream header = binary ? headerStream(buffered, digest, limits, source) : buffered;
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
        TailDigest tail = binary ? null : new TailDigest(buffered);
        if (!binary) {
            header = tail;
        }
        try (JsonParser p = factory.createParser(header)) {
            Reader r = new Reader(p, limits, source);
            if (!binary) {
                return r.read(tail);
            }
            r.parse(true);
            if (p.nextToken() != null) {
                throw r.fail("trailing content after the header object");
            }
            List<Dyadic> constants = readLimbs(buffered, digest, r.declared(), source);
            byte[] stored = buffered.readNBytes(32);
            if (stored.length != 32) {
                throw new ModelFormatException(source + ": the file ends before its checksum");
            }
            byte[] actual = digest.digest();
            if (!MessageDigest.isEqual(stored, actual)) {
                throw new ModelFormatException(source + ": checksum mismatch: the file says "
                        + HexFormat.of().formatHex(stored) + " but its content hashes to "
                        + HexFormat.of().formatHex(actual));
            }
            if (buffered.read() != -1) {
                throw new ModelFormatException(source + ": trailing content after the checksum");
            }
            return r.build(constants);
        } catch (ModelFormatException e) {
            throw e;
        } catch (JsonProcessingException e) {
            throw new ModelFormatException(source + ": malformed or oversized JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** The header of a binary container: its declared length, then exactly that many bytes, digested as read. */
    private static InputStream headerStream(InputStream in, MessageDigest digest, ModelLimits limits, String source)
            throws IOException {
        byte[] len = in.readNBytes(8);
        if (len.length != 8) {
            throw new ModelFormatException(source + ": the file ends inside the header length");
        }
        digest.update(len);
        long n = ByteBuffer.wrap(len).order(ByteOrder.LITTLE_ENDIAN).getLong();
        if (n <= 0 || n > Math.min(limits.maxFileBytes(), Integer.MAX_VALUE)) {
            throw new ModelFormatException(source + ": header length " + Long.toUnsignedString(n)
                    + " is not in 1.." + Math.min(limits.maxFileBytes(), Integer.MAX_VALUE));
        }
        return new DigestInputStream(new BoundedStream(in, n, source), digest);
    }

    /** Reads the declared constants' limbs (sizes already checked against the limits), digesting every byte. */
    private static List<Dyadic> readLimbs(InputStream in, MessageDigest digest, List<long[]> declared, String source)
            throws IOException {
        List<Dyadic> out = new ArrayList<>(declared.size());
        byte[] buffer = new byte[1 << 16];
        for (int i = 0; i < declared.size(); i++) {
            long exp = declared.get(i)[0];
            int bytes = Math.toIntExact(8 * declared.get(i)[1]);
            byte[] be = new byte[bytes];
            int done = 0;
            while (done < bytes) {
                int n = in.read(buffer, 0, Math.min(buffer.length, bytes - done));
                if (n < 0) {
                    throw new ModelFormatException(source + ": the file ends inside the limbs of constant " + i);
                }
                digest.update(buffer, 0, n);
                for (int k = 0; k < n; k++) {
                    be[bytes - 1 - done - k] = buffer[k]; // little-endian stream into a big-endian array
                }
                done += n;
            }
            BigInteger m = new BigInteger(1, be);
            if (m.bitLength() <= bytes * 8L - 64) {
                throw new ModelFormatException(source + ": constant " + i + " declares " + bytes / 8
                        + " limbs but its top limb is zero");
            }
            try {
                out.add(Dyadic.of(m, exp));
            } catch (ArithmeticException e) {
                throw new ModelFormatException(source + ": constant " + i + ": " + e.getMessage());
            }
        }
        return out;
    }

    /**
     * Passes a stream through and digests every byte but the last {@link #TAIL} (kept aside): for a file the writer
     * produced, the tail is the checksum member {@code ,"sha256":"<64 hex digits>"}} and the digest of the rest plus
     * the closing brace is the checksum of the canonical serialization.
     */
    private static final class TailDigest extends InputStream {
        /** {@code ,"sha256":"} + 64 hex digits + {@code "}}. */
        static final int TAIL = 11 + 64 + 2;
        private final InputStream in;
        private final MessageDigest digest = ModelWriter.sha256();
        private final byte[] ring = new byte[TAIL];
        private long count;

        TailDigest(InputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                accept((byte) b);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n <= 0) {
                return n;
            }
            // the bytes that leave the ring, then the new ones: digest all but the last TAIL
            int pass = n - TAIL;
            if (pass > 0) {
                flushRing();
                digest.update(b, off, pass);
                System.arraycopy(b, off + pass, ring, 0, TAIL);
                count = TAIL;
            } else {
                for (int k = 0; k < n; k++) {
                    accept(b[off + k]);
                }
            }
            return n;
        }

        /** Digests the ring's content (oldest first) and empties it. */
        private void flushRing() {
            int held = (int) Math.min(count, TAIL);
            int start = (int) (count % TAIL);
            for (int k = 0; k < held; k++) {
                int i = held < TAIL ? k : (start + k) % TAIL;
                digest.update(ring[i]);
            }
            count = 0;
        }

        private void accept(byte b) {
            if (count >= TAIL) {
                digest.update(ring[(int) (count % TAIL)]);
            }
            ring[(int) (count % TAIL)] = b;
            count++;
        }

        /** Whether the bytes read end with the member {@code "sha256":sha} and the rest hashes to it. */
        boolean verifies(String sha) {
            if (count < TAIL || sha == null || sha.length() != 64) {
                return false;
            }
            byte[] tail = new byte[TAIL];
            for (int k = 0; k < TAIL; k++) {
                tail[k] = ring[(int) ((count + k) % TAIL)];
            }
            String expected = ",\"sha256\":\"" + sha + "\"}";
            if (!expected.equals(new String(tail, java.nio.charset.StandardCharsets.ISO_8859_1))) {
                return false;
            }
            digest.update((byte) '}');
            return HexFormat.of().formatHex(digest.digest()).equals(sha);
        }
    }

    /** At most {@code limit} bytes of a stream; reading past them is the end of the stream. */
    private static final class BoundedStream extends InputStream {
        private final InputStream in;
        private final String source;
        private long left;

        BoundedStream(InputStream in, long limit, String source) {
            this.in = in;
            this.left = limit;
            this.source = source;
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) {
                return -1;
            }
            int b = in.read();
            if (b < 0) {
                throw new ModelFormatException(source + ": the file ends inside the header");
            }
            left--;
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int n = in.read(b, off, (int) Math.min(len, left));
            if (n < 0) {
                throw new ModelFormatException(source + ": the file ends inside the header");
            }
            left -= n;
            return n;
        }

        @Override
        public void close() {
            // the container's stream stays open for the limbs
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

        ModelFormatException fail(String message) {
            return new ModelFormatException(source + ": " + message);
        }

        // the members, as parsed (null: absent)
        private String format;
        private Integer version;
        private Integer dim;
        private Integer base;
        private Integer levels;
        private Integer bits;
        private String layout;
        private String sha;
        private List<Dyadic> amplitudes;
        private Map<String, Object> target;
        private List<Dyadic> constants;
        private List<long[]> declared;
        private List<List<Pending>> layers;
        private List<Pending> heads;
        /** The layout named by {@code layout}, once parsed. */
        private Layout known;

        /**
         * Reads a JSON model file (versions 1 and 2) and verifies its checksum: over the bytes read when the file is
         * exactly what the writer emits (the canonical serialization, then the checksum member last), else by
         * serializing the model canonically again.
         */
        Model read(TailDigest bytes) throws IOException {
            parse(false);
            if (p.nextToken() != null) {
                throw fail("trailing content after the model object");
            }
            Model m = build(constants == null ? List.of() : constants);
            if (bytes.verifies(sha)) {
                return m;
            }
            String expected = ModelWriter.checksum(m.network(), m.target(), version);
            if (!expected.equalsIgnoreCase(sha)) {
                throw fail("checksum mismatch: the file says " + sha + " but its content hashes to " + expected);
            }
            return m;
        }

        /**
         * Parses the object's members ({@code binary}: the header of the version-3 container, whose constants are
         * declared by their sizes and follow as limbs), checks that the required ones are present.
         */
        void parse(boolean binary) throws IOException {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw fail("not a JSON object");
            }
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
                    case "sha256" -> {
                        if (binary) {
                            throw fail("the version-3 header has no member 'sha256' (the checksum follows the limbs)");
                        }
                        sha = string(name);
                    }
                    case "amplitudes" -> amplitudes = dyadics(name);
                    case "target" -> target = target();
                    case "constants" -> {
                        if (binary) {
                            declared = array("constants", this::declaration);
                        } else {
                            constants = constants();
                        }
                    }
                    case "layers" -> layers = layers();
                    case "heads" -> heads = heads();
                    default -> throw fail("unknown member '" + name + "'");
                }
                if ("format".equals(name) && !ModelFile.FORMAT.equals(format)) {
                    throw fail("format is '" + format + "', expected '" + ModelFile.FORMAT + "'");
                }
                if ("version".equals(name)) {
                    checkVersion(binary);
                }
            }
            if (p.currentToken() != JsonToken.END_OBJECT) {
                throw fail("malformed model object");
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
                require(binary ? declared : constants, "constants");
            } else if (constants != null) {
                throw fail("version 1 has no member 'constants'");
            }
            require(layers, "layers");
            require(heads, "heads");
            if (!binary) {
                require(sha, "sha256");
            }
            known = Layout.byId(layout).orElse(null);
            if (known == null) {
                throw fail("unknown layout '" + layout + "'");
            }
        }

        private void checkVersion(boolean binary) {
            if (version < ModelFile.OLDEST_VERSION || version > ModelFile.VERSION) {
                throw fail("unknown version " + version + " (this program reads versions " + ModelFile.OLDEST_VERSION
                        + " to " + ModelFile.VERSION + ")");
            }
            if (binary != (version >= ModelFile.BINARY_VERSION)) {
                throw fail("version " + version + (binary ? " is not stored in the binary container"
                        : " is stored in the binary container, not as plain JSON"));
            }
        }

        /** The constants the version-3 header declares: {@code {exp, limbs}} each, within the limits. */
        List<long[]> declared() {
            return declared;
        }

        /** The model, its weights resolved against {@code table}, the constants. */
        Model build(List<Dyadic> table) {
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
            return new Model(net, target == null ? Map.of() : target, version);
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

        /** A constant of the version-3 header, {@code {"exp":e,"limbs":n}}: {@code {e, n}}, its bits accounted. */
        private long[] declaration(int index) throws IOException {
            String where = "constant " + index;
            startObject(where);
            Integer exp = null;
            Integer limbs = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                switch (name) {
                    case "exp" -> exp = integer(name);
                    case "limbs" -> limbs = integer(name);
                    default -> throw fail("unknown member '" + name + "' in " + where);
                }
            }
            if (exp == null || limbs == null) {
                throw fail(where + ": missing member '" + (exp == null ? "exp" : "limbs") + "'");
            }
            if (limbs < 1) {
                throw fail(where + ": 'limbs' = " + limbs + " is not positive");
            }
            if (Math.abs((long) exp) > ModelLimits.MAX_EXPONENT) {
                throw fail(where + ": exponent " + exp + " beyond the limit " + ModelLimits.MAX_EXPONENT);
            }
            if (64L * limbs > ModelLimits.MAX_WEIGHT_BITS || 8L * limbs > limits.maxFileBytes()) {
                throw fail(where + ": declares " + limbs + " limbs, more than one number or the file may hold");
            }
            spend(64L * limbs, where + " (" + limbs + " limbs)");
            return new long[] {exp, limbs};
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
