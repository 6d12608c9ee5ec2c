package org.layerwise.train;

/**
 * Dense matrix kernels in double precision on row arrays ({@code a[i]} is row {@code i}), written so that the JIT
 * vectorises them across a row, and so that every entry is summed in a fixed order: {@link #mulAdd} adds the terms
 * {@code a[i][p] b[p][j]} to {@code c[i][j]} one after another for {@code p = 0, 1, ..., k-1}, rounding after each
 * addition, exactly as the plain loop {@code for p: c[i][j] += a[i][p] * b[p][j]} does (Java never fuses a multiply
 * and an add). Blocking (two rows and two terms at a time, {@link #BLOCK} terms per pass over {@code c}) only
 * changes the memory traffic, never a result bit.
 *
 * <p>Why two terms per pass: C2 (JDK 17) vectorises an inner loop only if it may unroll it as many times as a vector
 * has lanes (8 doubles with AVX-512), and it unrolls a loop body only up to {@code -XX:LoopUnrollLimit} (60) nodes.
 * The former body (two rows, four terms) sat at that limit: vectorised or left scalar depending on the context it
 * was compiled in (about 2.2x apart on a whole {@code xu2023-ex1} seed; left scalar by every stand-alone benchmark
 * here, and whenever the limit is lowered to 50). Two rows and two terms still vectorise with the limit at 45, at
 * about 0.9x the speed of the four-term body when that one vectorises. The one-row path has the same shape.
 */
final class Dense {

    /** Terms {@code p} per pass over the rows of {@code c} (keeps that slice of {@code b} in cache). */
    static final int BLOCK = 64;

    private Dense() {
    }

    /**
     * {@code c[i][j] += sum_{p<k} a[i][p] b[p][j]} for {@code i < rows} and {@code j < b[0].length}, the terms added
     * in the order {@code p = 0..k-1} (see the class comment).
     */
    static void mulAdd(double[][] a, int rows, int k, double[][] b, double[][] c) {
        mulAdd(a, 0, rows, k, b, c);
    }

    /** {@link #mulAdd(double[][], int, int, double[][], double[][])} on the rows {@code from <= i < to} only. */
    static void mulAdd(double[][] a, int from, int to, int k, double[][] b, double[][] c) {
        int m = b[0].length;
        for (int p0 = 0; p0 < k; p0 += BLOCK) {
            int p1 = Math.min(k, p0 + BLOCK);
            int i = from;
            for (; i + 1 < to; i += 2) {
                pair(a[i], a[i + 1], p0, p1, b, c[i], c[i + 1], m);
            }
            if (i < to) {
                single(a[i], p0, p1, b, c[i], m);
            }
        }
    }

    private static void pair(double[] r0, double[] r1, int p0, int p1, double[][] b, double[] c0, double[] c1, int m) {
        int p = p0;
        for (; p + 1 < p1; p += 2) {
            double[] b0 = b[p];
            double[] b1 = b[p + 1];
            double x0 = r0[p];
            double x1 = r0[p + 1];
            double y0 = r1[p];
            double y1 = r1[p + 1];
            for (int j = 0; j < m; j++) {
                double v0 = b0[j];
                double v1 = b1[j];
                c0[j] = c0[j] + x0 * v0 + x1 * v1;
                c1[j] = c1[j] + y0 * v0 + y1 * v1;
            }
        }
        if (p < p1) {
            double[] bp = b[p];
            double x = r0[p];
            double y = r1[p];
            for (int j = 0; j < m; j++) {
                c0[j] += x * bp[j];
                c1[j] += y * bp[j];
            }
        }
    }

    private static void single(double[] r0, int p0, int p1, double[][] b, double[] c0, int m) {
        int p = p0;
        for (; p + 1 < p1; p += 2) {
            double[] b0 = b[p];
            double[] b1 = b[p + 1];
            double x0 = r0[p];
            double x1 = r0[p + 1];
            for (int j = 0; j < m; j++) {
                c0[j] = c0[j] + x0 * b0[j] + x1 * b1[j];
            }
        }
        if (p < p1) {
            double[] bp = b[p];
            double x = r0[p];
            for (int j = 0; j < m; j++) {
                c0[j] += x * bp[j];
            }
        }
    }

    /** Side of the square tiles {@link #transpose} copies (so that the strided writes stay in cache). */
    private static final int TILE = 16;

    /** {@code t[j][i] = a[i][j]} for {@code from <= i < to} and {@code j < t.length}. */
    static void transpose(double[][] a, int from, int to, double[][] t) {
        int cols = t.length;
        for (int i0 = from; i0 < to; i0 += TILE) {
            int i1 = Math.min(to, i0 + TILE);
            for (int j0 = 0; j0 < cols; j0 += TILE) {
                int j1 = Math.min(cols, j0 + TILE);
                for (int i = i0; i < i1; i++) {
                    double[] ai = a[i];
                    for (int j = j0; j < j1; j++) {
                        t[j][i] = ai[j];
                    }
                }
            }
        }
    }
}
