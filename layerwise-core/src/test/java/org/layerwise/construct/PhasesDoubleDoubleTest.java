package org.layerwise.construct;

import org.layerwise.numeric.DoubleDouble;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;

import ch.obermuhlner.math.big.BigDecimalMath;
import org.junit.jupiter.api.Test;
import org.layerwise.numeric.Dyadic;

/**
 * The double-double phase path ({@code 50 < b <= 96}) against a 60-digit big-math oracle: equal phases except at
 * near-ties, i.e. where {@code u 2^b} is within the stated error {@code 2^(b-102)} of a half-integer.
 */
class PhasesDoubleDoubleTest {

    private static final MathContext ORACLE = new MathContext(60, RoundingMode.HALF_EVEN);
    private static final BigDecimal TWO_PI = BigDecimalMath.pi(ORACLE).multiply(BigDecimal.valueOf(2));
    private static final BigDecimal STATED = new BigDecimal(0x1p-102);
    private static final int[] BITS = {51, 64, 80, 96};

    /** {@code atan2(x, sqrt(1 - x^2)) / (2 pi)} at 60 digits (error ~1e-58, far below 2^-102 ~ 2e-31). */
    private static BigDecimal oracleTurns(Dyadic x) {
        Dyadic w = Dyadic.ONE.subtract(x.multiply(x));
        // the JDK root: big-math's sqrt fails for w below the double range (x = 1 - 2^-2000)
        BigDecimal c = Phases.toBigDecimal(w, ORACLE).sqrt(ORACLE);
        try {
            return BigDecimalMath.atan2(Phases.toBigDecimal(x, ORACLE), c, ORACLE).divide(TWO_PI, ORACLE);
        } catch (ArithmeticException e) {
            throw new AssertionError("oracle at x = " + x + ", c = " + c, e);
        }
    }

    private static Dyadic randomLong(SplittableRandom rng, int len) {
        BigInteger m = new BigInteger(len, new Random(rng.nextLong()));
        return Dyadic.of(rng.nextBoolean() ? m : m.negate(), -len);
    }

    /** The sample: uniform, near 0, near +-1, long mantissas, tiny and subnormal values, differences of doubles. */
    private static List<Dyadic> sample() {
        SplittableRandom rng = new SplittableRandom(2026);
        List<Dyadic> xs = new ArrayList<>();
        for (int i = 0; i < 8000; i++) {
            xs.add(Dyadic.valueOf(2 * rng.nextDouble() - 1));
        }
        for (int i = 0; i < 2000; i++) {
            // near 0: |x| in [2^-k-1, 2^-k)
            xs.add(Dyadic.valueOf((2 * rng.nextDouble() - 1) * Math.scalb(1.0, -rng.nextInt(1, 80))));
        }
        for (int i = 0; i < 3000; i++) {
            // near +-1: 1 - r 2^-k, k up to 1100 (beyond the double range of 1 - x)
            Dyadic gap = Dyadic.valueOf(rng.nextDouble()).shift(-rng.nextInt(1, 1100));
            Dyadic x = Dyadic.ONE.subtract(gap);
            xs.add(rng.nextBoolean() ? x : x.negate());
        }
        for (int i = 0; i < 3000; i++) {
            xs.add(randomLong(rng, rng.nextInt(54, 600)));
        }
        for (int i = 0; i < 2000; i++) {
            // a correction over its amplitude: the exact difference of two doubles of unrelated magnitude
            double p = rng.nextDouble() * Math.scalb(1.0, rng.nextInt(-60, 1));
            double q = rng.nextDouble() * Math.scalb(1.0, rng.nextInt(-60, 1));
            Dyadic delta = Dyadic.valueOf(p).subtract(Dyadic.valueOf(q));
            if (!delta.isZero()) {
                xs.add(delta.shift(-(delta.topBit() + 1)).shift(rng.nextInt(0, 3) == 0 ? 0 : -rng.nextInt(0, 5)));
            }
        }
        double[] special = {1e-300, -1e-300, Double.MIN_VALUE, -Double.MIN_VALUE, Double.MIN_NORMAL,
            3 * Double.MIN_VALUE, 0x1.fffffffffffffp-1023, 0.5, -0.5, Math.sqrt(0.5), Math.sqrt(0.75)};
        for (double d : special) {
            xs.add(Dyadic.valueOf(d));
        }
        xs.add(Dyadic.powerOfTwo(-1100));
        xs.add(Dyadic.powerOfTwo(-1100).negate().add(Dyadic.powerOfTwo(-1200)));
        xs.add(Dyadic.ONE.subtract(Dyadic.powerOfTwo(-60)));
        xs.add(Dyadic.ONE.subtract(Dyadic.powerOfTwo(-1074)).negate());
        xs.add(Dyadic.ONE.subtract(Dyadic.powerOfTwo(-2000)));
        return xs;
    }

