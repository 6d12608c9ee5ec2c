package org.layerwise.eval;

import org.layerwise.net.NarrowLayout;
import org.layerwise.net.NarrowStructure;
import org.layerwise.net.Network;
import org.layerwise.numeric.Dyadic;
import org.layerwise.numeric.FixedPointSum;
import org.layerwise.numeric.DoubleBits;
import org.layerwise.numeric.LimbStore;
import org.layerwise.numeric.Limbs;
import java.util.stream.IntStream;

import org.layerwise.grid.Cells;

/**
 * A structure-aware exact evaluator of a {@linkplain NarrowLayout narrow-layout} network: it returns exactly the
 * doubles {@link ReferenceEvaluator} returns, bit for bit, at every point of {@code [0,1]^d}, at a cost per point
 * and level that does not grow with the number of cells.
 *
 * <p><b>What it reads.</b> Only the network's weights (never a table of means). The constructor checks, neuron by
 * neuron ({@link NarrowLayout#verify}), that the network is what the construction note (section 3) says it is, and
 * refuses it otherwise ({@link IllegalArgumentException} naming the first mismatch; {@link Evaluators#fastOrReference}
 * asks {@code verify} first and then uses the reference):
 * <ul>
 *   <li>every layer has the narrow layout's positions and activations; carries are copies ({@code ReLU(h)} with
 *       weight 1);</li>
 *   <li>the switches of level {@code l} are {@code ReLU(T N y_i - T j [+1])}, {@code ReLU(T N y_i - T j + E)},
 *       {@code ReLU(T N y_i - T j)} with one power of two {@code T = 2^tau}, and
 *       {@code tau >= b N^(dl) + 54 + l ceil(log2 N)};</li>
 *   <li>the address updates are {@code E + sum_j c_j (g_j - r_j)} with {@code c_j = 2^(s j) - 2^(s (j-1))},
 *       {@code s = b N^(d(l-1)+(i-1))};</li>
 *   <li>the sine neuron of level {@code l} is {@code SINE(theta E + sum_j theta c_j (g_j - r_j))};</li>
 *   <li>the S updates are {@code ReLU(S + w v + beta)} with {@code w} a signed power of two and {@code beta >= |w|},
 *       and each head is {@code S + a v + h} with {@code a} a signed power of two.</li>
 * </ul>
 *
 * <p><b>Why the shortcut is exact.</b> For a double coordinate, {@code t_j = N y - j} is 0 or at least
 * {@code 2^-(53 + l ceil(log2 N))} in magnitude (it is {@code N^l x} minus an integer {@code >= 1}, so when it is
 * small {@code x >= N^-l / 2} and {@code t_j} is a multiple of the ulp of {@code x}); the address is at most
 * {@code 2^(b (N^(dl) - 1))}; so with the checked steepness every switch pair is an exact step:
 * {@code q_j - p_j = [t_j >= 0]} and {@code g_j - r_j = E [t_j >= 0]}. Hence the digits are
 * {@code beta = min(floor(N y), N - 1)}, {@code y <- N y - beta}, i.e. exactly {@link Cells#digits}, and the address
 * is {@code E = 2^(sum s beta) = 2^(b K_l(x))}, kept as the integer exponent. The sine neuron's argument is
 * {@code theta E}; its fractional part, which the reference computes exactly and rounds once with
 * {@link Dyadic#doubleValue()}, is the window of {@code theta}'s bits after position {@code b K}: this class reads the
 * leading 53 bits of that window (the next nonzero word is precomputed, so long runs of zero phases cost nothing), the
 * rounding bit and a sticky bit (the lowest set bit of {@code theta} is precomputed), and rounds to nearest-even
 * exactly as {@code doubleValue} does, subnormals included; then the same {@code Math.sin(2 * Math.PI * r)}. Finally
 * the head {@code Phi_l = P_l + sum_{m<l} w_m v_m + a_l v_l} (with the constant {@code P_l = S_0 + sum_{m<l} beta_m + h_l}
 * summed exactly once, at construction) is summed exactly in a fixed-point accumulator ({@link FixedPointSum}) wide enough for every term
 * and rounded once, as the reference rounds its exact dyadic head value. The ReLUs on the carries never clip:
 * {@code y, E >= 0}, and {@code S} stays {@code >= 0} because {@code |v| <= 1} and {@code beta >= |w|}.
 *
 * <p>Immutable and thread-safe; {@link #evaluate(double[][])} runs in parallel over points.
 */
public final class FastExactEvaluator implements Evaluator {

    private final Network network;
    private final Cells cells;
    private final int levels;
    private final int dim;
    /** {@code s_{l,i}}: the address shift of coordinate {@code i} of level {@code l}, {@code [l-1][i-1]}. */
    private final long[][] shifts;
    private final Phase[] phases;
    private final HeadSum head;

    /** The widest head sum supported, in bits. */
    public static final int MAX_HEAD_SUM_BITS = 1 << 16;

