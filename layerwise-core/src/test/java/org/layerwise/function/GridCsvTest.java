package org.layerwise.function;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.layerwise.InvalidInputException;

class GridCsvTest {

    @TempDir
    Path dir;

    private Path csv(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return p;
    }

    private String error(String text) throws IOException {
        Path p = csv("grid.csv", text);
        return assertThrows(InvalidInputException.class, () -> Targets.grid(p)).getMessage();
    }

    @Test
    void oneDimensionalRowAndColumn() throws IOException {
        PiecewiseConstantTarget row = Targets.grid(csv("row.csv", "0.5, 1, -2e0\n"));
        PiecewiseConstantTarget col = Targets.grid(csv("col.csv", "# one value per line\n0.5\n1\n-2\n\n"));
        for (PiecewiseConstantTarget t : new PiecewiseConstantTarget[] {row, col}) {
            assertEquals(1, t.dim());
            assertArrayEquals(new int[] {3}, t.shape());
            assertEquals(0.5, t.cellValue(new int[] {0}), 0);
            assertEquals(1.0, t.cellValue(new int[] {1}), 0);
            assertEquals(-2.0, t.cellValue(new int[] {2}), 0);
            assertEquals(0.5, t.value(new double[] {0.0}), 0);
            assertEquals(1.0, t.value(new double[] {0.5}), 0);
            assertEquals(-2.0, t.value(new double[] {1.0}), 0);
        }
        assertEquals("row.csv", row.name());
        PiecewiseConstantTarget single = Targets.grid(csv("one.csv", "7\n"));
        assertArrayEquals(new int[] {1}, single.shape());
        assertEquals(7.0, single.value(new double[] {0.3}), 0);
    }

    @Test
    void twoDimensionalRowsRunAlongX2FromTheFirstLine() throws IOException {
        // 3 columns (x1) by 2 rows (x2); the first data row is x2 in [0, 1/2).
        PiecewiseConstantTarget t = Targets.grid(csv("m.csv", "1, 2, 3\r\n4,5,6\r\n"));
        assertEquals(2, t.dim());
        assertArrayEquals(new int[] {3, 2}, t.shape());
        for (int r = 0; r < 2; r++) {
            for (int c = 0; c < 3; c++) {
                double expected = 1 + c + 3 * r;
                assertEquals(expected, t.cellValue(new int[] {c, r}), 0);
                assertEquals(expected, t.value(new double[] {(c + 0.5) / 3, (r + 0.5) / 2}), 0);
            }
        }
        assertEquals(1.0, t.value(new double[] {0, 0}), 0);
        assertEquals(6.0, t.value(new double[] {1, 1}), 0);
        assertEquals(4.0, t.value(new double[] {0, 0.5}), 0);
    }

    @Test
    void threeDimensionalBlocksRunAlongX3() throws IOException {
        String text = "# shape 3,2,2\n# matrix 0\n1,2,3\n4,5,6\n\n\n# matrix 1\n7,8,9\n10,11,12\n\n";
        PiecewiseConstantTarget t = Targets.grid(csv("c.csv", text));
        assertArrayEquals(new int[] {3, 2, 2}, t.shape());
        for (int b = 0; b < 2; b++) {
            for (int r = 0; r < 2; r++) {
                for (int c = 0; c < 3; c++) {
                    assertEquals(1 + c + 3 * r + 6 * b, t.cellValue(new int[] {c, r, b}), 0);
                }
            }
        }
        // Without the header the same shape is inferred.
        PiecewiseConstantTarget u = Targets.grid(csv("u.csv", "1,2,3\n4,5,6\n\n7,8,9\n10,11,12\n"));
        assertArrayEquals(new int[] {3, 2, 2}, u.shape());
        SplittableRandom rnd = new SplittableRandom(9);
        for (int k = 0; k < 1000; k++) {
            double[] x = {rnd.nextDouble(), rnd.nextDouble(), rnd.nextDouble()};
            int[] j = {TabulatedTarget.cellOf(x[0], 3), TabulatedTarget.cellOf(x[1], 2),
                TabulatedTarget.cellOf(x[2], 2)};
            assertEquals(t.cellValue(j), t.value(x), 0);
            assertEquals(t.value(x), u.value(x), 0);
        }
    }

