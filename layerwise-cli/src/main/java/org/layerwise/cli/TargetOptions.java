package org.layerwise.cli;

import java.nio.file.Path;

import org.layerwise.InvalidInputException;
import org.layerwise.function.Target;
import org.layerwise.function.TargetSpec;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/** The target options shared by every command that needs a target: exactly one source, and an optional dimension. */
public final class TargetOptions {

    static final class Source {
        @Option(names = "--target", paramLabel = "EXPR",
                description = "A formula in x1..xd (or x,y,z for d <= 3), e.g. 'sin(pi*x)*y'. "
                        + "Syntax: 'layerwise targets --help'.")
        String formula;

        @Option(names = "--builtin", paramLabel = "NAME", description = "A built-in target; see 'layerwise targets'.")
        String builtin;

        @Option(names = "--image", paramLabel = "FILE",
                description = "A PNG or JPEG image: luminance in [0,1], d = 2, pixel (0,0) at the origin, y pointing up.")
        Path image;

        @Option(names = "--grid", paramLabel = "FILE",
                description = "A CSV of values on a regular grid (d = 1..3), one constant value per grid cell; "
                        + "columns along x1, rows along x2 (first row at x2 = 0), blank-line-separated matrices "
                        + "along x3. Format: 'layerwise targets --help'.")
        Path grid;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    @Option(names = "--dim", paramLabel = "d",
            description = "Dimension of a formula target; inferred from the variables when omitted.")
    Integer dim;

    /** {@code --dim} when given, else 1: for validating grid settings before the target is read. */
    int dimOrOne() {
        return dim == null ? 1 : dim;
    }

    /** Builds the chosen target, checking {@code --dim} against it. */
    public Target resolve() {
        return describe().target();
    }

    /** The chosen target with how it was given (kind, spec, file hash), checking {@code --dim} against it. */
    public TargetSpec.Described describe() {
        TargetSpec.Described t;
        if (source.formula != null) {
            t = TargetSpec.formula(source.formula, dim);
        } else if (source.builtin != null) {
            t = TargetSpec.builtin(source.builtin);
        } else if (source.image != null) {
            t = TargetSpec.image(source.image);
        } else {
            t = TargetSpec.grid(source.grid);
        }
        if (dim != null && dim != t.target().dim()) {
            throw new InvalidInputException("--dim " + dim + " does not match the target's dimension "
                    + t.target().dim());
        }
        return t;
    }
}
