package org.layerwise.format;

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
        int[] block = new int[BLOCK_BYTES];
        int pos = 0;
        for (int start = 0; start < bytes.length; start += BLOCK_BYTES) {
            int r = Math.min(BLOCK_BYTES, bytes.length - start);
            for (int k = 0; k < r; k++) {
                block[k] = bytes[start + k] & 0xff;
            }
            int m = CHARS[r];
            // repeated long division of the base-256 block by 91; remainders are the digits, least significant first
            for (int c = m - 1; c >= 0; c--) {
                int rem = 0;
                for (int k = 0; k < r; k++) {
                    int cur = (rem << 8) | block[k];
                    block[k] = cur / 91;
                    rem = cur % 91;
                }
                out[pos + c] = ALPHABET[rem];
            }
            pos += m;
        }
        return new String(out);
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
        int[] block = new int[BLOCK_BYTES + 1];
        int pos = 0;
        int outPos = 0;
        while (pos < len) {
            int m = Math.min(BLOCK_CHARS, len - pos);
            int r = BYTES_OF[m];
            // block[0] collects any overflow beyond r bytes
            java.util.Arrays.fill(block, 0, r + 1, 0);
            for (int c = 0; c < m; c++) {
                char ch = text.charAt(pos + c);
                int v = ch < 128 ? VALUE[ch] : -1;
                if (v < 0) {
                    throw new IllegalArgumentException("character '" + ch + "' (U+" + String.format("%04X", (int) ch)
                            + ") at position " + (pos + c) + " is not a base-91 digit");
                }
                int carry = v;
                for (int k = r; k >= 0; k--) {
                    int cur = block[k] * 91 + carry;
                    block[k] = cur & 0xff;
                    carry = cur >>> 8;
                }
                if (carry != 0 || block[0] != 0) {
                    throw new IllegalArgumentException("base-91 block at position " + pos + " exceeds " + r + " bytes");
                }
            }
            for (int k = 1; k <= r; k++) {
                out[outPos++] = (byte) block[k];
            }
            pos += m;
        }
        return out;
    }
}
