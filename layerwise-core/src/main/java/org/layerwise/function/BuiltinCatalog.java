package org.layerwise.function;

import java.util.List;
import java.util.stream.Collectors;

import org.layerwise.InvalidInputException;

/**
 * The built-in targets. Each regularity statement is a theorem for the Euclidean norm on {@code [0,1]^d}; the
 * one-line proofs are next to each entry, and {@code BuiltinCatalogTest} checks every constant on random pairs.
 * Write {@code c = (1/2, ..., 1/2)} and {@code r = |x - c|_2}.
 */
public final class BuiltinCatalog {

    private BuiltinCatalog() {
    }

    private static final double PI = Math.PI;

    private static double radius(double[] x) {
        double s = 0;
        for (double xi : x) {
            s += (xi - 0.5) * (xi - 0.5);
        }
        return Math.sqrt(s);
    }

    /** The catalog, in a fixed order (by dimension, then by regularity). */
    public static final List<BuiltinTarget> ALL = List.of(
            // f' = 2 pi cos(2 pi x) + x, so |f'| <= 2 pi + 1, attained at x = 1.
            new BuiltinTarget("smooth1d", 1, "smooth wave sin(2 pi x) + x^2/2",
                    "sin(2*pi*x1) + x1^2/2",
                    new Regularity(1.0, 2 * PI + 1, true, "Lipschitz, constant 2 pi + 1"),
                    x -> Math.sin(2 * PI * x[0]) + x[0] * x[0] / 2),
            // |sqrt(a) - sqrt(b)| <= sqrt(|a - b|), with equality at b = 0.
            new BuiltinTarget("sqrt1d", 1, "square root sqrt(x): infinite slope at 0",
                    "sqrt(x1)",
                    new Regularity(0.5, 1.0, true, "Hoelder-1/2, constant 1"),
                    x -> Math.sqrt(x[0])),
            // A jump of 1 at x = 1/3 (not a grid point for N = 2, 4, 8, ...).
            new BuiltinTarget("step1d", 1, "unit step at x = 1/3: 0 left of it, 1 from it on",
                    "step(x1 - 1/3)",
                    Regularity.discontinuous("discontinuous (one jump of height 1); L^p modulus <= t^(1/p)"),
                    x -> x[0] >= 1.0 / 3 ? 1.0 : 0.0),
            // x -> |x - c| is 1-Lipschitz (triangle inequality).
            new BuiltinTarget("cone2d", 2, "cone 1 - |x - c| with apex 1 at the centre c = (1/2, 1/2)",
                    "1 - sqrt((x1-0.5)^2 + (x2-0.5)^2)",
                    new Regularity(1.0, 1.0, true, "Lipschitz, constant 1"),
                    x -> 1 - radius(x)),
            // Distance to the circle |x - c| = 0.3: | |x-c| - 0.3 | is 1-Lipschitz as a composition of 1-Lipschitz maps.
            new BuiltinTarget("ring2d", 2, "distance to the circle of radius 0.3 around the centre: a V-shaped groove",
                    "abs(sqrt((x1-0.5)^2 + (x2-0.5)^2) - 0.3)",
                    new Regularity(1.0, 1.0, true, "Lipschitz, constant 1"),
                    x -> Math.abs(radius(x) - 0.3)),
            // 1/2 + 1/2 sin(6 pi r): r is 1-Lipschitz, t -> sin(6 pi t)/2 is 3 pi-Lipschitz; attained radially.
            new BuiltinTarget("ripple2d", 2, "concentric ripples 1/2 + 1/2 sin(6 pi |x - c|), 3 rings to the edge",
                    "0.5 + 0.5*sin(6*pi*sqrt((x1-0.5)^2 + (x2-0.5)^2))",
                    new Regularity(1.0, 3 * PI, true, "Lipschitz, constant 3 pi"),
                    x -> 0.5 + 0.5 * Math.sin(6 * PI * radius(x))),
            // |grad|^2 = 64 pi^2 (u + v - 2uv) with u = cos^2(8 pi x1), v = cos^2(8 pi x2) in [0,1]: at most 64 pi^2.
            new BuiltinTarget("osc2d", 2, "oscillating product sin(8 pi x) sin(8 pi y): 8 x 8 bumps",
                    "sin(8*pi*x1)*sin(8*pi*x2)",
                    new Regularity(1.0, 8 * PI, true, "Lipschitz, constant 8 pi"),
                    x -> Math.sin(8 * PI * x[0]) * Math.sin(8 * PI * x[1])),
            // sqrt is 1/2-Hoelder with constant 1 and r is 1-Lipschitz; equality at x = c.
            new BuiltinTarget("cusp2d", 2, "cusp sqrt(|x - c|) at the centre: infinite slope there",
                    "sqrt(sqrt((x1-0.5)^2 + (x2-0.5)^2))",
                    new Regularity(0.5, 1.0, true, "Hoelder-1/2, constant 1"),
                    x -> Math.sqrt(radius(x))),
            // The indicator of the closed disc D, |x - c| <= 0.3: |D \ (D + h)| <= 2r|h|, so ||f(.+h) - f||_p^p <= 4r|h| = 1.2|h|.
            new BuiltinTarget("disc2d", 2, "indicator of the disc |x - c| <= 0.3 (1 inside, 0 outside)",
                    "step(0.3 - sqrt((x1-0.5)^2 + (x2-0.5)^2))",
                    Regularity.discontinuous("discontinuous (jump 1 across a circle); L^p modulus <= (1.2 t)^(1/p)"),
                    x -> radius(x) <= 0.3 ? 1.0 : 0.0),
            // |grad|^2 = pi^2 (s2 s3 + s1 s3 + s1 s2 - 3 s1 s2 s3) with s_i = sin^2(pi x_i): multilinear, max 1 at a vertex.
            new BuiltinTarget("smooth3d", 3, "smooth bump sin(pi x) sin(pi y) sin(pi z), 0 on the boundary",
                    "sin(pi*x1)*sin(pi*x2)*sin(pi*x3)",
                    new Regularity(1.0, PI, true, "Lipschitz, constant pi"),
                    x -> Math.sin(PI * x[0]) * Math.sin(PI * x[1]) * Math.sin(PI * x[2])));

    /** The entry called {@code name}; unknown names list the known ones. */
    public static BuiltinTarget get(String name) {
        for (BuiltinTarget t : ALL) {
            if (t.name().equals(name)) {
                return t;
            }
        }
        throw new InvalidInputException("unknown built-in target '" + name + "'; known: " + names());
    }

    /** The catalog names, comma-separated, in catalog order. */
    public static String names() {
        return ALL.stream().map(BuiltinTarget::name).collect(Collectors.joining(", "));
    }
}
