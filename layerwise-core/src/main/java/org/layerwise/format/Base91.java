package org.layerwise.format;

import java.io.Reader;
import java.math.BigInteger;

/**
 * A dense, JSON-safe text encoding of bytes: fixed blocks of 13 bytes written as 16 base-91 digits,
 * i.e. exactly {@code 16/13 = 1.2308} characters per byte (base64: 1.333, base85: 1.25).
 * Not compatible with the variable-length "basE91" of J. Henke; this one is a plain block code.
 *
 * <p><b>Alphabet.</b> The 91 printable ASCII characters {@code '!'..'~'} (0x21..0x7E) except
 * {@code '"'}, {@code '\''} and {@code '\\'}, in ascending ASCII order; the digit value of a character is
 * its position in that list ({@code '!'} = 0, {@code '#'} = 1, ..., {@code '~'} = 90). None of them
 * needs escaping in a JSON string.
 *
 * <p><b>Blocks.</b> The input is cut into blocks of 13 bytes; the last block may be shorter
 * ({@code r = 1..12} bytes). A block of {@code r} bytes is read as a big-endian unsigned integer
 * {@code v < 256^r} and written as {@code m(r)} base-91 digits, most significant first, where
 * {@code m(r)} is the least {@code m} with {@code 91^m >= 256^r}:
 * <pre>
 *   r    1 2 3 4 5 6 7 8  9 10 11 12 13
 *   m(r) 2 3 4 5 7 8 9 10 12 13 14 15 16
 * </pre>
 * So {@code n} bytes take {@link #encodedLength(long) 16 floor(n/13) + m(n mod 13)} characters
 * (0 for 0 bytes). Decoding refuses a length whose remainder mod 16 is not some {@code m(r)}
 * (1, 6 or 11), a character outside the alphabet, and a block whose value is {@code >= 256^r}:
 * every byte array has exactly one encoding.
 *
 * <p><b>Arithmetic.</b> A block's value {@code v < 2^104} is held in two longs, {@code v = hi 2^48 + lo} with
 * {@code lo < 2^48} and {@code hi < 2^56}: a digit costs two long divisions by 91 when encoding
 * ({@code hi = 91 q1 + r1}, then {@code r1 2^48 + lo = 91 q2 + digit}, every intermediate below {@code 2^55}) and two
 * multiplications when decoding, instead of a byte-by-byte long division of the block.
 */
public final class Base91 {

    /** Bytes per full block. */
    public static final int BLOCK_BYTES = 13;
    /** Characters per full block. */
    public static final int BLOCK_CHARS = 16;

    private static final char[] ALPHABET = alphabet();
    private static final int[] VALUE = new int[128];
    /** CHARS[r] = m(r), the digits of a block of r bytes. */
    private static final int[] CHARS = new int[BLOCK_BYTES + 1];
    /** BYTES_OF[c] = r with m(r) = c, or -1 when no block has c digits. */
    private static final int[] BYTES_OF = new int[BLOCK_CHARS + 1];
    /** Bits of the low part {@code lo} of a block's value. */
    private static final int LOW_BITS = 48;
    private static final long LOW_MASK = (1L << LOW_BITS) - 1;

    static {
        java.util.Arrays.fill(VALUE, -1);
        for (int i = 0; i < ALPHABET.length; i++) {
            VALUE[ALPHABET[i]] = i;
        }
        java.util.Arrays.fill(BYTES_OF, -1);
        BigInteger radix = BigInteger.valueOf(91);
        for (int r = 1; r <= BLOCK_BYTES; r++) {
            BigInteger limit = BigInteger.ONE.shiftLeft(8 * r);
            int m = 0;
            BigInteger p = BigInteger.ONE;
            while (p.compareTo(limit) < 0) {
                p = p.multiply(radix);
                m++;
            }
            CHARS[r] = m;
            BYTES_OF[m] = r;
        }
        if (CHARS[BLOCK_BYTES] != BLOCK_CHARS) {
            throw new AssertionError("base-91 block size");
        }
    }

    private Base91() {
    }

    private static char[] alphabet() {
        StringBuilder sb = new StringBuilder(91);
        for (char c = '!'; c <= '~'; c++) {
            if (c != '"' && c != '\'' && c != '\\') {
                sb.append(c);
            }
        }
        if (sb.length() != 91) {
            throw new AssertionError("alphabet has " + sb.length() + " characters");
        }
        return sb.toString().toCharArray();
    }

