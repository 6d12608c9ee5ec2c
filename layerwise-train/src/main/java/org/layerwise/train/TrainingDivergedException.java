package org.layerwise.train;

import org.layerwise.InvalidInputException;

/**
 * An MGDL grade diverged: after its epochs the training loss is not finite or grew more than
 * {@link #GROWTH} times over its value before training, which a step size that is too large causes. Training stops
 * there; the message names the grade, both losses and the learning rates.
 */
public class TrainingDivergedException extends InvalidInputException {
    private static final long serialVersionUID = 1L;

    /** The growth of the loss over a grade taken as divergence. */
    public static final double GROWTH = 100;

    private final double lossBefore;
    private final double lossAfter;

    /**
     * @param what       {@code "grade 2"}
     * @param lossBefore the loss before training
     * @param lossAfter  the loss after the epochs
     * @param g          the grade's (or schedule's) epochs and learning rates
     */
    public TrainingDivergedException(String what, double lossBefore, double lossAfter, GradeSpec g) {
        super(String.format(java.util.Locale.ROOT, "%s diverged: its training loss went from %.3g to %.3g in %d epochs"
                + " (learning rate %s -> %s); lower the learning rate", what, lossBefore, lossAfter, g.epochs(),
                g.lrMax(), g.lrMin()));
        this.lossBefore = lossBefore;
        this.lossAfter = lossAfter;
    }

    /** Throws when {@code lossAfter} is not finite or more than {@link #GROWTH} times {@code lossBefore}. */
    static void check(String what, double lossBefore, double lossAfter, GradeSpec g) {
        if (!Double.isFinite(lossAfter) || lossAfter > GROWTH * lossBefore) {
            throw new TrainingDivergedException(what, lossBefore, lossAfter, g);
        }
    }

    /** The loss before training. */
    public double lossBefore() {
        return lossBefore;
    }

    /** The loss after the epochs. */
    public double lossAfter() {
        return lossAfter;
    }
}
