package org.layerwise.function.formula;

import org.layerwise.function.Target;
import org.layerwise.function.Targets;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.layerwise.InvalidInputException;

class FormulaTargetTest {

    private static double at(String formula, double... x) {
        return Targets.formula(formula, null).value(x);
    }

    private static String error(String formula, Integer dim) {
        return assertThrows(InvalidInputException.class, () -> Targets.formula(formula, dim)).getMessage();
    }

    @Test
    void knownValues() {
        assertEquals(0.25, at("sin(pi*x)*y", 0.5, 0.25), 1e-15);
        assertEquals(0.25 + 2 * 0.5 - 0.125, at("x1^2 + 2*x2 - x3", 0.5, 0.5, 0.125), 0);
        assertEquals(Math.E, at("e", 0.3), 0);
        assertEquals(Math.PI / 4, at("pi*x/2", 0.5), 1e-16);
        assertEquals(-0.25, at("-x^2", 0.5), 0);
        assertEquals(0.5, at("2^-1", 0.3), 0);
        assertEquals(0.003 * 0.5, at("1e-3*x2 + 2e-3*x1", 0.5, 0.5), 1e-18);
        assertEquals(Math.sqrt(0.3 * 0.3 + 0.4 * 0.4), at("sqrt((x-0)^2 + y^2)", 0.3, 0.4), 1e-15);
        assertEquals(Math.exp(-1) * Math.log(2), at("exp(-x) * log(2*y)", 1, 1), 1e-15);
    }

    @Test
    void customFunctions() {
        assertEquals(1.0, at("step(x - 0.5)", 0.5), 0);
        assertEquals(0.0, at("step(x - 0.5)", Math.nextDown(0.5)), 0);
        assertEquals(1.0, at("step(0)", 0.7), 0);
        assertEquals(-1.0, at("sign(x - 0.5)", 0.25), 0);
        assertEquals(0.0, at("sign(x - 0.5)", 0.5), 0);
        assertEquals(1.0, at("sign(x - 0.5)", 0.75), 0);
        assertEquals(0.25, at("min(x, y)", 0.25, 0.75), 0);
        assertEquals(0.75, at("max(x, y)", 0.25, 0.75), 0);
        assertEquals(0.3, at("clamp(x, 0.3, 0.6)", 0.1), 0);
        assertEquals(0.6, at("clamp(x, 0.3, 0.6)", 0.9), 0);
        assertEquals(0.5, at("clamp(x, 0.3, 0.6)", 0.5), 0);
        assertEquals(Math.abs(-0.5), at("abs(x - 1)", 0.5), 0);
    }

    @Test
    void dimensionIsInferredFromTheHighestVariable() {
        assertEquals(1, Targets.formula("x", null).dim());
        assertEquals(1, Targets.formula("x1 + 1", null).dim());
        assertEquals(2, Targets.formula("y", null).dim());
        assertEquals(3, Targets.formula("z", null).dim());
        assertEquals(7, Targets.formula("x7 + x2", null).dim());
        assertEquals(12, Targets.formula("x12", null).dim());
        assertEquals(1, Targets.formula("2 + pi", null).dim());
        assertEquals(1, Targets.formula("e", null).dim());
        assertEquals(2, Targets.formula("1e-3*x2", null).dim());
        assertArrayEquals(new int[] {6, 1}, ((FormulaTarget) Targets.formula("x7 + x2", null)).usedCoordinates());
    }

    @Test
    void givenDimensionMayExceedTheVariablesUsed() {
        Target t = Targets.formula("x1", 5);
        assertEquals(5, t.dim());
        assertEquals(0.25, t.value(new double[] {0.25, 0.9, 0.9, 0.9, 0.9}), 0);
        Target c = Targets.formula("3", 2);
        assertEquals(2, c.dim());
        assertEquals(3.0, c.value(new double[] {0.1, 0.2}), 0);
    }

    @Test
    void aliasesAreTheIndexedVariables() {
        Target a = Targets.formula("x*y + z", null);
        Target b = Targets.formula("x1*x2 + x3", null);
        Target mixed = Targets.formula("x*x2 + z", null);
        SplittableRandom rnd = new SplittableRandom(1);
        for (int k = 0; k < 100; k++) {
            double[] p = {rnd.nextDouble(), rnd.nextDouble(), rnd.nextDouble()};
            assertEquals(b.value(p), a.value(p), 0);
            assertEquals(b.value(p), mixed.value(p), 0);
        }
        // x and x1 are one variable.
        assertEquals(1.0, at("x + x1", 0.5), 0);
        assertEquals("x*y + z", a.name());
        assertEquals("sin(x)", Targets.formula("  sin(x) ", null).name());
    }

