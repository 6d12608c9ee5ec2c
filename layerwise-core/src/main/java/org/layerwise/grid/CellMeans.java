package org.layerwise.grid;

import org.layerwise.InvalidInputException;

/**
 * The table of cell means {@code mu_l(K)} of a target for levels {@code l = 0..L}: level {@code l}
 * is an array of {@code N^(dl)} doubles indexed by the cell index {@code K_l} of {@link Cells}.
 * Level 0 holds the single value {@code mu_0}, the mean over {@code [0,1]^d}.
 *
 * <p>Immutable after construction: {@link #of} takes ownership of the arrays (they are large, so
 * they are not copied) and the class never exposes them; callers must not keep references.
 */
public final class CellMeans {

    private final Cells cells;
    private final double[][] means;
    /** Per level the largest half-width of the mean enclosures, or null for estimates. */
    private final double[] halfWidths;

    private CellMeans(Cells cells, double[][] means, double[] halfWidths) {
        this.cells = cells;
        this.means = means;
        this.halfWidths = halfWidths;
    }

    /**
     * A certified table: as {@link #of}, and {@code |mean(l, K) - mu_l(K)| <= halfWidths[l]} for every cell, with
     * {@code mu_l} the true mean.
     *
     * @param cells      the cell geometry (dimension {@code d}, base {@code N})
     * @param means      per level {@code l} the {@code N^(dl)} midpoints, owned by the result
     * @param halfWidths per level {@code eta_l >= 0}
     * @return the certified table
     * @throws InvalidInputException if a half-width is negative or NaN, or there is not one per level
     */
    public static CellMeans certified(Cells cells, double[][] means, double[] halfWidths) {
        CellMeans t = of(cells, means);
        if (halfWidths.length != means.length) {
            throw new InvalidInputException("expected " + means.length + " half-widths, got " + halfWidths.length);
        }
        for (double h : halfWidths) {
            if (!(h >= 0)) {
                throw new InvalidInputException("half-width of a mean enclosure must be >= 0, got " + h);
            }
        }
        return new CellMeans(cells, t.means, halfWidths.clone());
    }

    /**
     * Whether the means are certified enclosures' midpoints, not estimates.
     *
     * @return true if {@link #halfWidth} bounds every level's distance to the true means
     */
    public boolean isCertified() {
        return halfWidths != null;
    }

    /**
     * The status word written to model files and JSON.
     *
     * @return {@code "certified"} or {@code "estimate"}
     */
    public String status() {
        return isCertified() ? "certified" : "estimate";
    }

    /**
     * {@code eta_l}: the largest distance of a stored mean of the level from the true one.
     *
     * @param level {@code l}, {@code 0..levels()}
     * @return {@code eta_l}, or NaN for estimates
     */
    public double halfWidth(int level) {
        return halfWidths == null ? Double.NaN : halfWidths[level];
    }

    /**
     * Wraps a table, checking that level {@code l} has {@code N^(dl)} entries and every entry is finite.
     *
     * @param cells the cell geometry (dimension {@code d}, base {@code N})
     * @param means per level {@code l} the {@code N^(dl)} means, owned by the result
     * @return the table, status "estimate"
     * @throws InvalidInputException naming the level and cell of the first bad entry
     */
    public static CellMeans of(Cells cells, double[][] means) {
        if (means.length < 1) {
            throw new InvalidInputException("a table of cell means needs at least level 0");
        }
        for (int l = 0; l < means.length; l++) {
            long expected = cells.count(l);
            if (means[l] == null || means[l].length != expected) {
                throw new InvalidInputException("level " + l + ": expected " + expected + " cell means, got "
                        + (means[l] == null ? "none" : means[l].length));
            }
            for (int k = 0; k < means[l].length; k++) {
                if (!Double.isFinite(means[l][k])) {
                    throw new InvalidInputException("level " + l + ": cell " + k + " has mean " + means[l][k]);
                }
            }
        }
        return new CellMeans(cells, means, null);
    }

    /**
     * The cell geometry.
     *
     * @return the cells the means are indexed by
     */
    public Cells cells() {
        return cells;
    }

    /**
     * The dimension.
     *
     * @return {@code d}
     */
    public int dim() {
        return cells.dim();
    }

    /**
     * The refinement factor.
     *
     * @return {@code N}
     */
    public int base() {
        return cells.base();
    }

    /**
     * The deepest level in the table.
     *
     * @return {@code L}
     */
    public int levels() {
        return means.length - 1;
    }

    /**
     * One mean.
     *
     * @param level {@code l}, {@code 0..levels()}
     * @param index the cell index {@code K}, {@code 0..N^(dl)-1}
     * @return {@code mu_l(K)}
     */
    public double mean(int level, long index) {
        return means[level][Math.toIntExact(index)];
    }

    /**
     * The piecewise-constant approximation {@code A_l f} at a point.
     *
     * @param x     a point of {@code [0,1]^d}
     * @param level {@code l}, {@code 0..levels()}
     * @return {@code mu_l(K_l(x))}
     */
    public double at(double[] x, int level) {
        return mean(level, cells.index(x, level));
    }

    /**
     * One level's means.
     *
     * @param level {@code l}, {@code 0..levels()}
     * @return a copy of the {@code N^(dl)} means, indexed by {@code K}
     */
    public double[] level(int level) {
        return means[level].clone();
    }

    /**
     * Number of cells at a level.
     *
     * @param level {@code l}, {@code 0..levels()}
     * @return {@code N^(dl)}
     */
    public int size(int level) {
        return means[level].length;
    }

    /**
     * The table cut at a level (shares no mutable state with callers).
     *
     * @param levels the new deepest level, {@code 0..levels()}
     * @return a table holding only levels {@code 0..levels} of this one, with their half-widths
     * @throws InvalidInputException if {@code levels} is outside {@code 0..levels()}
     */
    public CellMeans truncate(int levels) {
        if (levels < 0 || levels > levels()) {
            throw new InvalidInputException("cannot truncate a table of " + levels() + " levels to " + levels);
        }
        return new CellMeans(cells, java.util.Arrays.copyOf(means, levels + 1),
                halfWidths == null ? null : java.util.Arrays.copyOf(halfWidths, levels + 1));
    }
}