    @Test
    void declaredShapeIsCheckedAndMayMakeADegenerateMatrix() throws IOException {
        PiecewiseConstantTarget t = Targets.grid(csv("s.csv", "# shape 1,3\n1\n2\n3\n"));
        assertArrayEquals(new int[] {1, 3}, t.shape());
        assertEquals(3.0, t.value(new double[] {0.2, 0.9}), 0);
        PiecewiseConstantTarget d1 = Targets.grid(csv("d1.csv", "# shape 3\n1\n2\n3\n"));
        assertArrayEquals(new int[] {3}, d1.shape());
        assertEquals("grid.csv: '# shape 4,2' does not match the data: 1 matrix(es) of 2 row(s) of 3 value(s)",
                error("# shape 4,2\n1,2,3\n4,5,6\n").replace(dir.resolve("grid.csv").toString(), "grid.csv"));
        String m = error("# shape 3, -1\n1,2,3\n");
        assertEquals(dir.resolve("grid.csv") + " line 1: bad shape '3, -1': expected '# shape n1[,n2[,n3]]'"
                + " with positive integers", m);
        m = error("1,2\n# shape 2\n");
        assertEquals(dir.resolve("grid.csv") + " line 2: '# shape' must appear once, before the data", m);
    }

    @Test
    void badValuesNameLineAndColumn() throws IOException {
        String f = dir.resolve("grid.csv").toString();
        assertEquals(f + " line 4, column 3: 'abc' is not a number", error("# c\n1,2,3\n4,5,6\n7,8,abc\n"));
        assertEquals(f + " line 1, column 2: 'NaN' is not a number", error("1,NaN\n"));
        assertEquals(f + " line 1, column 1: 'Infinity' is not a number", error("Infinity\n"));
        assertEquals(f + " line 1, column 2: '1d' is not a number", error("1, 1d\n"));
        assertEquals(f + " line 1, column 3: '' is not a number", error("1,2,\n"));
        assertEquals(f + " line 2, column 1: '1e999' is not a finite double", error("1\n1e999\n"));
    }

    @Test
    void raggedRowsAndBlocksAreErrors() throws IOException {
        String f = dir.resolve("grid.csv").toString();
        assertEquals(f + " line 3: 2 values, but line 1 has 3 (rows must have equal length)",
                error("1,2,3\n4,5,6\n7,8\n"));
        assertEquals(f + " line 4: matrix 2 has 1 rows, but matrix 1 has 2"
                + " (blank lines separate the matrices of a 3-D grid)", error("1,2\n3,4\n\n5,6\n"));
    }

    @Test
    void emptyMissingAndDirectory() throws IOException {
        Path empty = csv("empty.csv", "# nothing\n\n");
        assertEquals("grid file '" + empty + "' has no values",
                assertThrows(InvalidInputException.class, () -> Targets.grid(empty)).getMessage());
        Path missing = dir.resolve("missing.csv");
        assertEquals("grid file '" + missing + "' does not exist",
                assertThrows(InvalidInputException.class, () -> Targets.grid(missing)).getMessage());
        assertEquals("grid file '" + dir + "' is a directory",
                assertThrows(InvalidInputException.class, () -> Targets.grid(dir)).getMessage());
        Path binary = dir.resolve("bin.csv");
        Files.write(binary, new byte[] {(byte) 0xff, (byte) 0xfe, 0x31});
        assertEquals("grid file '" + binary + "' is not UTF-8 text",
                assertThrows(InvalidInputException.class, () -> Targets.grid(binary)).getMessage());
    }
}
