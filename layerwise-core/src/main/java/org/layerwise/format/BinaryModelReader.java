package org.layerwise.format;

import org.layerwise.numeric.Dyadic;
import org.layerwise.numeric.LimbStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonParser;

/**
 * Reads versions 3 and 4, the binary container: after {@link ModelFile#MAGIC}, the header's length (8 bytes, unsigned
 * little-endian, {@code 1..min(maxFileBytes, 2^31 - 1)}), the JSON header of exactly that length, then
 * <ul>
 *   <li>version 4: the header's check, the checks of the limbs' 1 MiB blocks ({@link BlockChecks}), the limbs of every
 *       constant the header declares; each block is verified as soon as it has been read, the header as soon as it
 *       has been parsed;</li>
 *   <li>version 3: the limbs, then the SHA-256 of every byte before it.</li>
 * </ul>
 * Every byte is checked as it is read, so the checksum is verified without a second pass and without
 * re-serialization; a constant's limbs are allocated only after its declared size passed the limits. Which version
 * the container holds is known only from its header, so the header goes through both checksums.
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
     * @return the model, of version 3 or 4
     * @throws IOException          when the stream fails, or the header is malformed JSON or beyond the factory's
     *                              constraints ({@link com.fasterxml.jackson.core.JsonProcessingException})
     * @throws ModelFormatException when the file ends early, the header is refused, a constant's top limb is zero,
     *                              a checksum does not match (naming the header or the block of limbs), or anything
     *                              follows the last limb (version 4) or the checksum (version 3)
     */
    static Model read(InputStream in, JsonFactory factory, ReadBudget budget) throws IOException {
        String source = budget.source();
        MessageDigest digest = ModelWriter.sha256();
        BlockChecks.Check check = new BlockChecks.Check();
        LimbStore.ByteSink both = (b, off, len) -> {
            digest.update(b, off, len);
            check.update(b, off, len);
        };
        both.accept(ModelFile.MAGIC, 0, ModelFile.MAGIC.length);
        long length = headerLength(in, both, budget.limits(), source);
        InputStream header = new BoundedStream(in, length, source, both);
        ModelMembers m;
        ModelParser parser = null;
        try (JsonParser p = factory.createParser(header)) {
            parser = new ModelParser(p, budget);
            m = parser.parse(true);
            if (p.nextToken() != null) {
                throw budget.fail("trailing content after the header object");
            }
        } catch (ModelFormatException | JsonProcessingException e) {
            if (parser == null || parser.versionSoFar() != ModelFile.BINARY_VERSION) {
                refuseDamagedHeader(in, header, check, length, source, e);
            }
            throw e;
        }
        if (m.version() >= ModelFile.CHECKED_VERSION) {
            long headerEnd = 16 + length;
            verifyHeader(readExactly(in, BlockChecks.CHECK_BYTES, source, "the header's check"), check, headerEnd,
                    source);
            return readChecked(in, m, headerEnd + BlockChecks.CHECK_BYTES, budget);
        }
        List<Dyadic> constants = readLimbs(in, digest::update, m.declared(), source);
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
        requireEnd(in, source, "the checksum");
        return ModelAssembly.build(m, constants, budget);
    }

    /**
     * Version 4 after the header's check: the block checks, then the limbs verified block by block as they are read.
     *
     * @param tableOffset the file offset of the block checks
     */
    private static Model readChecked(InputStream in, ModelMembers m, long tableOffset, ReadBudget budget)
            throws IOException {
        String source = budget.source();
        List<long[]> declared = m.declared();
        long[] starts = new long[declared.size()];
        long limbBytes = 0;
        for (int i = 0; i < declared.size(); i++) {
            starts[i] = limbBytes;
            limbBytes += 8 * declared.get(i)[1]; // each within the file limit, their sum within the expanded bits
        }
        long blocks = BlockChecks.blocks(limbBytes);
        byte[] table = readExactly(in, Math.toIntExact(blocks * BlockChecks.CHECK_BYTES), source,
                "the checks of its " + blocks + " blocks of limbs");
        BlockChecks.Verifier verifier = new BlockChecks.Verifier(table, limbBytes, tableOffset + table.length,
                tableOffset, starts, source);
        List<Dyadic> constants = readLimbs(in, verifier, declared, source);
        requireEnd(in, source, "the last limb");
        return ModelAssembly.build(m, constants, budget);
    }

    /**
     * After the header of a version-4 file (or one whose version was not read yet) failed to parse: when its bytes
     * do not match the check that follows them, the file is damaged, and the refusal says so (naming the header's
     * bytes, with the parser's complaint); otherwise the caller rethrows the parser's refusal. A version-3 header
     * refused before its {@code version} member (the writer puts it second) is reported the same way, as the 8 bytes
     * after it are limbs, which match the header's check only by a chance of {@code 2^-64}.
     */
    private static void refuseDamagedHeader(InputStream in, InputStream header, BlockChecks.Check check, long length,
                                            String source, Exception parse) throws IOException {
        byte[] stored;
        try {
            header.transferTo(OutputStream.nullOutputStream()); // the rest of the header, through the checks
            stored = in.readNBytes(BlockChecks.CHECK_BYTES);
        } catch (ModelFormatException e) {
            return; // the file ends inside the header: the parser's refusal says what is wrong
        }
        if (stored.length == BlockChecks.CHECK_BYTES && BlockChecks.read(stored, 0) != check.value()) {
            throw new ModelFormatException(source + ": the header (bytes 0.." + (16 + length - 1)
                    + ") does not match the check after it (" + BlockChecks.text(check.value()) + " against "
                    + BlockChecks.text(BlockChecks.read(stored, 0)) + "): the file is damaged; the header reads as: "
                    + parse.getMessage(), parse);
        }
    }

    /** Compares the header's check (bytes {@code headerEnd .. headerEnd + 7}) with the header as read. */
    private static void verifyHeader(byte[] stored, BlockChecks.Check check, long headerEnd, String source) {
        long s = BlockChecks.read(stored, 0);
        if (s != check.value()) {
            throw new ModelFormatException(source + ": checksum mismatch in the header (bytes 0.." + (headerEnd - 1)
                    + "): it holds " + BlockChecks.text(check.value()) + " but its check at byte " + headerEnd
                    + " says " + BlockChecks.text(s) + "; the file is damaged");
        }
    }

    private static byte[] readExactly(InputStream in, int n, String source, String what) throws IOException {
        byte[] b = in.readNBytes(n);
        if (b.length != n) {
            throw new ModelFormatException(source + ": the file ends inside " + what);
        }
        return b;
    }

    private static void requireEnd(InputStream in, String source, String after) throws IOException {
        if (in.read() != -1) {
            throw new ModelFormatException(source + ": trailing content after " + after);
        }
    }

    /** The header's declared length (8 bytes, passed to {@code sink}), within the limits. */
    private static long headerLength(InputStream in, LimbStore.ByteSink sink, ModelLimits limits, String source)
            throws IOException {
        byte[] len = readExactly(in, 8, source, "the header length");
        sink.accept(len, 0, len.length);
        long n = ByteBuffer.wrap(len).order(ByteOrder.LITTLE_ENDIAN).getLong();
        if (n <= 0 || n > Math.min(limits.maxFileBytes(), Integer.MAX_VALUE)) {
            throw new ModelFormatException(source + ": header length " + Long.toUnsignedString(n)
                    + " is not in 1.." + Math.min(limits.maxFileBytes(), Integer.MAX_VALUE));
        }
        return n;
    }

    /** Reads the declared constants' limbs (sizes already checked against the limits), every byte to the sink. */
    private static List<Dyadic> readLimbs(InputStream in, LimbStore.ByteSink sink, List<long[]> declared,
                                          String source) throws IOException {
        List<Dyadic> out = new ArrayList<>(declared.size());
        for (int i = 0; i < declared.size(); i++) {
            out.add(ConstantLimbs.read(in, sink, declared.get(i)[0], declared.get(i)[1], source + ": constant " + i));
        }
        return out;
    }

    /**
     * At most {@code limit} bytes of a stream, each passed to a sink as read; reading past them is the end of the
     * stream.
     */
    private static final class BoundedStream extends InputStream {
        private final InputStream in;
        private final String source;
        private final LimbStore.ByteSink sink;
        private long left;

        BoundedStream(InputStream in, long limit, String source, LimbStore.ByteSink sink) {
            this.in = in;
            this.left = limit;
            this.source = source;
            this.sink = sink;
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
            sink.accept(new byte[] {(byte) b}, 0, 1);
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
            sink.accept(b, off, n);
            return n;
        }

        @Override
        public void close() {
            // the container's stream stays open for the limbs
        }
    }
}
