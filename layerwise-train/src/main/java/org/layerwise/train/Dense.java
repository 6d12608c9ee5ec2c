package org.layerwise.train;

/**
 * Dense matrix kernels in double precision on row arrays ({@code a[i]} is row {@code i}), written so that the JIT
 * vectorises the innermost loop across a row, and so that every entry is summed in a fixed order:
 * {@link #mulAdd} adds the terms {@code a[i][p] b[p][j]} to {@code c[i][j]} one after another for
 * {@code p = 0, 1, ..., k-1}, rounding after each addition, exactly as the plain loop
 * {@code for p: c[i][j] += a[i][p] * b[p][j]} does (Java never fuses a multiply and an add); {@link #mulAddLeftT}
 * does the same for {@code a^T b} in the order of the rows of {@code a}. The loop nest (two rows of {@code c} per
 * pass, each row of {@code b} loaded once for both) only changes the memory traffic, never a result bit.
 */
final class Dense {

    private Dense() {
    }

    /**
     * {@code c[i][j] += sum_{p<k} a[i][p] b[p][j]} for {@code i < rows} and {@code j < b[0].length}, the terms added
     * in the order {@code p = 0..k-1} (see the class comment).
     */
    static void mulAdd(double[][] a, int rows, int k, double[][] b, double[][] c) {
        int m = b[0].length;
        if (m == 1) {
            column(a, rows, k, b, c);
            return;
        }
        int i = 0;
        for (; i + 1 < rows; i += 2) {
            double[] a0 = a[i];
            double[] a1 = a[i + 1];
            double[] c0 = c[i];
            double[] c1 = c[i + 1];
            for (int p = 0; p < k; p++) {
                axpy2(a0[p], a1[p], b[p], c0, c1, m);
            }
        }
        if (i < rows) {
            double[] a0 = a[i];
            double[] c0 = c[i];
            for (int p = 0; p < k; p++) {
                axpy(a0[p], b[p], c0, m);
            }
        }
    }

    /**
     * {@code c[i][j] += sum_{r<rows} a[r][i] b[r][j]} for {@code i < c.length} and {@code j < b[0].length}: the
     * product {@code a^T b} without transposing {@code a}, the terms added in the order {@code r = 0..rows-1} (so
     * equal bit for bit to {@link #mulAdd} of the transpose of {@code a}).
     */
    static void mulAddLeftT(double[][] a, int rows, double[][] b, double[][] c) {
        int n = c.length;
        int m = b[0].length;
        if (m == 1) {
            for (int i = 0; i < n; i++) {
                double s = c[i][0];
                for (int r = 0; r < rows; r++) {
                    s += a[r][i] * b[r][0];
                }
                c[i][0] = s;
            }
            return;
        }
        int i = 0;
        for (; i + 1 < n; i += 2) {
            double[] c0 = c[i];
            double[] c1 = c[i + 1];
            for (int r = 0; r < rows; r++) {
                double[] ar = a[r];
                axpy2(ar[i], ar[i + 1], b[r], c0, c1, m);
            }
        }
        if (i < n) {
            double[] c0 = c[i];
            for (int r = 0; r < rows; r++) {
                axpy(a[r][i], b[r], c0, m);
            }
        }
    }

    /** {@code c0[j] += x0 v[j]}, {@code c1[j] += x1 v[j]} for {@code j < m}. */
    private static void axpy2(double x0, double x1, double[] v, double[] c0, double[] c1, int m) {
        for (int j = 0; j < m; j++) {
            double vj = v[j];
            c0[j] += x0 * vj;
            c1[j] += x1 * vj;
        }
    }

    /** {@code c[j] += x v[j]} for {@code j < m}. */
    private static void axpy(double x, double[] v, double[] c, int m) {
        for (int j = 0; j < m; j++) {
            c[j] += x * v[j];
        }
    }

    /** {@link #mulAdd} for a one-column {@code b}: a running sum per row, two rows at a time. */
    private static void column(double[][] a, int rows, int k, double[][] b, double[][] c) {
        int i = 0;
        for (; i + 1 < rows; i += 2) {
            double[] a0 = a[i];
            double[] a1 = a[i + 1];
            double s0 = c[i][0];
            double s1 = c[i + 1][0];
            for (int p = 0; p < k; p++) {
                double v = b[p][0];
                s0 += a0[p] * v;
                s1 += a1[p] * v;
            }
            c[i][0] = s0;
            c[i + 1][0] = s1;
        }
        if (i < rows) {
            double[] a0 = a[i];
            double s0 = c[i][0];
            for (int p = 0; p < k; p++) {
                s0 += a0[p] * b[p][0];
            }
            c[i][0] = s0;
        }
    }

    /** Side of the square tiles {@link #transpose} copies (so that the strided writes stay in cache). */
    private static final int TILE = 16;

    /** {@code t[j][i] = a[i][j]} for {@code i < rows} and {@code j < t.length}. */
    static void transpose(double[][] a, int rows, double[][] t) {
        int cols = t.length;
        for (int i0 = 0; i0 < rows; i0 += TILE) {
            int i1 = Math.min(rows, i0 + TILE);
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
