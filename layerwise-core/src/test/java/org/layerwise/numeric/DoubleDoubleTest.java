package org.layerwise.numeric;

import org.layerwise.construct.Phases;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.SplittableRandom;

import ch.obermuhlner.math.big.BigDecimalMath;
import org.junit.jupiter.api.Test;

class DoubleDoubleTest {

    private static final MathContext HIGH = new MathContext(60);
    private static final BigDecimal EPS2 = new BigDecimal(0x1p-106);

    /** |computed - exact| / |exact| (or the absolute error for exact == 0). */
    private static BigDecimal relError(DoubleDouble computed, BigDecimal exact) {
        BigDecimal e = computed.toBigDecimal(HIGH).subtract(exact).abs();
        return exact.signum() == 0 ? e : e.divide(exact.abs(), HIGH);
    }

    private static DoubleDouble randomDD(SplittableRandom rng) {
        double hi = (2 * rng.nextDouble() - 1) * Math.scalb(1.0, rng.nextInt(-40, 40));
        double lo = hi * 0x1p-54 * (2 * rng.nextDouble() - 1);
        return DoubleDouble.twoSum(hi, lo);
    }

    @Test
    void errorFreeTransformationsAreExact() {
        SplittableRandom rng = new SplittableRandom(11);
        for (int i = 0; i < 2000; i++) {
            double a = (2 * rng.nextDouble() - 1) * Math.scalb(1.0, rng.nextInt(-30, 30));
            double b = (2 * rng.nextDouble() - 1) * Math.scalb(1.0, rng.nextInt(-30, 30));
            DoubleDouble s = DoubleDouble.twoSum(a, b);
            assertEquals(Dyadic.valueOf(a).add(Dyadic.valueOf(b)), s.toDyadic());
            assertEquals(s.hi(), a + b);
            DoubleDouble p = DoubleDouble.twoProd(a, b);
            assertEquals(Dyadic.valueOf(a).multiply(Dyadic.valueOf(b)), p.toDyadic());
        }
    }

    @Test
    void arithmeticMeetsItsStatedBounds() {
        SplittableRandom rng = new SplittableRandom(12);
        for (int i = 0; i < 2000; i++) {
            DoubleDouble a = randomDD(rng);
            DoubleDouble b = randomDD(rng);
            BigDecimal ea = a.toBigDecimal(HIGH);
            BigDecimal eb = b.toBigDecimal(HIGH);
            BigDecimal sum = ea.add(eb, HIGH);
            // the add bound is relative to |a + b| only when there is no cancellation beyond the components
            BigDecimal addErr = a.add(b).toBigDecimal(HIGH).subtract(sum).abs();
            assertTrue(addErr.compareTo(EPS2.multiply(new BigDecimal(3)).multiply(sum.abs())) <= 0, () -> a + " + " + b);
            assertTrue(relError(a.multiply(b), ea.multiply(eb, HIGH)).compareTo(EPS2.multiply(new BigDecimal(6))) <= 0,
                    () -> a + " * " + b);
            DoubleDouble abs = a.signum() < 0 ? a.negate() : a;
            BigDecimal root = abs.toBigDecimal(HIGH).sqrt(HIGH);
            assertTrue(relError(abs.sqrt(), root).compareTo(EPS2.multiply(new BigDecimal(4))) <= 0, () -> "sqrt " + abs);
        }
    }

    @Test
    void conversionFromADyadicRoundsTwiceToNearest() {
        SplittableRandom rng = new SplittableRandom(13);
        for (int i = 0; i < 2000; i++) {
            // long mantissas (up to 400 bits) in [-1, 1]
            int len = rng.nextInt(1, 400);
            BigInteger m = new BigInteger(len, new java.util.Random(rng.nextLong()));
            Dyadic v = Dyadic.of(rng.nextBoolean() ? m : m.negate(), -len);
            DoubleDouble d = DoubleDouble.of(v);
            Dyadic err = d.toDyadic().subtract(v).abs();
            // |err| <= 2^-106 |v| (and exact when v has at most 106 significant bits after normalization)
            assertTrue(err.compareTo(v.abs().shift(-106)) <= 0, () -> "dyadic " + v);
            if (v.bitLength() <= 53) {
                assertTrue(err.isZero());
            }
        }
    }

    @Test
    void trigConstantsAgreeWithBigMathAtSixtyDigits() {
        BigDecimal twoPi = BigDecimalMath.pi(HIGH).multiply(BigDecimal.valueOf(2));
        BigDecimal inv = BigDecimal.ONE.divide(twoPi, HIGH);
        assertTrue(relError(DoubleDoubleTrig.INV_TWO_PI, inv).compareTo(EPS2) <= 0);
        for (int k = 0; k < DoubleDoubleTrig.TABLE_SIZE; k++) {
            BigDecimal a = new BigDecimal(k).divide(BigDecimal.valueOf(64));
            BigDecimal sinErr = DoubleDoubleTrig.SIN[k].toBigDecimal(HIGH).subtract(BigDecimalMath.sin(a, HIGH)).abs();
            BigDecimal cosErr = DoubleDoubleTrig.COS[k].toBigDecimal(HIGH).subtract(BigDecimalMath.cos(a, HIGH)).abs();
            assertTrue(sinErr.compareTo(EPS2) <= 0 && cosErr.compareTo(EPS2) <= 0, "k = " + k);
        }
    }

    @Test
    void sinCosOfADoubleAreWithinFourteenEpsSquared() {
        SplittableRandom rng = new SplittableRandom(14);
        BigDecimal bound = EPS2.multiply(BigDecimal.valueOf(14));
        for (int i = 0; i < 300; i++) {
            double t = i < 4 ? new double[] {0.0, Math.PI / 2, -Math.PI / 2, 1e-300}[i]
                    : (2 * rng.nextDouble() - 1) * Math.PI / 2;
            DoubleDouble[] sc = DoubleDoubleTrig.sinCos(t);
            BigDecimal bt = new BigDecimal(t);
            BigDecimal sinErr = sc[0].toBigDecimal(HIGH).subtract(BigDecimalMath.sin(bt, HIGH)).abs();
            BigDecimal cosErr = sc[1].toBigDecimal(HIGH).subtract(BigDecimalMath.cos(bt, HIGH)).abs();
            assertTrue(sinErr.compareTo(bound) <= 0, () -> "sin " + t + ": " + sinErr);
            assertTrue(cosErr.compareTo(bound) <= 0, () -> "cos " + t + ": " + cosErr);
        }
    }
}
