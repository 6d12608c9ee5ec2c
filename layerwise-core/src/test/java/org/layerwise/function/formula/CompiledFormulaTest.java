package org.layerwise.function.formula;

import org.layerwise.function.Targets;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.layerwise.InvalidInputException;

import net.objecthunter.exp4j.Expression;

/**
 * The compiled tree against exp4j's interpreter, its definition: same bits (Double.doubleToLongBits) or the same
 * ArithmeticException, on hand-picked edge cases and on random formulas at random and extreme points.
 */
class CompiledFormulaTest {

    /** Interesting doubles: inside the cube, its ends, signed zeros, subnormals, outside, non-finite. */
    private static final double[] SPECIAL = {0.0, -0.0, 1.0, 0.5, 0.25, Math.nextUp(0.0), Double.MIN_NORMAL,
            Math.nextDown(1.0), Math.nextUp(0.5), -1.0, -0.5, -2.5, 2.0, 3.0, 1e300, -1e300, Math.PI / 2, Math.PI,
            Double.MAX_VALUE, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN};

    /** What exp4j gives at x: the value's bits, or the exception's message. */
    private static String reference(Expression e, String[] names, int[] coordinates, double[] x) {
        for (int i = 0; i < names.length; i++) {
            e.setVariable(names[i], x[coordinates[i]]);
        }
        try {
            return Long.toHexString(Double.doubleToLongBits(e.evaluate()));
        } catch (ArithmeticException ex) {
            return "throws " + ex.getMessage();
        }
    }

    private static String compiled(FormulaTarget t, double[] x) {
        try {
            return Long.toHexString(Double.doubleToLongBits(t.value(x)));
        } catch (InvalidInputException ex) {
            // value() reports exp4j's ArithmeticException as bad input, keeping it as the cause
            return "throws " + ex.getCause().getMessage();
        }
    }

    /** Checks the formula at the given points; returns false if the formula does not parse. */
    private static boolean agrees(String formula, int dim, List<double[]> points) {
        FormulaTarget t;
        try {
            t = FormulaTarget.parse(formula, dim);
        } catch (InvalidInputException | ArithmeticException ex) {
            return false;
        }
        String[] names = t.variableNames();
        int[] coordinates = new int[names.length];
        for (int i = 0; i < names.length; i++) {
            String n = names[i];
            coordinates[i] = switch (n) {
                case "x" -> 0;
                case "y" -> 1;
                case "z" -> 2;
                default -> Integer.parseInt(n.substring(1)) - 1;
            };
        }
        Expression e = FormulaTarget.interpreted(formula, names);
        for (double[] x : points) {
            assertEquals(reference(e, names, coordinates, x), compiled(t, x),
                    () -> "formula '" + formula + "' at " + java.util.Arrays.toString(x));
        }
        return true;
    }

    private static List<double[]> points(int dim, SplittableRandom rnd, int random) {
        List<double[]> out = new ArrayList<>();
        for (double s : SPECIAL) {
            double[] x = new double[dim];
            java.util.Arrays.fill(x, s);
            out.add(x);
        }
        for (int k = 0; k < random; k++) {
            double[] x = new double[dim];
            for (int i = 0; i < dim; i++) {
                x[i] = rnd.nextInt(4) == 0 ? SPECIAL[rnd.nextInt(SPECIAL.length)] : rnd.nextDouble();
            }
            out.add(x);
        }
        return out;
    }

    @Test
    void precedenceIsExp4js() {
        // Unary minus binds looser than ^, ^ is right-associative, * before +.
        assertEquals(-4.0, Targets.formula("-2^2", 1).value(new double[] {0.3}), 0);
        assertEquals(4.0, Targets.formula("(-2)^2", 1).value(new double[] {0.3}), 0);
        assertEquals(512.0, Targets.formula("2^3^2", 1).value(new double[] {0.3}), 0);
        assertEquals(0.25, Targets.formula("2^-x^2", 1).value(new double[] {Math.sqrt(2)}), 1e-15);
        assertEquals(7.0, Targets.formula("1 + 2*3", 1).value(new double[] {0.3}), 0);
        assertEquals(-0.25, Targets.formula("-x^2", 1).value(new double[] {0.5}), 0);
        assertEquals(1.0, Targets.formula("0^0", 1).value(new double[] {0.5}), 0);
        assertEquals(1.0, Targets.formula("x^0", 1).value(new double[] {0.0}), 0);
        assertTrue(Double.isNaN(Targets.formula("x^0.5", 1).value(new double[] {-0.25})));
    }

    @Test
    void edgeCasesMatchBitForBit() {
        SplittableRandom rnd = new SplittableRandom(11);
        String[] formulas = {"0^0", "x^0", "0^x", "x^0.5", "(x-1)^0.5", "-x^2", "-2^x", "2^-x", "-x^-2", "x^y^z",
                "--x", "-(-x)", "+x", "x - -y", "1/x", "x/y", "x/(x-x)", "1/(x-0.5)", "x % 0.3", "x % y", "x % (y-y)",
                "cot(x)", "cot(0*x)", "tan(x)", "signum(-x)", "signum(x - x)", "sign(-x)", "sign(x)", "step(-x)",
                "step(x - 0.5)", "log2(x)", "log(x)", "log10(x)", "log1p(x - 1)", "sqrt(x - y)", "cbrt(x - 1)",
                "asin(2*x)", "acos(x)", "atan(x/y)", "sinh(x*700)", "cosh(-x)", "tanh(x)", "expm1(x)", "exp(710*x)",
                "floor(x*3)", "ceil(-x*3)", "abs(-x)", "pow(x, y)", "pow(-x, 0.5)", "min(x, -x)", "max(-0*x, 0*x)",
                "min(x, y)", "max(x, y)", "clamp(x, y, z)", "clamp(x, 0.5, 0.25)", "e^x", "pi*x", "2*pi*x",
                "sin(2*pi*x)*cos(2*pi*y)", "exp(-(x^2 + y^2 + z^2))", "1e-3*x + 2E+2*y", "x*1e308*10", "3 % 2 * x",
                "x^2^-1", "(x)", "((x+y))*(z)"};
        for (String f : formulas) {
            assertTrue(agrees(f, 3, points(3, rnd, 200)), () -> f + " should parse");
        }
    }

