package org.layerwise.format;

import org.layerwise.numeric.Dyadic;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;

/**
 * Reads version 3, the binary container: after {@link ModelFile#MAGIC}, the header's length (8 bytes, unsigned
 * little-endian, {@code 1..min(maxFileBytes, 2^31 - 1)}), the JSON header of exactly that length, the limbs of every
 * constant the header declares, and the SHA-256 of every byte before it. Every byte is digested as it is read, so
 * the checksum is verified without a second pass and without re-serialization; a constant's limbs are allocated
 * only after its declared size passed the limits.
 */
final class BinaryModelReader {

    private BinaryModelReader() {
    }

    /**
     * Reads and verifies a binary container.
     *
     * @param in      the stream, just after the magic
     * @param factory the JSON factory carrying the size constraints of the limits (for the header)
     * @param budget  the account of this read
     * @return the model, of version 3
     * @throws IOException          when the stream fails, or the header is malformed JSON or beyond the factory's
     *                              constraints ({@link com.fasterxml.jackson.core.JsonProcessingException})
     * @throws ModelFormatException when the file ends early, the header is refused, a constant's top limb is zero,
     *                              the checksum does not match, or anything follows the checksum
     */
    static Model read(InputStream in, JsonFactory factory, ReadBudget budget) throws IOException {
        String source = budget.source();
        MessageDigest digest = ModelWriter.sha256();
        digest.update(ModelFile.MAGIC);
        InputStream header = headerStream(in, digest, budget.limits(), source);
        try (JsonParser p = factory.createParser(header)) {
            ModelMembers m = new ModelParser(p, budget).parse(true);
            if (p.nextToken() != null) {
                throw budget.fail("trailing content after the header object");
            }
            List<Dyadic> constants = readLimbs(in, digest, m.declared(), source);
            byte[] stored = in.readNBytes(32);
            if (stored.length != 32) {
                throw new ModelFormatException(source + ": the file ends before its checksum");
            }
            byte[] actual = digest.digest();
            if (!MessageDigest.isEqual(stored, actual)) {
                throw new ModelFormatException(source + ": checksum mismatch: the file says "
                        + HexFormat.of().formatHex(stored) + " but its content hashes to "
                        + HexFormat.of().formatHex(actual));
            }
            if (in.read() != -1) {
                throw new ModelFormatException(source + ": trailing content after the checksum");
            }
            return ModelAssembly.build(m, constants, budget);
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
        for (int i = 0; i < declared.size(); i++) {
            out.add(ConstantLimbs.read(in, digest, declared.get(i)[0], declared.get(i)[1], source + ": constant " + i));
        }
        return out;
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
}
