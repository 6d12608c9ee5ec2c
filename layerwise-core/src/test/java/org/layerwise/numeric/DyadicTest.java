package org.layerwise.numeric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.layerwise.InvalidInputException;

class DyadicTest {

    private static final SplittableRandom RNG = new SplittableRandom(20261129L);

    /** The exact decimal value of {@code d}. */
    private static BigDecimal exact(Dyadic d) {
        if (d.exponent() >= 0) {
            return new BigDecimal(d.mantissa().shiftLeft(Math.toIntExact(d.exponent())));
        }
        int k = Math.toIntExact(-d.exponent());
        return new BigDecimal(d.mantissa().multiply(BigInteger.valueOf(5).pow(k)), k);
    }

    private static Dyadic random(int maxBits, int minExp, int maxExp) {
        BigInteger m = new BigInteger(1 + RNG.nextInt(maxBits), new java.util.Random(RNG.nextLong()));
        if (RNG.nextBoolean()) {
            m = m.negate();
        }
        return Dyadic.of(m, minExp + RNG.nextInt(maxExp - minExp + 1));
    }

    @Test
    void randomDoublesRoundTripIncludingSubnormals() {
        for (int t = 0; t < 20000; t++) {
            double x = Double.longBitsToDouble(RNG.nextLong());
            if (!Double.isFinite(x)) {
                continue;
            }
            Dyadic d = Dyadic.valueOf(x);
            assertEquals(Double.doubleToLongBits(x == 0 ? 0.0 : x), Double.doubleToLongBits(d.doubleValue()), "x = " + x);
            assertEquals(0, exact(d).compareTo(new BigDecimal(x)), "exact value of " + x);
        }
        for (double x : new double[] {Double.MIN_VALUE, Double.MIN_NORMAL, Double.MIN_NORMAL / 3, Double.MAX_VALUE,
                -Double.MIN_VALUE, 1.0, 0.1, -0.5}) {
            assertEquals(x, Dyadic.valueOf(x).doubleValue());
            assertEquals(0, exact(Dyadic.valueOf(x)).compareTo(new BigDecimal(x)));
        }
    }

    @Test
    void canonicalForm() {
        Dyadic d = Dyadic.of(BigInteger.valueOf(12), 3);
        assertEquals(BigInteger.valueOf(3), d.mantissa());
        assertEquals(5, d.exponent());
        assertEquals(Dyadic.ZERO, Dyadic.of(BigInteger.ZERO, 17));
        assertEquals(0, Dyadic.of(BigInteger.ZERO, 17).exponent());
        assertEquals(Dyadic.valueOf(0.75), Dyadic.of(3, -2));
    }

    @Test
    void rejectsNonFinite() {
        assertThrows(InvalidInputException.class, () -> Dyadic.valueOf(Double.NaN));
        assertThrows(InvalidInputException.class, () -> Dyadic.valueOf(Double.POSITIVE_INFINITY));
        assertThrows(InvalidInputException.class, () -> Dyadic.valueOf(Double.NEGATIVE_INFINITY));
    }

    @Test
    void doubleValueIsCorrectlyRoundedOnLongMantissas() {
        for (int t = 0; t < 20000; t++) {
            Dyadic d = random(300, -1400, 800);
            double expected = exact(d).doubleValue();
            assertEquals(expected, d.doubleValue(), () -> "value " + d);
        }
    }

    @Test
    void doubleValueRoundsTiesToEven() {
        for (int t = 0; t < 5000; t++) {
            // a 53-bit significand followed by exactly one half unit: a tie
            long sig = (1L << 52) | (RNG.nextLong() & ((1L << 52) - 1));
            BigInteger m = BigInteger.valueOf(sig).shiftLeft(1).add(BigInteger.ONE);
            int e = -1100 + RNG.nextInt(2000);
            Dyadic d = Dyadic.of(RNG.nextBoolean() ? m : m.negate(), e);
            double expected = exact(d).doubleValue();
            assertEquals(expected, d.doubleValue(), () -> "tie " + d);
            // and just above / below the tie
            Dyadic up = d.add(Dyadic.of(BigInteger.ONE, e - 40));
            Dyadic down = d.subtract(Dyadic.of(BigInteger.ONE, e - 40));
            assertEquals(exact(up).doubleValue(), up.doubleValue());
            assertEquals(exact(down).doubleValue(), down.doubleValue());
        }
        // the tie between the largest subnormal-step values: 2^-1075 rounds to 0, 3 * 2^-1075 to 2^-1073
        assertEquals(0.0, Dyadic.of(1, -1075).doubleValue());
        assertEquals(2 * Double.MIN_VALUE, Dyadic.of(3, -1075).doubleValue());
        assertEquals(Double.MIN_VALUE, Dyadic.of(BigInteger.ONE.shiftLeft(100).add(BigInteger.ONE), -1175).doubleValue());
    }

