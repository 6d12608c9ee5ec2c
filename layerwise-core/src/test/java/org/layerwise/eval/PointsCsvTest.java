package org.layerwise.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.Writer;

import org.junit.jupiter.api.Test;
import org.layerwise.InvalidInputException;

/** {@link PointsCsv}: the CSV format, refusals naming the line, and streaming in chunks. */
class PointsCsvTest {

    /** Readouts that are easy to check by hand: (x1 + x2, x1 * x2). */
    private static double[][] sumAndProduct(double[][] xs) {
        double[][] out = new double[xs.length][];
        for (int k = 0; k < xs.length; k++) {
            out[k] = new double[] {xs[k][0] + xs[k][1], xs[k][0] * xs[k][1]};
        }
        return out;
    }

    private static String run(String input, PointsCsv.Format format) throws Exception {
        StringWriter w = new StringWriter();
        new PointsCsv(2, 2, PointsCsvTest::sumAndProduct).run(new BufferedReader(new StringReader(input)), "in", w,
                format);
        return w.toString();
    }

    @Test
    void writesTheHeaderAndOneRowPerPointSkippingCommentsBlanksAndAHeader() throws Exception {
        String in = "# a comment\nx1, x2\n0.5,0.25\n\n  1 , 0 \n0.1,0.2\n";
        assertEquals("x1,x2,phi_1,phi_2\n0.5,0.25,0.75,0.125\n1.0,0.0,1.0,0.0\n0.1,0.2,"
                + (0.1 + 0.2) + "," + (0.1 * 0.2) + "\n", run(in, PointsCsv.Format.CSV));
        assertEquals("{\"points\":[{\"x\":[0.5,0.25],\"phi\":[0.75,0.125]},{\"x\":[1.0,0.0],\"phi\":[1.0,0.0]}]}\n",
                run("0.5,0.25\n1,0", PointsCsv.Format.JSON));
        assertEquals("{\"points\":[]}\n", run("# nothing\n", PointsCsv.Format.JSON));
        assertEquals("x1,x2,phi_1,phi_2\n", run("", PointsCsv.Format.CSV));
    }

    @Test
    void aBadLineIsRefusedNamingItsNumber() {
        String[][] cases = {
            {"0.5,0.5\n0.5\n", "in line 2: '0.5' has 1 coordinates, the model has d = 2"},
            {"0.5,0.5,0.5\n", "in line 1: '0.5,0.5,0.5' has 3 coordinates, the model has d = 2"},
            {"# c\n0.5,abc\n", "in line 2: coordinate 2 'abc' is not a number"},
            {"\n\n\n1.5,0\n", "in line 4: coordinate 1 = 1.5 is outside [0,1]"},
            {"NaN,0\n", "in line 1: coordinate 1 = NaN is outside [0,1]"},
            {"0,-0.0001\n", "in line 1: coordinate 2 = -1.0E-4 is outside [0,1]"},
            {"x1,x3\n", "in line 1: coordinate 1 'x1' is not a number"},
        };
        for (String[] c : cases) {
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> run(c[0], PointsCsv.Format.CSV));
            assertEquals(c[1], e.getMessage());
        }
    }

    @Test
    void streamsInChunksAndWritesBeforeTheInputEnds() throws Exception {
        int points = 3 * PointsCsv.CHUNK + 5;
        int[] produced = {0};
        int[] readAtFirstWrite = {-1};
        Reader lazy = new Reader() {
            private String pending = "";

            @Override
            public int read(char[] buf, int off, int len) {
                if (pending.isEmpty()) {
                    if (produced[0] == points) {
                        return -1;
                    }
                    produced[0]++;
                    pending = "0.25,0.5\n";
                }
                int n = Math.min(len, pending.length());
                pending.getChars(0, n, buf, off);
                pending = pending.substring(n);
                return n;
            }

            @Override
            public void close() {
            }
        };
        long[] chars = {0};
        Writer sink = new Writer() {
            @Override
            public void write(char[] buf, int off, int len) {
                if (readAtFirstWrite[0] < 0) {
                    readAtFirstWrite[0] = produced[0];
                }
                chars[0] += len;
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        int[] largest = {0};
        long n = new PointsCsv(2, 2, xs -> {
            largest[0] = Math.max(largest[0], xs.length);
            return sumAndProduct(xs);
        }).run(new BufferedReader(lazy, 64), "lazy", sink, PointsCsv.Format.CSV);
        assertEquals(points, n);
        assertEquals(PointsCsv.CHUNK, largest[0], "never more than one chunk in memory");
        assertTrue(readAtFirstWrite[0] < points, "output starts before the input ends: " + readAtFirstWrite[0]);
        assertEquals("x1,x2,phi_1,phi_2\n".length() + (long) points * "0.25,0.5,0.75,0.125\n".length(), chars[0]);
    }
}
