package org.layerwise.function.formula;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.layerwise.numeric.Interval;
import org.layerwise.numeric.Taylor;

/**
 * The interval and Taylor modes of a compiled formula on random boxes: the value, gradient and Hessian of the
 * function at random points of the box (closed forms) lie in the enclosures; non-smooth functions on boxes that
 * hold their kink or jump have unbounded second derivatives and still enclose the value.
 */
class TaylorModeTest {

    private static Taylor taylor(CompiledFormula f, Interval[] box) {
        Taylor[] v = new Taylor[box.length];
        for (int k = 0; k < box.length; k++) {
            v[k] = Taylor.variable(k, box[k], box.length);
        }
        return f.taylor(v);
    }

    private static void in(Interval enc, double exact, String what) {
        double slack = 1e-12 * (1 + Math.abs(exact));
        assertTrue(enc.lo() - slack <= exact && exact <= enc.hi() + slack, () -> what + ": " + exact + " not in " + enc);
    }

    @Test
    void smoothFormulaDerivativesAreEnclosed() {
        // f = exp(3x) sin(y) + x^2 y / (1 + y)
        CompiledFormula f = FormulaTarget.parse("exp(3*x)*sin(y) + x^2*y/(1+y)", 2).compiled();
        SplittableRandom r = new SplittableRandom(3);
        for (int trial = 0; trial < 200; trial++) {
            double a = r.nextDouble();
            double b = r.nextDouble();
            double h = Math.pow(2, -r.nextInt(1, 12));
            Interval[] box = {Interval.of(a, a + h), Interval.of(b, b + h)};
            Taylor t = taylor(f, box);
            assertTrue(t.secondOrderBounded());
            for (int s = 0; s < 5; s++) {
                double x = a + h * r.nextDouble();
                double y = b + h * r.nextDouble();
                double e = Math.exp(3 * x);
                double q = y / (1 + y);
                double dq = 1 / ((1 + y) * (1 + y));
                double ddq = -2 / ((1 + y) * (1 + y) * (1 + y));
                in(t.value(), e * Math.sin(y) + x * x * q, "f");
                in(f.enclose(box), e * Math.sin(y) + x * x * q, "range");
                in(t.gradient(0), 3 * e * Math.sin(y) + 2 * x * q, "fx");
                in(t.gradient(1), e * Math.cos(y) + x * x * dq, "fy");
                in(t.hessian(0, 0), 9 * e * Math.sin(y) + 2 * q, "fxx");
                in(t.hessian(0, 1), 3 * e * Math.cos(y) + 2 * x * dq, "fxy");
                in(t.hessian(1, 1), -e * Math.sin(y) + x * x * ddq, "fyy");
            }
        }
    }

    @Test
    void kinksAndJumpsGiveUnboundedSecondDerivatives() {
        Interval[] across = {Interval.of(0.25, 0.5), Interval.of(0.3, 0.45)};
        for (String s : new String[] {"abs(x1-x2)", "step(x1+x2-0.7)", "max(x1,x2)", "sqrt(abs(x1-0.4))",
                "floor(4*x1)", "sign(x2-0.4)", "clamp(x1, 0.3, 0.4)"}) {
            CompiledFormula f = FormulaTarget.parse(s, 2).compiled();
            Taylor t = taylor(f, across);
            assertFalse(t.secondOrderBounded(), s);
            assertTrue(t.value().isBounded(), s);
        }
        // away from the kink the same functions are smooth on the box
        Interval[] away = {Interval.of(0.6, 0.7), Interval.of(0.1, 0.2)};
        for (String s : new String[] {"abs(x1-x2)", "step(x1+x2-0.5)", "max(x1,x2)", "sqrt(abs(x1-0.4))",
                "sign(x2-0.4)", "x1 % 0.25"}) {
            assertTrue(taylor(FormulaTarget.parse(s, 2).compiled(), away).secondOrderBounded(), s);
        }
    }

    @Test
    void meanEnclosureHoldsTheExactMean() {
        // mean of exp(3x) cos(2y) over [a, a+h] x [b, b+h], exactly (antiderivatives)
        CompiledFormula f = FormulaTarget.parse("exp(3*x)*cos(2*y)", 2).compiled();
        SplittableRandom r = new SplittableRandom(5);
        for (int trial = 0; trial < 100; trial++) {
            double a = r.nextDouble();
            double b = r.nextDouble();
            double h = Math.pow(2, -r.nextInt(2, 10));
            Interval[] box = {Interval.of(a, a + h), Interval.of(b, b + h)};
            Interval[] centre = {Interval.point(a + h / 2), Interval.point(b + h / 2)};
            Interval m = taylor(f, box).meanEnclosure(f.enclose(centre), new double[] {h / 2, h / 2});
            double exact = (Math.exp(3 * (a + h)) - Math.exp(3 * a)) / (3 * h)
                    * (Math.sin(2 * (b + h)) - Math.sin(2 * b)) / (2 * h);
            in(m, exact, "mean");
            // third order: the Hessian's variation over the box, |grad H| <= 27 e^3 (and 4 e^3 ...), times h^3
            assertTrue(m.width() < 4 * h * h * h * 27 * Math.E * Math.E * Math.E + 1e-15,
                    "width " + m.width() + " at h " + h);
        }
    }
}
