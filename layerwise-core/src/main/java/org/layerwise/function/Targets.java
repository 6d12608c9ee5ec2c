package org.layerwise.function;

import org.layerwise.function.formula.FormulaTarget;
import java.nio.file.Path;
import java.util.List;

/**
 * Factory for targets: formulas, the built-in catalog, images and CSV grids. Every method throws
 * {@link org.layerwise.InvalidInputException} with a one-line message naming the offending input.
 */
public final class Targets {

    private Targets() {
    }

    /**
     * A formula in {@code x1..xd} (or {@code x, y, z} when {@code d <= 3}); {@code dim} null infers the dimension
     * from the variables used. Syntax and rules: {@link FormulaTarget}.
     */
    public static Target formula(String expression, Integer dim) {
        return FormulaTarget.parse(expression, dim);
    }

    /** The built-in target called {@code name}; see {@link #catalog()}. */
    public static Target builtin(String name) {
        return BuiltinCatalog.get(name);
    }

    /** The built-in catalog, in a fixed order. */
    public static List<BuiltinTarget> catalog() {
        return BuiltinCatalog.ALL;
    }

    /** An image as a 2-D target: luminance in {@code [0,1]}, y pointing up; see {@link ImageTargets}. */
    public static PiecewiseConstantTarget image(Path file) {
        return ImageTargets.read(file);
    }

    /** A CSV grid of values as a 1-, 2- or 3-D target; format in {@link GridCsv}. */
    public static PiecewiseConstantTarget grid(Path file) {
        return GridCsv.read(file);
    }
}
