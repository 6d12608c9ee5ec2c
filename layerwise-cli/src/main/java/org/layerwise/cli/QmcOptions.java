package org.layerwise.cli;

import org.layerwise.construct.Construction;
import org.layerwise.construct.ConstructionSettings;

import picocli.CommandLine.Option;

/** {@code --points} and {@code --shifts} of the randomized QMC error estimates, shared by {@code construct} and {@code compare}. */
public final class QmcOptions {

    @Option(names = "--points", paramLabel = "n", defaultValue = "" + Construction.DEFAULT_POINTS,
            description = "Sobol points per random shift of the QMC error estimates (default ${DEFAULT-VALUE}).")
    int points;

    @Option(names = "--shifts", paramLabel = "r", defaultValue = "" + Construction.DEFAULT_SHIFTS,
            description = "Random shifts of the QMC error estimates (default ${DEFAULT-VALUE}).")
    int shifts;

    /**
     * @param s settings
     * @return {@code s} with {@code --points} and {@code --shifts}
     */
    ConstructionSettings apply(ConstructionSettings s) {
        return s.withQmc(points, shifts);
    }
}
