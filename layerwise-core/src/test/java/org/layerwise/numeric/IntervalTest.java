package org.layerwise.numeric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;

import ch.obermuhlner.math.big.BigDecimalMath;

/**
 * Every interval operation against big-math at 60 digits: for random and edge intervals (zero-crossing, huge, tiny,
 * around the peaks of sin and cos, domain edges) the exact real value at sample points of the argument (the bounds,
 * random interior doubles, and the doubles next to the peaks) lies in the computed enclosure.
 */
class IntervalTest {

    private static final MathContext MC = new MathContext(60);
    private static final BigDecimal PI = BigDecimalMath.pi(MC);

    static List<Interval> intervals(double min, double max) {
        List<Interval> out = new ArrayList<>();
        double[][] edge = {{0, 0}, {-1, 1}, {-1e-300, 1e-300}, {1e-310, 1e-305}, {0, 1e-16}, {-3, -2}, {2, 3},
                {1e10, 1e10 + 1}, {1e15, 2e15}, {-1e200, 1e200}, {0.5, 0.5}, {1, 1}, {-0.5, 0.75}, {0.999, 1},
                {-1, -0.999}, {Math.PI / 2 - 1e-9, Math.PI / 2 + 1e-9}, {Math.PI - 1e-12, Math.PI + 1e-12},
                {3 * Math.PI / 2 - 1e-6, 3 * Math.PI / 2 + 1e-6}, {2 * Math.PI - 1e-3, 2 * Math.PI + 1e-3},
                {1e6 * Math.PI, 1e6 * Math.PI + 1e-6}, {1e6 * Math.PI + Math.PI / 2 - 1e-7, 1e6 * Math.PI + Math.PI / 2},
                {-700, -699}, {709, 709.5}, {1e-20, 1e-19}, {-1e-8, 1e-8}, {0.1, 0.3}, {1, 2}, {4, 100},
                // nearly thin (sin/cos take the Lipschitz form below width 2^-40), on and next to peaks
                {Math.PI / 2 - 0x1p-42, Math.PI / 2 + 0x1p-42}, {Math.nextDown(Math.PI / 2), Math.nextUp(Math.PI / 2)},
                {3 * Math.PI / 2, Math.nextUp(3 * Math.PI / 2)}, {6 * Math.PI, Math.nextUp(Math.nextUp(6 * Math.PI))},
                {Math.PI, Math.PI}, {0.7, 0.7 + 0x1p-41}};
        for (double[] e : edge) {
            if (e[0] >= min && e[1] <= max) {
                out.add(Interval.of(e[0], e[1]));
            }
        }
        SplittableRandom r = new SplittableRandom(7);
        while (out.size() < 80) {
            double scale = Math.pow(10, r.nextInt(-12, 4));
            double a = (r.nextDouble() * 2 - 1) * scale;
            double b = a + r.nextDouble() * scale;
            if (a >= min && b <= max) {
                out.add(Interval.of(a, b));
            }
        }
        return out;
    }

    /** Bounds, random interior doubles, and the doubles next to sin/cos extrema inside. */
    static List<Double> samples(Interval x, SplittableRandom r) {
        List<Double> s = new ArrayList<>(List.of(x.lo(), x.hi(), x.mid()));
        for (int i = 0; i < 6; i++) {
            s.add(x.lo() + (x.hi() - x.lo()) * r.nextDouble());
        }
        if (x.hi() - x.lo() < 1e3) {
            double k0 = Math.floor(x.lo() / (Math.PI / 2)) - 1;
            for (double k = k0; k <= k0 + 5 && k * Math.PI / 2 <= x.hi() + 1; k++) {
                BigDecimal peak = PI.multiply(BigDecimal.valueOf(k)).divide(BigDecimal.valueOf(2), MC);
                double p = peak.doubleValue();
                for (double q : new double[] {Math.nextDown(p), p, Math.nextUp(p)}) {
                    if (x.contains(q)) {
                        s.add(q);
                    }
                }
            }
        }
        return s;
    }

