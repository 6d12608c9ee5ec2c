package org.layerwise.train;

/**
 * The previous {@link Dense#mulAdd} (until the row-pair kernel), kept only as the baseline of
 * {@link DenseKernelBenchmark}: blocks of {@code 64} terms per pass over {@code c}, two rows of {@code c} and four
 * terms per pass over a row, i.e. {@code c0[j] = c0[j] + x0 b0[j] + x1 b1[j] + x2 b2[j] + x3 b3[j]}. The same terms
 * in the same order as the plain loop (so the same bits as {@link Dense#mulAdd}); only the loop nest differs.
 */
final class BlockedKernel {

    private static final int BLOCK = 64;

    private BlockedKernel() {
    }

    /** {@code c[i][j] += sum_{p<k} a[i][p] b[p][j]} for {@code i < rows}, in the order {@code p = 0..k-1}. */
    static void mulAdd(double[][] a, int rows, int k, double[][] b, double[][] c) {
        int m = b[0].length;
        for (int p0 = 0; p0 < k; p0 += BLOCK) {
            int p1 = Math.min(k, p0 + BLOCK);
            int i = 0;
            for (; i + 1 < rows; i += 2) {
                fourTerms(a[i], a[i + 1], p0, p1, b, c[i], c[i + 1], m);
            }
            for (; i < rows; i++) {
                for (int p = p0; p < p1; p++) {
                    double x = a[i][p];
                    double[] bp = b[p];
                    for (int j = 0; j < m; j++) {
                        c[i][j] += x * bp[j];
                    }
                }
            }
        }
    }

    private static void fourTerms(double[] r0, double[] r1, int p0, int p1, double[][] b, double[] c0, double[] c1,
                                  int m) {
        int p = p0;
        for (; p + 3 < p1; p += 4) {
            double[] b0 = b[p];
            double[] b1 = b[p + 1];
            double[] b2 = b[p + 2];
            double[] b3 = b[p + 3];
            double x0 = r0[p];
            double x1 = r0[p + 1];
            double x2 = r0[p + 2];
            double x3 = r0[p + 3];
            double y0 = r1[p];
            double y1 = r1[p + 1];
            double y2 = r1[p + 2];
            double y3 = r1[p + 3];
            for (int j = 0; j < m; j++) {
                double v0 = b0[j];
                double v1 = b1[j];
                double v2 = b2[j];
                double v3 = b3[j];
                c0[j] = c0[j] + x0 * v0 + x1 * v1 + x2 * v2 + x3 * v3;
                c1[j] = c1[j] + y0 * v0 + y1 * v1 + y2 * v2 + y3 * v3;
            }
        }
        for (; p < p1; p++) {
            double[] bp = b[p];
            double x = r0[p];
            double y = r1[p];
            for (int j = 0; j < m; j++) {
                c0[j] += x * bp[j];
                c1[j] += y * bp[j];
            }
        }
    }
}
