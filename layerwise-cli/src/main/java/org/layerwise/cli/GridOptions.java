package org.layerwise.cli;

import org.layerwise.construct.ConstructionSettings;
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

    /**
     * {@code s} with this norm, base and quadrature (checked in that order).
     *
     * @param s settings
     * @return the settings with {@code --p}, {@code --base} and {@code --quadrature}
     */
    ConstructionSettings apply(ConstructionSettings s) {
        return s.withP(norm()).withBase(base).withQuadrature(quadrature);
    }

    /** The parsed norm. */
    PNorm norm() {
        return PNorm.parse(p);
    }
}
