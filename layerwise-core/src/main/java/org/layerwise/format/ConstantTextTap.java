package org.layerwise.format;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

import org.layerwise.numeric.Dyadic;
import org.layerwise.numeric.LimbStore;

/**
 * Streams the base-91 texts of a version-2 file's constants past the JSON parser: between the file and the parser, it
 * follows the JSON structure byte by byte, and the value of every member {@code "m"} of an object directly inside the
 * top-level {@code "constants"} array is decoded as it streams by ({@link Base91.Decoder}) and replaced by an empty
 * string for the parser. So no base-91 text is ever held as a string (the parser would hold it whole); the decoded
 * bytes are kept in 1 MiB pieces until {@link ModelParser} takes them ({@link #next}) and puts them into a
 * {@link LimbStore}. A text longer than {@link ModelLimits#maxStringChars()} is refused as it streams, with the
 * parser's own message; a text that is not base-91 is remembered and reported by {@link ModelParser} after the
 * declared sizes (the order of checks of a string read whole).
 */
final class ConstantTextTap extends FilterInputStream {

    /** One constant's text, as it streamed by: its length, and its bytes or why it is not base-91. */
    static final class Capture {
        private final List<byte[]> pieces = new ArrayList<>();
        private long bytes;
        private long chars;
        private String error;

        /** @return the number of characters of the text */
        long chars() {
            return chars;
        }

        /** @return why the text is not base-91, or null */
        String error() {
            return error;
        }

        private void add(byte[] b, int off, int len) {
            for (int i = 0; i < len; ) {
                long at = bytes & (PIECE - 1);
                if (at == 0) {
                    pieces.add(new byte[PIECE]);
                }
                int n = (int) Math.min(len - i, PIECE - at);
                System.arraycopy(b, off + i, pieces.get(pieces.size() - 1), (int) at, n);
                bytes += n;
                i += n;
            }
        }

        private int byteAt(long i) {
            return pieces.get((int) (i >>> PIECE_SHIFT))[(int) (i & (PIECE - 1))] & 0xff;
        }

        /**
         * The decoded bytes as the big-endian magnitude {@code M}, times {@code 2^exp}, held in limbs.
         *
         * @throws ArithmeticException when the exponent overflows
         */
        Dyadic value(long exp) {
            long n = bytes;
            LimbStore.Builder b = new LimbStore.Builder((n + 7) / 8, LimbStore.configuredChunkShift());
            for (long k = 0; k < b.words(); k++) {
                long w = 0;
                for (int i = 7; i >= 0; i--) { // byte n - 1 - 8k - i is bits 8i .. 8i+7 of word k
                    long at = n - 1 - 8 * k - i;
                    w = w << 8 | (at >= 0 ? byteAt(at) : 0);
                }
                b.set(k, w);
            }
            pieces.clear();
            return Dyadic.ofLimbs(b.build(), exp);
        }
    }

    private static final int PIECE_SHIFT = 20;
    private static final int PIECE = 1 << PIECE_SHIFT;
    private static final int MAX_DEPTH = 64;

    private final long maxChars;
    private final ArrayDeque<Capture> captures = new ArrayDeque<>();

    // the JSON structure: open containers (true: object), the last key of each open object, key or value next
    private final boolean[] object = new boolean[MAX_DEPTH + 1];
    private final boolean[] expectKey = new boolean[MAX_DEPTH + 1];
    private final String[] key = new String[MAX_DEPTH + 1];
    private int depth;
    private int constantsDepth = -1;
    private boolean inString;
    private boolean stringIsKey;
    private boolean escape;
    private final StringBuilder keyText = new StringBuilder();
    /** The text being decoded, null outside an {@code "m"} of a constant. */
    private Capture capture;
    private Base91.Decoder decoder;

    /**
     * @param in       the file's bytes
     * @param maxChars the longest text accepted, {@link ModelLimits#maxStringChars()}
     */
    ConstantTextTap(InputStream in, long maxChars) {
        super(in);
        this.maxChars = maxChars;
    }

    /**
     * The next constant's text, in file order.
     *
     * @return the capture, or null when no {@code "m"} text of a constant streamed by (not a string)
     */
    Capture next() {
        return captures.pollFirst();
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (true) {
            int n = in.read(b, off, len);
            if (n < 0) {
                return -1;
            }
            int w = off;
            for (int r = off; r < off + n; r++) {
                if (pass(b[r])) {
                    b[w++] = b[r];
                }
            }
            if (w > off) {
                return w - off;
            }
        }
    }

    /** Follows one byte; whether the parser sees it (the characters of a captured text are swallowed). */
    private boolean pass(byte c) {
        if (capture != null) {
            if (c != '"') {
                if (capture.chars >= maxChars) {
                    throw new ModelFormatException("malformed or oversized JSON: String value length ("
                            + (capture.chars + 1) + ") exceeds the maximum allowed (" + maxChars + ")");
                }
                capture.chars++;
                if (capture.error == null) {
                    try {
                        decoder.accept((char) (c & 0xff));
                    } catch (IllegalArgumentException e) {
                        capture.error = e.getMessage();
                    }
                }
                return false;
            }
            if (capture.error == null) {
                try {
                    decoder.finish();
                } catch (IllegalArgumentException e) {
                    capture.error = e.getMessage();
                }
            }
            captures.addLast(capture);
            capture = null;
            decoder = null;
            inString = false;
            return true;
        }
        if (inString) {
            if (escape) {
                escape = false;
            } else if (c == '\\') {
                escape = true;
            } else if (c == '"') {
                inString = false;
                if (stringIsKey && depth <= MAX_DEPTH) {
                    key[depth] = keyText.length() > 16 ? "" : keyText.toString();
                }
                return true;
            }
            if (stringIsKey && keyText.length() <= 16) {
                keyText.append((char) (c & 0xff));
            }
            return true;
        }
        switch (c) {
            case '{', '[' -> {
                depth++;
                if (depth <= MAX_DEPTH) {
                    object[depth] = c == '{';
                    expectKey[depth] = true;
                    key[depth] = null;
                    if (c == '[' && depth == 2 && object[1] && "constants".equals(key[1])) {
                        constantsDepth = depth;
                    }
                }
            }
            case '}', ']' -> {
                if (depth == constantsDepth) {
                    constantsDepth = -1;
                }
                depth = Math.max(0, depth - 1);
            }
            case ':' -> {
                if (depth <= MAX_DEPTH && depth > 0) {
                    expectKey[depth] = false;
                }
            }
            case ',' -> {
                if (depth <= MAX_DEPTH && depth > 0) {
                    expectKey[depth] = true;
                }
            }
            case '"' -> {
                boolean inObject = depth > 0 && depth <= MAX_DEPTH && object[depth];
                stringIsKey = inObject && expectKey[depth];
                if (stringIsKey) {
                    keyText.setLength(0);
                    inString = true;
                } else if (inObject && constantsDepth > 0 && depth == constantsDepth + 1 && "m".equals(key[depth])) {
                    Capture cap = new Capture();
                    capture = cap;
                    decoder = new Base91.Decoder(cap::add);
                } else {
                    inString = true;
                }
            }
            default -> {
                // whitespace, literals and numbers: nothing to follow
            }
        }
        return true;
    }
}