    @Test
    void concurrentEvaluationEqualsSequential() throws Exception {
        Target t = Targets.formula("sin(2*pi*x1)*cos(3*x2) + x3^2 - step(x1 - x2)", null);
        int threads = 8;
        int perThread = 20_000;
        double[][][] points = new double[threads][perThread][];
        double[][] expected = new double[threads][perThread];
        SplittableRandom rnd = new SplittableRandom(42);
        for (int i = 0; i < threads; i++) {
            for (int k = 0; k < perThread; k++) {
                points[i][k] = new double[] {rnd.nextDouble(), rnd.nextDouble(), rnd.nextDouble()};
                double[] p = points[i][k];
                expected[i][k] = Math.sin(2 * Math.PI * p[0]) * Math.cos(3 * p[1]) + p[2] * p[2]
                        - (p[0] - p[1] >= 0 ? 1 : 0);
            }
        }
        double[][] sequential = new double[threads][perThread];
        for (int i = 0; i < threads; i++) {
            for (int k = 0; k < perThread; k++) {
                sequential[i][k] = t.value(points[i][k]);
                assertEquals(expected[i][k], sequential[i][k], 1e-12);
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<double[]>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                int me = i;
                futures.add(pool.submit(() -> {
                    start.await();
                    double[] out = new double[perThread];
                    for (int k = 0; k < perThread; k++) {
                        out[k] = t.value(points[me][k]);
                    }
                    return out;
                }));
            }
            start.countDown();
            for (int i = 0; i < threads; i++) {
                assertArrayEquals(sequential[i], futures.get(i).get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void parseErrorsNameTheProblem() {
        String m = error("sin(x", null);
        assertTrue(m.startsWith("cannot parse formula 'sin(x': mismatched parentheses"), m);
        assertTrue(m.contains("character 4"), m);
        m = error("sin(x))", null);
        assertTrue(m.contains("mismatched parentheses: ')' at character 7"), m);
        m = error("1 +", null);
        assertTrue(m.startsWith("cannot parse formula '1 +': too many operators"), m);
        m = error("2x", null);
        assertTrue(m.startsWith("cannot parse formula '2x': too many operands"), m);
        assertTrue(m.contains("2*x"), m);
        m = error("min(x)", null);
        assertTrue(m.startsWith("cannot parse formula 'min(x)'"), m);
        assertTrue(m.contains("min"), m);
        m = error("x & y", null);
        assertTrue(m.startsWith("cannot parse formula 'x & y'"), m);
    }

    @Test
    void emptyFormula() {
        assertEquals("formula is empty", error("", null));
        assertEquals("formula is empty", error("   ", null));
        assertEquals("formula is empty", error(null, null));
    }

    @Test
    void unknownVariableNamesTheAllowedOnes() {
        assertEquals("unknown variable 'w' in formula 'x1 + w*x2' (character 6); allowed: x1, x2, x, y",
                error("x1 + w*x2", 2));
        String m = error("x + w", null);
        assertTrue(m.startsWith("unknown variable 'w' in formula 'x + w' (character 5); allowed: x1, x2, ..., x64"),
                m);
        assertTrue(m.contains("x, y, z when d <= 3"), m);
        // No silent implicit products: 'xy' is one unknown name, not x*y.
        assertTrue(error("xy", null).startsWith("unknown variable 'xy'"));
        assertTrue(error("x0", null).startsWith("unknown variable 'x0'"));
        assertTrue(error("x.5", null).startsWith("unknown variable 'x.5'"));
        m = error("foo(x)", null);
        assertTrue(m.startsWith("unknown function 'foo' in formula 'foo(x)' (character 1); known functions: sin,"), m);
        assertTrue(m.contains("step, sign, min, max, clamp"), m);
    }

    @Test
    void variablesBeyondTheGivenDimensionAreErrors() {
        assertEquals("variable 'x3' in formula 'x1 + x3' (character 6) does not fit: the dimension is 2;"
                + " allowed: x1, x2, x, y", error("x1 + x3", 2));
        assertEquals("variable 'z' in formula 'x*z' (character 3) does not fit: the dimension is 2;"
                + " allowed: x1, x2, x, y", error("x*z", 2));
        assertEquals("variable 'y' in formula 'y + x4' (character 1) does not fit: the dimension is 4;"
                + " allowed: x1, x2, x3, x4", error("y + x4", 4));
        assertEquals("variable 'y' in formula 'y + x5' is only allowed when d <= 3, but the formula uses x5"
                + " (so d = 5); write x2 instead", error("y + x5", null));
        assertTrue(error("x65", null).contains("at most 64 coordinates"));
        assertTrue(error("x", 0).contains("must be between 1 and 64, got 0"));
    }

    @Test
    void wrongPointLength() {
        Target t = Targets.formula("x + y", null);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> t.value(new double[] {0.5}));
        assertEquals("point has 1 coordinates, formula 'x + y' expects 2", e.getMessage());
    }
}
