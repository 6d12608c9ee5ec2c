package org.layerwise.grid;

import java.math.BigInteger;

import org.layerwise.InvalidInputException;

/**
 * The nested grids of {@code [0,1]^d} with refinement factor {@code N} (construction note, section 2).
 *
 * <p>Cells of level {@code l} are the cubes {@code prod_i [k_i N^-l, (k_i+1) N^-l)}; a coordinate
 * equal to 1 belongs to the last cell. The digit of level {@code m} in coordinate {@code i} is
 * {@code beta_{m,i}(x) = floor(N^m x_i) mod N} ({@code N-1} at every level when {@code x_i = 1}),
 * computed exactly from the binary expansion of the double {@code x_i}. The cell index is
 * <pre>  K_l(x) = sum_{m=1..l} sum_{i=1..d} beta_{m,i} N^(d(m-1) + (i-1))   in [0, N^(dl)),</pre>
 * so coarse digits are the low-order part: {@code K_l = K_{l-1} + N^(d(l-1)) c_l} and the parent of
 * cell {@code K} at level {@code l-1} is {@code K mod N^(d(l-1))}.
 *
 * @param dim  dimension {@code d >= 1}
 * @param base refinement factor {@code N >= 2}
 */
public record Cells(int dim, int base) {

    /** Largest supported index space: cell counts must stay below this (they are array indices). */
    public static final long MAX_CELLS = 1L << 62;

    public Cells {
        if (dim < 1) {
            throw new InvalidInputException("dimension must be >= 1, got " + dim);
        }
        if (base < 2) {
            throw new InvalidInputException("base N must be >= 2, got " + base);
        }
    }

    /** {@code N^(d*level)}, the number of cells of a level; throws when it exceeds {@link #MAX_CELLS}. */
    public long count(int level) {
        return power(level * (long) dim, false, level);
    }

    /** {@code N^l}, the number of cells of a level along one coordinate. */
    public long perAxis(int level) {
        return power(level, true, level);
    }

    /** {@code N^(d(level-1))}: the stride between siblings at {@code level}, the parent count. */
    public long stride(int level) {
        return count(level - 1);
    }

    /** The deepest level whose cell count does not exceed {@code maxCells}. */
    public int maxLevel(long maxCells) {
        int level = 0;
        while (fitsIn(level + 1, maxCells)) {
            level++;
        }
        return level;
    }

    private boolean fitsIn(int level, long maxCells) {
        BigInteger c = BigInteger.valueOf(base).pow(level * dim);
        return c.compareTo(BigInteger.valueOf(Math.min(maxCells, MAX_CELLS))) <= 0;
    }

    /** {@code N^exponent}; the message (built only on failure) names the cells (per axis) of {@code level}. */
    private long power(long exponent, boolean perAxis, int level) {
        if (exponent < 0) {
            throw new InvalidInputException("level must be >= 0, got exponent " + exponent + " for "
                    + what(perAxis, level));
        }
        long r = 1;
        long limit = MAX_CELLS / base;
        for (long k = 0; k < exponent; k++) {
            if (r > limit) {
                throw new InvalidInputException(what(perAxis, level) + ": " + base + "^" + exponent
                        + " exceeds 2^62");
            }
            r *= base;
        }
        return r;
    }

    private static String what(boolean perAxis, int level) {
        return (perAxis ? "cells per axis at level " : "cells at level ") + level;
    }