    /**
     * Checks the structure of {@code network} ({@link NarrowLayout#verify}) and precomputes the phase windows.
     *
     * @throws IllegalArgumentException naming the first layer or neuron that is not as expected, or the head sum's
     *                                  width when it is beyond {@link #MAX_HEAD_SUM_BITS}
     */
    public FastExactEvaluator(Network network) {
        this(verified(network));
    }

    /**
     * The evaluator of a verified structure.
     *
     * @throws IllegalArgumentException when the head terms span more than {@link #MAX_HEAD_SUM_BITS} bits
     *                                  ({@link #unsupported} tells beforehand)
     */
    public FastExactEvaluator(NarrowStructure structure) {
        this.network = structure.network();
        this.levels = network.levels();
        this.dim = network.dim();
        this.cells = new Cells(dim, network.base());
        this.head = new HeadSum(structure);
        String refusal = head.refusal();
        if (refusal != null) {
            throw new IllegalArgumentException(refusal);
        }
        head.precompute();
        this.shifts = new long[levels][dim];
        this.phases = new Phase[levels];
        for (int l = 0; l < levels; l++) {
            phases[l] = new Phase(structure.theta(l + 1));
            for (int i = 0; i < dim; i++) {
                shifts[l][i] = structure.shift(l + 1, i + 1);
            }
        }
    }

    /**
     * Why this evaluator does not apply to a verified structure ({@code null} when it does): the head terms must span
     * at most {@link #MAX_HEAD_SUM_BITS} bits.
     */
    public static String unsupported(NarrowStructure structure) {
        return new HeadSum(structure).refusal();
    }

    private static NarrowStructure verified(Network network) {
        NarrowLayout.Verification v = NarrowLayout.verify(network);
        if (!v.verified()) {
            throw new IllegalArgumentException(v.reason());
        }
        return v.structure();
    }

    /**
     * The exact head sums {@code Phi_l = P_l + sum_{m<l} w_m v_m + a_l v_l} as a {@link FixedPointSum}: the signs and
     * exponents of {@code a_l, w_l}, the constants {@code P_l = S_0 + sum_{m<l} beta_m + h_l} and the accumulator's
     * span, wide enough for every term, the carries of {@code L + 1} terms and a sign bit.
     */
    private static final class HeadSum {
        final boolean[] headNegative;
        final int[] headExponent;
        /** {@code w_l}: the S update's weight on {@code v_l} (used by levels {@code > l}); unused for {@code l = L}. */
        final boolean[] updateNegative;
        final int[] updateExponent;
        final Dyadic[] constant;
        /** Exponent of bit 0 of the accumulator and of its top bit. */
        final long lo;
        final long hi;
        /** {@code P_l} as fixed-point words, and the number of words (after {@link #precompute}). */
        long[][] constants;
        int words;

        HeadSum(NarrowStructure s) {
            int levels = s.levels();
            headNegative = new boolean[levels];
            headExponent = new int[levels];
            updateNegative = new boolean[levels];
            updateExponent = new int[levels];
            constant = new Dyadic[levels];
            Dyadic running = s.start();
            for (int l = 0; l < levels; l++) {
                Dyadic a = s.headWeight(l + 1);
                headNegative[l] = a.signum() < 0;
                headExponent[l] = clamp(a.exponent());
                constant[l] = running.add(s.headBias(l + 1));
                if (l < levels - 1) {
                    updateNegative[l] = s.updateWeight(l + 1).signum() < 0;
                    updateExponent[l] = clamp(s.updateWeight(l + 1).exponent());
                    running = running.add(s.updateBias(l + 1));
                }
            }
            long low = Integer.MAX_VALUE;
            long high = Long.MIN_VALUE;
            for (int l = 0; l < levels; l++) {
                // a term w * v has bits from 2^(e(w) - 1074) up to 2^e(w)
                low = Math.min(low, headExponent[l] - 1074);
                high = Math.max(high, headExponent[l]);
                if (l < levels - 1) {
                    low = Math.min(low, updateExponent[l] - 1074);
                    high = Math.max(high, updateExponent[l]);
                }
                if (!constant[l].isZero()) {
                    low = Math.min(low, constant[l].exponent());
                    high = Math.max(high, constant[l].topBit());
                }
            }
            // room for the carries of up to L + 1 terms and a sign bit
            high += 2 + 64 - Long.numberOfLeadingZeros(levels + 1L);
            lo = low;
            hi = high;
        }

        /** An exponent clamped to {@code +-2^30}: beyond it the span exceeds {@link #MAX_HEAD_SUM_BITS} anyway. */
        private static int clamp(long e) {
            return (int) Math.max(-(1L << 30), Math.min(1L << 30, e));
        }

        long width() {
            return hi - lo + 1;
        }

        String refusal() {
            return width() <= MAX_HEAD_SUM_BITS ? null : "head terms span " + width() + " bits (from 2^" + lo
                    + " to 2^" + hi + "); the fixed-point head sum supports at most " + MAX_HEAD_SUM_BITS;
        }

        void precompute() {
            words = (int) ((width() + 63) / 64);
            constants = new long[constant.length][];
            for (int l = 0; l < constant.length; l++) {
                constants[l] = FixedPointSum.of(constant[l], (int) lo, words);
            }
        }
    }

