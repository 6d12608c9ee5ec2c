package org.layerwise.report;

/**
 * Samples of {@code f} and of the readouts {@code Phi_1..Phi_L} on a regular set of midpoints, taken through the
 * sampler's batch methods in chunks (so a progress bar can advance and memory stays bounded).
 *
 * @param resolution points per axis
 * @param dim        1 (a line of {@code resolution} points) or 2 (a {@code resolution^2} grid; also a slice
 *                   {@code x3 = c} of a 3-D target, see {@link #slice})
 * @param target     {@code f} at each point; for {@code dim = 2} index {@code j*resolution + i} is the point
 *                   {@code ((i+0.5)/r, (j+0.5)/r)}
 * @param readouts   {@code readouts[l-1][k]} is {@code Phi_l} at point {@code k}
 */
public record Samples(int resolution, int dim, double[] target, double[][] readouts) {

    /** Points per batch call. */
    static final int CHUNK = 1024;

    /** The midpoint {@code (k + 1/2) / r} of interval {@code k} of {@code r}. */
    public static double midpoint(int k, int r) {
        return (k + 0.5) / r;
    }

    /** {@code f} and every readout at the midpoints of {@code r} equal intervals of [0,1] ({@code d = 1}). */
    public static Samples line(ReadoutSampler sampler, int r, Progress progress) {
        requireDim(sampler, 1);
        double[][] points = new double[r][];
        for (int i = 0; i < r; i++) {
            points[i] = new double[] {midpoint(i, r)};
        }
        return sample(sampler, r, 1, points, progress);
    }

    /** {@code f} and every readout at the {@code r x r} cell midpoints of [0,1]^2 ({@code d = 2}). */
    public static Samples grid(ReadoutSampler sampler, int r, Progress progress) {
        requireDim(sampler, 2);
        double[][] points = new double[r * r][];
        for (int j = 0; j < r; j++) {
            for (int i = 0; i < r; i++) {
                points[j * r + i] = new double[] {midpoint(i, r), midpoint(j, r)};
            }
        }
        return sample(sampler, r, 2, points, progress);
    }

    /**
     * {@code f} and every readout of a {@code d = 3} target on the slice {@code x3 = c}: the {@code r x r} cell
     * midpoints {@code (x1, x2)} of {@code [0,1]^2}, each at third coordinate {@code c}. The samples are those of a
     * 2-D picture ({@code dim = 2}, indexed as {@link #grid}).
     *
     * @param sampler  a sampler of dimension 3
     * @param r        points per axis
     * @param c        the slice's third coordinate, in {@code [0,1]}
     * @param progress advanced by one unit per point
     * @return the samples of the slice
     * @throws IllegalArgumentException if the sampler's dimension is not 3
     */
    public static Samples slice(ReadoutSampler sampler, int r, double c, Progress progress) {
        requireDim(sampler, 3);
        double[][] points = new double[r * r][];
        for (int j = 0; j < r; j++) {
            for (int i = 0; i < r; i++) {
                points[j * r + i] = new double[] {midpoint(i, r), midpoint(j, r), c};
            }
        }
        return sample(sampler, r, 2, points, progress);
    }

    /**
     * The slices a report draws of a {@code d = 3} target at resolution {@code r}: the sample midpoints
     * {@code (floor(q r) + 1/2) / r} nearest to {@code q = 1/4, 1/2, 3/4} (a midpoint, so no slice lies on the
     * boundary of a coarse cell).
     *
     * @param r points per axis
     * @return the three third coordinates, increasing
     */
    public static double[] slicePositions(int r) {
        double[] q = {0.25, 0.5, 0.75};
        double[] out = new double[q.length];
        for (int k = 0; k < q.length; k++) {
            out[k] = midpoint((int) Math.floor(q[k] * r), r);
        }
        return out;
    }

    /** Smallest finite value among {@code f} and all readouts, NaN when there is none. */
    public double min() {
        return extreme(true);
    }

    /** Largest finite value among {@code f} and all readouts, NaN when there is none. */
    public double max() {
        return extreme(false);
    }

    /** Number of readout levels. */
    public int levels() {
        return readouts.length;
    }

    private double extreme(boolean min) {
        double best = Double.NaN;
        for (double[] series : allSeries()) {
            for (double v : series) {
                if (Double.isFinite(v) && (Double.isNaN(best) || (min ? v < best : v > best))) {
                    best = v;
                }
            }
        }
        return best;
    }

    private double[][] allSeries() {
        double[][] all = new double[readouts.length + 1][];
        all[0] = target;
        System.arraycopy(readouts, 0, all, 1, readouts.length);
        return all;
    }

    private static Samples sample(ReadoutSampler sampler, int r, int dim, double[][] points, Progress progress) {
        int n = points.length;
        int levels = sampler.levels();
        double[] f = new double[n];
        double[][] phi = new double[levels][n];
        for (int start = 0; start < n; start += CHUNK) {
            int end = Math.min(n, start + CHUNK);
            double[][] chunk = java.util.Arrays.copyOfRange(points, start, end);
            double[] fs = sampler.targets(chunk);
            double[][] ps = sampler.readouts(chunk);
            if (fs.length != chunk.length || ps.length != chunk.length) {
                throw new IllegalStateException("sampler returned " + fs.length + " target values and " + ps.length
                        + " readout rows for " + chunk.length + " points");
            }
            for (int k = 0; k < chunk.length; k++) {
                f[start + k] = fs[k];
                if (ps[k].length != levels) {
                    throw new IllegalStateException("sampler returned " + ps[k].length + " readouts at x = "
                            + java.util.Arrays.toString(chunk[k]) + ", expected " + levels);
                }
                for (int l = 0; l < levels; l++) {
                    phi[l][start + k] = ps[k][l];
                }
            }
            progress.stepBy(end - start);
        }
        return new Samples(r, dim, f, phi);
    }

    private static void requireDim(ReadoutSampler sampler, int dim) {
        if (sampler.dim() != dim) {
            throw new IllegalArgumentException("expected a sampler of dimension " + dim + ", got " + sampler.dim());
        }
    }
}
