package org.layerwise.numeric;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.math.BigInteger;
import java.nio.ByteOrder;

/**
 * An immutable non-negative integer {@code V} held as little-endian 64-bit limbs in chunks of {@code 2^chunkShift}
 * words each ({@code byte[][]} of little-endian words, so that a file's limbs are read straight into them; word
 * {@code k} holds bits {@code 64k .. 64k+63} and lives in chunk
 * {@code k >> chunkShift}), so that it may exceed the {@code 2^31} bits of a {@link BigInteger} and of one Java
 * array. This is how a level's packed phase {@code theta_l} is held (construction, model file, fast evaluator); a
 * {@link BigInteger} of it is built only when asked ({@link #oddPart()}, lazily, once).
 *
 * <p>Sizes: {@link #bitLength()} ({@code 0} for zero), {@link #lowestSetBit()} ({@code -1} for zero), both
 * computed once when the store is built. Reads: {@link #word}, {@link #extract} (a window of up to 64 bits at any
 * bit position, across word and chunk boundaries; bits beyond the top read as 0) and {@link #highestSetBelow}.
 * Built by a {@link Builder} (words set once, possibly from several threads on disjoint words, then frozen by
 * {@link Builder#build()}), from a {@link BigInteger} ({@link #of}) or from a stream of little-endian words
 * ({@link #read}).
 */
public final class LimbStore {

    /** The default chunk size, {@code 2^20} words (8 MiB). */
    public static final int DEFAULT_CHUNK_SHIFT = 20;

    /** The largest chunk size, {@code 2^27} words (1 GiB, one Java array). */
    public static final int MAX_CHUNK_SHIFT = 27;

    /** The system property that overrides {@link #DEFAULT_CHUNK_SHIFT} (tests and checks use tiny chunks). */
    public static final String CHUNK_SHIFT_PROPERTY = "layerwise.limbs.chunkShift";