    @Test
    void overflowAndUnderflow() {
        assertEquals(Double.POSITIVE_INFINITY, Dyadic.powerOfTwo(1024).doubleValue());
        assertEquals(Double.NEGATIVE_INFINITY, Dyadic.powerOfTwo(5000).negate().doubleValue());
        // MAX_VALUE + half ulp rounds up to infinity (tie, odd significand)
        Dyadic halfUp = Dyadic.valueOf(Double.MAX_VALUE).add(Dyadic.powerOfTwo(970));
        assertEquals(Double.POSITIVE_INFINITY, halfUp.doubleValue());
        assertEquals(Double.MAX_VALUE, Dyadic.valueOf(Double.MAX_VALUE).add(Dyadic.powerOfTwo(969)).doubleValue());
        assertEquals(0.0, Dyadic.powerOfTwo(-2000).doubleValue());
        assertEquals(Double.MIN_NORMAL, Dyadic.powerOfTwo(-1022).doubleValue());
    }

    @Test
    void textRoundTripAndKnownForm() {
        assertEquals("-1b3p-12", Dyadic.of(-435, -12).toString());
        assertEquals(Dyadic.of(-435, -12), Dyadic.parse("-1b3p-12"));
        assertEquals("0", Dyadic.ZERO.toString());
        assertEquals("1p0", Dyadic.ONE.toString());
        assertEquals(Dyadic.of(3, 5), Dyadic.parse("0Cp3"));
        for (int t = 0; t < 3000; t++) {
            Dyadic d = random(RNG.nextInt(4) == 0 ? 5000 : 80, -100000, 100000);
            assertEquals(d, Dyadic.parse(d.toString()));
        }
        for (String bad : new String[] {"", "p3", "1p", "1q3", "xyzp1", "1p1.5", "--1p0", "1p99999999999", "-p2",
                "1p-3000000000000"}) {
            assertThrows(InvalidInputException.class, () -> Dyadic.parse(bad), bad);
        }
    }

    @Test
    void floorAndFractionalPart() {
        assertEquals(Dyadic.valueOf(0.75), Dyadic.valueOf(-0.25).fractionalPart());
        assertEquals(Dyadic.ZERO, Dyadic.valueOf(-3.0).fractionalPart());
        assertEquals(BigInteger.valueOf(-1), Dyadic.valueOf(-0.25).floorInteger());
        for (int t = 0; t < 20000; t++) {
            double x = (RNG.nextDouble() - 0.5) * Math.scalb(1.0, RNG.nextInt(80) - 20);
            Dyadic d = Dyadic.valueOf(x);
            assertEquals(Math.floor(x), d.floor().doubleValue(), "floor " + x);
            Dyadic f = d.fractionalPart();
            assertTrue(f.signum() >= 0 && f.compareTo(Dyadic.ONE) < 0);
            assertEquals(d, d.floor().add(f));
        }
    }

    @Test
    void algebraicIdentities() {
        for (int t = 0; t < 3000; t++) {
            Dyadic a = random(200, -300, 300);
            Dyadic b = random(200, -300, 300);
            Dyadic c = random(200, -300, 300);
            assertEquals(a, a.add(b).subtract(b));
            assertEquals(a.add(b), b.add(a));
            assertEquals(a.multiply(b), b.multiply(a));
            assertEquals(a.multiply(b.add(c)), a.multiply(b).add(a.multiply(c)));
            assertEquals(a.add(b).add(c), a.add(b.add(c)));
            assertEquals(Integer.signum(a.compareTo(b)), a.subtract(b).signum());
            assertEquals(a.compareTo(b) == 0, a.equals(b));
            assertEquals(Dyadic.ZERO, a.add(a.negate()));
            assertEquals(a.shift(7), a.multiply(Dyadic.powerOfTwo(7)));
            assertEquals(a.multiply(b).fractionalPart(), a.multiplyFractionalPart(b));
            assertEquals(0, exact(a.multiply(b)).compareTo(exact(a).multiply(exact(b))));
            assertEquals(0, exact(a.add(b)).compareTo(exact(a).add(exact(b))));
        }
        assertEquals(Dyadic.of(6, 0).hashCode(), Dyadic.of(3, 1).hashCode());
    }

    @Test
    void fastMultiplicationPathsAgreeWithBigInteger() {
        java.util.Random r = new java.util.Random(7);
        for (int t = 0; t < 200; t++) {
            BigInteger big = new BigInteger(5000 + r.nextInt(20000), r);
            int s = 2100 + r.nextInt(9000);
            BigInteger run = BigInteger.ONE.shiftLeft(s).subtract(BigInteger.ONE);
            BigInteger sparse = BigInteger.ONE.shiftLeft(s).add(BigInteger.ONE.shiftLeft(s / 3)).add(BigInteger.ONE);
            for (BigInteger a : new BigInteger[] {run, run.negate(), sparse, sparse.negate(), BigInteger.ONE.negate(),
                    new BigInteger(3000, r)}) {
                assertEquals(a.multiply(big), Dyadic.multiplyMantissas(a, big));
                assertEquals(a.multiply(big.negate()), Dyadic.multiplyMantissas(big.negate(), a));
            }
        }
    }
}
