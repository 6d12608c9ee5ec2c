package org.layerwise.format;

import org.layerwise.net.Affine;
import org.layerwise.numeric.Dyadic;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class WeightTextTest {

    private static final long MAX = ModelLimits.MAX_EXPONENT;

    private static Dyadic value(String text, List<Dyadic> constants) {
        return WeightText.parse(text, MAX).resolve(constants);
    }

    /** 2^a - 2^b by its definition. */
    private static Dyadic run(long a, long b) {
        return Dyadic.powerOfTwo(a).subtract(Dyadic.powerOfTwo(b));
    }

    private static Dyadic randomBig(SplittableRandom rng, int bits) {
        return Dyadic.of(new BigInteger(bits, new java.util.Random(rng.nextLong())).setBit(0).setBit(bits - 1),
                rng.nextInt(-bits, bits));
    }

    @Test
    void everyFormMeansWhatTheGrammarSays() {
        Dyadic c0 = Dyadic.of(BigInteger.valueOf(0xabcdef1234567L).shiftLeft(70).add(BigInteger.ONE), -300);
        List<Dyadic> cs = List.of(c0, Dyadic.of(7, 3));
        assertEquals(Dyadic.ZERO, value("0", cs));
        assertEquals(Dyadic.of(-0x1b3, -12), value("-1b3p-12", cs));
        assertEquals(run(40, 8), value("(2^40-2^8)", cs));
        assertEquals(run(-3, -70).negate(), value("-(2^-3-2^-70)", cs));
        assertEquals(c0, value("$0", cs));
        assertEquals(cs.get(1).negate(), value("-$1", cs));
        assertEquals(c0.shift(-17), value("$0*2^-17", cs));
        assertEquals(c0.multiply(run(100, 36)).negate(), value("-$0*(2^100-2^36)", cs));
    }

    @Test
    void theEncoderRoundTripsAndUsesTheShortForms() {
        SplittableRandom rng = new SplittableRandom(23);
        for (int rep = 0; rep < 50; rep++) {
            Dyadic theta = randomBig(rng, 65 + rng.nextInt(500));
            long s = 1 + rng.nextInt(300);
            long j = rng.nextInt(4);
            Dyadic c = run(s * (j + 1), s * j);
            Dyadic small = Dyadic.of(rng.nextLong() | 1, rng.nextInt(-100, 100));
            Dyadic[] w = {theta, theta.multiply(c), theta.multiply(c).negate(), c, c.negate(), theta.shift(5).negate(),
                small, Dyadic.ZERO, theta.multiply(Dyadic.of(5, 0))};
            int[] in = new int[w.length];
            for (int k = 0; k < in.length; k++) {
                in[k] = k;
            }
            Affine a = new Affine(in, w, theta);
            WeightText.Encoder enc = new WeightText.Encoder();
            String[] text = enc.encode(a);
            for (int k = 0; k < w.length; k++) {
                assertEquals(w[k], value(text[k], enc.constants()), text[k]);
            }
            assertEquals(theta, value(text[w.length], enc.constants()));
            assertEquals("$0", text[0]);
            assertTrue(text[1].startsWith("$0*(2^"), text[1]);
            assertTrue(text[2].startsWith("-$0*(2^"), text[2]);
            assertTrue(text[5].startsWith("-$0*2^5"), text[5]);
            assertEquals("0", text[7]);
            // 5 theta is neither theta 2^k nor theta (2^a - 2^b): a second constant
            assertEquals("$1", text[8]);
            assertEquals(2, enc.constants().size());
            if (s >= WeightText.RUN_BITS) {
                assertEquals("(2^" + s * (j + 1) + "-2^" + s * j + ")", text[3]);
            }
            for (String t : text) {
                assertTrue(t.length() <= 36, t);
            }
        }
    }

    @Test
    void sharesConstantsAcrossAffineForms() {
        Dyadic theta = randomBig(new SplittableRandom(4), 200);
        WeightText.Encoder enc = new WeightText.Encoder();
        enc.encode(new Affine(new int[] {0}, new Dyadic[] {theta}, Dyadic.ZERO));
        String[] t = enc.encode(new Affine(new int[] {0}, new Dyadic[] {theta.negate()}, Dyadic.ONE));
        assertEquals("-$0", t[0]);
        assertEquals("1p0", t[1]);
        assertEquals(1, enc.constants().size());
    }

    @Test
    void refusesMalformedText() {
        for (String bad : new String[] {"", "-", "zz", "$", "$01", "$1*", "$1*3p0", "$1*(2^3)", "(2^3-2^5)",
            "(2^3-2^3)", "(2^a-2^1)", "(2^3-2^1)x", "$0*(2^3-2^1)x", "1p", "p5", "(2^-2^1)"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> WeightText.parse(bad, MAX), bad);
            assertTrue(e.getMessage().contains("malformed") || e.getMessage().contains("a > b"), e.getMessage());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> WeightText.parse("(2^" + (MAX + 1) + "-2^0)", MAX));
        assertTrue(e.getMessage().contains("beyond"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> WeightText.parse("$0*2^-" + (MAX + 1), MAX));
    }
}
