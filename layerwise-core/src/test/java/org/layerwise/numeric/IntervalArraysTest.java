package org.layerwise.numeric;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
 * The operations of {@link IntervalArrays} that stand for an elementary function or a quotient ({@code sin},
 * {@code cos}, {@code sqrt}, {@code exp}, {@code 1/x}, {@code x/y}, {@code -x}): bound for bound and flag for flag the
 * {@link Interval} method's result on the edge and random intervals of {@link IntervalTest} (zero, huge, tiny, peaks
 * of sin and cos, nearly thin ones of the one-evaluation form), flagged and empty operands included; and, against
 * big-math at 60 digits, the exact value at sample points lies in the array result.
 */
class IntervalArraysTest {

    private static final MathContext MC = new MathContext(60);

    /** An array operation of one operand writing entry 0. */
    @FunctionalInterface
    private interface Op {
        void apply(double[] lo, double[] hi, boolean[] und, int dst, double xl, double xh, boolean xp);
    }

    private static Interval run(Op op, Interval x) {
        double[] lo = {Double.NaN};
        double[] hi = {Double.NaN};
        boolean[] und = {false};
        op.apply(lo, hi, und, 0, x.lo(), x.hi(), x.maybeUndefined());
        return IntervalArrays.get(lo, hi, und, 0);
    }

    /** The operands: every interval of the lists, flagged and not, and the empty interval. */
    private static List<Interval> operands(double min, double max) {
        List<Interval> out = new ArrayList<>();
        for (Interval x : IntervalTest.intervals(min, max)) {
            out.add(x);
            out.add(Interval.of(x.lo(), x.hi(), true));
        }
        // thin and nearly thin intervals across the range of the centre model's arguments (6 pi r, r^2 + s^2)
        SplittableRandom r = new SplittableRandom(11);
        for (int i = 0; i < 200; i++) {
            double a = 60 * r.nextDouble() - 30;
            double b = i % 2 == 0 ? a : Math.nextUp(Math.nextUp(a));
            if (a >= min && b <= max) {
                out.add(Interval.of(a, b));
            }
        }
        out.add(Interval.EMPTY);
        return out;
    }

    private static void sameAsInterval(String name, Op op, UnaryOperator<Interval> ref, double min, double max) {
        int n = 0;
        for (Interval x : operands(min, max)) {
            Interval want = ref.apply(x);
            Interval got = run(op, x);
            if (want.isEmpty()) {
                assertTrue(got.isEmpty(), () -> name + " of " + x + ": " + got + ", expected empty");
            } else {
                assertEquals(want, got, name + " of " + x);
            }
            n++;
        }
        assertTrue(n > 150, name + ": only " + n + " operands");
    }

    @Test
    void elementaryFunctionsAreTheIntervalMethodsBoundForBound() {
        double big = 1e300;
        sameAsInterval("sin", IntervalArrays::sin, Interval::sin, -big, big);
        sameAsInterval("cos", IntervalArrays::cos, Interval::cos, -big, big);
        sameAsInterval("sqrt", IntervalArrays::sqrt, Interval::sqrt, -big, big);
        sameAsInterval("exp", IntervalArrays::exp, Interval::exp, -big, big);
        sameAsInterval("reciprocal", IntervalArrays::reciprocal, Interval::reciprocal, -big, big);
        sameAsInterval("negate", IntervalArrays::negate, Interval::negate, -big, big);
    }

    @Test
    void quotientIsTheIntervalMethodBoundForBound() {
        List<Interval> xs = operands(-1e300, 1e300);
        List<Interval> ys = new ArrayList<>(List.of(Interval.point(2), Interval.point(-3), Interval.of(0, 1),
                Interval.of(-1, 0), Interval.of(-2, 5), Interval.ZERO, Interval.of(1e-300, 1e-299),
                Interval.of(0.5, 0.5, true), Interval.EMPTY, Interval.of(-7, -6)));
        for (Interval x : xs) {
            for (Interval y : ys) {
                double[] lo = {Double.NaN};
                double[] hi = {Double.NaN};
                boolean[] und = {false};
                IntervalArrays.divide(lo, hi, und, 0, x.lo(), x.hi(), x.maybeUndefined(), y.lo(), y.hi(),
                        y.maybeUndefined());
                Interval got = IntervalArrays.get(lo, hi, und, 0);
                Interval want = x.divide(y);
                if (want.isEmpty()) {
                    assertTrue(got.isEmpty(), () -> x + " / " + y + ": " + got);
                } else {
                    assertEquals(want, got, x + " / " + y);
                }
            }
        }
    }

    private static void encloses(String name, Op op, Function<BigDecimal, BigDecimal> exact, double min, double max) {
        SplittableRandom r = new SplittableRandom(name.hashCode());
        int checked = 0;
        for (Interval x : operands(min, max)) {
            if (x.isEmpty()) {
                continue;
            }
            Interval y = run(op, x);
            for (double t : IntervalTest.samples(x, r)) {
                BigDecimal v = exact.apply(new BigDecimal(t));
                if (v != null) {
                    IntervalTest.assertEncloses(y, v, name + "(" + t + ") over " + x);
                    checked++;
                }
            }
        }
        assertTrue(checked > 300, name + ": only " + checked + " samples");
    }

    @Test
    void arrayResultsHoldTheExactValuesAtSixtyDigits() {
        encloses("sin", IntervalArrays::sin, t -> BigDecimalMath.sin(t, MC), -1e6, 1e6);
        encloses("cos", IntervalArrays::cos, t -> BigDecimalMath.cos(t, MC), -1e6, 1e6);
        encloses("sqrt", IntervalArrays::sqrt, t -> t.signum() < 0 ? null : t.sqrt(MC), -1e300, 1e300);
        encloses("exp", IntervalArrays::exp, t -> t.compareTo(BigDecimal.valueOf(700)) > 0
                || t.compareTo(BigDecimal.valueOf(-700)) < 0 ? null : BigDecimalMath.exp(t, MC), -1e300, 1e300);
        encloses("reciprocal", IntervalArrays::reciprocal, t -> t.signum() == 0 ? null : BigDecimal.ONE.divide(t, MC),
                -1e300, 1e300);
    }
}
