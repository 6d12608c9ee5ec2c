package org.layerwise.function;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.layerwise.InvalidInputException;

class TabulatedTargetTest {

    /** floor(x n) in exact decimal arithmetic, last cell for x = 1. */
    private static int exactCell(double x, int n) {
        int j = new BigDecimal(x).multiply(BigDecimal.valueOf(n)).setScale(0, RoundingMode.FLOOR).intValueExact();
        return Math.min(j, n - 1);
    }

    @Test
    void cellOfIsExactEvenAtRoundedBreakpoints() {
        SplittableRandom rnd = new SplittableRandom(11);
        for (int k = 0; k < 200_000; k++) {
            int n = 1 + rnd.nextInt(1000);
            double x;
            switch (rnd.nextInt(4)) {
                case 0 -> x = rnd.nextDouble();
                case 1 -> x = (double) rnd.nextInt(n + 1) / n; // the double nearest a breakpoint j/n
                case 2 -> x = Math.nextDown((double) (1 + rnd.nextInt(n)) / n);
                default -> x = Math.nextUp((double) rnd.nextInt(n) / n);
            }
            x = Math.min(1.0, x);
            assertEquals(exactCell(x, n), TabulatedTarget.cellOf(x, n), "x = " + x + ", n = " + n);
        }
        assertEquals(2, TabulatedTarget.cellOf(1.0, 3));
        assertEquals(0, TabulatedTarget.cellOf(0.0, 3));
        assertEquals(0, TabulatedTarget.cellOf(Math.nextDown(1.0 / 3), 3));
    }

    @Test
    void valueIsTheValueOfTheCellContainingX() {
        int[] shape = {3, 2, 4};
        double[] values = new double[24];
        for (int k = 0; k < values.length; k++) {
            values[k] = k * k - 0.5;
        }
        TabulatedTarget t = new TabulatedTarget("t", shape, values);
        assertEquals(3, t.dim());
        assertArrayEquals(shape, t.shape());
        // cell (j1, j2, j3) stores values[j1 + 3 (j2 + 2 j3)]
        assertEquals(values[2 + 3 * (1 + 2 * 3)], t.cellValue(new int[] {2, 1, 3}), 0);
        assertEquals(values[2 + 3 * (1 + 2 * 3)], t.value(new double[] {1, 1, 1}), 0);
        assertEquals(values[0], t.value(new double[] {0, 0, 0}), 0);
        assertEquals(values[0], t.value(new double[] {1.0 / 3, 0.49, 0.24}), 0); // the double 1.0/3 < 1/3
        assertEquals(values[1], t.value(new double[] {Math.nextUp(1.0 / 3), 0.49, 0.24}), 0);
        SplittableRandom rnd = new SplittableRandom(5);
        for (int k = 0; k < 10_000; k++) {
            double[] x = {rnd.nextDouble(), rnd.nextDouble(), rnd.nextDouble()};
            int[] j = {exactCell(x[0], 3), exactCell(x[1], 2), exactCell(x[2], 4)};
            assertEquals(t.cellValue(j), t.value(x), 0);
        }
        assertFalse(t.regularity().continuous());
    }

    @Test
    void badInput() {
        assertThrows(InvalidInputException.class, () -> new TabulatedTarget("t", new int[] {2}, new double[3]));
        assertThrows(InvalidInputException.class,
                () -> new TabulatedTarget("t", new int[] {2}, new double[] {1, Double.NaN}));
        assertThrows(InvalidInputException.class, () -> new TabulatedTarget("t", new int[] {1, 1, 1, 1},
                new double[1]));
        TabulatedTarget t = new TabulatedTarget("t", new int[] {2}, new double[] {1, 2});
        assertThrows(InvalidInputException.class, () -> t.cellValue(new int[] {2}));
        assertThrows(InvalidInputException.class, () -> t.value(new double[] {1.5}));
        assertThrows(InvalidInputException.class, () -> t.value(new double[] {Double.NaN}));
        int[] s = t.shape();
        s[0] = 7;
        assertArrayEquals(new int[] {2}, t.shape());
    }
}
