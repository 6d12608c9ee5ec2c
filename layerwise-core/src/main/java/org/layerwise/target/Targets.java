package org.layerwise.target;

import java.nio.file.Path;

/** Factory for targets: formulas, the built-in catalog, images and CSV grids. */
public final class Targets {

    private Targets() {
    }

    public static Target formula(String expression, Integer dim) {
        throw new UnsupportedOperationException("formula targets: issue 2, in progress");
    }

    public static Target builtin(String name) {
        throw new UnsupportedOperationException("built-in targets: issue 2, in progress");
    }

    public static PiecewiseConstantTarget image(Path file) {
        throw new UnsupportedOperationException("image targets: issue 2, in progress");
    }

    public static PiecewiseConstantTarget grid(Path file) {
        throw new UnsupportedOperationException("grid targets: issue 2, in progress");
    }
}