    /**
     * The length of an encoding.
     *
     * @param n a number of bytes, {@code >= 0}
     * @return the number of characters that encode {@code n} bytes: {@code 16 floor(n/13) + m(n mod 13)}
     * @throws IllegalArgumentException if {@code n < 0}
     */
    public static long encodedLength(long n) {
        if (n < 0) {
            throw new IllegalArgumentException("negative length " + n);
        }
        int r = (int) (n % BLOCK_BYTES);
        return BLOCK_CHARS * (n / BLOCK_BYTES) + (r == 0 ? 0 : CHARS[r]);
    }

    /**
     * Encodes {@code bytes}; linear time.
     *
     * @param bytes the bytes
     * @return the text of {@link #encodedLength(long) encodedLength(bytes.length)} characters
     * @throws IllegalArgumentException if the text would be longer than a Java string can be
     */
    public static String encode(byte[] bytes) {
        long len = encodedLength(bytes.length);
        if (len > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(bytes.length + " bytes are too many to encode in one string");
        }
        char[] out = new char[(int) len];
        int pos = 0;
        for (int start = 0; start < bytes.length; start += BLOCK_BYTES) {
            pos += encodeBlock(bytes, start, Math.min(BLOCK_BYTES, bytes.length - start), out, pos);
        }
        return new String(out);
    }

    /**
     * The encoding of {@code len} bytes of {@code bytes} from {@code off}, produced block by block as it is read (for
     * writing a long encoding without holding its text): the same characters as {@link #encode} of that range.
     *
     * @param bytes the bytes (not copied: they must not change while the reader is used)
     * @param off   the first byte
     * @param len   the number of bytes
     * @return a reader of {@link #encodedLength(long) encodedLength(len)} characters
     * @throws IndexOutOfBoundsException if the range is not within {@code bytes}
     */
    public static Reader reader(byte[] bytes, int off, int len) {
        java.util.Objects.checkFromIndexSize(off, len, bytes.length);
        return new Reader() {
            private final char[] block = new char[BLOCK_CHARS];
            private int at = off;
            private int filled;
            private int used;

            @Override
            public int read(char[] cbuf, int cOff, int cLen) {
                java.util.Objects.checkFromIndexSize(cOff, cLen, cbuf.length);
                int n = 0;
                while (n < cLen) {
                    if (used == filled) {
                        int left = off + len - at;
                        if (left == 0) {
                            break;
                        }
                        if (left >= BLOCK_BYTES && cLen - n >= BLOCK_CHARS) { // whole blocks straight into cbuf
                            n += encodeBlock(bytes, at, BLOCK_BYTES, cbuf, cOff + n);
                            at += BLOCK_BYTES;
                            continue;
                        }
                        int r = Math.min(BLOCK_BYTES, left);
                        filled = encodeBlock(bytes, at, r, block, 0);
                        used = 0;
                        at += r;
                    }
                    int k = Math.min(filled - used, cLen - n);
                    System.arraycopy(block, used, cbuf, cOff + n, k);
                    used += k;
                    n += k;
                }
                return n == 0 && cLen > 0 ? -1 : n;
            }

            @Override
            public void close() {
                // nothing to release
            }
        };
    }

    /** Writes the {@code m(r)} digits of the {@code r}-byte block at {@code at} to {@code out[pos..]}; returns m(r). */
    private static int encodeBlock(byte[] src, int at, int r, char[] out, int pos) {
        long hi = 0;
        long lo = 0;
        int split = Math.max(0, r - LOW_BITS / 8); // bytes [at, at + split) are hi, the rest (at most 6) lo
        for (int k = 0; k < split; k++) {
            hi = (hi << 8) | (src[at + k] & 0xffL);
        }
        for (int k = split; k < r; k++) {
            lo = (lo << 8) | (src[at + k] & 0xffL);
        }
        int m = CHARS[r];
        for (int c = m - 1; c >= 0; c--) {
            long q1 = hi / 91;
            long cur = ((hi - 91 * q1) << LOW_BITS) | lo;
            long q2 = cur / 91;
            out[pos + c] = ALPHABET[(int) (cur - 91 * q2)];
            hi = q1;
            lo = q2;
        }
        return m;
    }

