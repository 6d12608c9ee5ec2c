package org.layerwise.cli;

import org.layerwise.measure.PNorm;

import picocli.CommandLine.Option;

/** The options of the grid and the norm shared by {@code measure} and {@code construct}: {@code --base, --p, --quadrature}. */
public final class GridOptions {

    @Option(names = "--base", paramLabel = "N", defaultValue = "2", description = "Refinement factor N >= 2 (default ${DEFAULT-VALUE}).")
    int base;

    @Option(names = "--p", paramLabel = "P", defaultValue = "2", description = "Norm exponent p >= 1 or 'inf' (default ${DEFAULT-VALUE}).")
    String p;

    @Option(names = "--quadrature", paramLabel = "q", defaultValue = "4",
            description = "Gauss-Legendre points per coordinate and cell (default ${DEFAULT-VALUE}).")
    int quadrature;

    @Option(names = "--mean-tol", paramLabel = "REL", defaultValue = "1e-3",
            description = "Certified cell means (formula and built-in targets, d <= 3): aim at enclosures of half-width"
                    + " REL times the level's cell-mean error estimate (default ${DEFAULT-VALUE}).")
    double meanTol;

    /** The parsed norm. */
    PNorm norm() {
        return PNorm.parse(p);
    }
}
