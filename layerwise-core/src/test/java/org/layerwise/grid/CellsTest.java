package org.layerwise.grid;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.layerwise.InvalidInputException;

/** Digits and indices against the definition {@code beta_m(x) = floor(N^m x) mod N}, evaluated in exact decimal arithmetic. */
class CellsTest {

    /** {@code floor(N^m x) mod N} exactly (x = 1 gives N - 1 by the convention that 1 is in the last cell). */
    static int referenceDigit(double x, int m, int base) {
        if (x == 1.0) {
            return base - 1;
        }
        BigInteger fl = new BigDecimal(x).multiply(new BigDecimal(BigInteger.valueOf(base).pow(m)))
                .setScale(0, java.math.RoundingMode.FLOOR).toBigIntegerExact();
        return fl.mod(BigInteger.valueOf(base)).intValueExact();
    }

    /** Coordinates at and around the breakpoints {@code j/N^m}, 0, 1 and subnormals. */
    static List<Double> edgeCases(int base, int levels) {
        List<Double> xs = new ArrayList<>(List.of(0.0, 1.0, Math.nextDown(1.0), Double.MIN_VALUE, 2 * Double.MIN_VALUE,
                Double.MIN_NORMAL, Math.nextDown(Double.MIN_NORMAL), Math.nextUp(0.0), 0.5, 1.0 / 3, 0.1, 0.7));
        for (int m = 1; m <= levels; m++) {
            long nm = (long) Math.pow(base, m);
            for (long j = 1; j < nm; j += Math.max(1, nm / 7)) {
                double x = (double) j / nm;
                xs.add(x);
                xs.add(Math.nextUp(x));
                xs.add(Math.nextDown(x));
            }
        }
        return xs;
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3, 5, 10})
    void digitsMatchTheDefinitionAtEdges(int base) {
        Cells cells = new Cells(1, base);
        int levels = 6;
        int[] out = new int[levels];
        for (double x : edgeCases(base, levels)) {
            cells.digits(x, levels, out);
            for (int m = 1; m <= levels; m++) {
                assertEquals(referenceDigit(x, m, base), out[m - 1], "N=" + base + " x=" + x + " m=" + m);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3, 5, 10})
    void deepDigitsOfSubnormalsUseExactArithmetic(int base) {
        Cells cells = new Cells(1, base);
        int levels = 40; // N^m x crosses 1 for the smallest normals only far down; compare many levels
        int[] out = new int[levels];
        for (double x : new double[] {Double.MIN_VALUE, Double.MIN_NORMAL, 0x1.fffffffffffffp-1, 1e-300, 0.3}) {
            cells.digits(x, levels, out);
            for (int m = 1; m <= levels; m++) {
                assertEquals(referenceDigit(x, m, base), out[m - 1], "N=" + base + " x=" + x + " m=" + m);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3, 5, 10})
    void breakpointsBelongToTheUpperCellAndOneUlpBelowToTheLower(int base) {
        Cells cells = new Cells(1, base);
        for (int m = 1; m <= 4; m++) {
            long nm = (long) Math.pow(base, m);
            for (long j = 1; j < nm; j++) {
                double x = (double) j / nm;
                // the double nearest j/N^m may sit on either side of it; the index is floor(N^m x) exactly
                for (double y : new double[] {Math.nextDown(x), x, Math.nextUp(x)}) {
                    assertEquals(floorTimes(y, nm), corner1d(cells, y, m), "x=" + y);
                }
                // one ulp apart, the cells differ by at most one
                org.junit.jupiter.api.Assertions.assertTrue(floorTimes(Math.nextUp(x), nm) - floorTimes(Math.nextDown(x), nm) <= 1);
            }
            if (Integer.bitCount(base) == 1) {
                // powers of two: j/N^m is a double, so it starts cell j and one ulp below is in cell j-1
                assertEquals(1, corner1d(cells, 1.0 / nm, m));
                assertEquals(0, corner1d(cells, Math.nextDown(1.0 / nm), m));
            }
        }
    }

    private static long floorTimes(double x, long nm) {
        return new BigDecimal(x).multiply(BigDecimal.valueOf(nm)).setScale(0, java.math.RoundingMode.FLOOR).longValueExact();
    }

    private static long corner1d(Cells cells, double x, int level) {
        long[] k = new long[1];
        cells.corner(cells.index(new double[] {x}, level), level, k);
        return k[0];
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3, 5, 10})
    void indexIsTheDigitSumAndCornerIsItsInverse(int base) {
        SplittableRandom random = new SplittableRandom(base);
        for (int d = 1; d <= 3; d++) {
            Cells cells = new Cells(d, base);
            int level = base == 10 ? 2 : 3;
            for (int trial = 0; trial < 300; trial++) {
                double[] x = new double[d];
                List<Double> edges = edgeCases(base, level);
                for (int i = 0; i < d; i++) {
                    x[i] = trial % 2 == 0 ? random.nextDouble() : edges.get(random.nextInt(edges.size()));
                }
                long expected = 0;
                long w = 1;
                for (int m = 1; m <= level; m++) {
                    for (int i = 0; i < d; i++) {
                        expected += referenceDigit(x[i], m, base) * w;
                        w *= base;
                    }
                }
                long k = cells.index(x, level);
                assertEquals(expected, k);
                long[] corner = new long[d];
                cells.corner(k, level, corner);
                for (int i = 0; i < d; i++) {
                    long fl = x[i] == 1.0 ? cells.perAxis(level) - 1
                            : new BigDecimal(x[i]).multiply(BigDecimal.valueOf(cells.perAxis(level)))
                                    .setScale(0, java.math.RoundingMode.FLOOR).longValueExact();
                    assertEquals(fl, corner[i]);
                }
                assertEquals(k, cells.indexOfCorner(corner, level));
                // the parent at level-1 is K mod N^(d(level-1))
                assertEquals(cells.index(x, level - 1), k % cells.count(level - 1));
            }
        }
    }

    @Test
    void levelZeroAndOneAreTrivial() {
        Cells cells = new Cells(2, 3);
        assertEquals(0, cells.index(new double[] {1.0, 0.0}, 0));
        assertEquals(2 + 0 * 3, cells.index(new double[] {1.0, 0.0}, 1));
        assertEquals(2 + 2 * 3, cells.index(new double[] {1.0, 1.0}, 1));
        assertEquals(9, cells.count(1));
        assertEquals(1, cells.count(0));
        assertEquals(9, cells.stride(2));
    }

    @Test
    void badInputIsRejected() {
        assertThrows(InvalidInputException.class, () -> new Cells(0, 2));
        assertThrows(InvalidInputException.class, () -> new Cells(1, 1));
        Cells cells = new Cells(1, 2);
        int[] out = new int[2];
        assertThrows(InvalidInputException.class, () -> cells.digits(Double.NaN, 2, out));
        assertThrows(InvalidInputException.class, () -> cells.digits(-Double.MIN_VALUE, 2, out));
        assertThrows(InvalidInputException.class, () -> cells.digits(Math.nextUp(1.0), 2, out));
        assertThrows(InvalidInputException.class, () -> cells.digit(0.5, 0));
        assertThrows(InvalidInputException.class, () -> cells.count(63));
        assertThrows(InvalidInputException.class, () -> cells.corner(4, 2, new long[1]));
        assertThrows(InvalidInputException.class, () -> cells.indexOfCorner(new long[2], 2));
        assertThrows(InvalidInputException.class, () -> cells.indexOfCorner(new long[] {4}, 2));
    }

    @Test
    void negativeZeroIsZero() {
        int[] out = new int[3];
        new Cells(1, 3).digits(-0.0, 3, out);
        assertArrayEquals(new int[] {0, 0, 0}, out);
    }
}
