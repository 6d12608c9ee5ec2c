package org.layerwise.construct;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.SplittableRandom;

import ch.obermuhlner.math.big.BigDecimalMath;
import org.junit.jupiter.api.Test;
import org.layerwise.numeric.Dyadic;

class PhasesTest {

    private static final MathContext HIGH = new MathContext(80);

    /** {@code arcsin(x) / (2 pi) mod 1} by an independent route (asin at 80 digits on the exact x). */
    private static BigDecimal trueU(Dyadic x) {
        BigDecimal bx = new BigDecimal(x.mantissa()).multiply(BigDecimal.valueOf(2).pow(Math.toIntExact(x.exponent()), HIGH), HIGH);
        BigDecimal u = BigDecimalMath.asin(bx, HIGH).divide(BigDecimalMath.pi(HIGH).multiply(BigDecimal.valueOf(2)), HIGH);
        return u.signum() < 0 ? u.add(BigDecimal.ONE) : u;
    }

    /** |n 2^-b - u| measured on the circle (mod 1). */
    private static BigDecimal error(BigInteger n, int bits, BigDecimal u) {
        BigDecimal stored = new BigDecimal(n).divide(new BigDecimal(BigInteger.ONE.shiftLeft(bits)), HIGH);
        BigDecimal e = stored.subtract(u).abs();
        return e.min(BigDecimal.ONE.subtract(e));
    }

    @Test
    void phasesAreRoundedToNearestWithinHalfAUnit() {
        SplittableRandom rng = new SplittableRandom(1);
        Dyadic[] xs = new Dyadic[150];
        for (int k = 0; k < xs.length; k++) {
            xs[k] = Dyadic.valueOf(2 * rng.nextDouble() - 1);
        }
        // values where arcsin is ill-conditioned
        xs[0] = Dyadic.ONE.subtract(Dyadic.powerOfTwo(-60));
        xs[1] = Dyadic.ONE.subtract(Dyadic.powerOfTwo(-30)).negate();
        xs[2] = Dyadic.ONE;
        xs[3] = Dyadic.ONE.negate();
        xs[4] = Dyadic.ZERO;
        xs[5] = Dyadic.powerOfTwo(-1000);
        xs[6] = Dyadic.ONE.subtract(Dyadic.powerOfTwo(-1074));
        for (int bits : new int[] {64, 40, 100}) {
            BigInteger[] n = Phases.phases(xs, Dyadic.ONE, bits);
            // half a unit plus an allowance for the computation (1e-3 unit for big-math, 2^-51 for doubles)
            BigDecimal unit = BigDecimal.ONE.divide(new BigDecimal(BigInteger.ONE.shiftLeft(bits)), HIGH);
            BigDecimal allowed = unit.multiply(new BigDecimal("0.5")).add(bits > 50 ? unit.multiply(new BigDecimal("1e-3"))
                    : new BigDecimal(0x1p-51));
            for (int k = 0; k < xs.length; k++) {
                assertTrue(n[k].signum() >= 0 && n[k].bitLength() <= bits);
                BigDecimal e = error(n[k], bits, trueU(xs[k]));
                int kk = k;
                assertTrue(e.compareTo(allowed) <= 0, () -> "b = " + bits + ", x = " + xs[kk] + ": error " + e);
            }
            assertEquals(BigInteger.ONE.shiftLeft(bits - 2), n[2]);
            assertEquals(BigInteger.valueOf(3).shiftLeft(bits - 2), n[3]);
            assertEquals(BigInteger.ZERO, n[4]);
        }
    }

    @Test
    void amplitudeScalesTheRatio() {
        Dyadic[] deltas = {Dyadic.valueOf(0.75), Dyadic.valueOf(-3.0)};
        BigInteger[] scaled = Phases.phases(deltas, Dyadic.powerOfTwo(2), 64);
        BigInteger[] unit = Phases.phases(new Dyadic[] {Dyadic.valueOf(0.1875), Dyadic.valueOf(-0.75)}, Dyadic.ONE, 64);
        assertEquals(unit[0], scaled[0]);
        assertEquals(unit[1], scaled[1]);
    }

    @Test
    void packPlacesCellKAtBitsBKPlusOneToBKPlusB() {
        SplittableRandom rng = new SplittableRandom(2);
        for (int bits : new int[] {3, 8, 13, 64, 70}) {
            BigInteger[] n = new BigInteger[37];
            for (int k = 0; k < n.length; k++) {
                n[k] = k % 5 == 0 ? BigInteger.ZERO : new BigInteger(bits, new java.util.Random(rng.nextLong()));
            }
            Dyadic theta = Phases.pack(n, bits);
            Dyadic expected = Dyadic.ZERO;
            for (int k = 0; k < n.length; k++) {
                expected = expected.add(Dyadic.of(n[k], -(long) bits * (k + 1)));
            }
            assertEquals(expected, theta);
            // theta * 2^(bK) has fractional part n_K 2^-b + (tail below 2^-b)
            for (int k = 0; k < n.length; k++) {
                Dyadic frac = theta.shift((long) bits * k).fractionalPart();
                Dyadic lead = Dyadic.of(n[k], -bits);
                Dyadic tail = frac.subtract(lead);
                assertTrue(tail.signum() >= 0 && tail.compareTo(Dyadic.powerOfTwo(-bits)) < 0);
            }
        }
    }
}
