package org.layerwise.function.formula;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.layerwise.numeric.Interval;
import org.layerwise.numeric.Taylor;

/**
 * The tape ({@link FormulaTape}) against the tree's own recursion ({@link FormulaNode#taylor}): on random boxes
 * (wide, narrow, thin, touching kinks, jumps, poles and domain edges) both give the same value, gradient and
 * Hessian enclosures, bound for bound and flag for flag, for smooth and non-smooth formulas in d = 1, 2, 3; the
 * tape's interval mode ({@link CompiledFormula#enclose(double[], double[])}) gives the tree's range enclosure; and the
 * value at random points of the box lies in the value enclosure.
 */
class FormulaTapeTest {

    private static final String[] FORMULAS = {
        "0.5 + 0.5*sin(6*pi*sqrt((x1-0.5)^2 + (x2-0.5)^2))", "1 - sqrt((x1-0.5)^2 + (x2-0.5)^2)",
        "abs(x1-x2)", "step(x1+x2-1)", "sqrt(x1)", "sqrt(abs(x1-1/3))", "max(x1, max(x2, 0.4))", "min(x1, x2^2)",
        "clamp(3*x1 - 1, 0, 1)", "x1 % 0.25", "x1^x2", "exp(3*x1)/(1+x2)", "1/(x1-0.5)", "log(x1)", "x1*x1 - x2",
        "sign(x2-0.4) * cos(x1)", "floor(4*x1) + ceil(3*x2)", "tan(x1) + atan(x2) + tanh(x1*x2)",
        "asin(x1) - acos(x2) + cbrt(x1-0.5)", "log2(1+x1) + log10(2+x2) + log1p(x1) + expm1(-x2)",
        "sinh(x1) * cosh(x2) / 3", "x1^3 - x2^0.5 + x1^-2", "-(x1 - x2)^2 + x1^0 + x2^1", "step(x1-0.3)",
        "sqrt(x1*x2)", "cot(x1 + 0.1)", "signum(x1 - 0.5)", "sin(pi*x1)*sin(pi*x2)*sin(pi*x3)",
        "max(x1, x2) - x3 * abs(x1 - x3)", "(x1 + x2 + x3) / (1 + x1*x2*x3)"
    };

    private static int dimOf(String formula) {
        return formula.contains("x3") ? 3 : formula.contains("x2") ? 2 : 1;
    }

    private static void same(Interval tree, Interval tape, String what) {
        if (tree.isEmpty() || tape.isEmpty()) {
            assertTrue(tree.isEmpty() && tape.isEmpty(), () -> what + ": tree " + tree + ", tape " + tape);
            return;
        }
        assertEquals(tree, tape, what);
    }

    /**
     * The first-order mode ({@link CompiledFormula#firstOrder}) gives the value and gradient entries of the
     * second-order tape bound for bound on random boxes and points (kinks, jumps, poles included), and reports
     * "bounded" exactly when they all are.
     */
    @Test
    void firstOrderGivesTheValueAndGradientOfTheFullTape() {
        SplittableRandom r = new SplittableRandom(7);
        double[] special = {0, 1.0 / 3, 0.25, 0.3, 0.4, 0.5, 1};
        for (String s : FORMULAS) {
            for (int d = dimOf(s); d <= 3; d++) {
                CompiledFormula f = FormulaTarget.parse(s, d).compiled();
                double[] out = new double[2 + 2 * d];
                for (int trial = 0; trial < 60; trial++) {
                    Interval[] box = new Interval[d];
                    double[] lo = new double[d];
                    double[] hi = new double[d];
                    for (int k = 0; k < d; k++) {
                        double a = trial % 3 == 0 ? special[r.nextInt(special.length)] : r.nextDouble();
                        double w = trial % 2 == 0 ? 0 : Math.pow(2, -r.nextInt(0, 30)); // points and boxes
                        lo[k] = Math.max(0, Math.min(a, 1 - w));
                        hi[k] = Math.min(1, lo[k] + w);
                        box[k] = Interval.of(lo[k], hi[k]);
                    }
                    Taylor full = f.taylorOnBox(box);
                    boolean ok = f.firstOrder(lo, hi, out);
                    String at = s + " (d = " + d + ") on " + java.util.Arrays.toString(box);
                    boolean bounded = full.value().isBounded();
                    for (int i = 0; i < d; i++) {
                        bounded &= full.gradient(i).isBounded();
                    }
                    assertEquals(bounded, ok, "bounded: " + at);
                    if (ok) {
                        assertEquals(full.value(), Interval.of(out[0], out[1]), "value of " + at);
                        for (int i = 0; i < d; i++) {
                            assertEquals(full.gradient(i), Interval.of(out[2 + 2 * i], out[3 + 2 * i]),
                                    "gradient " + i + " of " + at);
                        }
                    }
                }
            }
        }
    }

