package org.layerwise.numeric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.math.BigInteger;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * The limb store against BigInteger on small sizes, with tiny chunks (1, 2 and 4 words) so that windows cross chunk
 * boundaries; and the dyadic values held in limbs against the same values held as BigIntegers.
 */
class LimbStoreTest {

    private static final Random RNG = new Random(20261202);

    /** A random non-negative integer of up to {@code maxBits} bits, often with long zero and one stretches. */
    private static BigInteger random(int maxBits) {
        int bits = RNG.nextInt(maxBits + 1);
        BigInteger v = new BigInteger(bits, RNG);
        switch (RNG.nextInt(4)) {
            case 0 -> v = v.shiftLeft(RNG.nextInt(300)); // trailing zero words
            case 1 -> v = v.or(BigInteger.ONE.shiftLeft(bits + RNG.nextInt(400))); // a zero stretch below the top
            case 2 -> v = BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE).shiftLeft(RNG.nextInt(70)); // ones
            default -> { }
        }
        return v;
    }

    @Test
    void windowsAcrossChunksMatchBigInteger() {
        for (int shift = 0; shift <= 2; shift++) {
            for (int trial = 0; trial < 300; trial++) {
                BigInteger v = random(900);
                LimbStore s = LimbStore.of(v, shift);
                assertEquals(v.bitLength(), s.bitLength(), "bitLength of " + v.toString(16));
                assertEquals(v.signum() == 0 ? -1 : v.getLowestSetBit(), s.lowestSetBit());
                for (int probe = 0; probe < 40; probe++) {
                    long from = RNG.nextInt(v.bitLength() + 140) - 70;
                    int count = 1 + RNG.nextInt(64);
                    BigInteger window = from >= 0 ? v.shiftRight((int) from) : v.shiftLeft((int) -from);
                    long expected = window.and(BigInteger.ONE.shiftLeft(count).subtract(BigInteger.ONE)).longValue();
                    assertEquals(expected, s.extract(from, count), "bits [" + from + ", +" + count + ")");
                    long i = RNG.nextInt(v.bitLength() + 70) - 3;
                    assertEquals(i >= 0 && v.testBit((int) i), s.testBit(i), "bit " + i);
                    long limit = RNG.nextInt(v.bitLength() + 70);
                    long top = -1;
                    for (long k = Math.min(limit, v.bitLength()) - 1; k >= 0; k--) {
                        if (v.testBit((int) k)) {
                            top = k;
                            break;
                        }
                    }
                    assertEquals(top, s.highestSetBelow(limit), "highest set below " + limit);
                }
                BigInteger odd = v.signum() == 0 ? v : v.shiftRight(v.getLowestSetBit());
                assertEquals(odd, s.oddPart());
                assertSame(s.oddPart(), s.oddPart(), "built once");
                assertEquals(odd.signum() > 0 && odd.add(BigInteger.ONE).bitCount() == 1, s.oddPartIsRunOfOnes());
                LimbStore other = LimbStore.of(v.shiftLeft(RNG.nextInt(130)), 2 - shift);
                assertTrue(s.oddPartEquals(other));
                if (v.bitLength() > 2) {
                    assertFalse(s.oddPartEquals(LimbStore.of(v.flipBit(v.bitLength() - 2).shiftLeft(3), shift)));
                }
            }
        }
    }

    @Test
    void buildersSetAndOrAcrossChunks() {
        for (int trial = 0; trial < 200; trial++) {
            int b = 1 + RNG.nextInt(64);
            int cells = 1 + RNG.nextInt(40);
            long[] phases = new long[cells];
            BigInteger expected = BigInteger.ZERO;
            LimbStore.Builder builder = new LimbStore.Builder(((long) b * cells + 63) / 64, RNG.nextInt(3));
            for (int k = 0; k < cells; k++) {
                phases[k] = RNG.nextLong() & (b == 64 ? -1L : (1L << b) - 1);
                builder.or((long) b * (cells - 1 - k), phases[k], b);
                expected = expected.or(new BigInteger(Long.toUnsignedString(phases[k])).shiftLeft(b * (cells - 1 - k)));
            }
            LimbStore s = builder.build();
            assertEquals(expected.bitLength(), s.bitLength());
            assertEquals(expected, s.lowestSetBit() < 0 ? BigInteger.ZERO : s.oddPart().shiftLeft((int) s.lowestSetBit()));
        }
    }

    @Test
    void streamsRoundTripTheOddPartAsLittleEndianWords() throws IOException {
        for (int trial = 0; trial < 200; trial++) {
            BigInteger v = random(700).or(BigInteger.ONE.shiftLeft(RNG.nextInt(9)));
            LimbStore s = LimbStore.of(v, RNG.nextInt(3));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            s.writeFrom(out, s.lowestSetBit());
            byte[] bytes = out.toByteArray();
            BigInteger odd = v.shiftRight(v.getLowestSetBit());
            assertEquals(8 * ((odd.bitLength() + 63) / 64), bytes.length);
            byte[] reversed = new byte[bytes.length];
            for (int i = 0; i < bytes.length; i++) {
                reversed[bytes.length - 1 - i] = bytes[i];
            }
            assertEquals(odd, new BigInteger(1, reversed), "little-endian words of the odd part");
            LimbStore back = LimbStore.read(new ByteArrayInputStream(bytes), null, bytes.length / 8, RNG.nextInt(3));
            assertEquals(odd, back.oddPart());
            assertEquals(0, back.lowestSetBit());
        }
        assertThrows(EOFException.class, () -> LimbStore.read(new ByteArrayInputStream(new byte[12]), null, 2, 0));
    }

    @Test
    void aStoreReadFromAFileIsOneChunkUpToTheLargest() {
        String saved = System.getProperty(LimbStore.CHUNK_SHIFT_PROPERTY);
        try {
            System.clearProperty(LimbStore.CHUNK_SHIFT_PROPERTY);
            long[][] cases = {{0, 20}, {1, 20}, {1L << 20, 20}, {(1L << 20) + 1, 21}, {(1L << 24) + 3, 25},
                {1L << 27, 27}, {(1L << 27) + 1, 27}, {1L << 40, 27}};
            for (long[] c : cases) {
                assertEquals((int) c[1], LimbStore.readChunkShift(c[0]), c[0] + " words");
            }
            // the property, when set, wins (tests and checks read into tiny chunks)
            System.setProperty(LimbStore.CHUNK_SHIFT_PROPERTY, "3");
            assertEquals(3, LimbStore.readChunkShift(1L << 24));
            System.setProperty(LimbStore.CHUNK_SHIFT_PROPERTY, "28");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LimbStore.readChunkShift(5));
            assertTrue(e.getMessage().contains("'28'"), e.getMessage());
        } finally {
            if (saved == null) {
                System.clearProperty(LimbStore.CHUNK_SHIFT_PROPERTY);
            } else {
                System.setProperty(LimbStore.CHUNK_SHIFT_PROPERTY, saved);
            }
        }
    }

    @Test
    void dyadicsHeldInLimbsEqualTheirBigIntegerForms() {
        for (int trial = 0; trial < 300; trial++) {
            BigInteger v = random(3000).or(BigInteger.ONE.shiftLeft(RNG.nextInt(20)));
            long e = RNG.nextInt(4000) - 3000;
            Dyadic big = Dyadic.of(v, e);
            Dyadic limbs = Dyadic.ofLimbs(LimbStore.of(v, RNG.nextInt(3)), e);
            assertEquals(big, limbs);
            assertEquals(limbs, big);
            assertEquals(big.hashCode(), limbs.hashCode());
            assertEquals(big.exponent(), limbs.exponent());
            assertEquals(big.bitLength(), limbs.bitLength());
            assertEquals(big.lowWord(), limbs.lowWord());
            assertEquals(big.toString(), limbs.toString());
            assertEquals(big.doubleValue(), limbs.doubleValue());
            assertEquals(big.isRunOfOnesMagnitude(), limbs.isRunOfOnesMagnitude());
            assertEquals(big.fractionalPart(), limbs.fractionalPart());
            // a power of two and a kept run keep the limbs shared, with the values of the BigInteger products
            long t = Dyadic.RUN_MIN_BITS + RNG.nextInt(700);
            Dyadic run = Dyadic.run(t + 5, 5).negate();
            Dyadic kept = limbs.multiply(run);
            assertSame(limbs.limbs(), kept.limbs());
            assertEquals(t, kept.keptRun());
            assertTrue(kept.keepsRunOf(limbs.abs()));
            BigInteger product = v.shiftLeft((int) t).subtract(v).negate();
            assertEquals(Dyadic.of(product, e + 5), kept);
            assertEquals(product.shiftRight(product.getLowestSetBit()).bitLength(), kept.bitLength());
            assertEquals(Dyadic.of(product, e + 5).hashCode(), kept.hashCode());
            assertSame(limbs.limbs(), limbs.multiply(Dyadic.powerOfTwo(-7).negate()).limbs());
            assertEquals(big.multiply(Dyadic.powerOfTwo(-7).negate()), limbs.multiply(Dyadic.powerOfTwo(-7).negate()));
            assertEquals(big.add(Dyadic.ONE), limbs.add(Dyadic.ONE));
        }
    }

    @Test
    void bitLengthOfALimbRunProductAtTheTie() {
        // base B = 2^(bl-1) + r with bitLength(r) + t = bl: then bitLength(B (2^t - 1)) depends on r 2^t >= B
        for (int trial = 0; trial < 300; trial++) {
            int t = Dyadic.RUN_MIN_BITS + RNG.nextInt(200);
            int rl = RNG.nextBoolean() ? 1 + RNG.nextInt(300) : t + 1 + RNG.nextInt(400);
            BigInteger r = new BigInteger(rl, RNG);
            if (RNG.nextBoolean()) {
                // r periodic with period t: r 2^t and B agree in their top bits, the comparison is decided low
                BigInteger p = new BigInteger(t, RNG);
                r = BigInteger.ZERO;
                for (int k = 0; k < rl; k += t) {
                    r = r.or(p.shiftLeft(k));
                }
                r = r.and(BigInteger.ONE.shiftLeft(rl).subtract(BigInteger.ONE));
                if (RNG.nextBoolean()) {
                    r = r.flipBit(RNG.nextInt(rl));
                }
            }
            r = r.setBit(rl - 1).setBit(0);
            BigInteger base = BigInteger.ONE.shiftLeft(rl + t - 1).add(r);
            BigInteger expected = base.shiftLeft(t).subtract(base);
            Dyadic kept = Dyadic.ofLimbs(LimbStore.of(base, RNG.nextInt(3)), 0).multiply(Dyadic.run(t, 0));
            assertEquals(expected.bitLength(), kept.bitLength(), "B = " + base.toString(16) + ", t = " + t);
            assertEquals(Dyadic.of(base, 0).multiply(Dyadic.run(t, 0)).bitLength(), kept.bitLength());
        }
    }
}
