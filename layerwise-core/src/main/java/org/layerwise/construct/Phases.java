package org.layerwise.construct;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.stream.IntStream;

import ch.obermuhlner.math.big.BigDecimalMath;
import org.layerwise.net.Dyadic;

/**
 * The decoder's phases and their packing (construction note, section 3, "the decoder").
 *
 * <p>For a correction {@code Delta} and amplitude {@code a >= |Delta|} the phase is
 * {@code u = arcsin(Delta/a) / (2 pi) mod 1}, stored as the integer {@code n = round(u 2^b) mod 2^b}
 * (ties to even), so the stored phase {@code n 2^-b} is within {@code 2^-(b+1)} of {@code u} up to
 * the evaluation error below. The angle is computed as {@code atan2(x, sqrt(1 - x^2))} with
 * {@code x = Delta/a} and {@code 1 - x^2} formed exactly, which stays well conditioned near
 * {@code |x| = 1} (where {@code arcsin} of a rounded {@code x} loses half the digits):
 * <ul>
 * <li>{@code b <= 50}: in doubles; the angle error is a few units of {@code 2^-53}, far below {@code 2^-(b+1)};</li>
 * <li>{@code b > 50}: with big-math at {@code ceil(0.30103 b) + 10} significant digits, i.e. an
 *     error about {@code 10^-10 * 2^-b}.</li>
 * </ul>
 * {@code x = 0} and {@code x = +-1} are exact ({@code u = 0, 1/4, 3/4}).
 */
public final class Phases {

    private Phases() {
    }

    /** Phases {@code n_K} of a level's corrections, {@code 0 <= n_K < 2^b}; parallel over cells. */
    public static BigInteger[] phases(Dyadic[] corrections, Dyadic amplitude, int bits) {
        if (!amplitude.isPowerOfTwoMagnitude() || amplitude.signum() <= 0) {
            throw new IllegalArgumentException("amplitude " + amplitude + " is not a positive power of two");
        }
        MathContext mc = new MathContext((int) Math.ceil(0.30103 * bits) + 10, RoundingMode.HALF_EVEN);
        BigDecimal twoPi = bits > 50 ? BigDecimalMath.pi(mc).multiply(BigDecimal.valueOf(2), mc) : null;
        BigInteger[] out = new BigInteger[corrections.length];
        IntStream.range(0, corrections.length).parallel().forEach(k -> {
            Dyadic x = corrections[k].shift(-amplitude.exponent());
            out[k] = phase(x, bits, mc, twoPi);
        });
        return out;
    }

    /** The phase integer of {@code x = Delta/a in [-1, 1]}. */
    static BigInteger phase(Dyadic x, int bits, MathContext mc, BigDecimal twoPi) {
        if (x.isZero()) {
            return BigInteger.ZERO;
        }
        Dyadic w = Dyadic.ONE.subtract(x.multiply(x));
        if (w.signum() < 0) {
            throw new IllegalArgumentException("correction ratio " + x + " outside [-1, 1]");
        }
        if (w.isZero()) {
            // arcsin(+-1) = +-pi/2: u = 1/4 or 3/4
            BigInteger quarter = BigInteger.ONE.shiftLeft(bits).shiftRight(2);
            return x.signum() > 0 ? quarter : quarter.multiply(BigInteger.valueOf(3));
        }
        BigInteger full = BigInteger.ONE.shiftLeft(bits);
        BigInteger n;
        if (bits <= 50) {
            double angle = Math.atan2(x.doubleValue(), Math.sqrt(w.doubleValue()));
            double u = angle / (2 * Math.PI);
            if (u < 0) {
                u += 1;
            }
            n = BigInteger.valueOf((long) Math.rint(Math.scalb(u, bits)));
        } else {
            BigDecimal angle = BigDecimalMath.atan2(toBigDecimal(x, mc),
                    BigDecimalMath.sqrt(toBigDecimal(w, mc), mc), mc);
            BigDecimal u = angle.divide(twoPi, mc);
            if (u.signum() < 0) {
                u = u.add(BigDecimal.ONE);
            }
            n = u.multiply(new BigDecimal(full)).setScale(0, RoundingMode.HALF_EVEN).toBigIntegerExact();
        }
        return n.equals(full) ? BigInteger.ZERO : n;
    }

    /** {@code x} rounded to {@code mc} (exact value divided by a power of two, then rounded once). */
    static BigDecimal toBigDecimal(Dyadic x, MathContext mc) {
        if (x.exponent() >= 0) {
            return new BigDecimal(x.mantissa().shiftLeft(x.exponent()), mc);
        }
        return new BigDecimal(x.mantissa()).divide(new BigDecimal(BigInteger.ONE.shiftLeft(-x.exponent())), mc);
    }

    /**
     * {@code theta = sum_K n_K 2^(-b(K+1))}: cell {@code K} occupies bits {@code bK+1 .. bK+b} after
     * the binary point. Built in one pass over a byte array (linear in {@code b * cells}).
     */
    public static Dyadic pack(BigInteger[] phases, int bits) {
        long totalBits = (long) bits * phases.length;
        if (totalBits > Integer.MAX_VALUE - 64) {
            throw new IllegalArgumentException("packed phases need " + totalBits + " bits");
        }
        byte[] bytes = new byte[(int) ((totalBits + 7) / 8)];
        // bit position 0 is the most significant bit of the array
        int padding = (int) (8L * bytes.length - totalBits);
        for (int k = 0; k < phases.length; k++) {
            BigInteger n = phases[k];
            if (n.signum() == 0) {
                continue;
            }
            if (n.signum() < 0 || n.bitLength() > bits) {
                throw new IllegalArgumentException("phase " + n + " of cell " + k + " does not fit " + bits + " bits");
            }
            long base = padding + (long) bits * k;
            for (int t = 0; t < bits; t++) {
                if (n.testBit(bits - 1 - t)) {
                    long pos = base + t;
                    bytes[(int) (pos >>> 3)] |= (byte) (0x80 >>> (int) (pos & 7));
                }
            }
        }
        return Dyadic.of(new BigInteger(1, bytes), -totalBits);
    }
}