    static void assertEncloses(Interval result, BigDecimal exact, String what) {
        assertFalse(result.isEmpty(), what + ": empty");
        if (result.lo() > Double.NEGATIVE_INFINITY) {
            assertTrue(new BigDecimal(result.lo()).compareTo(exact) <= 0, () -> what + ": " + result + " misses " + exact);
        }
        if (result.hi() < Double.POSITIVE_INFINITY) {
            assertTrue(new BigDecimal(result.hi()).compareTo(exact) >= 0, () -> what + ": " + result + " misses " + exact);
        }
    }

    private static void unary(String name, UnaryOperator<Interval> op, Function<BigDecimal, BigDecimal> exact,
                              double min, double max) {
        SplittableRandom r = new SplittableRandom(name.hashCode());
        int checked = 0;
        for (Interval x : intervals(min, max)) {
            Interval y = op.apply(x);
            for (double t : samples(x, r)) {
                BigDecimal v = exact.apply(new BigDecimal(t));
                if (v == null) {
                    continue;
                }
                assertEncloses(y, v, name + "(" + t + ") over " + x);
                checked++;
            }
        }
        assertTrue(checked > 100, name + ": only " + checked + " samples");
    }

    /** {@code e^t - 1} at 60 digits, by its series for tiny {@code t} (the difference would cancel). */
    private static BigDecimal expm1(BigDecimal t) {
        if (t.abs().compareTo(new BigDecimal("1e-12")) < 0) {
            BigDecimal t2 = t.multiply(t);
            return t.add(t2.divide(BigDecimal.valueOf(2), MC)).add(t2.multiply(t).divide(BigDecimal.valueOf(6), MC));
        }
        return BigDecimalMath.exp(t, MC).subtract(BigDecimal.ONE);
    }