    @Test
    void everyFunctionAndOperatorHasItsOwnNode() {
        List<String> calls = new ArrayList<>();
        for (String f : FormulaFunctions.BUILTIN_NAMES) {
            calls.add(f.equals("pow") ? "pow(x, 2)" : f + "(x)");
        }
        calls.addAll(List.of("step(x)", "sign(x)", "min(x, 1)", "max(x, 1)", "clamp(x, 0, 1)",
                "x + 1 - x * 2 / (x + 1) % 3 ^ x", "-x", "+x"));
        for (String c : calls) {
            FormulaTarget t = FormulaTarget.parse(c, 1);
            String[] names = t.variableNames();
            java.util.Map<String, Integer> at = new java.util.HashMap<>();
            for (String n : names) {
                at.put(n, 0);
            }
            CompiledFormula cf = CompiledFormula.compile(FormulaTarget.rpn(c, names), at);
            assertFalse(cf.usesFallback(), () -> c + " falls back to exp4j");
        }
    }

    @Test
    void constantSubtreesAreFoldedButDivisionByZeroStillThrows() {
        String[] names = {"x"};
        CompiledFormula folded = CompiledFormula.compile(FormulaTarget.rpn("2*pi*x + sin(1)^2", names),
                java.util.Map.of("x", 0));
        // Mul(Const 2pi, Var) + Const: three operations left, not seven.
        assertEquals(5, folded.size());
        CompiledFormula zero = CompiledFormula.compile(FormulaTarget.rpn("x + 1/0", names), java.util.Map.of("x", 0));
        ArithmeticException ex = assertThrows(ArithmeticException.class, () -> zero.eval(new double[] {0.5}));
        assertEquals("Division by zero!", ex.getMessage());
    }

    @Test
    void divisionByZeroInATargetIsBadInputNamingThePoint() {
        FormulaTarget t = FormulaTarget.parse("1/(x-0.5)", 1);
        assertEquals(-4.0, t.value(new double[] {0.25}));
        InvalidInputException ex = assertThrows(InvalidInputException.class, () -> t.value(new double[] {0.5}));
        assertTrue(ex.getMessage().contains("Division by zero") && ex.getMessage().contains("[0.5]"), ex.getMessage());
    }

    /** A random formula in d variables, with every operator, function and number style the syntax allows. */
    private static String randomFormula(SplittableRandom rnd, int d, int depth) {
        if (depth == 0 || rnd.nextInt(5) == 0) {
            return switch (rnd.nextInt(6)) {
                case 0 -> "x" + (1 + rnd.nextInt(d));
                case 1 -> d <= 3 ? String.valueOf("xyz".charAt(rnd.nextInt(d))) : "x1";
                case 2 -> rnd.nextBoolean() ? "pi" : "e";
                case 3 -> String.valueOf(rnd.nextInt(4));
                case 4 -> String.valueOf(Math.round(rnd.nextDouble() * 1000) / 100.0);
                default -> (1 + rnd.nextInt(9)) + "e" + (rnd.nextBoolean() ? "-" : "") + rnd.nextInt(3);
            };
        }
        String a = randomFormula(rnd, d, depth - 1);
        String b = randomFormula(rnd, d, depth - 1);
        String[] ops = {"+", "-", "*", "/", "%", "^"};
        String[] unary = {"sin", "cos", "tan", "cot", "asin", "acos", "atan", "sinh", "cosh", "tanh", "exp", "expm1",
                "log", "log2", "log10", "log1p", "sqrt", "cbrt", "abs", "floor", "ceil", "signum", "step", "sign"};
        return switch (rnd.nextInt(7)) {
            case 0, 1, 2 -> a + " " + ops[rnd.nextInt(ops.length)] + " " + b;
            case 3 -> "(" + a + ")" + ops[rnd.nextInt(ops.length)] + "(" + b + ")";
            case 4 -> "-" + a;
            case 5 -> unary[rnd.nextInt(unary.length)] + "(" + a + ")";
            default -> switch (rnd.nextInt(4)) {
                case 0 -> "min(" + a + ", " + b + ")";
                case 1 -> "max(" + a + ", " + b + ")";
                case 2 -> "pow(" + a + ", " + b + ")";
                default -> "clamp(" + a + ", " + b + ", " + randomFormula(rnd, d, depth - 1) + ")";
            };
        };
    }

    @Test
    void randomFormulasMatchBitForBit() {
        SplittableRandom rnd = new SplittableRandom(2026);
        int parsed = 0;
        int tried = 600;
        for (int k = 0; k < tried; k++) {
            int d = 1 + rnd.nextInt(3);
            String f = randomFormula(rnd, d, 1 + rnd.nextInt(4));
            if (agrees(f, d, points(d, rnd, 60))) {
                parsed++;
            }
        }
        // Most random formulas are valid (the rest divide by zero at the centre); the check must not be vacuous.
        assertTrue(parsed > tried / 2, "only " + parsed + " of " + tried + " random formulas parsed");
    }
}
