package org.layerwise.format;

import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;

import org.layerwise.numeric.LimbStore;

/**
 * The integrity checks of version 4: a <em>check</em> of a range of bytes is its CRC-32C (Castagnoli,
 * {@link CRC32C}) and its CRC-32 (IEEE 802.3, {@link CRC32}), stored as 8 bytes, each CRC an unsigned 32-bit
 * little-endian integer, CRC-32C first. The header has one check; the limbs are cut into blocks of
 * {@value #BLOCK} bytes (the last one shorter), each with its own check, so that a damaged file is refused with the
 * block (and the constant) that fails, and no block depends on the others.
 *
 * <p><b>Why this pair.</b> Both CRCs run in hardware ({@code java.util.zip} uses the CPU's CRC32 and carry-less
 * multiply instructions): about 25 GB/s each here, 13 GB/s for the pair, against about 1.3 GB/s for SHA-256, so
 * checking costs a small part of reading the bytes. For a block of fixed length each CRC is an affine function of the bytes, so a damage pattern
 * {@code e(x)} (the flipped bits as a polynomial over GF(2)) goes unnoticed by a CRC exactly when its generator divides
 * {@code e(x)}. The two generators ({@code 0x1EDC6F41} and {@code 0x04C11DB7} with {@code x^32}) are coprime (their
 * greatest common divisor is 1; the IEEE one is irreducible, Castagnoli's has the factor {@code x + 1}), so the pair
 * misses {@code e} exactly when their product, of degree 64, divides it: the pair is a 64-bit CRC. It detects every
 * burst of at most 64 bits within a block, every damage of an odd number of bits, and lets random damage through with
 * probability {@code 2^-64} per block. It is an integrity check against accidental corruption, not against a crafted
 * file: anyone can recompute it. A crafted file is held off by the limits ({@link ModelLimits}), as before.
 */
final class BlockChecks {

    /** {@code log2} of the bytes per block of limbs. */
    static final int BLOCK_SHIFT = 20;
    /** Bytes per block of limbs, {@code 2^20} (1 MiB). */
    static final int BLOCK = 1 << BLOCK_SHIFT;
    /** Bytes of one check. */
    static final int CHECK_BYTES = 8;

    private BlockChecks() {
    }

    /**
     * The number of blocks of a limb region.
     *
     * @param bytes the region's length, {@code >= 0}
     * @return {@code ceil(bytes / BLOCK)}
     */
    static long blocks(long bytes) {
        return (bytes + BLOCK - 1) >>> BLOCK_SHIFT;
    }

    /** A running check of one range: both CRCs, updated together. */
    static final class Check {
        private final CRC32C castagnoli = new CRC32C();
        private final CRC32 ieee = new CRC32();

        /**
         * Adds bytes to the range.
         *
         * @param b   the bytes
         * @param off the first
         * @param len how many
         */
        void update(byte[] b, int off, int len) {
            castagnoli.update(b, off, len);
            ieee.update(b, off, len);
        }

        /** @return the check so far: CRC-32C in the low 32 bits, CRC-32 in the high 32 bits */
        long value() {
            return castagnoli.getValue() | ieee.getValue() << 32;
        }

        /** Starts a new range. */
        void reset() {
            castagnoli.reset();
            ieee.reset();
        }
    }

    /**
     * @param check a check as {@link Check#value()} returns it
     * @return its 8 stored bytes
     */
    static byte[] bytes(long check) {
        return ByteBuffer.allocate(CHECK_BYTES).order(ByteOrder.LITTLE_ENDIAN).putLong(check).array();
    }

    /**
     * @param b   stored checks
     * @param off where one starts
     * @return the check stored at {@code off}
     */
    static long read(byte[] b, int off) {
        return ByteBuffer.wrap(b, off, CHECK_BYTES).order(ByteOrder.LITTLE_ENDIAN).getLong();
    }

