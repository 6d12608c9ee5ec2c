package org.layerwise.construct;

import java.util.List;

import org.layerwise.measure.PNorm;
import org.layerwise.function.Regularity;

/**
 * Everything a table, a plot or the HTML report needs about one construction (or one measurement,
 * where {@code hasNetwork} is false and the network fields are 0).
 *
 * @param targetName   the target's name
 * @param regularity   what is known about the target (for the rate line)
 * @param dim          {@code d}
 * @param base         {@code N}
 * @param levels       {@code L}
 * @param p            the norm exponent
 * @param hasNetwork   whether a network was built (false for {@code measure})
 * @param bitsBudget   phase bits {@code b}
 * @param layout       {@code "narrow"} or {@code "wide"}
 * @param width        maximum number of neurons in a hidden layer
 * @param depth        number of hidden layers
 * @param paperWidth   {@code 2dN + d + 2}, the paper's width
 * @param reluNeurons  number of ReLU neurons
 * @param sineNeurons  number of sine neurons
 * @param parameters   nonzero weights and biases, heads included
 * @param rows         one row per level {@code 0..L}
 */
public record ConstructionReport(String targetName, Regularity regularity, int dim, int base, int levels, PNorm p,
                                 boolean hasNetwork, int bitsBudget, String layout, int width, int depth,
                                 int paperWidth, long reluNeurons, long sineNeurons, long parameters,
                                 List<LevelReport> rows) {

    /**
     * Copies the rows; the other components are taken as given (the construction computed them).
     *
     * @param targetName  as described for the record
     * @param regularity  as described for the record
     * @param dim         as described for the record
     * @param base        as described for the record
     * @param levels      as described for the record
     * @param p           as described for the record
     * @param hasNetwork  as described for the record
     * @param bitsBudget  as described for the record
     * @param layout      as described for the record
     * @param width       as described for the record
     * @param depth       as described for the record
     * @param paperWidth  as described for the record
     * @param reluNeurons as described for the record
     * @param sineNeurons as described for the record
     * @param parameters  as described for the record
     * @param rows        one row per level {@code 0..L}, copied; at least one
     * @throws IllegalArgumentException if there are no rows
     */
    public ConstructionReport {
        rows = List.copyOf(rows);
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("a report needs at least one level");
        }
    }

    /**
     * The paper's width bound.
     *
     * @param dim  the dimension {@code d}
     * @param base the refinement factor {@code N}
     * @return {@code 2dN + d + 2}, the width the paper's construction needs
     */
    public static int paperWidth(int dim, int base) {
        return 2 * dim * base + dim + 2;
    }
}