    /**
     * Writes the digits {@code beta_{1..levels}(x)} of one coordinate into {@code out[0..levels-1]}.
     * Exact for every double in {@code [0,1]}.
     *
     * @throws InvalidInputException if {@code x} is NaN or outside {@code [0,1]}
     */
    public void digits(double x, int levels, int[] out) {
        checkCoordinate(x);
        if (x == 1.0) {
            java.util.Arrays.fill(out, 0, levels, base - 1);
            return;
        }
        if (x == 0.0) {
            java.util.Arrays.fill(out, 0, levels, 0);
            return;
        }
        // x = mant * 2^-shift exactly, with 0 < mant < 2^shift.
        long bits = Double.doubleToRawLongBits(x);
        int rawExp = (int) ((bits >>> 52) & 0x7ff);
        long mant = bits & 0xfffffffffffffL;
        int shift;
        if (rawExp == 0) {
            shift = 1074;
        } else {
            mant |= 1L << 52;
            shift = 1075 - rawExp;
        }
        int tz = Long.numberOfTrailingZeros(mant);
        mant >>>= tz;
        shift -= tz;
        int baseBits = 64 - Long.numberOfLeadingZeros(base);
        if (shift + baseBits <= 62) {
            long mask = (1L << shift) - 1;
            long r = mant;
            for (int m = 0; m < levels; m++) {
                long t = r * base;
                out[m] = (int) (t >>> shift);
                r = t & mask;
            }
        } else {
            BigInteger r = BigInteger.valueOf(mant);
            BigInteger n = BigInteger.valueOf(base);
            for (int m = 0; m < levels; m++) {
                BigInteger t = r.multiply(n);
                out[m] = t.shiftRight(shift).intValueExact();
                r = t.subtract(BigInteger.valueOf(out[m]).shiftLeft(shift));
            }
        }
    }

    /** The single digit {@code beta_{level,i}} of coordinate value {@code x}; {@code level >= 1}. */
    public int digit(double x, int level) {
        if (level < 1) {
            throw new InvalidInputException("digits start at level 1, got level " + level);
        }
        int[] d = new int[level];
        digits(x, level, d);
        return d[level - 1];
    }

    /** The cell index {@code K_level(x)}; {@code x} must have length {@code dim} and lie in {@code [0,1]^d}. */
    public long index(double[] x, int level) {
        if (x.length != dim) {
            throw new InvalidInputException("point has " + x.length + " coordinates, expected " + dim);
        }
        count(level);
        int[][] dig = new int[dim][level];
        for (int i = 0; i < dim; i++) {
            digits(x[i], level, dig[i]);
        }
        long k = 0;
        long w = 1;
        for (int m = 0; m < level; m++) {
            for (int i = 0; i < dim; i++) {
                k += dig[i][m] * w;
                w *= base;
            }
        }
        return k;
    }

    /**
     * The integer corner {@code (k_1, ..., k_d)} of cell {@code K} of a level: the cell is
     * {@code prod_i [k_i N^-level, (k_i + 1) N^-level)}. Writes into {@code out} (length {@code dim}).
     */
    public void corner(long index, int level, long[] out) {
        if (index < 0 || index >= count(level)) {
            throw new InvalidInputException("cell index " + index + " out of range at level " + level);
        }
        java.util.Arrays.fill(out, 0, dim, 0L);
        long k = index;
        for (int m = 0; m < level; m++) {
            for (int i = 0; i < dim; i++) {
                long digit = k % base;
                k /= base;
                out[i] += digit * powerOf(level - 1 - m);
            }
        }
    }

    /** Inverse of {@link #corner}: the index of the level cell with integer corner {@code k}. */
    public long indexOfCorner(long[] k, int level) {
        if (k.length != dim) {
            throw new InvalidInputException("corner has " + k.length + " coordinates, expected " + dim);
        }
        count(level);
        long index = 0;
        long w = 1;
        long[] rest = k.clone();
        long top = powerOf(level);
        for (int i = 0; i < dim; i++) {
            if (rest[i] < 0 || rest[i] >= top) {
                throw new InvalidInputException("corner coordinate " + rest[i] + " out of range at level " + level);
            }
        }
        // digit of level m (1-based) in coordinate i is (k_i / N^(level-m)) mod N
        for (int m = 1; m <= level; m++) {
            long p = powerOf(level - m);
            for (int i = 0; i < dim; i++) {
                index += ((rest[i] / p) % base) * w;
                w *= base;
            }
        }
        return index;
    }

    private long powerOf(int e) {
        long r = 1;
        for (int j = 0; j < e; j++) {
            r *= base;
        }
        return r;
    }

    private static void checkCoordinate(double x) {
        if (!(x >= 0.0 && x <= 1.0)) {
            throw new InvalidInputException("coordinate " + x + " is outside [0,1]");
        }
    }
}