    /** The check as text for messages: {@code crc32c=xxxxxxxx crc32=xxxxxxxx}. */
    static String text(long check) {
        return String.format("crc32c=%08x crc32=%08x", check & 0xffffffffL, check >>> 32);
    }

    /** Receives the check of each block as it completes. */
    @FunctionalInterface
    private interface Completed {
        void block(int index, long check, long end);
    }

    /**
     * Cuts a region of {@code length} bytes into blocks of {@link #BLOCK} bytes (the last one shorter) as its bytes
     * go by, and hands on each block's check as soon as its last byte has passed.
     */
    private static final class Splitter {
        private final Check check = new Check();
        private final long length;
        private final Completed completed;
        private long done;
        private int block;

        Splitter(long length, Completed completed) {
            this.length = length;
            this.completed = completed;
        }

        void accept(byte[] b, int off, int len) {
            while (len > 0) {
                int n = (int) Math.min(len, BLOCK - (done & (BLOCK - 1)));
                check.update(b, off, n);
                done += n;
                off += n;
                len -= n;
                if ((done & (BLOCK - 1)) == 0 || done == length) {
                    completed.block(block++, check.value(), done);
                    check.reset();
                }
            }
        }

        /** @return whether every byte of the region has gone by */
        boolean complete() {
            return done == length;
        }
    }

    /**
     * Computes the checks of the blocks of a limb region from the bytes written through it (the writer streams the
     * limbs once through this, then writes {@link #table()} before them). Nothing is kept but the checks.
     */
    static final class Table extends OutputStream {
        private final ByteBuffer table;
        private final Splitter splitter;

        /** @param length the number of bytes the region will have */
        Table(long length) {
            table = ByteBuffer.allocate(Math.toIntExact(Math.multiplyExact(blocks(length), (long) CHECK_BYTES)))
                    .order(ByteOrder.LITTLE_ENDIAN);
            splitter = new Splitter(length, (index, check, end) -> table.putLong(check));
        }

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            splitter.accept(b, off, len);
        }

        /**
         * @return the checks of every block, in order, 8 bytes each
         * @throws IllegalStateException when fewer bytes were written than declared
         */
        byte[] table() {
            if (!splitter.complete()) {
                throw new IllegalStateException("the limb region is shorter than declared");
            }
            return table.array();
        }
    }

    /**
     * Verifies the blocks of a limb region as its bytes are read ({@link LimbStore.ByteSink}): each block is compared
     * with its stored check as soon as its last byte has passed, and a mismatch is refused at once, naming the block,
     * its bytes in the file, the constant it starts in and the offset of its check.
     */
    static final class Verifier implements LimbStore.ByteSink {
        private final Splitter splitter;

        /**
         * @param table          the stored checks, 8 bytes per block of the region
         * @param length         the region's length in bytes
         * @param fileOffset     where the region starts in the file
         * @param tableOffset    where {@code table} starts in the file
         * @param constantStarts each constant's first byte within the region, in order (for messages)
         * @param source         names the file in messages
         */
        Verifier(byte[] table, long length, long fileOffset, long tableOffset, long[] constantStarts, String source) {
            splitter = new Splitter(length, (block, actual, end) -> {
                long stored = read(table, block * CHECK_BYTES);
                if (stored != actual) {
                    long first = (long) block << BLOCK_SHIFT;
                    int constant = 0;
                    while (constant + 1 < constantStarts.length && constantStarts[constant + 1] <= first) {
                        constant++;
                    }
                    throw new ModelFormatException(source + ": checksum mismatch in limb block " + block
                            + " (file bytes " + (fileOffset + first) + ".." + (fileOffset + end - 1) + ", in constant "
                            + constant + "): it holds " + text(actual) + " but its check at byte "
                            + (tableOffset + (long) block * CHECK_BYTES) + " says " + text(stored)
                            + "; the file is damaged");
                }
            });
        }

        @Override
        public void accept(byte[] b, int off, int len) {
            splitter.accept(b, off, len);
        }
    }
}
