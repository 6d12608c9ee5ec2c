package org.layerwise.format;

import org.layerwise.net.Affine;
import org.layerwise.numeric.Dyadic;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The weight strings of model files of version 2 (grammar in {@link ModelFile}): exact, and short for
 * the shapes the construction produces, with large numbers stored once in a table of constants.
 * <pre>
 *   weight := "0" | sign? core              sign := "-"
 *   core   := DYADIC                        |m| 2^e, the text form of Dyadic without sign ("1b3p-12")
 *           | "(2^" INT "-2^" INT ")"       2^a - 2^b with a > b
 *           | "$" IDX                       constant IDX
 *           | "$" IDX "*2^" INT             constant * 2^e
 *           | "$" IDX "*(2^" INT "-2^" INT ")"   constant * (2^a - 2^b)
 * </pre>
 * Every form is evaluated in linear time (a run {@code 2^a - 2^b} times a number is a shift and a subtraction).
 */
final class WeightText {

    /** Weights with at most this many mantissa bits are written in the plain dyadic form. */
    static final int PLAIN_BITS = 64;
    /** A run {@code |m| = 2^s - 1} is written as {@code (2^a-2^b)} from this many bits on. */
    static final int RUN_BITS = 16;

    private WeightText() {
    }

    // ---------------------------------------------------------------- writing

    /**
     * Chooses the canonical text of every weight: a deterministic function of the network. Constants are
     * numbered in order of first use (layers, neurons, weights then bias, then heads).
     */
    static final class Encoder {
        private final List<Dyadic> constants = new ArrayList<>();
        /** The constants by a key computed in O(1) (a BigInteger's hash code costs a pass over it). */
        private final Map<List<Long>, List<Integer>> index = new HashMap<>();
        /** Products {@code mc (2^t - 1)} already verified, with their constant and {@code t}. */
        private final List<Object[]> verified = new ArrayList<>();

        /** Whether {@code m = mc (2^t - 1)}; a product verified before is recognised by comparison alone. */
        private boolean isRunMultiple(BigInteger m, BigInteger mc, int t) {
            for (Object[] v : verified) {
                if (v[1] == mc && (int) v[2] == t && m.equals(v[0])) {
                    return true;
                }
            }
            if (!mc.shiftLeft(t).subtract(mc).equals(m)) {
                return false;
            }
            verified.add(new Object[] {m, mc, t});
            return true;
        }

        private static List<Long> key(Dyadic abs) {
            return List.of(abs.exponent(), abs.bitLength(), abs.lowWord());
        }

        List<Dyadic> constants() {
            return constants;
        }

        /** The texts of the weights of {@code a}, then of its bias. */
        String[] encode(Affine a) {
            String[] out = new String[a.size() + 1];
            List<Integer> anchors = new ArrayList<>(2);
            for (int k = 0; k < a.size(); k++) {
                out[k] = encode(a.weight(k), anchors);
            }
            out[a.size()] = encode(a.bias(), anchors);
            return out;
        }

        /**
         * Rules, in order: zero is "0"; a run of at least {@link #RUN_BITS} ones is {@code (2^a-2^b)}; at most
         * {@link #PLAIN_BITS} bits is the plain form; otherwise a constant already used by this affine form
         * times {@code 2^e} or times a run, if one matches; otherwise a reference to the (new or existing) constant
         * {@code |w|}.
         */
        private String encode(Dyadic w, List<Integer> anchors) {
            if (w.isZero()) {
                return "0";
            }
            String sign = w.signum() < 0 ? "-" : "";
            String kept = w.keptRun() == 0 ? null : encodeKept(w, sign, anchors);
            if (kept != null) {
                return kept;
            }
            long e = w.exponent();
            long s = w.bitLength();
            if (s >= RUN_BITS && w.isRunOfOnesMagnitude()) { // |m| = 2^s - 1
                return sign + "(2^" + (e + s) + "-2^" + e + ")";
            }
            if (s <= PLAIN_BITS) {
                return sign + w.abs();
            }
            for (int i : anchors) {
                Dyadic c = constants.get(i);
                long shift = e - c.exponent();
                if (w.sameMagnitude(c)) {
                    return sign + "$" + i + (shift == 0 ? "" : "*2^" + shift);
                }
                long t0 = s - c.bitLength();
                for (long t = Math.max(2, t0); t <= t0 + 1; t++) {
                    // m = mc (2^t - 1)?  mc (2^t - 1) has bitLength(mc) + t or + t - 1 bits; the low 64 bits of
                    // the product (mc 2^t - mc mod 2^64) rule out a mismatch before any big arithmetic
                    long low = c.lowWord();
                    if ((t < 64 ? (low << t) - low : -low) == w.lowWord() && t < Integer.MAX_VALUE - 64
                            && isRunMultiple(w.mantissa().abs(), c.mantissa(), (int) t)) {
                        return sign + "$" + i + "*(2^" + (shift + t) + "-2^" + shift + ")";
                    }
                }
            }
            return reference(w, sign, anchors);
        }

