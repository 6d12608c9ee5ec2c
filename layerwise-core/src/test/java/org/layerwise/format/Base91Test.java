package org.layerwise.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class Base91Test {

    private static byte[] random(SplittableRandom rng, int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) rng.nextInt(256);
        }
        return b;
    }

    @Test
    void roundTripsEveryLengthUpTo100AndLargeArrays() {
        SplittableRandom rng = new SplittableRandom(91);
        for (int n = 0; n <= 100; n++) {
            for (int rep = 0; rep < 5; rep++) {
                byte[] b = random(rng, n);
                String s = Base91.encode(b);
                assertEquals(Base91.encodedLength(n), s.length(), "length for " + n + " bytes");
                assertArrayEquals(b, Base91.decode(s), "round trip of " + n + " bytes");
            }
        }
        for (int n : new int[] {13 * 10_000, 1_000_003}) {
            byte[] b = random(rng, n);
            assertArrayEquals(b, Base91.decode(Base91.encode(b)));
        }
    }

    @Test
    void extremeBlocksRoundTrip() {
        for (int n = 1; n <= 40; n++) {
            byte[] ones = new byte[n];
            java.util.Arrays.fill(ones, (byte) 0xff);
            assertArrayEquals(ones, Base91.decode(Base91.encode(ones)));
            byte[] zeros = new byte[n];
            String z = Base91.encode(zeros);
            assertTrue(z.chars().allMatch(c -> c == '!'), z);
            assertArrayEquals(zeros, Base91.decode(z));
        }
    }

    @Test
    void blockLengthIsTheLeastSufficientNumberOfDigits() {
        for (int r = 1; r <= Base91.BLOCK_BYTES; r++) {
            int m = (int) Base91.encodedLength(r);
            BigInteger radix = BigInteger.valueOf(91);
            BigInteger limit = BigInteger.ONE.shiftLeft(8 * r);
            assertTrue(radix.pow(m).compareTo(limit) >= 0, "91^" + m + " >= 256^" + r);
            assertTrue(radix.pow(m - 1).compareTo(limit) < 0, "91^" + (m - 1) + " < 256^" + r);
        }
        assertEquals(16 * 7 + 5, Base91.encodedLength(13 * 7 + 4));
        // asymptotically 16/13 characters per byte
        assertEquals(16.0 / 13, Base91.encodedLength(13_000_000) / 13e6, 1e-12);
    }

    @Test
    void digitsAreBigEndianBase91OverTheJsonSafeAlphabet() {
        // one byte 0xff = 255 = 2*91 + 73: digits 2 and 73
        String s = Base91.encode(new byte[] {(byte) 0xff});
        assertEquals(2, s.length());
        String alphabet = alphabet();
        assertEquals(2, alphabet.indexOf(s.charAt(0)));
        assertEquals(73, alphabet.indexOf(s.charAt(1)));
        assertEquals(91, alphabet.length());
        assertTrue(alphabet.indexOf('"') < 0 && alphabet.indexOf('\\') < 0 && alphabet.indexOf('\'') < 0);
        // all output characters are from the alphabet
        String big = Base91.encode(random(new SplittableRandom(3), 5000));
        assertTrue(big.chars().allMatch(c -> alphabet.indexOf(c) >= 0));
    }

    private static String alphabet() {
        StringBuilder sb = new StringBuilder();
        for (char c = '!'; c <= '~'; c++) {
            if (c != '"' && c != '\'' && c != '\\') {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    @Test
    void refusesMalformedText() {
        String ok = Base91.encode(random(new SplittableRandom(5), 30));
        // lengths whose remainder is no block size: 1, 6, 11 (mod 16)
        for (int bad : new int[] {1, 6, 11, 17, 22, 27}) {
            String t = "#".repeat(bad);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Base91.decode(t));
            assertTrue(e.getMessage().contains("characters"), e.getMessage());
        }
        for (char c : new char[] {'"', '\\', '\'', ' ', '\n', 'é'}) {
            String t = ok.substring(0, 5) + c + ok.substring(6);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Base91.decode(t));
            assertTrue(e.getMessage().contains("position 5"), e.getMessage());
        }
        // "~~" = 90*91 + 90 = 8280 > 255: a 2-digit block must stay below 256
        assertThrows(IllegalArgumentException.class, () -> Base91.decode("~~"));
        assertThrows(IllegalArgumentException.class, () -> Base91.decode("~".repeat(16)));
        assertArrayEquals(new byte[0], Base91.decode(""));
    }

    /** The digits of a block by BigInteger division: the specification's arithmetic, independent of the longs. */
    private static String referenceBlock(byte[] block) {
        String alphabet = alphabet();
        BigInteger v = new BigInteger(1, block);
        int m = (int) Base91.encodedLength(block.length);
        char[] out = new char[m];
        BigInteger radix = BigInteger.valueOf(91);
        for (int c = m - 1; c >= 0; c--) {
            BigInteger[] qr = v.divideAndRemainder(radix);
            out[c] = alphabet.charAt(qr[1].intValue());
            v = qr[0];
        }
        return new String(out);
    }

    @Test
    void everyBlockSizeMatchesBigIntegerDivisionAndItsLimits() {
        SplittableRandom rng = new SplittableRandom(13);
        String alphabet = alphabet();
        for (int r = 1; r <= Base91.BLOCK_BYTES; r++) {
            for (int rep = 0; rep < 200; rep++) {
                byte[] block = random(rng, r);
                assertEquals(referenceBlock(block), Base91.encode(block), r + " bytes");
            }
            // the largest value 256^r - 1 is accepted, the smallest refused value 256^r is refused
            BigInteger limit = BigInteger.ONE.shiftLeft(8 * r);
            int m = (int) Base91.encodedLength(r);
            for (int delta : new int[] {-1, 0}) {
                BigInteger v = limit.add(BigInteger.valueOf(delta));
                StringBuilder text = new StringBuilder();
                for (int c = 0; c < m; c++) {
                    text.insert(0, alphabet.charAt(v.mod(BigInteger.valueOf(91)).intValue()));
                    v = v.divide(BigInteger.valueOf(91));
                }
                if (delta < 0) {
                    byte[] ones = new byte[r];
                    java.util.Arrays.fill(ones, (byte) 0xff);
                    assertArrayEquals(ones, Base91.decode(text), r + " bytes: 256^r - 1");
                } else {
                    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                            () -> Base91.decode(text));
                    assertTrue(e.getMessage().contains("exceeds " + r + " bytes"), e.getMessage());
                }
            }
        }
    }

    @Test
    void theReaderStreamsTheSameCharactersAsEncode() throws java.io.IOException {
        SplittableRandom rng = new SplittableRandom(17);
        for (int n : new int[] {0, 1, 12, 13, 14, 26, 1000, 4099}) {
            byte[] b = random(rng, n + 6);
            String expected = Base91.encode(java.util.Arrays.copyOfRange(b, 3, 3 + n));
            for (int chunk : new int[] {1, 5, 16, 17, 4096}) {
                java.io.Reader in = Base91.reader(b, 3, n);
                StringBuilder got = new StringBuilder();
                char[] buf = new char[chunk];
                for (int k = in.read(buf, 0, chunk); k >= 0; k = in.read(buf, 0, chunk)) {
                    got.append(buf, 0, k);
                }
                assertEquals(expected, got.toString(), n + " bytes read in chunks of " + chunk);
            }
        }
    }
}