    /**
     * The chunk size the construction, the model reader and the fast evaluator use: the system property
     * {@value #CHUNK_SHIFT_PROPERTY} when set, else {@link #DEFAULT_CHUNK_SHIFT}.
     *
     * @return {@code log2} of the words per chunk, {@code 0 .. 27}
     * @throws IllegalArgumentException naming the value when the property is not an integer in {@code 0 .. 27}
     */
    public static int configuredChunkShift() {
        String v = System.getProperty(CHUNK_SHIFT_PROPERTY);
        if (v == null) {
            return DEFAULT_CHUNK_SHIFT;
        }
        try {
            int s = Integer.parseInt(v.strip());
            if (s >= 0 && s <= MAX_CHUNK_SHIFT) {
                return s;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(CHUNK_SHIFT_PROPERTY + " = '" + v + "' is not an integer in 0.." + MAX_CHUNK_SHIFT);
    }

    /**
     * The chunk size for a store of {@code words} that is read whole from a file: {@link #configuredChunkShift()} when
     * the property {@value #CHUNK_SHIFT_PROPERTY} is set, else the smallest size from {@link #DEFAULT_CHUNK_SHIFT} to
     * {@link #MAX_CHUNK_SHIFT} that holds all the words in one chunk. One array per phase, as
     * {@code Files.readAllBytes} would hold the bytes: the serial collector allocates a large array in the old
     * generation, while chunks of 8 MiB are allocated in the young one and copied out of it by a young collection
     * while the file is still being read (JMH {@code LoadBenchmark}, cone2d {@code L = 12}, {@code -Xmx3g}, serial
     * collector: 76 ms a load with 8 MiB chunks, 54 ms with one chunk per phase, against 38-40 ms for
     * {@code readAllBytes}).
     *
     * @param words the number of words of the store, {@code >= 0}
     * @return {@code log2} of the words per chunk, {@code 0 .. 27}
     * @throws IllegalArgumentException naming the value when the property is set but not an integer in {@code 0 .. 27}
     */
    public static int readChunkShift(long words) {
        if (System.getProperty(CHUNK_SHIFT_PROPERTY) != null) {
            return configuredChunkShift();
        }
        int shift = DEFAULT_CHUNK_SHIFT;
        while (shift < MAX_CHUNK_SHIFT && words > 1L << shift) {
            shift++;
        }
        return shift;
    }

    private static final VarHandle LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    /** Bytes moved per stream call. */
    private static final int IO_BYTES = 1 << 16;
    /** Bytes per read call of {@link #read}. */
    private static final int READ_BYTES = 1 << 20;
    /** Words per block of the nonzero index (see {@link #highestSetBelow}). */
    private static final int BLOCK_SHIFT = 6;

    private final byte[][] chunks;
    private final int chunkShift;
    private final long chunkMask;
    private final long words;
    private final long bitLength;
    private final long lowestSetBit;
    /** For each block of {@code 2^BLOCK_SHIFT} words, the largest block index {@code <=} it holding a nonzero word. */
    private final int[] previousNonzeroBlock;
    /** {@code V >> lowestSetBit} as a BigInteger, built on first demand. */
    private volatile BigInteger odd;

    private LimbStore(byte[][] chunks, int chunkShift, long words) {
        this.chunks = chunks;
        this.chunkShift = chunkShift;
        this.chunkMask = (1L << chunkShift) - 1;
        this.words = words;
        long top = -1;
        for (long k = words - 1; k >= 0; k--) {
            long w = word(k);
            if (w != 0) {
                top = (k << 6) + 63 - Long.numberOfLeadingZeros(w);
                break;
            }
        }
        this.bitLength = top + 1;
        long low = -1;
        for (long k = 0; k < words && top >= 0; k++) {
            long w = word(k);
            if (w != 0) {
                low = (k << 6) + Long.numberOfTrailingZeros(w);
                break;
            }
        }
        this.lowestSetBit = low;
        long blocks = (words + (1L << BLOCK_SHIFT) - 1) >>> BLOCK_SHIFT;
        if (blocks > Integer.MAX_VALUE - 8) {
            throw new ArithmeticException("a limb store of " + words + " words is beyond this version's index");
        }
        previousNonzeroBlock = new int[(int) blocks];
        int last = -1;
        for (int b = 0; b < blocks; b++) {
            long end = Math.min(words, ((long) b + 1) << BLOCK_SHIFT);
            for (long k = (long) b << BLOCK_SHIFT; k < end; k++) {
                if (word(k) != 0) {
                    last = b;
                    break;
                }
            }
            previousNonzeroBlock[b] = last;
        }
    }

    /**
     * Collects the words of a store: {@link #set} or {@link #or} any word (distinct threads may write distinct
     * words), then {@link #build()} once.
     */
    public static final class Builder {
        private byte[][] chunks;
        private final int chunkShift;
        private final long chunkMask;
        private final long words;

        /**
         * @param words      the number of words, {@code >= 0}
         * @param chunkShift {@code log2} of the words per chunk, {@code 0 .. 27}
         * @throws IllegalArgumentException when a size is out of range
         */
        public Builder(long words, int chunkShift) {
            if (words < 0 || chunkShift < 0 || chunkShift > MAX_CHUNK_SHIFT) {
                throw new IllegalArgumentException("limb store of " + words + " words in chunks of 2^" + chunkShift);
            }
            long n = (words + (1L << chunkShift) - 1) >>> chunkShift;
            if (n > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("limb store of " + words + " words needs " + n + " chunks");
            }
            this.chunkShift = chunkShift;
            this.chunkMask = (1L << chunkShift) - 1;
            this.words = words;
            chunks = new byte[(int) n][];
            for (int c = 0; c < n; c++) {
                long first = (long) c << chunkShift;
                chunks[c] = new byte[(int) (8 * Math.min(1L << chunkShift, words - first))];
            }
        }

        /** @return the number of words */
        public long words() {
            return words;
        }

        /**
         * @param k the word index, {@code 0 <= k < words}
         * @param v its value
         */
        public void set(long k, long v) {
            LE.set(chunks[(int) (k >>> chunkShift)], (int) (k & chunkMask) << 3, v);
        }

        /**
         * ORs the low {@code count <= 64} bits of {@code value} into bits {@code pos .. pos + count - 1}.
         *
         * @param pos   the lowest bit's index
         * @param value the bits
         * @param count how many, {@code 1 .. 64}
         */
        public void or(long pos, long value, int count) {
            if (count < 64) {
                value &= (1L << count) - 1;
            }
            long w = pos >>> 6;
            int off = (int) (pos & 63);
            orWord(w, value << off);
            if (off != 0 && off + count > 64) {
                orWord(w + 1, value >>> (64 - off));
            }
        }

        private void orWord(long k, long v) {
            byte[] c = chunks[(int) (k >>> chunkShift)];
            int at = (int) (k & chunkMask) << 3;
            LE.set(c, at, (long) LE.get(c, at) | v);
        }

        /**
         * Freezes the words into a store; the builder must not be used afterwards.
         *
         * @return the store
         */
        public LimbStore build() {
            byte[][] c = chunks;
            chunks = null;
            return new LimbStore(c, chunkShift, words);
        }
    }

    /**
     * A non-negative BigInteger as a store; linear time.
     *
     * @param v          the integer, {@code >= 0}
     * @param chunkShift {@code log2} of the words per chunk
     * @return a store of {@code ceil(bitLength / 64)} words
     */
    public static LimbStore of(BigInteger v, int chunkShift) {
        if (v.signum() < 0) {
            throw new IllegalArgumentException("a limb store holds a non-negative integer, got a negative one");
        }
        long[] flat = Limbs.toWords(v, 0);
        long n = (v.bitLength() + 63L) / 64;
        Builder b = new Builder(n, chunkShift);
        for (int k = 0; k < n; k++) {
            b.set(k, flat[k]);
        }
        return b.build();
    }

    /** Receives the bytes {@link #read} reads, in order, each once (a digest, a checksum). */
    @FunctionalInterface
    public interface ByteSink {
        /**
         * @param b   the bytes
         * @param off the first one
         * @param len how many
         */
        void accept(byte[] b, int off, int len);
    }

    /**
     * Reads {@code words} little-endian 64-bit words from a stream, least significant first, passing every byte to
     * {@code sink} right after it is read (while it is still in the cache).
     *
     * @param in         the stream
     * @param sink       receives the bytes read (null: none), e.g. {@code digest::update}
     * @param words      how many words
     * @param chunkShift {@code log2} of the words per chunk
     * @return the store
     * @throws IOException  when the stream fails
     * @throws EOFException when the stream ends before the last word
     */
    public static LimbStore read(InputStream in, ByteSink sink, long words, int chunkShift) throws IOException {
        Builder b = new Builder(words, chunkShift);
        long done = 0; // bytes read so far
        for (byte[] chunk : b.chunks) {
            // straight into the chunk, in reads of at most READ_BYTES (the sink sees every byte once)
            for (int at = 0; at < chunk.length; ) {
                int n = in.read(chunk, at, Math.min(READ_BYTES, chunk.length - at));
                if (n < 0) {
                    throw new java.io.EOFException("the stream ends after " + (done + at) + " of " + 8 * words
                            + " bytes of limbs");
                }
                if (sink != null) {
                    sink.accept(chunk, at, n);
                }
                at += n;
            }
            done += chunk.length;
        }
        return b.build();
    }

    /**
     * Streams {@code ceil((bitLength - from) / 64)} little-endian words of {@code V >> from} (bits {@code >= from}),
     * least significant first.
     *
     * @param out  the stream
     * @param from the first bit, {@code 0 <= from < bitLength}
     * @throws IOException when the stream fails
     */
    public void writeFrom(OutputStream out, long from) throws IOException {
        long n = (bitLength - from + 63) / 64;
        byte[] buffer = new byte[(int) Math.min(IO_BYTES, Math.max(8, 8 * n))];
        int fill = 0;
        boolean aligned = (from & 63) == 0;
        for (long k = 0; k < n; k++) {
            long w = aligned ? word((from >>> 6) + k) : extract(from + 64 * k, 64);
            LE.set(buffer, fill, w);
            fill += 8;
            if (fill == buffer.length) {
                out.write(buffer, 0, fill);
                fill = 0;
            }
        }
        out.write(buffer, 0, fill);
    }

    /** @return the number of words held (the top ones may be zero) */
    public long words() {
        return words;
    }

    /** @return {@code log2} of the words per chunk */
    public int chunkShift() {
        return chunkShift;
    }

    /** @return {@code bitLength(V)}, 0 for zero */
    public long bitLength() {
        return bitLength;
    }

    /** @return the index of the lowest set bit of {@code V}, -1 for zero */
    public long lowestSetBit() {
        return lowestSetBit;
    }

    /**
     * @param k a word index ({@code >= 0})
     * @return word {@code k}, 0 beyond the held words
     */
    public long word(long k) {
        if (k >= words || k < 0) {
            return 0L;
        }
        return (long) LE.get(chunks[(int) (k >>> chunkShift)], (int) (k & chunkMask) << 3);
    }

    /**
     * @param i a bit index
     * @return whether bit {@code i} is set (false for negative or beyond the top)
     */
    public boolean testBit(long i) {
        return i >= 0 && (word(i >>> 6) >>> (i & 63) & 1L) != 0;
    }

    /**
     * A window of bits.
     *
     * @param from  the index of the window's lowest bit (may be negative: those bits read as 0)
     * @param count the width, {@code 1 .. 64}
     * @return bits {@code [from, from + count)} as the low bits of a long; bits outside {@code [0, bitLength)} are 0
     */
    public long extract(long from, int count) {
        long v;
        if (from >= 0) {
            long w = from >>> 6;
            int off = (int) (from & 63);
            v = word(w) >>> off;
            if (off != 0) {
                v |= word(w + 1) << (64 - off);
            }
        } else if (from > -64) {
            v = word(0) << (int) -from;
        } else {
            v = 0;
        }
        return count >= 64 ? v : v & ((1L << count) - 1);
    }

    /**
     * The index of the highest set bit below {@code limit}, in time independent of how many zero words lie between
     * (an index of nonzero blocks of {@code 64} words).
     *
     * @param limit a bit index, {@code >= 0}
     * @return the largest {@code i < limit} with bit {@code i} set, or -1
     */
    public long highestSetBelow(long limit) {
        if (limit <= 0 || lowestSetBit < 0) {
            return -1;
        }
        if (limit > bitLength) {
            return bitLength - 1;
        }
        long w = (limit - 1) >>> 6;
        int bit = (int) ((limit - 1) & 63);
        long masked = bit == 63 ? word(w) : word(w) & ((1L << (bit + 1)) - 1);
        if (masked != 0) {
            return (w << 6) + 63 - Long.numberOfLeadingZeros(masked);
        }
        long blockStart = (w >>> BLOCK_SHIFT) << BLOCK_SHIFT;
        for (long k = w - 1; k >= blockStart; k--) {
            long x = word(k);
            if (x != 0) {
                return (k << 6) + 63 - Long.numberOfLeadingZeros(x);
            }
        }
        int blk = (int) (w >>> BLOCK_SHIFT) - 1;
        int p = blk < 0 ? -1 : previousNonzeroBlock[blk];
        if (p < 0) {
            return -1;
        }
        for (long k = Math.min(words, ((long) p + 1) << BLOCK_SHIFT) - 1; k >= (long) p << BLOCK_SHIFT; k--) {
            long x = word(k);
            if (x != 0) {
                return (k << 6) + 63 - Long.numberOfLeadingZeros(x);
            }
        }
        return -1; // not reached: block p holds a nonzero word
    }

    /**
     * Whether {@code V >> lowestSetBit} (the odd part) equals that of another store; identical stores answer at
     * once, others are compared word by word.
     *
     * @param o another store
     * @return whether the odd parts are equal
     */
    public boolean oddPartEquals(LimbStore o) {
        if (o == this) {
            return true;
        }
        long n = bitLength - lowestSetBit;
        if (n != o.bitLength - o.lowestSetBit) {
            return false;
        }
        for (long i = 0; i < n; i += 64) {
            if (extract(lowestSetBit + i, 64) != o.extract(o.lowestSetBit + i, 64)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether every bit from the lowest set bit up to the top is set ({@code V >> lowestSetBit = 2^s - 1}).
     *
     * @return whether the odd part is a run of ones (false for zero)
     */
    public boolean oddPartIsRunOfOnes() {
        if (lowestSetBit < 0) {
            return false;
        }
        long n = bitLength - lowestSetBit;
        for (long i = 0; i < n; i += 64) {
            int c = (int) Math.min(64, n - i);
            long want = c == 64 ? -1L : (1L << c) - 1;
            if (extract(lowestSetBit + i, c) != want) {
                return false;
            }
        }
        return true;
    }

    /**
     * The odd part {@code V >> lowestSetBit} as a BigInteger, built on the first call and kept (for the reference
     * evaluator and other exact arithmetic on the whole value).
     *
     * @return the odd part (zero for zero)
     * @throws ArithmeticException naming the size when it has more bits than a BigInteger holds
     */
    public BigInteger oddPart() {
        BigInteger b = odd;
        if (b == null) {
            synchronized (this) {
                b = odd;
                if (b == null) {
                    b = toBigInteger();
                    odd = b;
                }
            }
        }
        return b;
    }

    private BigInteger toBigInteger() {
        if (lowestSetBit < 0) {
            return BigInteger.ZERO;
        }
        long n = bitLength - lowestSetBit;
        if (n > Integer.MAX_VALUE - 64) {
            throw new ArithmeticException("a number of " + n + " bits is beyond what a BigInteger holds (2^31 bits)");
        }
        int bytes = (int) ((n + 7) / 8);
        byte[] be = new byte[bytes];
        int wordsOut = (int) ((n + 63) / 64);
        for (int k = 0; k < wordsOut; k++) {
            long w = extract(lowestSetBit + 64L * k, 64);
            for (int i = 0; i < 8; i++) {
                int fromLow = 8 * k + i; // byte index from the least significant end
                if (fromLow < bytes) {
                    be[bytes - 1 - fromLow] = (byte) (w >>> (8 * i));
                }
            }
        }
        return new BigInteger(1, be);
    }
}