    /**
     * The run over several points ({@link CompiledFormula#firstOrder(int, double[], int, double[], boolean[])}) gives
     * each point's single-point result bound for bound, "bounded" included, for 1, 16, 64 (one pass) and 150 points
     * (three passes), at random points and on kinks, jumps and poles.
     */
    @Test
    void runOverSeveralPointsGivesEachPointsResult() {
        SplittableRandom r = new SplittableRandom(17);
        double[] special = {0, 1.0 / 3, 0.25, 0.3, 0.4, 0.5, 1};
        for (String s : FORMULAS) {
            for (int d = dimOf(s); d <= 3; d++) {
                CompiledFormula f = FormulaTarget.parse(s, d).compiled();
                for (int n : new int[] {1, 16, 64, 150}) {
                    double[] x = new double[d * n];
                    for (int i = 0; i < x.length; i++) {
                        x[i] = i % 4 == 0 ? special[r.nextInt(special.length)] : r.nextDouble();
                    }
                    double[] out = new double[(2 + 2 * d) * n];
                    boolean[] ok = new boolean[n];
                    f.firstOrder(d, x, n, out, ok);
                    double[] m = new double[d];
                    double[] one = new double[2 + 2 * d];
                    int bounded = 0;
                    for (int q = 0; q < n; q++) {
                        for (int i = 0; i < d; i++) {
                            m[i] = x[i * n + q];
                        }
                        String at = s + " (d = " + d + ", n = " + n + ") at " + java.util.Arrays.toString(m);
                        boolean want = f.firstOrder(m, m, one);
                        assertEquals(want, ok[q], "bounded: " + at);
                        if (want) {
                            bounded++;
                            for (int e = 0; e < one.length; e++) {
                                assertEquals(one[e], out[e * n + q], "entry " + e + " of " + at);
                            }
                        }
                    }
                    assertTrue(bounded > 0 || s.contains("1/(x1-0.5)") || n == 1, "no bounded point: " + s);
                }
            }
        }
    }

    @Test
    void tapeGivesTheTreesEnclosuresOnRandomBoxes() {
        SplittableRandom r = new SplittableRandom(2026);
        double[] special = {0, 1.0 / 3, 0.25, 0.3, 0.4, 0.5, 1};
        for (String s : FORMULAS) {
            for (int d = dimOf(s); d <= 3; d++) {
                CompiledFormula f = FormulaTarget.parse(s, d).compiled();
                for (int trial = 0; trial < 60; trial++) {
                    Interval[] box = new Interval[d];
                    Taylor[] vars = new Taylor[d];
                    for (int k = 0; k < d; k++) {
                        double lo = trial % 3 == 0 ? special[r.nextInt(special.length)] : r.nextDouble();
                        double w = trial % 5 == 0 ? 0 : Math.pow(2, -r.nextInt(0, 30));
                        double hi = Math.min(1, lo + w);
                        if (trial % 7 == 0) {
                            lo = Math.max(0, hi - w); // ending on a special point
                        }
                        box[k] = Interval.of(Math.min(lo, hi), hi);
                        vars[k] = Taylor.variable(k, box[k], d);
                    }
                    Taylor tree = f.taylorByTree(vars);
                    for (Taylor tape : new Taylor[] {f.taylor(vars), f.taylorOnBox(box)}) {
                        String at = s + " (d = " + d + ") on " + java.util.Arrays.toString(box);
                        same(tree.value(), tape.value(), "value of " + at);
                        for (int i = 0; i < d; i++) {
                            same(tree.gradient(i), tape.gradient(i), "gradient " + i + " of " + at);
                            for (int j = i; j < d; j++) {
                                same(tree.hessian(i, j), tape.hessian(i, j), "hessian " + i + j + " of " + at);
                            }
                        }
                    }
                    // the interval mode holds f at points of the box where f is defined; the tape's is the tree's
                    Interval v = f.enclose(box);
                    double[] blo = new double[d];
                    double[] bhi = new double[d];
                    for (int k = 0; k < d; k++) {
                        blo[k] = box[k].lo();
                        bhi[k] = box[k].hi();
                    }
                    same(v, f.enclose(blo, bhi), "interval mode of " + s + " (d = " + d + ") on "
                            + java.util.Arrays.toString(box));
                    for (int p = 0; p < 3; p++) {
                        double[] x = new double[d];
                        for (int k = 0; k < d; k++) {
                            x[k] = box[k].lo() + (box[k].hi() - box[k].lo()) * r.nextDouble();
                        }
                        double fx;
                        try {
                            fx = f.eval(x);
                        } catch (ArithmeticException e) {
                            continue;
                        }
                        if (Double.isFinite(fx)) {
                            double slack = 1e-12 * (1 + Math.abs(fx));
                            final double y = fx;
                            assertTrue(v.lo() - slack <= y && y <= v.hi() + slack,
                                    () -> s + " at " + java.util.Arrays.toString(x) + " = " + y + " not in " + v);
                        }
                    }
                }
            }
        }
    }
}
