package org.layerwise.function.formula;

import java.util.List;

import net.objecthunter.exp4j.function.Function;

/**
 * The functions that formulas may use besides exp4j's built-ins ({@code sin cos tan cot asin acos atan sinh cosh
 * tanh exp expm1 log log2 log10 log1p sqrt cbrt abs floor ceil pow signum}):
 * <ul>
 *   <li>{@code step(t)} = 1 for {@code t >= 0}, else 0 (NaN for NaN);</li>
 *   <li>{@code sign(t)} = -1, 0 or 1 (same as {@code signum});</li>
 *   <li>{@code min(a, b)}, {@code max(a, b)};</li>
 *   <li>{@code clamp(t, lo, hi)} = {@code min(max(t, lo), hi)}.</li>
 * </ul>
 * Each function is stateless, so one instance may be shared by every thread.
 */
final class FormulaFunctions {

    private FormulaFunctions() {
    }

    /** The added functions, in the order they are documented. */
    static final List<Function> ALL = List.of(
            new Function("step", 1) {
                @Override
                public double apply(double... a) {
                    return step(a[0]);
                }
            },
            new Function("sign", 1) {
                @Override
                public double apply(double... a) {
                    return sign(a[0]);
                }
            },
            new Function("min", 2) {
                @Override
                public double apply(double... a) {
                    return Math.min(a[0], a[1]);
                }
            },
            new Function("max", 2) {
                @Override
                public double apply(double... a) {
                    return Math.max(a[0], a[1]);
                }
            },
            new Function("clamp", 3) {
                @Override
                public double apply(double... a) {
                    return clamp(a[0], a[1], a[2]);
                }
            });

    /** {@code step(t)}: 1 for {@code t >= 0}, 0 for {@code t < 0}, NaN for NaN. */
    static double step(double t) {
        return Double.isNaN(t) ? Double.NaN : (t >= 0 ? 1.0 : 0.0);
    }

    /** {@code sign(t)} = {@link Math#signum(double)}. */
    static double sign(double t) {
        return Math.signum(t);
    }

    /** {@code clamp(t, lo, hi)} = {@code min(max(t, lo), hi)}. */
    static double clamp(double t, double lo, double hi) {
        return Math.min(Math.max(t, lo), hi);
    }

    /** The names of exp4j's built-in functions (as of 0.4.8). */
    static final List<String> BUILTIN_NAMES = List.of("sin", "cos", "tan", "cot", "asin", "acos", "atan", "sinh",
            "cosh", "tanh", "exp", "expm1", "log", "log2", "log10", "log1p", "sqrt", "cbrt", "abs", "floor", "ceil",
            "pow", "signum");

    /** Whether {@code name} is a function a formula may call. */
    static boolean isFunction(String name) {
        return net.objecthunter.exp4j.function.Functions.getBuiltinFunction(name) != null
                || ALL.stream().anyMatch(f -> f.getName().equals(name));
    }

    /** All function names, for error messages. */
    static String names() {
        StringBuilder sb = new StringBuilder(String.join(", ", BUILTIN_NAMES));
        for (Function f : ALL) {
            sb.append(", ").append(f.getName());
        }
        return sb.toString();
    }
}