    @Override
    public Network network() {
        return network;
    }

    @Override
    public double[] readouts(double[] x) {
        Evaluator.checkPoint(dim, x);
        double[] out = new double[levels];
        readouts(x, out, new Scratch(dim, levels, head.words));
        return out;
    }

    /** {@link #readouts} for every point, in parallel; scratch space is reused within each chunk of points. */
    @Override
    public double[][] evaluate(double[][] xs) {
        for (double[] x : xs) {
            Evaluator.checkPoint(dim, x);
        }
        double[][] out = new double[xs.length][levels];
        int chunk = 256;
        int chunks = (xs.length + chunk - 1) / chunk;
        IntStream.range(0, chunks).parallel().forEach(c -> {
            Scratch scratch = new Scratch(dim, levels, head.words);
            int end = Math.min(xs.length, (c + 1) * chunk);
            for (int k = c * chunk; k < end; k++) {
                readouts(xs[k], out[k], scratch);
            }
        });
        return out;
    }

    /** Per-thread working arrays. */
    private static final class Scratch {
        final int[][] digits;
        final long[] prefix;
        final long[] sum;

        Scratch(int dim, int levels, int words) {
            digits = new int[dim][levels];
            prefix = new long[words];
            sum = new long[words];
        }
    }

    private void readouts(double[] x, double[] out, Scratch s) {
        for (int i = 0; i < dim; i++) {
            cells.digits(x[i], levels, s.digits[i]);
        }
        java.util.Arrays.fill(s.prefix, 0L);
        long address = 0; // E = 2^address
        for (int l = 0; l < levels; l++) {
            for (int i = 0; i < dim; i++) {
                address += shifts[l][i] * s.digits[i][l];
            }
            double r = phases[l].fractionDouble(address);
            double v = Math.sin(2 * Math.PI * r);
            long[] sum = s.sum;
            int lo = (int) head.lo;
            FixedPointSum.add(s.prefix, head.constants[l], sum);
            FixedPointSum.addScaled(sum, v, head.headNegative[l], head.headExponent[l] - lo);
            out[l] = FixedPointSum.roundToDouble(sum, lo);
            if (l < levels - 1) {
                FixedPointSum.addScaled(s.prefix, v, head.updateNegative[l], head.updateExponent[l] - lo);
            }
        }
    }

    // ---------------------------------------------------------------- the phase window

    /**
     * {@code frac(theta)} read off the limbs of {@code theta} ({@link Dyadic#limbs}, shared with the network, not
     * copied; a theta held as a BigInteger is put into limbs once), with what is needed to round any of its windows in
     * O(1): the index of the lowest set bit and the store's index of nonzero blocks.
     */
    static final class Phase {
        /** {@code theta = value(words) * 2^e0} when positive; only the bits below {@code fracBits} are read. */
        private final LimbStore words;
        /** The number of fraction bits: bits {@code [0, fracBits)} of {@code words} are {@code frac(theta)}. */
        private final long fracBits;
        /** Index of the lowest set bit of the fraction, -1 when {@code frac(theta) = 0}. */
        private final long lowestSet;

        Phase(Dyadic theta) {
            LimbStore limbs = theta.limbs();
            if (limbs != null && theta.signum() > 0 && theta.keptRun() == 0) {
                words = limbs;
                long e0 = theta.exponent() - limbs.lowestSetBit(); // the weight exponent of bit 0
                fracBits = Math.max(0, -e0);
            } else {
                Dyadic f = theta.fractionalPart();
                fracBits = f.isZero() ? 0 : -f.exponent();
                words = LimbStore.of(f.mantissa(), LimbStore.configuredChunkShift()); // odd (or zero), times 2^-fracBits
            }
            long low = words.lowestSetBit();
            lowestSet = low >= 0 && low < fracBits ? low : -1;
        }

        /** {@code frac(theta * 2^shift)} rounded to the nearest double exactly as {@link Dyadic#doubleValue()}. */
        double fractionDouble(long shift) {
            long limit = fracBits - shift; // the window is bits [0, limit), bit k weighing 2^(k - limit)
            if (limit <= 0 || lowestSet < 0) {
                return 0.0;
            }
            long top = words.highestSetBelow(limit);
            if (top < 0) {
                return 0.0;
            }
            return round(top, -limit);
        }

        /**
         * The nearest double (ties to even) to {@code (bits [lowestSet, top] of words) * 2^e0}, bit {@code top} set,
         * as {@link Limbs#round} (the same {@link DoubleBits} steps; never out of range: the value is in (0, 1)).
         */
        private double round(long top, long e0) {
            long topExp = top + e0;
            long q = DoubleBits.lastPlace(topExp);
            long qi = q - e0; // index of the last kept bit
            long m;
            if (qi <= 0) {
                m = words.extract(0, (int) (top + 1)) << (int) -qi;
            } else {
                m = words.extract(qi, (int) (top - qi + 1));
                long half = qi - 1;
                m = DoubleBits.roundHalfEven(m, words.testBit(half), lowestSet < half);
            }
            return DoubleBits.assemble(m, q, false);
        }
    }
}
