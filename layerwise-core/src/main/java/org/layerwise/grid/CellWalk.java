package org.layerwise.grid;

import org.layerwise.InvalidInputException;

/**
 * Consecutive cells of one level in index order, each with its integer corner {@code (k_1, ..., k_d)} stepped from
 * the previous one instead of recomputed from the index (mutable scratch for a loop over cells). The index
 * {@code K = sum_m sum_i beta_{m,i} N^(d(m-1)+(i-1))} counts its lowest position first, the level-1 digit of
 * coordinate 1, which weighs {@code N^(level-1)} in {@code k_1}; so a step adds that weight and carries into the next
 * position, as an odometer: about {@code N/(N-1)} positions per step on average, against {@code level * d} digits
 * for {@link Cells#corner}. After the last cell of the level the walk wraps to cell 0.
 */
public final class CellWalk {

    private final int dim;
    private final long base;
    /** {@code weight[m - 1] = N^(level - m)}: the weight of a level-{@code m} digit in a corner coordinate. */
    private final long[] weight;
    private final long[] corner;
    private final long count;
    private long index;

    /**
     * A walk over the cells of {@code level}, starting at cell {@code start}.
     *
     * @param cells the grid
     * @param level the level, {@code 0 <= level} with {@code N^(d level)} cells representable
     * @param start the first cell's index, in {@code [0, N^(d level))}
     * @throws InvalidInputException if {@code start} is not a cell of the level
     */
    public CellWalk(Cells cells, int level, long start) {
        this.dim = cells.dim();
        this.base = cells.base();
        this.count = cells.count(level);
        this.weight = new long[level];
        long w = 1;
        for (int m = level; m >= 1; m--) {
            weight[m - 1] = w;
            w *= base;
        }
        this.corner = new long[dim];
        cells.corner(start, level, corner);
        this.index = start;
    }

    /** @return the index of the current cell */
    public long index() {
        return index;
    }

    /**
     * The integer corner of the current cell (the cell is {@code prod_i [k_i N^-level, (k_i + 1) N^-level)}).
     *
     * @return the walk's own array, changed by {@link #next()}; read it, do not modify it
     */
    public long[] corner() {
        return corner;
    }

    /** Steps to the next cell ({@code K + 1}, or cell 0 after the last one). */
    public void next() {
        index = index + 1 == count ? 0 : index + 1;
        for (long w : weight) {
            for (int i = 0; i < dim; i++) {
                long digit = corner[i] / w % base;
                if (digit < base - 1) {
                    corner[i] += w;
                    return;
                }
                corner[i] -= (base - 1) * w;
            }
        }
    }
}
