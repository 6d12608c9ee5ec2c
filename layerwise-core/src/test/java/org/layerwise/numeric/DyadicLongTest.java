package org.layerwise.numeric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;

import org.junit.jupiter.api.Test;
import org.layerwise.net.NarrowLayout;

/**
 * Dyadic values of the sizes past the 2^31-bit cap, as the narrow layout of {@code d = N = 2, L = 13} has them
 * (steepness {@code 2^(2^32 + 82)}, switch bias {@code -(2^tau - 1)}, address coefficient {@code 2^(2^31) - 1}), read
 * off their forms without expansion, against closed forms; and the one-line refusals of what would need a BigInteger
 * beyond 2^31 bits.
 */
class DyadicLongTest {

    private static final NarrowLayout LAYOUT = new NarrowLayout(2, 2);
    private static final long TAU = LAYOUT.steepnessExponent(64, 13);

    @Test
    void theLevelThirteenConstantsHaveTheirClosedForms() {
        assertEquals((1L << 32) + 56 + 13, TAU);
        Dyadic steep = Dyadic.powerOfTwo(TAU);
        assertEquals(TAU, steep.exponent());
        assertEquals(TAU, steep.topBit());
        assertTrue(steep.isPowerOfTwoMagnitude());
        assertEquals(Double.POSITIVE_INFINITY, steep.doubleValue());
        assertEquals(Dyadic.powerOfTwo(TAU + 1), steep.multiply(Dyadic.valueOf(2)));
        // 1 - T = -(2^tau - 1): a kept run of tau ones
        Dyadic bias = NarrowLayout.switchBiasPlusOne(TAU, 1);
        assertEquals(TAU, bias.keptRun());
        assertEquals(TAU, bias.bitLength());
        assertEquals(TAU - 1, bias.topBit());
        assertEquals(-1L, bias.lowWord());
        assertEquals(-1, bias.signum());
        assertEquals(Double.NEGATIVE_INFINITY, bias.doubleValue());
        assertEquals(bias, NarrowLayout.switchBiasPlusOne(TAU, 1));
        assertEquals(bias.hashCode(), NarrowLayout.switchBiasPlusOne(TAU, 1).hashCode());
        assertNotEquals(bias, bias.negate());
        assertNotEquals(bias, NarrowLayout.switchBiasPlusOne(TAU - 1, 1));
        // the address coefficient of (13, 2): s = 64 * 4^12 * 2 = 2^31
        long s = LAYOUT.shift(64, 13, 2);
        assertEquals(1L << 31, s);
        Dyadic c = LAYOUT.coefficient(64, 13, 2, 1);
        assertEquals(s, c.keptRun());
        assertEquals(s, c.bitLength());
        assertTrue(c.isKeptPureRun());
        assertEquals(Dyadic.powerOfTwo(s).compareTo(c), 1);
    }

    @Test
    void aPhaseTimesTheCoefficientSharesItsLimbsAndHasTheClosedFormSize() {
        // theta = M 2^-P with M odd of P bits: theta c = M (2^s - 1) 2^-P has P + s or P + s - 1 bits
        BigInteger m = BigInteger.ONE.shiftLeft(4000).subtract(BigInteger.valueOf(12345)).setBit(0);
        LimbStore limbs = LimbStore.of(m, 0);
        Dyadic theta = Dyadic.ofLimbs(limbs, -4000);
        long s = 1L << 31;
        Dyadic tc = theta.multiply(Dyadic.run(s, 0));
        assertSame(limbs, tc.limbs());
        assertEquals(s, tc.keptRun());
        // M (2^s - 1) = M 2^s - M: the top bit of M 2^s survives the subtraction since M < 2^s
        assertEquals(4000 + s, tc.bitLength());
        assertEquals(-4000L, tc.exponent());
        assertEquals(m.longValue() * -1L, tc.lowWord()); // (M 2^s - M) mod 2^64 = -M mod 2^64
        assertEquals(Double.POSITIVE_INFINITY, tc.doubleValue());
        assertTrue(tc.keepsRunOf(theta));
        assertEquals(tc, theta.multiply(Dyadic.run(s, 0)));
        assertEquals(tc.negate().negate(), tc);
        // theta itself rounds from its limbs: the top 53 bits of M, rounded
        assertEquals(Dyadic.of(m, -4000).doubleValue(), theta.doubleValue());
    }

    @Test
    void arithmeticBeyondABigIntegerRefusesInOneLine() {
        Dyadic c = Dyadic.run(1L << 31, 0);
        ArithmeticException e = assertThrows(ArithmeticException.class, () -> c.add(Dyadic.ONE));
        assertTrue(e.getMessage().contains("beyond what a BigInteger holds"), e.getMessage());
        Dyadic far = Dyadic.powerOfTwo(3_000_000_000L);
        e = assertThrows(ArithmeticException.class, () -> far.add(Dyadic.ONE));
        assertTrue(e.getMessage().contains("3000000000"), e.getMessage());
        // a product's exponent beyond a long
        Dyadic top = Dyadic.powerOfTwo(Long.MAX_VALUE / 2 + 1);
        assertThrows(ArithmeticException.class, () -> top.multiply(top));
        // exponents beyond the int range stay exact where no BigInteger is needed
        assertEquals(Dyadic.powerOfTwo(6_000_000_000L), far.multiply(far));
        assertEquals(1, far.compareTo(Dyadic.powerOfTwo(2_999_999_999L)));
        assertEquals(Dyadic.ZERO, far.fractionalPart());
        assertEquals(Dyadic.powerOfTwo(-3_000_000_000L), Dyadic.parse("1p-3000000000"));
        assertEquals("1p-3000000000", Dyadic.powerOfTwo(-3_000_000_000L).toString());
    }
}
