package org.layerwise.net;

/**
 * The one place that chooses how a network is evaluated, so that switching every command to a faster
 * exact evaluator is a one-line change here.
 */
public final class Evaluators {

    private Evaluators() {
    }

    /**
     * An exact evaluator of {@code network}: the {@link ReferenceEvaluator} when {@code reference} is true,
     * otherwise the fastest exact evaluator available (for now also the {@link ReferenceEvaluator}).
     * Every evaluator returned here meets the {@link DecoderBound}.
     */
    public static Evaluator forNetwork(Network network, boolean reference) {
        if (reference) {
            return new ReferenceEvaluator(network);
        }
        return new ReferenceEvaluator(network);
    }

    /** A short name of the evaluator {@link #forNetwork} returns, for method descriptions. */
    public static String name(boolean reference) {
        return "exact reference evaluator";
    }
}