        /**
         * The text {@link #encode} gives a weight whose run is kept unexpanded ({@link Dyadic#keptRun}), read off
         * its form without expanding it: a pure run is {@code (2^a-2^b)}, and {@code base (2^t - 1) 2^e} with
         * {@code base} the mantissa of the first anchor is that constant times a run. Null when the form decides
         * nothing (another anchor, or a base whose product could itself be a run of ones): {@link #encode} then
         * reads the bits, as for any weight.
         */
        private String encodeKept(Dyadic w, String sign, List<Integer> anchors) {
            long t = w.keptRun();
            long e = w.exponent();
            if (w.isKeptPureRun()) {
                return sign + "(2^" + (e + t) + "-2^" + e + ")";
            }
            if (w.keptBaseBitLength() % t == 1 || anchors.isEmpty()) {
                return null; // 1 + 2^t + 2^2t + ... times 2^t - 1 is a run of ones
            }
            int i = anchors.get(0);
            Dyadic c = constants.get(i);
            if (!w.keepsRunOf(c)) {
                return null;
            }
            long shift = e - c.exponent();
            return sign + "$" + i + "*(2^" + (shift + t) + "-2^" + shift + ")";
        }

        /** A reference to the (new or existing) constant {@code |w|}, which becomes an anchor of the form. */
        private String reference(Dyadic w, String sign, List<Integer> anchors) {
            Dyadic abs = w.abs();
            List<Integer> same = index.computeIfAbsent(key(abs), k -> new ArrayList<>(1));
            Integer i = null;
            for (int j : same) {
                if (constants.get(j).equals(abs)) {
                    i = j;
                }
            }
            if (i == null) {
                i = constants.size();
                constants.add(abs);
                same.add(i);
            }
            if (!anchors.contains(i)) {
                anchors.add(i);
            }
            return sign + "$" + i;
        }
    }

    // ---------------------------------------------------------------- reading

    /** A parsed weight, resolved against the constants once they are known. */
    record Parsed(boolean negative, Dyadic plain, int constant, boolean run, long a, long b) {

        /** Whether it is a plain dyadic (the only form of version 1). */
        boolean isPlain() {
            return plain != null;
        }

        /**
         * Mantissa bits of the resolved value, for the bounds: {@code a - b} for a run, {@code bits(C) + a - b} for a
         * constant times a run, 0 for a plain value or a reference alone or times {@code 2^e}.
         */
        long valueBits(List<Dyadic> constants) {
            if (plain != null || !run) {
                return 0;
            }
            long t = a - b;
            return constant < 0 ? t : constants.get(constant).bitLength() + t;
        }

        /**
         * Mantissa bits that resolving allocates: a reference alone or times {@code 2^e} shares the constant's, and so
         * does a run of at least {@link Dyadic#RUN_MIN_BITS} ones (kept unexpanded, alone or times a constant that
         * keeps no run); other forms allocate {@link #valueBits}.
         */
        long newBits(List<Dyadic> constants) {
            if (plain != null || !run) {
                return 0;
            }
            if (a - b >= Dyadic.RUN_MIN_BITS && (constant < 0 || constants.get(constant).keptRun() == 0)) {
                return 0;
            }
            return valueBits(constants);
        }

        /** The exponent of the resolved value (for the range check before allocating). */
        long exponent(List<Dyadic> constants) {
            if (plain != null) {
                return plain.exponent();
            }
            long base = constant < 0 ? 0 : constants.get(constant).exponent();
            return base + b;
        }

        /** The value: {@code +-plain}, {@code +-c 2^b}, {@code +-(2^a - 2^b)} or {@code +-c (2^a - 2^b)}. */
        Dyadic resolve(List<Dyadic> constants) {
            Dyadic v = plain != null ? plain : magnitude(constants);
            return negative ? v.negate() : v;
        }