    @Test
    void elementaryFunctionsEncloseTheExactValue() {
        double big = 1e300;
        unary("exp", Interval::exp, t -> t.doubleValue() > 700 || t.doubleValue() < -700 ? null
                : BigDecimalMath.exp(t, MC), -big, big);
        unary("expm1", Interval::expm1, t -> t.doubleValue() > 700 || t.doubleValue() < -700 ? null
                : expm1(t), -big, big);
        unary("log", Interval::log, t -> t.signum() <= 0 ? null : BigDecimalMath.log(t, MC), 1e-320, big);
        unary("log2", Interval::log2, t -> t.signum() <= 0 ? null : BigDecimalMath.log2(t, MC), 1e-320, big);
        unary("log10", Interval::log10, t -> t.signum() <= 0 ? null : BigDecimalMath.log10(t, MC), 1e-320, big);
        unary("log1p", Interval::log1p, t -> t.abs().compareTo(new BigDecimal("1e-12")) < 0
                ? t.subtract(t.multiply(t).divide(BigDecimal.valueOf(2), MC)).add(t.pow(3).divide(BigDecimal.valueOf(3), MC))
                : BigDecimalMath.log(t.add(BigDecimal.ONE), MC), -0.999, big);
        unary("sqrt", Interval::sqrt, t -> t.doubleValue() > 1e100 || (t.signum() > 0 && t.doubleValue() < 1e-100) ? null
                : BigDecimalMath.sqrt(t, MC), 0, big);
        unary("cbrt", Interval::cbrt, t -> Math.abs(t.doubleValue()) > 1e30 || Math.abs(t.doubleValue()) < 1e-30 ? null
                : t.signum() < 0 ? BigDecimalMath.root(t.negate(), BigDecimal.valueOf(3), MC)
                .negate() : BigDecimalMath.root(t, BigDecimal.valueOf(3), MC), -big, big);
        unary("sin", Interval::sin, t -> Math.abs(t.doubleValue()) > 1e7 ? null : BigDecimalMath.sin(t, MC), -big, big);
        unary("cos", Interval::cos, t -> Math.abs(t.doubleValue()) > 1e7 ? null : BigDecimalMath.cos(t, MC), -big, big);
        unary("tan", Interval::tan, t -> Math.abs(t.doubleValue()) > 1e7 ? null : BigDecimalMath.tan(t, MC), -big, big);
        unary("cot", Interval::cot, t -> t.signum() == 0 || Math.abs(t.doubleValue()) > 1e7 ? null
                : BigDecimalMath.cot(t, MC), -big, big);
        unary("atan", Interval::atan, t -> Math.abs(t.doubleValue()) > 1e20 ? null : BigDecimalMath.atan(t, MC), -big, big);
        unary("asin", Interval::asin, t -> BigDecimalMath.asin(t, MC), -1, 1);
        unary("acos", Interval::acos, t -> t.compareTo(BigDecimal.ONE) == 0 ? BigDecimal.ZERO : BigDecimalMath.acos(t, MC), -1, 1);
        unary("sinh", Interval::sinh, t -> Math.abs(t.doubleValue()) > 700 ? null : BigDecimalMath.sinh(t, MC), -big, big);
        unary("cosh", Interval::cosh, t -> Math.abs(t.doubleValue()) > 700 ? null : BigDecimalMath.cosh(t, MC), -big, big);
        unary("tanh", Interval::tanh, t -> Math.abs(t.doubleValue()) > 50 ? null : BigDecimalMath.tanh(t, MC), -big, big);
        unary("square", Interval::square, t -> t.multiply(t, MC), -1e150, 1e150);
        unary("cube", x -> x.powInt(3), t -> t.pow(3, MC), -1e100, 1e100);
        unary("power -2", x -> x.powInt(-2), t -> t.signum() == 0 ? null : BigDecimal.ONE.divide(t.pow(2, MC), MC),
                -1e100, 1e100);
        unary("power 0.5", x -> x.pow(Interval.point(0.5)), t -> t.doubleValue() > 1e100
                || (t.signum() > 0 && t.doubleValue() < 1e-100) ? null : BigDecimalMath.sqrt(t, MC), 0, big);
        unary("power 2.5", x -> x.pow(Interval.point(2.5)),
                t -> t.doubleValue() > 1e100 || t.doubleValue() < 1e-100 ? null : BigDecimalMath.pow(t, new BigDecimal("2.5"), MC), 0, big);
        unary("power -0.3", x -> x.pow(Interval.point(-0.3)), t -> t.doubleValue() < 1e-200 || t.doubleValue() > 1e200 ? null
                : BigDecimalMath.pow(t, new BigDecimal(-0.3), MC), 0, big);
        unary("reciprocal", Interval::reciprocal, t -> t.signum() == 0 ? null : BigDecimal.ONE.divide(t, MC), -big, big);
        unary("abs", Interval::abs, BigDecimal::abs, -big, big);
        unary("floor", Interval::floor, t -> new BigDecimal(Math.floor(t.doubleValue())), -big, big);
        unary("step", Interval::step, t -> t.signum() >= 0 ? BigDecimal.ONE : BigDecimal.ZERO, -big, big);
        unary("sign", Interval::sign, t -> BigDecimal.valueOf(t.signum()), -big, big);
    }

    private static void binary(String name, java.util.function.BinaryOperator<Interval> op,
                               java.util.function.BinaryOperator<BigDecimal> exact, double min, double max) {
        SplittableRandom r = new SplittableRandom(name.hashCode());
        List<Interval> xs = intervals(min, max);
        int checked = 0;
        for (int i = 0; i < xs.size(); i++) {
            Interval x = xs.get(i);
            Interval y = xs.get((i * 7 + 3) % xs.size());
            Interval z = op.apply(x, y);
            List<Double> sx = samples(x, r);
            List<Double> sy = samples(y, r);
            for (int k = 0; k < Math.min(sx.size(), sy.size()); k++) {
                BigDecimal v = exact.apply(new BigDecimal(sx.get(k)), new BigDecimal(sy.get(k)));
                if (v != null) {
                    assertEncloses(z, v, name + "(" + sx.get(k) + ", " + sy.get(k) + ") over " + x + ", " + y);
                    checked++;
                }
            }
        }
        assertTrue(checked > 100, name + ": only " + checked);
    }

