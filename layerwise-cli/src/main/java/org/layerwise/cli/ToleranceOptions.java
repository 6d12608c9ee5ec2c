package org.layerwise.cli;

import org.layerwise.InvalidInputException;

import picocli.CommandLine.Option;

/** {@code --tol eps}, shared by {@code construct} and {@code refine}. */
public final class ToleranceOptions {

    @Option(names = "--tol", paramLabel = "eps",
            description = "Append levels one at a time and stop at the first new level whose network error is <= eps.")
    Double tol;

    /** Whether {@code --tol} was given. */
    boolean given() {
        return tol != null;
    }

    /**
     * The tolerance, {@code NaN} when not given.
     *
     * @throws InvalidInputException if it is not a number {@code >= 0}
     */
    double eps() {
        if (tol == null) {
            return Double.NaN;
        }
        if (!(tol >= 0)) {
            throw new InvalidInputException("--tol must be a number >= 0, got " + tol);
        }
        return tol;
    }
}
