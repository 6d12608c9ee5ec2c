package org.layerwise.function;

import org.layerwise.function.formula.FormulaTarget;
import java.nio.file.Path;
import java.util.List;
import java.util.function.ToDoubleFunction;

import org.layerwise.InvalidInputException;

/**
 * Factory for targets: formulas, the built-in catalog, images and CSV grids. Every method throws
 * {@link org.layerwise.InvalidInputException} with a one-line message naming the offending input.
 */
public final class Targets {

    private Targets() {
    }

    /**
     * A formula in {@code x1..xd} (or {@code x, y, z} when {@code d <= 3}). Syntax and rules: {@link FormulaTarget}.
     *
     * <pre>{@code
     * Target f = Targets.formula("sin(3*x)*y", 2);
     * }</pre>
     *
     * @param expression the formula
     * @param dim        its dimension; null infers it from the variables used
     * @return the target (recorded as kind {@code formula} in a model's target block)
     * @throws InvalidInputException if the formula does not parse or does not fit the dimension
     */
    public static Target formula(String expression, Integer dim) {
        return FormulaTarget.parse(expression, dim);
    }

    /**
     * A target given as a Java function.
     *
     * <pre>{@code
     * Target wave = Targets.of("wave", 2, x -> Math.sin(2 * Math.PI * x[0]) * x[1]);
     * double y = wave.value(new double[] {0.25, 0.5});   // 0.5
     * }</pre>
     *
     * @param name a short name for tables and reports, not blank
     * @param dim  the dimension {@code d >= 1}
     * @param f    {@code f(x)} for {@code x} in {@code [0,1]^d}; must be thread-safe and must not modify {@code x}
     * @return the target
     * @throws InvalidInputException if the name is blank, {@code dim < 1} or {@code f} is null
     */
    public static Target of(String name, int dim, ToDoubleFunction<double[]> f) {
        return of(name, dim, f, Regularity.UNKNOWN);
    }

    /**
     * As {@link #of(String, int, ToDoubleFunction)}, with what is known about {@code f}'s regularity (shown in tables
     * and used by the report's reading).
     *
     * @param name       a short name, not blank
     * @param dim        the dimension {@code d >= 1}
     * @param f          {@code f(x)}; thread-safe, must not modify {@code x}
     * @param regularity for example {@code Regularity.lipschitz(3)}
     * @return the target
     * @throws InvalidInputException if the name is blank, {@code dim < 1}, or {@code f} or {@code regularity} is null
     */
    public static Target of(String name, int dim, ToDoubleFunction<double[]> f, Regularity regularity) {
        if (name == null || name.isBlank()) {
            throw new InvalidInputException("a target needs a name");
        }
        if (dim < 1) {
            throw new InvalidInputException("target dimension must be >= 1, got " + dim);
        }
        if (f == null || regularity == null) {
            throw new InvalidInputException("target " + name + " needs a function and a regularity");
        }
        return new Target() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public int dim() {
                return dim;
            }

            @Override
            public double value(double[] x) {
                return f.applyAsDouble(x);
            }

            @Override
            public Regularity regularity() {
                return regularity;
            }

            @Override
            public String toString() {
                return name;
            }
        };
    }

    /**
     * A target of the built-in catalog.
     *
     * @param name its name, see {@link #catalog()}
     * @return the target
     * @throws InvalidInputException if there is no such built-in
     */
    public static Target builtin(String name) {
        return BuiltinCatalog.get(name);
    }

    /**
     * @return the built-in catalog, in a fixed order
     */
    public static List<BuiltinTarget> catalog() {
        return BuiltinCatalog.ALL;
    }

    /**
     * An image as a 2-D target: luminance in {@code [0,1]}, y pointing up; see {@link ImageTargets}.
     *
     * @param file a PNG or JPEG file
     * @return the target
     * @throws InvalidInputException if the file cannot be read
     */
    public static PiecewiseConstantTarget image(Path file) {
        return ImageTargets.read(file);
    }

    /**
     * A CSV grid of values as a 1-, 2- or 3-D target; format in {@link GridCsv}.
     *
     * @param file the CSV file
     * @return the target
     * @throws InvalidInputException if the file cannot be read or is malformed
     */
    public static PiecewiseConstantTarget grid(Path file) {
        return GridCsv.read(file);
    }
}
