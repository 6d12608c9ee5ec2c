package org.layerwise.function;

import java.util.Objects;
import java.util.function.ToDoubleFunction;

import org.layerwise.InvalidInputException;

/**
 * One entry of the built-in catalog: a named function on {@code [0,1]^d} with a one-line description, the same
 * function as a formula (accepted by {@link Targets#formula}), and a {@link Regularity} that holds on
 * {@code [0,1]^d} for the Euclidean norm.
 *
 * @param name        catalog name, e.g. {@code cone2d}
 * @param dim         dimension {@code d >= 1}
 * @param description one line, for {@code layerwise targets}
 * @param formula     the same function in formula syntax
 * @param regularity  a true modulus-of-continuity statement (see {@link BuiltinCatalog} for the proofs)
 * @param function    the function itself; pure, hence thread-safe
 */
public record BuiltinTarget(String name, int dim, String description, String formula, Regularity regularity,
                            ToDoubleFunction<double[]> function) implements Target {

    public BuiltinTarget {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(formula, "formula");
        Objects.requireNonNull(regularity, "regularity");
        Objects.requireNonNull(function, "function");
        if (dim < 1) {
            throw new IllegalArgumentException("dimension must be >= 1, got " + dim);
        }
    }

    @Override
    public double value(double[] x) {
        if (x.length != dim) {
            throw new InvalidInputException("point has " + x.length + " coordinates, built-in target " + name
                    + " expects " + dim);
        }
        return function.applyAsDouble(x);
    }

    @Override
    public String toString() {
        return "builtin " + name + " (d = " + dim + ")";
    }
}
