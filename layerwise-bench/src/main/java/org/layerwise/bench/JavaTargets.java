package org.layerwise.bench;

import java.util.Map;
import java.util.function.ToDoubleFunction;

import org.layerwise.function.Target;
import org.layerwise.function.Targets;

/**
 * Hand-written Java versions of the benchmark formulas: the speed a formula target could reach at best.
 * Each lambda computes the same mathematical function as its formula (not necessarily the same bits).
 */
public final class JavaTargets {

    /** Formula text -> the same function as a Java lambda. */
    public static final Map<String, ToDoubleFunction<double[]>> LAMBDAS = Map.of(
            "sin(2*pi*x)*cos(2*pi*y)", p -> Math.sin(2 * Math.PI * p[0]) * Math.cos(2 * Math.PI * p[1]),
            "exp(-(x^2 + y^2))", p -> Math.exp(-(p[0] * p[0] + p[1] * p[1])),
            "x*y + x^2 - 0.5*y", p -> p[0] * p[1] + p[0] * p[0] - 0.5 * p[1],
            "sqrt((x-0.5)^2 + (y-0.5)^2)", p -> Math.sqrt((p[0] - 0.5) * (p[0] - 0.5) + (p[1] - 0.5) * (p[1] - 0.5)));

    private JavaTargets() {
    }

    /** The lambda for {@code formula} as a 2-D target. */
    public static Target of(String formula) {
        ToDoubleFunction<double[]> f = LAMBDAS.get(formula);
        if (f == null) {
            throw new IllegalArgumentException("no Java version of formula '" + formula + "'; known: "
                    + LAMBDAS.keySet());
        }
        return Targets.of("lambda " + formula, 2, f);
    }
}
