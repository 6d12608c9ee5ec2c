package org.layerwise.function;

import java.util.Arrays;

import org.layerwise.InvalidInputException;

/**
 * A piecewise-constant target given by a table of values on a regular grid of {@code n_1 x ... x n_d} boxes
 * (an image or a CSV grid). Grid cell {@code (j_1, ..., j_d)} is {@code prod_i [j_i / n_i, (j_i + 1) / n_i)}, a
 * coordinate equal to 1 belonging to the last cell, and its value is {@code values[j_1 + n_1 (j_2 + n_2 j_3)]}.
 *
 * <p>{@link #value(double[])} locates the cell exactly (no rounding: {@code x_i} is compared with
 * {@code j / n_i} through an exact fused multiply-add), so it always agrees with {@link #cellValue(int[])} of the
 * cell that contains {@code x}. Immutable, hence thread-safe.
 */
public final class TabulatedTarget implements PiecewiseConstantTarget {

    /** Largest number of cells accepted (8 bytes each). */
    public static final long MAX_CELLS = 1L << 26;

    private final String name;
    private final int[] shape;
    private final double[] values;
    private final Regularity regularity;

    /**
     * @param name   a short name (the file name)
     * @param shape  cells per coordinate, each {@code >= 1}, {@code 1 <= d <= 3}
     * @param values the cell values in the order above; finite; copied
     */
    public TabulatedTarget(String name, int[] shape, double[] values) {
        if (shape.length < 1 || shape.length > 3) {
            throw new InvalidInputException(name + ": a grid has 1 to 3 dimensions, got " + shape.length);
        }
        long count = 1;
        for (int n : shape) {
            if (n < 1) {
                throw new InvalidInputException(name + ": grid shape " + Arrays.toString(shape) + " has an empty side");
            }
            count *= n;
            if (count > MAX_CELLS) {
                throw new InvalidInputException(name + ": grid shape " + Arrays.toString(shape)
                        + " has more than 2^26 = " + MAX_CELLS + " cells");
            }
        }
        if (values.length != count) {
            throw new InvalidInputException(name + ": " + values.length + " values for grid shape "
                    + Arrays.toString(shape) + " (" + count + " cells)");
        }
        for (int k = 0; k < values.length; k++) {
            if (!Double.isFinite(values[k])) {
                throw new InvalidInputException(name + ": cell " + k + " has the non-finite value " + values[k]);
            }
        }
        this.name = name;
        this.shape = shape.clone();
        this.values = values.clone();
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < shape.length; i++) {
            s.append(i == 0 ? "" : " x ").append(shape[i]);
        }
        this.regularity = Regularity.discontinuous("piecewise constant on " + s + " cells (jumps across cell faces)");
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int dim() {
        return shape.length;
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }

    @Override
    public double cellValue(int[] index) {
        return values[offset(index)];
    }

    @Override
    public double value(double[] x) {
        if (x.length != shape.length) {
            throw new InvalidInputException("point has " + x.length + " coordinates, " + name + " expects "
                    + shape.length);
        }
        int[] j = new int[shape.length];
        for (int i = 0; i < shape.length; i++) {
            j[i] = cellOf(x[i], shape[i]);
        }
        return values[offset(j)];
    }

    @Override
    public Regularity regularity() {
        return regularity;
    }

    private int offset(int[] index) {
        if (index.length != shape.length) {
            throw new InvalidInputException("cell index has " + index.length + " entries, " + name + " expects "
                    + shape.length);
        }
        int k = 0;
        for (int i = shape.length - 1; i >= 0; i--) {
            if (index[i] < 0 || index[i] >= shape[i]) {
                throw new InvalidInputException("cell index " + Arrays.toString(index) + " outside grid shape "
                        + Arrays.toString(shape) + " of " + name);
            }
            k = k * shape[i] + index[i];
        }
        return k;
    }

    /**
     * The cell {@code j} with {@code j/n <= x < (j+1)/n} (or {@code n-1} for {@code x = 1}), exactly.
     *
     * @throws InvalidInputException if {@code x} is NaN or outside {@code [0,1]}
     */
    static int cellOf(double x, int n) {
        if (!(x >= 0.0 && x <= 1.0)) {
            throw new InvalidInputException("coordinate " + x + " is outside [0,1]");
        }
        int j = (int) Math.floor(x * n);
        // x*n may round across an integer; fma(x, n, -j) has the sign of the exact x*n - j.
        if (j > 0 && Math.fma(x, n, -j) < 0) {
            j--;
        } else if (Math.fma(x, n, -(j + 1.0)) >= 0) {
            j++;
        }
        return Math.min(j, n - 1);
    }

    @Override
    public String toString() {
        return "table " + name + " " + Arrays.toString(shape);
    }
}
