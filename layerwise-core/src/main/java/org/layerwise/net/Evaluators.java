package org.layerwise.net;

/** Chooses an exact evaluator for a network. */
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
     * The {@link FastExactEvaluator} when the network has the structure it relies on, else the
     * {@link ReferenceEvaluator}. Both return the same doubles; only the cost differs.
     */
    public static Choice fastOrReference(Network network) {
        try {
            return new Choice(new FastExactEvaluator(network), true,
                    "fast exact evaluator (structure of the narrow layout verified)");
        } catch (IllegalArgumentException | ArithmeticException e) {
            return new Choice(new ReferenceEvaluator(network), false,
                    "reference evaluator: the fast one does not apply: " + e.getMessage());
        }
    }
}
