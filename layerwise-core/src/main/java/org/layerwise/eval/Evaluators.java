package org.layerwise.eval;

import org.layerwise.net.NarrowLayout;
import org.layerwise.net.Network;

/**
 * The one place that chooses how a network is evaluated. Every evaluator returned here is exact in
 * the sense of the {@link ReferenceEvaluator}: the same doubles, bit for bit; only the cost differs.
 */
public final class Evaluators {

    private Evaluators() {
    }

    /**
     * The evaluator chosen for a network and why.
     *
     * @param evaluator the evaluator
     * @param fast      whether it is the {@link FastExactEvaluator}
     * @param reason    a one-line explanation (for a fallback: the first structural mismatch found)
     */
    public record Choice(Evaluator evaluator, boolean fast, String reason) {
    }

    /**
     * The {@link FastExactEvaluator} when the network has the structure it relies on
     * ({@link NarrowLayout#verify}), else the {@link ReferenceEvaluator}. Both give the same doubles.
     *
     * @param network the network
     * @return the evaluator, whether it is the fast one, and why
     */
    public static Choice fastOrReference(Network network) {
        NarrowLayout.Verification v = NarrowLayout.verify(network);
        String refusal = v.verified() ? FastExactEvaluator.unsupported(v.structure()) : v.reason();
        if (refusal != null) {
            return new Choice(new ReferenceEvaluator(network), false,
                    "reference evaluator: the fast one does not apply: " + refusal);
        }
        return new Choice(new FastExactEvaluator(v.structure()), true,
                "fast exact evaluator (structure of the narrow layout verified)");
    }

    /**
     * The evaluator to use.
     *
     * @param network   the network
     * @param reference force the {@link ReferenceEvaluator}
     * @return {@link #fastOrReference}, or the reference evaluator with reason {@code "reference evaluator (forced)"}
     */
    public static Choice choose(Network network, boolean reference) {
        if (reference) {
            return new Choice(new ReferenceEvaluator(network), false, "reference evaluator (forced)");
        }
        return fastOrReference(network);
    }

    /**
     * The evaluator alone.
     *
     * @param network   the network
     * @param reference force the {@link ReferenceEvaluator}
     * @return {@code choose(network, reference).evaluator()}
     */
    public static Evaluator forNetwork(Network network, boolean reference) {
        return choose(network, reference).evaluator();
    }
}
