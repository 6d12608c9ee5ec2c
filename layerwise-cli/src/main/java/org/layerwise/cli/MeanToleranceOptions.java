package org.layerwise.cli;

import org.layerwise.InvalidInputException;

import picocli.CommandLine.Option;

/**
 * {@code --mean-tol REL}, shared by the commands that build a table of certified cell means ({@code construct},
 * {@code measure}, {@code compare}, {@code demo}); {@code refine} reads it from the model's target block.
 */
public final class MeanToleranceOptions {

    @Option(names = "--mean-tol", paramLabel = "REL", defaultValue = "1e-3",
            description = {"Relative tolerance of certified cell means: each level's half-widths eta_l aim at REL "
                    + "times its cell-mean error estimate (default ${DEFAULT-VALUE}); recorded in the model."})
    String meanTol;

    /**
     * The checked value.
     *
     * @return {@code --mean-tol}
     * @throws InvalidInputException if it is not a finite number {@code > 0}
     */
    double value() {
        double v;
        try {
            v = Double.parseDouble(meanTol.trim());
        } catch (NumberFormatException e) {
            v = Double.NaN;
        }
        if (!(v > 0) || !Double.isFinite(v)) {
            throw new InvalidInputException("--mean-tol must be a finite number > 0, got " + meanTol);
        }
        return v;
    }
}