        /**
         * The value without its sign, for a reference or form; {@code c (2^a - 2^b)} is {@code c} times
         * {@link Dyadic#run}: a long run is kept unexpanded, so the product shares {@code c}'s mantissa.
         */
        Dyadic magnitude(List<Dyadic> constants) {
            if (!run) {
                return constant < 0 ? Dyadic.powerOfTwo(b) : constants.get(constant).shift(b);
            }
            Dyadic r = Dyadic.run(a, b);
            return constant < 0 ? r : constants.get(constant).multiply(r);
        }

        /** The sign-free form of a reference or form: equal keys have equal {@link #magnitude}s. */
        Parsed key() {
            return new Parsed(false, null, constant, run, a, b);
        }
    }

    /**
     * Parses a weight string; exponents are checked against {@code maxExponent}, constant indices are
     * checked later (the table may come after the weights).
     *
     * @throws IllegalArgumentException with a message naming the text
     */
    static Parsed parse(String s, long maxExponent) {
        if (s.isEmpty()) {
            throw malformed(s, "empty");
        }
        boolean negative = s.charAt(0) == '-';
        int pos = negative ? 1 : 0;
        if (pos >= s.length()) {
            throw malformed(s, "nothing after the sign");
        }
        char c = s.charAt(pos);
        if (c == '(') {
            long[] ab = new long[2];
            int end = run(s, pos, ab, maxExponent);
            if (end != s.length()) {
                throw malformed(s, "trailing characters");
            }
            return new Parsed(negative, null, -1, true, ab[0], ab[1]);
        }
        if (c == '$') {
            int p = pos + 1;
            int q = p;
            while (q < s.length() && q - p < 10 && Character.isDigit(s.charAt(q))) {
                q++;
            }
            if (q == p || (q - p > 1 && s.charAt(p) == '0')) {
                throw malformed(s, "bad constant index");
            }
            long idx = Long.parseLong(s.substring(p, q));
            if (idx > Integer.MAX_VALUE) {
                throw malformed(s, "bad constant index");
            }
            if (q == s.length()) {
                return new Parsed(negative, null, (int) idx, false, 0, 0);
            }
            if (s.startsWith("*2^", q)) {
                long e = integer(s, q + 3, s.length(), maxExponent);
                return new Parsed(negative, null, (int) idx, false, 0, e);
            }
            if (s.startsWith("*(", q)) {
                long[] ab = new long[2];
                int end = run(s, q + 1, ab, maxExponent);
                if (end != s.length()) {
                    throw malformed(s, "trailing characters");
                }
                return new Parsed(negative, null, (int) idx, true, ab[0], ab[1]);
            }
            throw malformed(s, "expected '*2^' or '*(' after the constant");
        }
        Dyadic d;
        try {
            d = Dyadic.parse(s);
        } catch (RuntimeException ex) {
            throw new IllegalArgumentException(ex.getMessage());
        }
        if (Math.abs(d.exponent()) > maxExponent) {
            throw new IllegalArgumentException("exponent " + d.exponent() + " beyond the limit " + maxExponent);
        }
        return new Parsed(false, d, -1, false, 0, 0);
    }

    /** Parses {@code (2^a-2^b)} starting at {@code pos}; returns the end position. */
    private static int run(String s, int pos, long[] ab, long maxExponent) {
        if (!s.startsWith("(2^", pos)) {
            throw malformed(s, "expected '(2^'");
        }
        int minus = s.indexOf("-2^", pos + 3);
        if (minus < 0) {
            throw malformed(s, "expected '-2^'");
        }
        int close = s.indexOf(')', minus);
        if (close < 0) {
            throw malformed(s, "missing ')'");
        }
        ab[0] = integer(s, pos + 3, minus, maxExponent);
        ab[1] = integer(s, minus + 3, close, maxExponent);
        if (ab[0] <= ab[1]) {
            throw malformed(s, "2^a - 2^b needs a > b");
        }
        return close + 1;
    }

    private static long integer(String s, int from, int to, long maxExponent) {
        String t = s.substring(from, to);
        if (t.isEmpty() || t.length() > 12 || !t.matches("-?[0-9]+")) {
            throw malformed(s, "bad integer '" + t + "'");
        }
        long v = Long.parseLong(t);
        if (Math.abs(v) > maxExponent) {
            throw new IllegalArgumentException("exponent " + v + " beyond the limit " + maxExponent + " in '"
                    + abbreviate(s) + "'");
        }
        return v;
    }

    private static IllegalArgumentException malformed(String s, String why) {
        return new IllegalArgumentException("malformed weight '" + abbreviate(s) + "' (" + why + ")");
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }
}