    @Test
    void arithmeticEnclosesTheExactValue() {
        binary("add", Interval::add, BigDecimal::add, -1e300, 1e300);
        binary("subtract", Interval::subtract, BigDecimal::subtract, -1e300, 1e300);
        binary("multiply", Interval::multiply, BigDecimal::multiply, -1e150, 1e150);
        binary("divide", Interval::divide, (a, b) -> b.signum() == 0 ? null : a.divide(b, MC), -1e150, 1e150);
        binary("min", Interval::min, BigDecimal::min, -1e300, 1e300);
        binary("max", Interval::max, BigDecimal::max, -1e300, 1e300);
        binary("remainder", Interval::remainder, (a, b) -> b.signum() == 0 ? null : a.remainder(b), -1e10, 1e10);
        binary("pow", (a, b) -> a.abs().pow(b), (a, b) -> a.signum() == 0 || Math.abs(b.doubleValue()) > 50
                || Math.abs(a.doubleValue()) > 1e5 || Math.abs(a.doubleValue()) < 1e-5 ? null
                : BigDecimalMath.pow(a.abs(), b, MC), -1e4, 1e4);
    }

    @Test
    void peaksAndDomainEdges() {
        // an interval around pi/2 reaches exactly 1, one around 3 pi/2 exactly -1
        assertEquals(1.0, Interval.of(1.5, 1.6).sin().hi());
        assertEquals(-1.0, Interval.of(4.7, 4.8).sin().lo());
        assertEquals(1.0, Interval.of(-0.1, 0.1).cos().hi());
        assertTrue(Interval.of(0.1, 0.2).sin().hi() < 0.2);
        // poles and domains
        assertFalse(Interval.of(1.5, 1.6).tan().isBounded());
        // tan and cot have no value at a pole, like 1/x at 0: an interval that may hold one says so
        assertTrue(Interval.of(1.5, 1.6).tan().maybeUndefined());
        assertTrue(Interval.of(-0.1, 0.1).cot().maybeUndefined());
        assertTrue(Interval.of(3.1, 3.2).cot().maybeUndefined());
        assertTrue(Interval.of(-4.8, -4.6).tan().maybeUndefined());
        assertFalse(Interval.of(1.0, 1.2).tan().maybeUndefined());
        assertFalse(Interval.of(0.1, 3.0).cot().maybeUndefined());
        assertTrue(Interval.of(1.0, 1.2).tan().isBounded() && Interval.of(0.1, 3.0).cot().isBounded());
        assertTrue(Interval.EMPTY.tan().isEmpty() && Interval.EMPTY.cot().isEmpty());
        assertTrue(Interval.of(-1, -0.5).sqrt().isEmpty());
        assertTrue(Interval.of(-1, 4).sqrt().maybeUndefined());
        assertEquals(2.0, Interval.of(-1, 4).sqrt().hi(), 1e-15);
        assertTrue(Interval.of(-2, -1).log().isEmpty());
        assertTrue(Interval.of(0, 1).log().lo() == Double.NEGATIVE_INFINITY);
        assertFalse(Interval.of(0, 1).log().maybeUndefined());
        assertTrue(Interval.of(-1, 1).reciprocal().maybeUndefined());
        assertTrue(Interval.of(1, 2).divide(Interval.ZERO).isEmpty());
        assertTrue(Interval.of(2, 3).asin().isEmpty());
        // step, sign, abs, min, max are exact
        assertEquals(Interval.of(0, 1), Interval.of(-1, 0).step());
        assertEquals(Interval.of(1, 1), Interval.of(0, 3).step());
        assertEquals(Interval.of(0, 2), Interval.of(-1, 2).abs());
        assertEquals(Interval.of(-1, 1), Interval.of(-1, 2).min(Interval.of(0, 1)));
        // exact rational quotient, rounded only when inexact
        assertTrue(Interval.quotient(1, 4).isPoint());
        Interval third = Interval.quotient(1, 3);
        assertTrue(new BigDecimal(third.lo()).compareTo(BigDecimal.ONE.divide(BigDecimal.valueOf(3), MC)) < 0);
        assertTrue(new BigDecimal(third.hi()).compareTo(BigDecimal.ONE.divide(BigDecimal.valueOf(3), MC)) > 0);
        assertEquals(Math.ulp(third.lo()), third.hi() - third.lo());
    }
}
