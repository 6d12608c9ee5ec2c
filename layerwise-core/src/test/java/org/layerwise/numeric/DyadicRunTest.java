package org.layerwise.numeric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.util.Random;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/**
 * Kept runs ({@link Dyadic#run}, products with a run): every operation against the same value built from its
 * expanded bits with BigInteger arithmetic ({@link Dyadic#of}), which never keeps a run.
 */
class DyadicRunTest {

    private static final SplittableRandom RNG = new SplittableRandom(20261202L);

    /** {@code base (2^t - 1) 2^e} from its bits: the independent reference. */
    private static Dyadic expanded(BigInteger base, int t, long e) {
        return Dyadic.of(base.shiftLeft(t).subtract(base), e);
    }

    private static BigInteger oddBase(int bits) {
        BigInteger b = new BigInteger(bits, new Random(RNG.nextLong())).setBit(0);
        return RNG.nextBoolean() ? b.negate() : b;
    }

    /** Every observable of {@code kept} equals that of {@code ref} (same value). */
    private static void assertSameValue(Dyadic ref, Dyadic kept) {
        assertEquals(ref, kept);
        assertEquals(kept, ref);
        assertEquals(ref.hashCode(), kept.hashCode());
        assertEquals(ref.mantissa(), kept.mantissa());
        assertEquals(ref.exponent(), kept.exponent());
        assertEquals(ref.bitLength(), kept.bitLength());
        assertEquals(ref.topBit(), kept.topBit());
        assertEquals(ref.signum(), kept.signum());
        assertEquals(ref.toString(), kept.toString());
        assertEquals(ref.doubleValue(), kept.doubleValue());
        assertEquals(ref.fractionalPart(), kept.fractionalPart());
        assertEquals(ref.floorInteger(), kept.floorInteger());
        assertEquals(0, ref.compareTo(kept));
        assertEquals(ref.isPowerOfTwoMagnitude(), kept.isPowerOfTwoMagnitude());
    }

    @Test
    void runEqualsItsBitsAndShortRunsArePlain() {
        for (int t : new int[] {1, 2, 63, Dyadic.RUN_MIN_BITS - 1, Dyadic.RUN_MIN_BITS, 5000}) {
            for (long b : new long[] {-7000, -1, 0, 3, 12345}) {
                Dyadic r = Dyadic.run(b + t, b);
                Dyadic ref = expanded(BigInteger.ONE, t, b);
                assertSameValue(ref, r);
                assertSameValue(ref.negate(), r.negate());
                assertEquals(t, r.bitLength());
            }
        }
        assertThrows(IllegalArgumentException.class, () -> Dyadic.run(5, 5));
    }

    @Test
    void productsWithARunKeepTheValue() {
        for (int k = 0; k < 300; k++) {
            int t = Dyadic.RUN_MIN_BITS + RNG.nextInt(3000);
            // bases around the length of the run: the bit length of base (2^t - 1) is bl + t or bl + t - 1
            int bits = 1 + RNG.nextInt(2 * t);
            BigInteger base = oddBase(bits);
            if (k % 5 == 0) {
                base = BigInteger.ONE.shiftLeft(bits).add(BigInteger.ONE); // 2^bits + 1: the borderline cases
            } else if (k % 7 == 0) {
                base = BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE);
            }
            long e = RNG.nextInt(4000) - 2000;
            long shift = RNG.nextInt(200) - 100;
            Dyadic other = Dyadic.of(base, e);
            Dyadic run = Dyadic.run(t + shift, shift);
            Dyadic ref = expanded(base, t, e + shift);
            Dyadic kept = RNG.nextBoolean() ? other.multiply(run) : run.multiply(other);
            assertSameValue(ref, kept);
            assertSameValue(ref.negate(), kept.negate());
            assertSameValue(ref.abs(), kept.abs());
            assertSameValue(ref.shift(17), kept.shift(17));
            assertSameValue(ref.multiply(Dyadic.powerOfTwo(-9)), kept.multiply(Dyadic.powerOfTwo(-9)));
            Dyadic x = Dyadic.of(oddBase(1 + RNG.nextInt(100)), RNG.nextInt(100) - 50);
            assertEquals(ref.add(x), kept.add(x));
            assertEquals(x.subtract(ref), x.subtract(kept));
            assertEquals(ref.multiply(x), kept.multiply(x));
            assertEquals(ref.multiply(ref), kept.multiply(kept));
            assertEquals(ref.multiplyFractionalPart(x), kept.multiplyFractionalPart(x));
            assertEquals(Integer.signum(ref.compareTo(x)), Integer.signum(kept.compareTo(x)));
            assertFalse(kept.equals(kept.add(Dyadic.powerOfTwo(e + shift))));
        }
    }

    @Test
    void runsOfDifferentLengthsWithTheSameValueAreEqual() {
        // (2^t + 1)(2^t - 1) = 2^(2t) - 1: a kept run of length t times 2^t + 1 equals the run of length 2t
        int t = Dyadic.RUN_MIN_BITS + 5;
        Dyadic a = Dyadic.of(BigInteger.ONE.shiftLeft(t).add(BigInteger.ONE), 0).multiply(Dyadic.run(t, 0));
        Dyadic b = Dyadic.run(2L * t, 0);
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertEquals(2 * t, a.bitLength());
    }
}