    /**
     * Decodes {@code text}, the inverse of {@link #encode}.
     *
     * @param text an encoding
     * @return the bytes it encodes
     * @throws IllegalArgumentException naming the position when the text is not an encoding
     */
    public static byte[] decode(CharSequence text) {
        int len = text.length();
        int full = len / BLOCK_CHARS;
        int rest = len % BLOCK_CHARS;
        int restBytes = rest == 0 ? 0 : BYTES_OF[rest];
        if (restBytes < 0) {
            throw new IllegalArgumentException("base-91 text of " + len + " characters: no block has " + rest
                    + " characters");
        }
        byte[] out = new byte[full * BLOCK_BYTES + restBytes];
        int pos = 0;
        int outPos = 0;
        while (pos < len) {
            int m = Math.min(BLOCK_CHARS, len - pos);
            outPos += decodeBlock(text, pos, m, out, outPos, pos);
            pos += m;
        }
        return out;
    }

    /**
     * Decodes one block of {@code m} digits ({@code m} some {@code m(r)}) at {@code text[pos..pos+m)} into
     * {@code out[outPos..outPos+r)}.
     *
     * @param at the block's position in the whole text, for messages
     * @return {@code r}, the bytes written
     * @throws IllegalArgumentException for a character outside the alphabet or a value {@code >= 256^r}
     */
    private static int decodeBlock(CharSequence text, int pos, int m, byte[] out, int outPos, long at) {
        int r = BYTES_OF[m];
        long hi = 0;
        long lo = 0;
        for (int c = 0; c < m; c++) {
            char ch = text.charAt(pos + c);
            int v = ch < 128 ? VALUE[ch] : -1;
            if (v < 0) {
                throw new IllegalArgumentException("character '" + ch + "' (U+" + String.format("%04X", (int) ch)
                        + ") at position " + (at + c) + " is not a base-91 digit");
            }
            lo = lo * 91 + v; // < 2^48 91 + 91 < 2^55
            hi = hi * 91 + (lo >>> LOW_BITS); // hi < 2^56 before, so < 2^63
            lo &= LOW_MASK;
            if (hi >>> 56 != 0) { // already >= 2^104 >= 256^r
                throw exceeds(at, r);
            }
        }
        // v < 256^r, i.e. v >> 8r == 0
        int bits = 8 * r;
        boolean fits = bits <= LOW_BITS ? hi == 0 && lo >>> bits == 0 : hi >>> (bits - LOW_BITS) == 0;
        if (!fits) {
            throw exceeds(at, r);
        }
        for (int k = r - 1; k >= 0; k--) { // byte k of the block, from the least significant end
            int shift = 8 * (r - 1 - k);
            out[outPos + k] = (byte) (shift < LOW_BITS ? lo >>> shift : hi >>> (shift - LOW_BITS));
        }
        return r;
    }

    /**
     * Decodes a base-91 text given a character at a time, without holding it (the reader of version-2 files feeds it
     * the characters of a constant's {@code "m"} as they stream by): the same blocks, checks and messages as
     * {@link #decode}, the bytes handed to a consumer a block at a time.
     */
    static final class Decoder {
        /** Receives decoded bytes, most significant first. */
        interface Sink {
            void accept(byte[] bytes, int off, int len);
        }

        private final Sink sink;
        private final char[] block = new char[BLOCK_CHARS];
        private final java.nio.CharBuffer view = java.nio.CharBuffer.wrap(block);
        private final byte[] bytes = new byte[BLOCK_BYTES];
        private int fill;
        private long chars;

        Decoder(Sink sink) {
            this.sink = sink;
        }

        /** @return the characters accepted so far */
        long chars() {
            return chars;
        }

        /**
         * @param ch the next character
         * @throws IllegalArgumentException when a full block is not a base-91 block
         */
        void accept(char ch) {
            block[fill++] = ch;
            chars++;
            if (fill == BLOCK_CHARS) {
                sink.accept(bytes, 0, decodeBlock(view, 0, BLOCK_CHARS, bytes, 0, chars - BLOCK_CHARS));
                fill = 0;
            }
        }

        /**
         * Decodes the last, possibly shorter, block.
         *
         * @throws IllegalArgumentException when the text's length or last block is not base-91
         */
        void finish() {
            if (fill == 0) {
                return;
            }
            if (BYTES_OF[fill] < 0) {
                throw new IllegalArgumentException("base-91 text of " + chars + " characters: no block has " + fill
                        + " characters");
            }
            sink.accept(bytes, 0, decodeBlock(view, 0, fill, bytes, 0, chars - fill));
            fill = 0;
        }
    }

    private static IllegalArgumentException exceeds(long pos, int r) {
        return new IllegalArgumentException("base-91 block at position " + pos + " exceeds " + r + " bytes");
    }
}
