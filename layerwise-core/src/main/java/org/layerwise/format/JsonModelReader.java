package org.layerwise.format;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;

/**
 * Reads versions 1 and 2, a model stored as one JSON document whose last member is {@code "sha256"}, the SHA-256 (hex)
 * of the canonical serialization without that member. The constants' base-91 texts stream past the JSON parser
 * ({@link ConstantTextTap}: decoded as they are read, never held as strings). The checksum is verified over the bytes as read when the file
 * is exactly what {@link ModelWriter} emits (the common case, no second pass), else by serializing the model read
 * canonically again and hashing that, so a reformatted but unchanged file still loads.
 */
final class JsonModelReader {

    private JsonModelReader() {
    }

    /**
     * Reads and verifies a JSON model.
     *
     * @param in      the stream, at the document's first byte
     * @param factory the JSON factory carrying the size constraints of the limits
     * @param budget  the account of this read
     * @return the model, of the version the document declares
     * @throws IOException          when the stream fails, or the JSON is malformed or beyond the factory's constraints
     *                              ({@link com.fasterxml.jackson.core.JsonProcessingException})
     * @throws ModelFormatException when the document is refused or its checksum does not match
     */
    static Model read(InputStream in, JsonFactory factory, ReadBudget budget) throws IOException {
        TailDigest tail = new TailDigest(in);
        ConstantTextTap tap = new ConstantTextTap(tail, budget.limits().maxStringChars());
        try (JsonParser p = factory.createParser(tap)) {
            ModelMembers m = new ModelParser(p, budget, tap).parse(false);
            if (p.nextToken() != null) {
                throw budget.fail("trailing content after the model object");
            }
            Model model = ModelAssembly.build(m, m.constants() == null ? List.of() : m.constants(), budget);
            if (tail.verifies(m.sha())) {
                return model;
            }
            String expected = ModelWriter.checksum(model.network(), model.target(), m.version());
            if (!expected.equalsIgnoreCase(m.sha())) {
                throw budget.fail("checksum mismatch: the file says " + m.sha() + " but its content hashes to "
                        + expected);
            }
            return model;
        }
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
}
