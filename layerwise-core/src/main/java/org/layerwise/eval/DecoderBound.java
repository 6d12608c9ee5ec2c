package org.layerwise.eval;

import org.layerwise.net.Network;
import org.layerwise.numeric.Dyadic;

/**
 * The certified decoder bound: for every input {@code x} whose coordinates are doubles,
 * <pre>  |Phi_l(x) - mu_l(K_l(x))| &lt;= B_l + ulp(|mu_l(K_l(x))| + B_l),
 *   B_l = sum_{m &lt;= l} a_m * (2 pi 2^(1-b) + EPS_SIN),</pre>
 * where {@code Phi_l} is the double returned by {@link ReferenceEvaluator}.
 *
 * <p>Why: the stored phase is within {@code 2^-(b+1)} of {@code u_K} (plus a computation error far
 * below that, see {@code construct.Phases}), the cells after {@code K} add a tail in
 * {@code [0, 2^-b / (1 - 2^-b))}, so the exact argument is within {@code 1.5 * 2^-b (1 + 2^-b) < 2^(1-b)}
 * of {@code u_K} mod 1 and {@code |a_m sin(2 pi .) - Delta_m| <= 2 pi a_m 2^(1-b)} (the note's bound).
 * The double evaluation {@code Math.sin(2 * Math.PI * r)} of {@code sin(2 pi r)} adds at most
 * {@code EPS_SIN = 2^-48}: rounding {@code r} to double ({@code 2 pi 2^-54 ~ 3.5e-16}), the error of
 * {@code 2 * Math.PI} ({@code <= 2.5e-16}), rounding the product ({@code <= 2^-51 ~ 4.4e-16}) and
 * {@code Math.sin} ({@code <= 1 ulp <= 2^-53 ~ 1.1e-16}) total about {@code 1.2e-15 < 2^-49.5};
 * {@code 2^-48 = 3.6e-15} leaves a factor 3. The head sums exactly; its single rounding to
 * double costs at most half an ulp of its value, covered by the {@code ulp(|mu| + B_l)} term.
 * With {@code b = 64}, {@code EPS_SIN} dominates: the note's {@code 2 pi a 2^(1-b)} alone is not
 * achievable with a double {@code sin}.
 */
public final class DecoderBound {

    /** Error allowance for {@code Math.sin(2 * Math.PI * r)} versus {@code sin(2 pi r)}. */
    public static final double EPS_SIN = 0x1p-48;

    private DecoderBound() {
    }

    /** {@code 2 pi 2^(1-b) + EPS_SIN}, rounded up: the allowance per unit amplitude. */
    public static double perUnitAmplitude(int bits) {
        double twoPiUp = Math.nextUp(2 * Math.PI); // 2*Math.PI is below 2 pi
        return Math.nextUp(Math.nextUp(Math.scalb(twoPiUp, 1 - bits)) + EPS_SIN);
    }

    /** {@code B_l} for the network's amplitudes, rounded up. */
    public static double bound(Network network, int level) {
        double per = perUnitAmplitude(network.bits());
        double sum = 0;
        for (int m = 1; m <= level; m++) {
            double a = network.amplitude(m).doubleValue();
            sum = Math.nextUp(sum + a * per); // a is a power of two: a * per is exact unless it overflows
        }
        return sum;
    }

    /** The allowed difference {@code B_l + ulp(|mu| + B_l)} at a cell of mean {@code mu}. */
    public static double allowance(double mu, double bound) {
        return Math.nextUp(bound + Math.ulp(Math.nextUp(Math.abs(mu) + bound)));
    }

    /** Whether {@code |phi - mu| <= allowance(mu, bound)}, compared exactly. */
    public static boolean holds(double phi, double mu, double bound) {
        if (!Double.isFinite(phi)) {
            return false;
        }
        Dyadic diff = Dyadic.valueOf(phi).subtract(Dyadic.valueOf(mu)).abs();
        return diff.compareTo(Dyadic.valueOf(allowance(mu, bound))) <= 0;
    }
}
