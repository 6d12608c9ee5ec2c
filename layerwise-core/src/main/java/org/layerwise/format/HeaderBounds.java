package org.layerwise.format;

import org.layerwise.numeric.Dyadic;
import java.util.List;

/**
 * The checks that refuse a crafted file whose header is small but whose numbers are huge: every amplitude, constant
 * and weight must lie within what the header's {@code d, N, L, b} let a number of the network need
 * ({@link ModelLimits.Bounds}: an exponent range and a mantissa length, from the phase bits {@code b N^(dL)} of the
 * deepest level). Stored numbers are checked before any arithmetic ({@link #checkStored}); an expanded weight form
 * is checked from its exponent and size before it is allocated ({@link #checkExpanded}).
 */
final class HeaderBounds {
    private final ReadBudget budget;
    private final ModelLimits.Bounds bounds;
    /** The header, appended to a refusal: {@code " for d = .., N = .., L = .., b = .."}. */
    private final String header;

    private HeaderBounds(ReadBudget budget, ModelLimits.Bounds bounds, String header) {
        this.budget = budget;
        this.bounds = bounds;
        this.header = header;
    }

    /**
     * The bounds of a header.
     *
     * @param m      the members read
     * @param budget the account of this read, for messages
     * @return the bounds {@link ModelLimits.Bounds#of} {@code (d, N, L, b)}
     * @throws ModelFormatException when the header is not a network: {@code d < 1}, {@code N < 2}, {@code L < 1} or
     *                              {@code b < 1}
     */
    static HeaderBounds of(ModelMembers m, ReadBudget budget) {
        int dim = m.dim();
        int base = m.base();
        int levels = m.levels();
        int bits = m.bits();
        if (dim < 1 || base < 2 || levels < 1 || bits < 1) {
            throw budget.fail("header d = " + dim + ", N = " + base + ", L = " + levels + ", b = " + bits
                    + " is not a network (need d >= 1, N >= 2, L >= 1, b >= 1)");
        }
        return new HeaderBounds(budget, ModelLimits.Bounds.of(dim, base, levels, bits),
                " for d = " + dim + ", N = " + base + ", L = " + levels + ", b = " + bits);
    }

    /**
     * Refuses, before any arithmetic, an amplitude, constant or plain weight or bias beyond the bounds (in this
     * order: amplitudes, constants, then the neurons layer by layer, then the heads).
     *
     * @param m     the members read
     * @param table the constants
     * @throws ModelFormatException naming the first number out of bounds and why
     */
    void checkStored(ModelMembers m, List<Dyadic> table) {
        for (int i = 0; i < m.amplitudes().size(); i++) {
            within(m.amplitudes().get(i), "amplitude " + (i + 1));
        }
        for (int i = 0; i < table.size(); i++) {
            within(table.get(i), "constant " + i);
        }
        for (List<ModelMembers.Pending> layer : m.layers()) {
            for (ModelMembers.Pending n : layer) {
                withinPlain(n);
            }
        }
        for (ModelMembers.Pending h : m.heads()) {
            withinPlain(h);
        }
    }

    /**
     * Refuses an expanded weight before it is allocated.
     *
     * @param exponent     the exponent the expanded weight would have
     * @param mantissaBits the mantissa bits it would have
     * @param where        names the weight
     * @throws ModelFormatException when {@code (exponent, mantissaBits)} is outside the bounds
     */
    void checkExpanded(long exponent, long mantissaBits, String where) {
        String why = bounds.violation(exponent, mantissaBits);
        if (why != null) {
            throw budget.fail(where + ": would have " + why);
        }
    }

    /** Refuses {@code x} (zero always passes) when it is beyond the bounds. */
    private void within(Dyadic x, String where) {
        if (!x.isZero()) {
            String why = bounds.violation(x.exponent(), x.bitLength());
            if (why != null) {
                throw budget.fail(where + ": " + why + header);
            }
        }
    }

    /** Checks the plain weights and the plain bias of a neuron or head; references are checked once expanded. */
    private void withinPlain(ModelMembers.Pending n) {
        for (int k = 0; k < n.w().length; k++) {
            if (n.w()[k].isPlain()) {
                within(n.w()[k].plain(), n.where() + " weight " + k);
            }
        }
        if (n.b().isPlain()) {
            within(n.b().plain(), n.where() + " bias");
        }
    }
}
