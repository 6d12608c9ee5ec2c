package org.layerwise.eval;

import org.layerwise.net.Activation;
import org.layerwise.net.Affine;
import org.layerwise.net.Head;
import org.layerwise.net.Layer;
import org.layerwise.net.Layout;
import org.layerwise.net.NarrowLayout;
import org.layerwise.net.Network;
import org.layerwise.net.Neuron;
import org.layerwise.numeric.DoubleBits;
import org.layerwise.numeric.Dyadic;
import java.math.BigInteger;
import java.util.stream.IntStream;

import org.layerwise.grid.Cells;

/**
 * A structure-aware exact evaluator of a {@linkplain NarrowLayout narrow-layout} network: it returns exactly the
 * doubles {@link ReferenceEvaluator} returns, bit for bit, at every point of {@code [0,1]^d}, at a cost per point
 * and level that does not grow with the number of cells.
 *
 * <p><b>What it reads.</b> Only the network's weights (never a table of means). The constructor checks, neuron by
 * neuron, that the network is what the construction note (section 3) says it is, and refuses it otherwise
 * ({@link IllegalArgumentException} naming the first mismatch; {@link Evaluators#fastOrReference} then falls back to
 * the reference):
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
 * summed exactly once, at construction) is summed exactly in a fixed-point accumulator wide enough for every term
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
    /** {@code a_l}: the head's weight on {@code v_l}, as (sign, exponent). */
    private final boolean[] headNegative;
    private final int[] headExponent;
    /** {@code w_l}: the S update's weight on {@code v_l} (used by levels {@code > l}); unused for {@code l = L}. */
    private final boolean[] updateNegative;
    private final int[] updateExponent;
    /** {@code P_l} as fixed-point words of the accumulator. */
    private final long[][] constants;
    /** Exponent of bit 0 of the accumulator, and its number of words. */
    private final int lowExponent;
    private final int words;

    /**
     * Checks the structure of {@code network} and precomputes the phase windows.
     *
     * @throws IllegalArgumentException naming the first layer or neuron that is not as expected
     */
    public FastExactEvaluator(Network network) {
        this.network = network;
        this.levels = network.levels();
        this.dim = network.dim();
        this.cells = new Cells(dim, network.base());
        Structure s = new Structure(network);
        this.shifts = s.shifts;
        this.phases = new Phase[levels];
        for (int l = 0; l < levels; l++) {
            phases[l] = new Phase(s.thetas[l]);
        }
        this.headNegative = new boolean[levels];
        this.headExponent = new int[levels];
        this.updateNegative = new boolean[levels];
        this.updateExponent = new int[levels];
        int lo = Integer.MAX_VALUE;
        long hi = Long.MIN_VALUE;
        Dyadic[] constant = new Dyadic[levels];
        Dyadic running = s.start;
        for (int l = 0; l < levels; l++) {
            Dyadic a = s.headWeights[l];
            headNegative[l] = a.signum() < 0;
            headExponent[l] = a.exponent();
            constant[l] = running.add(s.headBiases[l]);
            if (l < levels - 1) {
                updateNegative[l] = s.updateWeights[l].signum() < 0;
                updateExponent[l] = s.updateWeights[l].exponent();
                running = running.add(s.updateBiases[l]);
            }
        }
        for (int l = 0; l < levels; l++) {
            // a term w * v has bits from 2^(e(w) - 1074) up to 2^e(w)
            lo = Math.min(lo, headExponent[l] - 1074);
            hi = Math.max(hi, headExponent[l]);
            if (l < levels - 1) {
                lo = Math.min(lo, updateExponent[l] - 1074);
                hi = Math.max(hi, updateExponent[l]);
            }
            if (!constant[l].isZero()) {
                lo = Math.min(lo, constant[l].exponent());
                hi = Math.max(hi, constant[l].topBit());
            }
        }
        // room for the carries of up to L + 1 terms and a sign bit
        hi += 2 + 64 - Long.numberOfLeadingZeros(levels + 1L);
        long width = hi - lo + 1;
        if (width > 1 << 16) {
            throw new IllegalArgumentException("head terms span " + width + " bits (from 2^" + lo + " to 2^" + hi
                    + "); the fixed-point head sum supports at most 65536");
        }
        this.lowExponent = lo;
        this.words = (int) ((width + 63) / 64);
        this.constants = new long[levels][];
        for (int l = 0; l < levels; l++) {
            constants[l] = fixedPoint(constant[l], lo, words);
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
        readouts(x, out, new Scratch(dim, levels, words));
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
            Scratch scratch = new Scratch(dim, levels, words);
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
            addWords(s.prefix, constants[l], sum);
            addScaled(sum, v, headNegative[l], headExponent[l] - lowExponent);
            out[l] = roundToDouble(sum, lowExponent);
            if (l < levels - 1) {
                addScaled(s.prefix, v, updateNegative[l], updateExponent[l] - lowExponent);
            }
        }
    }

    // ---------------------------------------------------------------- the phase window

    /** {@code frac(theta)} as fixed-point words, with what is needed to round any of its windows in O(1). */
    static final class Phase {
        /** {@code frac(theta) = value(words) * 2^-fracBits}, little-endian words. */
        private final long[] words;
        private final long fracBits;
        /** For each word index, the largest index {@code <=} it of a nonzero word, or -1. */
        private final int[] previousNonzero;
        /** Index of the lowest set bit, -1 when {@code frac(theta) = 0}. */
        private final long lowestSet;

        Phase(Dyadic theta) {
            Dyadic f = theta.fractionalPart();
            fracBits = f.isZero() ? 0 : -(long) f.exponent();
            BigInteger m = f.mantissa(); // odd (or zero), value m * 2^-fracBits
            words = toWords(m, (int) ((fracBits + 63) / 64));
            previousNonzero = new int[words.length];
            int last = -1;
            for (int w = 0; w < words.length; w++) {
                if (words[w] != 0) {
                    last = w;
                }
                previousNonzero[w] = last;
            }
            lowestSet = m.signum() == 0 ? -1 : m.getLowestSetBit();
        }

        /** {@code frac(theta * 2^shift)} rounded to the nearest double exactly as {@link Dyadic#doubleValue()}. */
        double fractionDouble(long shift) {
            long limit = fracBits - shift; // the window is bits [0, limit), bit k weighing 2^(k - limit)
            if (limit <= 0 || lowestSet < 0) {
                return 0.0;
            }
            long top = highestSetBelow(limit);
            if (top < 0) {
                return 0.0;
            }
            return round(words, top, lowestSet, -limit, false);
        }

        /** Index of the highest set bit with index {@code < limit}, or -1. */
        private long highestSetBelow(long limit) {
            int w = (int) ((limit - 1) >>> 6);
            int bit = (int) ((limit - 1) & 63);
            long masked = bit == 63 ? words[w] : words[w] & ((1L << (bit + 1)) - 1);
            if (masked != 0) {
                return ((long) w << 6) + 63 - Long.numberOfLeadingZeros(masked);
            }
            int p = w == 0 ? -1 : previousNonzero[w - 1];
            return p < 0 ? -1 : ((long) p << 6) + 63 - Long.numberOfLeadingZeros(words[p]);
        }
    }

    // ---------------------------------------------------------------- exact rounding and the head sum

    /**
     * The double nearest (ties to even) to {@code +-(bits [0, top] of words) * 2^e0}, where bit {@code top} is set
     * and {@code lowest} is the index of the lowest set bit ({@link #UNKNOWN}: scan the words when needed): the same
     * steps ({@link DoubleBits}), overflow and underflow rules as {@link Dyadic#doubleValue()}.
     */
    static double round(long[] words, long top, long lowest, long e0, boolean negative) {
        long topExp = top + e0;
        if (DoubleBits.outOfRange(topExp)) {
            return DoubleBits.outOfRangeValue(topExp, negative);
        }
        long q = DoubleBits.lastPlace(topExp);
        long qi = q - e0; // index of the last kept bit
        long m;
        if (qi <= 0) {
            m = extract(words, 0, (int) (top + 1)) << (int) -qi;
        } else {
            m = extract(words, qi, (int) (top - qi + 1));
            long half = qi - 1;
            boolean halfSet = (words[(int) (half >>> 6)] >>> (int) (half & 63) & 1L) != 0;
            boolean below = lowest == UNKNOWN ? anySetBelow(words, half) : lowest < half;
            m = DoubleBits.roundHalfEven(m, halfSet, below);
        }
        return DoubleBits.assemble(m, q, negative);
    }

    /** "Lowest set bit not computed": {@link #round} then scans for a set bit below the rounding bit itself. */
    static final long UNKNOWN = Long.MIN_VALUE;

    /** Whether a bit with index {@code < index} is set; scans downwards, so it usually stops at once. */
    private static boolean anySetBelow(long[] words, long index) {
        int w = (int) (index >>> 6);
        int bit = (int) (index & 63);
        if (bit != 0 && (words[w] & ((1L << bit) - 1)) != 0) {
            return true;
        }
        for (int k = w - 1; k >= 0; k--) {
            if (words[k] != 0) {
                return true;
            }
        }
        return false;
    }

    /** Bits {@code [from, from + count)} of the little-endian words, {@code count <= 63}. */
    private static long extract(long[] words, long from, int count) {
        int w = (int) (from >>> 6);
        int off = (int) (from & 63);
        long v = words[w] >>> off;
        if (off != 0 && off + count > 64 && w + 1 < words.length) {
            v |= words[w + 1] << (64 - off);
        }
        return count >= 64 ? v : v & ((1L << count) - 1);
    }

    /** Adds {@code +-v * 2^(shift + e(v))} (v a double, {@code |v| <= 1}) to the two's complement words. */
    static void addScaled(long[] acc, double v, boolean negate, int shift) {
        if (v == 0.0) {
            return;
        }
        long bits = Double.doubleToRawLongBits(v);
        long m = DoubleBits.significand(bits);
        int e = DoubleBits.exponent(bits);
        boolean neg = (bits < 0) != negate;
        // value = m * 2^(e + shift') where bit 0 of acc weighs 2^lowExponent; shift already subtracts it
        int pos = e + shift;
        int w = pos >>> 6;
        int off = pos & 63;
        long lo = m << off;
        long hiPart = off == 0 ? 0 : m >>> (64 - off);
        if (!neg) {
            addAt(acc, w, lo, hiPart, 0L);
        } else {
            // two's complement of the 128-bit value (hiPart, lo), sign-extended with ones
            long nlo = ~lo + 1;
            long nhi = ~hiPart + (nlo == 0 ? 1 : 0);
            addAt(acc, w, nlo, nhi, -1L);
        }
    }

    /** Adds the 128-bit value (hi, lo) at word {@code w}, with {@code ext} (0 or -1) above, modulo the width. */
    private static void addAt(long[] acc, int w, long lo, long hi, long ext) {
        long s = acc[w] + lo;
        long carry = Long.compareUnsigned(s, lo) < 0 ? 1 : 0;
        acc[w] = s;
        int k = w + 1;
        if (k >= acc.length) {
            return;
        }
        long t = acc[k] + hi;
        long c1 = Long.compareUnsigned(t, hi) < 0 ? 1 : 0;
        long t2 = t + carry;
        long c2 = Long.compareUnsigned(t2, t) < 0 ? 1 : 0;
        acc[k] = t2;
        carry = c1 + c2;
        for (k = k + 1; k < acc.length; k++) {
            // adding ext + carry: 0 + 0 and -1 + 1 leave every higher word unchanged
            if ((ext == 0 && carry == 0) || (ext == -1 && carry == 1)) {
                return;
            }
            long u = acc[k] + ext;
            long d1 = Long.compareUnsigned(u, acc[k]) < 0 ? 1 : 0;
            long u2 = u + carry;
            long d2 = Long.compareUnsigned(u2, u) < 0 ? 1 : 0;
            acc[k] = u2;
            carry = d1 + d2;
        }
    }

    /** {@code out = a + b} on two's complement words of equal length. */
    private static void addWords(long[] a, long[] b, long[] out) {
        long carry = 0;
        for (int k = 0; k < a.length; k++) {
            long x = a[k];
            long s = x + b[k];
            long c1 = Long.compareUnsigned(s, x) < 0 ? 1 : 0;
            long s2 = s + carry;
            long c2 = Long.compareUnsigned(s2, s) < 0 ? 1 : 0;
            out[k] = s2;
            carry = c1 + c2;
        }
    }

    /** Rounds the two's complement fixed-point value {@code acc * 2^e0} (destroys {@code acc}). */
    static double roundToDouble(long[] acc, int e0) {
        boolean negative = acc[acc.length - 1] < 0;
        if (negative) {
            long carry = 1;
            for (int k = 0; k < acc.length; k++) {
                long v = ~acc[k] + carry;
                carry = (carry == 1 && v == 0) ? 1 : 0;
                acc[k] = v;
            }
        }
        int topWord = acc.length - 1;
        while (topWord >= 0 && acc[topWord] == 0) {
            topWord--;
        }
        if (topWord < 0) {
            return 0.0; // an exact zero is +0.0, as Dyadic.ZERO.doubleValue()
        }
        long top = ((long) topWord << 6) + 63 - Long.numberOfLeadingZeros(acc[topWord]);
        return round(acc, top, UNKNOWN, e0, negative);
    }

    /** {@code d} as two's complement fixed-point words whose bit 0 weighs {@code 2^e0} ({@code d}'s bits fit). */
    static long[] fixedPoint(Dyadic d, int e0, int words) {
        long[] out = new long[words];
        if (d.isZero()) {
            return out;
        }
        BigInteger v = d.mantissa().shiftLeft(d.exponent() - e0);
        long[] mag = toWords(v.abs(), words);
        System.arraycopy(mag, 0, out, 0, words);
        if (v.signum() < 0) {
            long carry = 1;
            for (int k = 0; k < words; k++) {
                long x = ~out[k] + carry;
                carry = (carry == 1 && x == 0) ? 1 : 0;
                out[k] = x;
            }
        }
        return out;
    }

    /** A non-negative integer as little-endian 64-bit words (at least {@code n} words); linear time. */
    static long[] toWords(BigInteger v, int n) {
        byte[] be = v.toByteArray();
        int count = Math.max(n, (v.bitLength() + 63) / 64);
        long[] out = new long[Math.max(count, 1)];
        for (int i = 0; i < be.length; i++) {
            int fromLow = be.length - 1 - i; // byte index from the least significant end
            int w = fromLow >>> 3;
            if (w < out.length) {
                out[w] |= (be[i] & 0xffL) << ((fromLow & 7) << 3);
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- the structure check

    /** Reads and checks the weights the evaluator relies on. */
    private static final class Structure {
        final long[][] shifts;
        final Dyadic[] thetas;
        Dyadic start;
        final Dyadic[] headWeights;
        final Dyadic[] headBiases;
        final Dyadic[] updateWeights;
        final Dyadic[] updateBiases;

        private final Network net;
        private final NarrowLayout layout;
        private final int d;
        private final int n;

        Structure(Network net) {
            this.net = net;
            if (net.layout() != Layout.NARROW) {
                throw new IllegalArgumentException("layout '" + net.layout() + "' is not '" + Layout.NARROW + "'");
            }
            layout = new NarrowLayout(net.dim(), net.base());
            d = net.dim();
            n = net.base();
            int levels = net.levels();
            shifts = new long[levels][d];
            thetas = new Dyadic[levels];
            headWeights = new Dyadic[levels];
            headBiases = new Dyadic[levels];
            updateWeights = new Dyadic[levels];
            updateBiases = new Dyadic[levels];
            if (net.depth() != layout.readLayer(levels) + 1) {
                throw new IllegalArgumentException("depth " + net.depth() + ", expected 2dL + 1 = "
                        + (layout.readLayer(levels) + 1));
            }
            checkFirstLayer();
            for (int l = 1; l <= levels; l++) {
                checkLevel(l);
            }
        }

        private Layer layer(int k) {
            return net.layers().get(k);
        }

        private static IllegalArgumentException mismatch(int layer, int neuron, String what) {
            return new IllegalArgumentException("layer " + layer + " neuron " + neuron + ": " + what);
        }

        private void expect(int k, int j, Activation act, int[] in, Dyadic[] w, Dyadic bias, String what) {
            Neuron nr = layer(k).neuron(j);
            if (nr.activation() != act || !java.util.Arrays.equals(nr.inputs(), in)
                    || !java.util.Arrays.equals(nr.weights(), w) || !nr.bias().equals(bias)) {
                throw mismatch(k, j, "is not " + what);
            }
        }

        private void copy(int k, int j, int from, String what) {
            expect(k, j, Activation.RELU, new int[] {from}, new Dyadic[] {Dyadic.ONE}, Dyadic.ZERO, "a copy of " + what);
        }

        private void checkFirstLayer() {
            for (int k = 1; k <= d; k++) {
                copy(0, layout.y(k), k - 1, "x_" + k);
            }
            expect(0, layout.e(), Activation.RELU, new int[0], new Dyadic[0], Dyadic.ONE, "E = ReLU(1)");
            Neuron s = layer(0).neuron(layout.s());
            if (s.activation() != Activation.RELU || s.affine().size() != 0) {
                throw mismatch(0, layout.s(), "is not the constant S = ReLU(C_0 + mu_0)");
            }
            start = s.bias().signum() > 0 ? s.bias() : Dyadic.ZERO;
        }

        /** Coordinate-switch layers of level l, its sine neuron and head. */
        private void checkLevel(int l) {
            Dyadic steep = null;
            long needed = (long) net.bits() * layout.cells(l) + 54 + (long) l * layout.log2BaseCeil();
            for (int i = 1; i <= d; i++) {
                int a = layout.layerA(l, i);
                int b = layout.layerB(l, i);
                int sw = layout.switchStart(l, i);
                if (layer(a).width() != sw + 2 * (n - 1)) {
                    throw new IllegalArgumentException("layer " + a + " has width " + layer(a).width()
                            + ", expected " + (sw + 2 * (n - 1)));
                }
                if (layer(b).width() != d + 2 + 2 * (n - 1)) {
                    throw new IllegalArgumentException("layer " + b + " has width " + layer(b).width()
                            + ", expected " + (d + 2 + 2 * (n - 1)));
                }
                // the steepness, read from p_1's bias -T
                Dyadic t = layer(a).neuron(sw).bias().negate();
                if (steep == null) {
                    steep = t;
                    if (t.signum() <= 0 || !t.isPowerOfTwoMagnitude() || t.exponent() < needed) {
                        throw mismatch(a, sw, "steepness " + describe(t) + " is not a power of two >= 2^" + needed);
                    }
                } else if (!t.equals(steep)) {
                    throw mismatch(a, sw, "steepness differs within level " + l);
                }
                Dyadic tn = steep.multiply(Dyadic.valueOf(n));
                for (int j = 1; j < n; j++) {
                    Dyadic tj = steep.multiply(Dyadic.valueOf(-j));
                    expect(a, sw + j - 1, Activation.RELU, new int[] {i - 1}, new Dyadic[] {tn}, tj, "p_" + j);
                    expect(a, sw + n - 1 + j - 1, Activation.RELU, new int[] {i - 1}, new Dyadic[] {tn},
                            tj.add(Dyadic.ONE), "q_" + j);
                }
                // carries of A (except in layer 0, checked separately): y copies, E update, S copy
                if (a > 0) {
                    checkCarries(a, previous(l, i));
                }
                // B: y_i <- N y_i + sum p - sum q, other copies, E copy, S copy or update, g, r
                for (int k = 1; k <= d; k++) {
                    if (k != i) {
                        copy(b, layout.y(k), k - 1, "y_" + k);
                        continue;
                    }
                    Neuron y = layout.yUpdate(l, i);
                    expect(b, layout.y(k), y.activation(), y.inputs(), y.weights(), y.bias(), "the y_" + k + " update");
                }
                copy(b, layout.e(), layout.e(), "E");
                if (i == 1 && l >= 2) {
                    Neuron s = layer(b).neuron(layout.s());
                    Affine f = s.affine();
                    if (s.activation() != Activation.RELU || f.size() != 2 || f.input(0) != layout.s()
                            || f.input(1) != layout.v() || !f.weight(0).equals(Dyadic.ONE)
                            || !f.weight(1).isPowerOfTwoMagnitude() || f.bias().compareTo(f.weight(1).abs()) < 0) {
                        throw mismatch(b, layout.s(), "is not S + w v + beta with w = +-2^k, beta >= |w|");
                    }
                    updateWeights[l - 2] = f.weight(1);
                    updateBiases[l - 2] = f.bias();
                } else {
                    copy(b, layout.s(), layout.s(), "S");
                }
                for (int j = 1; j < n; j++) {
                    Dyadic tj = steep.multiply(Dyadic.valueOf(-j));
                    expect(b, layout.g(j), Activation.RELU, new int[] {i - 1, layout.e()}, new Dyadic[] {tn, Dyadic.ONE},
                            tj, "g_" + j);
                    expect(b, layout.r(j), Activation.RELU, new int[] {i - 1}, new Dyadic[] {tn}, tj, "r_" + j);
                }
                shifts[l - 1][i - 1] = layout.shift(net.bits(), l, i);
            }
            // the read layer 2dl: carries with the E update of (l, d), then v_l
            int f = layout.readLayer(l);
            checkCarries(f, new int[] {l, d});
            int expectedWidth = l == net.levels() ? d + 3 : layout.switchStart(l + 1, 1) + 2 * (n - 1);
            if (layer(f).width() != expectedWidth) {
                throw new IllegalArgumentException("layer " + f + " has width " + layer(f).width() + ", expected "
                        + expectedWidth);
            }
            Neuron v = layer(f).neuron(layout.v());
            Affine av = v.affine();
            if (v.activation() != Activation.SINE || av.size() != 2 * n - 1 || av.input(0) != layout.e()
                    || !v.bias().isZero()) {
                throw mismatch(f, layout.v(), "is not the sine neuron SINE(theta E + ...)");
            }
            Dyadic theta = av.weight(0);
            for (int j = 1; j < n; j++) {
                Dyadic tc = theta.multiply(layout.coefficient(net.bits(), l, d, j));
                if (av.input(j) != layout.g(j) || av.input(n - 1 + j) != layout.r(j) || !av.weight(j).equals(tc)
                        || !av.weight(n - 1 + j).equals(tc.negate())) {
                    throw mismatch(f, layout.v(), "weights on g_" + j + ", r_" + j + " are not +-theta c_" + j);
                }
            }
            thetas[l - 1] = theta;
            Head h = net.head(l);
            Affine ah = h.affine();
            if (h.layer() != f || ah.size() != 2 || ah.input(0) != layout.s() || ah.input(1) != layout.v()
                    || !ah.weight(0).equals(Dyadic.ONE) || !ah.weight(1).isPowerOfTwoMagnitude()) {
                throw new IllegalArgumentException("head of level " + l + " is not S + a v + h with a = +-2^k on layer "
                        + f);
            }
            headWeights[l - 1] = ah.weight(1);
            headBiases[l - 1] = ah.bias();
        }

        /** The (level, coordinate) whose address update feeds A(l,i). */
        private int[] previous(int l, int i) {
            return i > 1 ? new int[] {l, i - 1} : new int[] {l - 1, d};
        }

        /** y copies, E = E + sum_j c_j (g_j - r_j) with the coefficients of (level, coordinate), S copy. */
        private void checkCarries(int k, int[] lc) {
            for (int m = 1; m <= d; m++) {
                copy(k, layout.y(m), m - 1, "y_" + m);
            }
            int[] in = new int[2 * n - 1];
            Dyadic[] w = new Dyadic[2 * n - 1];
            in[0] = layout.e();
            w[0] = Dyadic.ONE;
            for (int j = 1; j < n; j++) {
                Dyadic c = layout.coefficient(net.bits(), lc[0], lc[1], j);
                in[j] = layout.g(j);
                w[j] = c;
                in[n - 1 + j] = layout.r(j);
                w[n - 1 + j] = c.negate();
            }
            expect(k, layout.e(), Activation.RELU, in, w, Dyadic.ZERO,
                    "the address update of level " + lc[0] + ", coordinate " + lc[1]);
            copy(k, layout.s(), layout.s(), "S");
        }

        private static String describe(Dyadic t) {
            return t.isPowerOfTwoMagnitude() ? (t.signum() < 0 ? "-" : "") + "2^" + t.exponent()
                    : "of " + t.bitLength() + " bits";
        }
    }
}
