package org.layerwise.format;

import org.layerwise.net.Affine;
import org.layerwise.net.Head;
import org.layerwise.net.Layer;
import org.layerwise.net.Network;
import org.layerwise.net.Neuron;
import org.layerwise.numeric.Dyadic;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Writes model files (the format is specified in {@link org.layerwise.format the package description}): version 4,
 * the binary container with CRC checks ({@link BlockChecks}), and the older versions, whose bytes are streamed through
 * a SHA-256 digest followed by the checksum. Also computes a model file's SHA-256 and size without storing its bytes.
 */
final class ModelWriter {

    private static final JsonFactory WRITE_FACTORY = new JsonFactory();
    private static final ObjectMapper TREE = new ObjectMapper();

    private ModelWriter() {
    }

    /**
     * Writes the model in {@code version}: for 1 and 2 the canonical JSON serialization followed by its checksum
     * member, for 3 the binary container followed by the SHA-256 of its bytes, for 4 the binary container with its
     * CRC checks ({@link BlockChecks}). Versions 1 to 3 are kept for tests and for tools that need the old formats.
     */
    static void write(OutputStream out, Network network, Map<String, ?> target, int version)
            throws IOException {
        checkVersion(version);
        if (version >= ModelFile.CHECKED_VERSION) {
            writeBinary(out, network, target, version);
            out.flush();
            return;
        }
        if (version >= ModelFile.BINARY_VERSION) {
            MessageDigest digest = sha256();
            writeBinary(new TeeStream(out, digest), network, target, version);
            out.write(digest.digest());
            out.flush();
            return;
        }
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

    /**
     * The binary container without the SHA-256 of version 3: magic, header length, header, then (version 4) the
     * header's check and the checks of the limbs' blocks, then the constants' limbs. Version 4 streams the limbs
     * twice, first through the block checks (which must precede them), then out.
     */
    private static void writeBinary(OutputStream out, Network network, Map<String, ?> target, int version)
            throws IOException {
        ByteArrayOutputStream start = new ByteArrayOutputStream();
        start.write(ModelFile.MAGIC);
        start.write(new byte[8]); // the header's length, filled in below
        JsonGenerator gen = WRITE_FACTORY.createGenerator(start, JsonEncoding.UTF8);
        List<Dyadic> constants = writeCanonicalMembers(gen, network, target, version);
        gen.writeEndObject();
        gen.close();
        byte[] head = start.toByteArray();
        ByteBuffer.wrap(head, ModelFile.MAGIC.length, 8).order(ByteOrder.LITTLE_ENDIAN)
                .putLong(head.length - ModelFile.MAGIC.length - 8L);
        out.write(head);
        if (version >= ModelFile.CHECKED_VERSION) {
            BlockChecks.Check check = new BlockChecks.Check();
            check.update(head, 0, head.length);
            out.write(BlockChecks.bytes(check.value()));
            long limbBytes = 0;
            for (Dyadic c : constants) {
                limbBytes = Math.addExact(limbBytes, 8 * ConstantLimbs.words(c));
            }
            BlockChecks.Table table = new BlockChecks.Table(limbBytes);
            for (Dyadic c : constants) {
                ConstantLimbs.write(table, c);
            }
            out.write(table.table());
        }
        for (Dyadic c : constants) {
            ConstantLimbs.write(out, c);
        }
    }

    /** The number of bytes {@link #write} produces for this model in {@code version}, without storing them. */
    static long size(Network network, Map<String, ?> target) {
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
            write(counter, network, target, ModelFile.VERSION);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return count[0];
    }

    /**
     * The SHA-256 (hex) of a model in {@code version}: of the canonical serialization (versions 1 and 2), of the
     * container's bytes before the checksum (version 3), of the whole file (version 4, which carries CRCs instead).
     */
    static String checksum(Network network, Map<String, ?> target, int version) {
        checkVersion(version);
        MessageDigest digest = sha256();
        try {
            TeeStream tee = new TeeStream(OutputStream.nullOutputStream(), digest);
            if (version >= ModelFile.BINARY_VERSION) {
                writeBinary(tee, network, target, version);
            } else {
                JsonGenerator gen = WRITE_FACTORY.createGenerator(tee, JsonEncoding.UTF8);
                writeCanonicalMembers(gen, network, target, version);
                gen.writeEndObject();
                gen.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static void checkVersion(int version) {
        if (version < ModelFile.OLDEST_VERSION || version > ModelFile.VERSION) {
            throw new IllegalArgumentException("model file version " + version + " (this program writes "
                    + ModelFile.OLDEST_VERSION + ".." + ModelFile.VERSION + ")");
        }
    }

    /**
     * Writes "{" and every member but the checksum, canonically; leaves the object open. Returns the constants
     * (empty for version 1).
     */
    private static List<Dyadic> writeCanonicalMembers(JsonGenerator gen, Network net, Map<String, ?> target, int version)
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
        gen.writeStringField("format", ModelFile.FORMAT);
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
                gen.writeStartObject();
                gen.writeNumberField("exp", c.exponent());
                if (version >= ModelFile.BINARY_VERSION) {
                    gen.writeNumberField("limbs", ConstantLimbs.words(c));
                } else {
                    byte[] bytes = c.mantissa().toByteArray();
                    // skip the sign byte BigInteger adds when the top bit is set; the text is streamed, not built
                    int off = bytes.length > 1 && bytes[0] == 0 ? 1 : 0;
                    int n = bytes.length - off;
                    gen.writeNumberField("bytes", n);
                    gen.writeFieldName("m");
                    gen.writeString(Base91.reader(bytes, off, n), Math.toIntExact(Base91.encodedLength(n)));
                }
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
        gen.writeEndArray();        return encoder == null ? List.of() : encoder.constants();
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

    static MessageDigest sha256() {
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
}