    @Test
    void doubleDoublePhasesEqualTheOracleExceptAtNearTies() {
        List<Dyadic> xs = sample();
        Dyadic[] arr = xs.toArray(new Dyadic[0]);
        BigInteger[][] computed = new BigInteger[BITS.length][];
        for (int j = 0; j < BITS.length; j++) {
            computed[j] = Phases.phases(arr, Dyadic.ONE, BITS[j]);
        }
        BigDecimal half = new BigDecimal("0.5");
        int[] nearTies = new int[BITS.length];
        int[] mismatches = new int[BITS.length];
        BigDecimal maxTurnError = BigDecimal.ZERO;
        for (int i = 0; i < arr.length; i++) {
            Dyadic x = arr[i];
            if (x.isZero() || Dyadic.ONE.subtract(x.multiply(x)).isZero()) {
                continue;
            }
            BigDecimal u = oracleTurns(x);
            // the double-double value of u itself is within the stated 2^-102
            Dyadic w = Dyadic.ONE.subtract(x.multiply(x));
            BigDecimal turnError = Phases.doubleDoubleTurns(x, w).toBigDecimal(ORACLE).subtract(u).abs();
            maxTurnError = maxTurnError.max(turnError);
            assertTrue(turnError.compareTo(STATED) <= 0, "x = " + x + ": |u error| = " + turnError);
            BigDecimal wrapped = u.signum() < 0 ? u.add(BigDecimal.ONE) : u;
            for (int j = 0; j < BITS.length; j++) {
                int bits = BITS[j];
                BigDecimal scaled = wrapped.multiply(new BigDecimal(BigInteger.ONE.shiftLeft(bits)));
                BigInteger full = BigInteger.ONE.shiftLeft(bits);
                BigInteger expected = scaled.setScale(0, RoundingMode.HALF_EVEN).toBigIntegerExact().mod(full);
                // distance of u 2^b from the nearest half-integer, in units
                BigDecimal frac = scaled.subtract(new BigDecimal(scaled.setScale(0, RoundingMode.FLOOR).toBigInteger()));
                BigDecimal tieDistance = frac.subtract(half).abs();
                BigDecimal allowance = STATED.multiply(new BigDecimal(full));
                boolean nearTie = tieDistance.compareTo(allowance) <= 0;
                if (nearTie) {
                    nearTies[j]++;
                }
                if (!expected.equals(computed[j][i])) {
                    mismatches[j]++;
                    BigInteger got = computed[j][i];
                    assertTrue(nearTie, () -> "b = " + bits + ", x = " + x + ": " + got + " != " + expected
                            + " at tie distance " + tieDistance);
                    // and then the neighbour
                    assertEquals(BigInteger.ONE, computed[j][i].subtract(expected).mod(full).min(
                            expected.subtract(computed[j][i]).mod(full)));
                }
            }
        }
        StringBuilder sb = new StringBuilder("double-double phases: " + arr.length + " values, max |u error| = "
                + maxTurnError.round(new MathContext(3)) + " (stated " + STATED.round(new MathContext(3)) + ")");
        for (int j = 0; j < BITS.length; j++) {
            sb.append("; b=").append(BITS[j]).append(": near-ties ").append(nearTies[j])
                    .append(", mismatches ").append(mismatches[j]);
            // a near-tie window of half-width 2^(b-102) units holds ~ 2^(b-101) of uniformly spread values
            double expectedWindow = arr.length * Math.scalb(1.0, BITS[j] - 101);
            assertTrue(nearTies[j] <= 2 * expectedWindow + 10, sb::toString);
        }
        System.out.println(sb);
    }

    @Test
    void phasesAreTheSameSequentialAndParallel() {
        List<Dyadic> xs = sample().subList(0, 3000);
        Dyadic[] arr = xs.toArray(new Dyadic[0]);
        BigInteger[] parallel = Phases.phases(arr, Dyadic.ONE, 64);
        for (int i = 0; i < arr.length; i += 7) {
            assertEquals(parallel[i], Phases.phases(new Dyadic[] {arr[i]}, Dyadic.ONE, 64)[0]);
        }
    }

    @Test
    void ratiosWhoseGapToOneIsBelowTheDoubleRangeWorkOnEveryPath() {
        // 1 - x^2 ~ 2^-1999: below the double range, so c underflows in doubles and double-doubles
        Dyadic x = Dyadic.ONE.subtract(Dyadic.powerOfTwo(-2000));
        for (int bits : new int[] {40, 64, 100}) {
            BigInteger quarter = BigInteger.ONE.shiftLeft(bits - 2);
            // u = 1/4 - 2^-1000.5/(2 pi): rounds to the quarter, and the negative ratio to three quarters
            assertEquals(quarter, Phases.phases(new Dyadic[] {x}, Dyadic.ONE, bits)[0], "b = " + bits);
            assertEquals(quarter.multiply(BigInteger.valueOf(3)),
                    Phases.phases(new Dyadic[] {x.negate()}, Dyadic.ONE, bits)[0], "b = " + bits);
        }
    }

    @Test
    void doubleDoubleRoundingAgreesWithExactDyadicRounding() {
        SplittableRandom rng = new SplittableRandom(7);
        for (int t = 0; t < 20000; t++) {
            int e = rng.nextInt(-3, 96);
            double hi = (2 * rng.nextDouble() - 1) * Math.scalb(1.0, e);
            double lo;
            switch (t % 5) {
                case 0 -> hi = Math.scalb(Math.rint(Math.scalb(hi, 1 - Math.max(e, 1))), Math.max(e, 1) - 1); // hi on the half-grid
                case 1 -> hi = Math.rint(hi) + 0.5;
                default -> { }
            }
            double ulp = Math.ulp(hi);
            lo = switch (t % 4) {
                case 0 -> 0.0;
                case 1 -> ulp / 2 * (2 * rng.nextDouble() - 1);
                case 2 -> Math.scalb(rng.nextBoolean() ? 1.0 : -1.0, rng.nextInt(-1074, -900));
                default -> Math.scalb(Math.rint(Math.scalb(ulp / 2 * (2 * rng.nextDouble() - 1), 4)), -4) == 0 ? 0.0
                        : Math.scalb(Math.rint(Math.scalb(ulp / 2 * (2 * rng.nextDouble() - 1), 4)), -4);
            };
            DoubleDouble v = DoubleDouble.twoSum(hi, lo);
            assertEquals(Phases.roundHalfEven(v.toDyadic()), Phases.roundHalfEven(v), () -> v.toString());
        }
        // exact ties both ways, and a tie broken by a tiny lo
        assertEquals(BigInteger.valueOf(2), Phases.roundHalfEven(new DoubleDouble(2.5, 0)));
        assertEquals(BigInteger.valueOf(-4), Phases.roundHalfEven(new DoubleDouble(-3.5, 0)));
        assertEquals(BigInteger.valueOf(3), Phases.roundHalfEven(new DoubleDouble(2.5, 0x1p-1074)));
        assertEquals(BigInteger.ONE.shiftLeft(80).add(BigInteger.TWO),
                Phases.roundHalfEven(new DoubleDouble(0x1p80, 1.5)));
        assertEquals(BigInteger.ONE.shiftLeft(80).add(BigInteger.ONE),
                Phases.roundHalfEven(new DoubleDouble(0x1p80, 1.5 - 0x1p-40)));
        assertEquals(BigInteger.ZERO, Phases.roundHalfEven(new DoubleDouble(-0.5 + 0x1p-54, -0x1p-55)));
    }

    @Test
    void roundHalfEvenIsExact() {
        assertEquals(BigInteger.valueOf(2), Phases.roundHalfEven(Dyadic.valueOf(2.5)));
        assertEquals(BigInteger.valueOf(4), Phases.roundHalfEven(Dyadic.valueOf(3.5)));
        assertEquals(BigInteger.valueOf(-2), Phases.roundHalfEven(Dyadic.valueOf(-2.5)));
        assertEquals(BigInteger.valueOf(3), Phases.roundHalfEven(Dyadic.valueOf(2.5).add(Dyadic.powerOfTwo(-1000))));
        assertEquals(BigInteger.valueOf(-3), Phases.roundHalfEven(Dyadic.valueOf(-2.5).subtract(Dyadic.powerOfTwo(-1000))));
        assertEquals(BigInteger.ZERO, Phases.roundHalfEven(Dyadic.powerOfTwo(-1000).negate()));
    }
}
