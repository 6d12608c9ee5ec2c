package org.layerwise;

/**
 * A target returned NaN or an infinity where a finite value is needed (a cell mean, an error
 * integral). The message names the level, the cell index and the point, for example
 * {@code "level 6: cell 1234 has f = NaN at x = (0.1, 0.7)"}.
 */
public class NonFiniteValueException extends LayerwiseException {
    private static final long serialVersionUID = 1L;

    private final int level;
    private final long cell;
    private final double value;
    private final double[] point;

    public NonFiniteValueException(int level, long cell, double value, double[] point) {
        super("level " + level + ": cell " + cell + " has f = " + value + " at x = " + format(point));
        this.level = level;
        this.cell = cell;
        this.value = value;
        this.point = point.clone();
    }

    /** A plain message, for places without a cell (for example a shifted point of the modulus of continuity). */
    public NonFiniteValueException(String message, double value, double[] point) {
        super(message + ": f = " + value + " at x = " + format(point));
        this.level = -1;
        this.cell = -1;
        this.value = value;
        this.point = point.clone();
    }

    /** The level whose computation failed, or -1. */
    public int level() {
        return level;
    }

    /** The cell index at that level, or -1. */
    public long cell() {
        return cell;
    }

    /** The offending value (NaN or an infinity). */
    public double value() {
        return value;
    }

    /** The point where the target was evaluated (a copy). */
    public double[] point() {
        return point.clone();
    }

    /** {@code "(0.1, 0.7)"}: shortest round-tripping decimal of each coordinate. */
    public static String format(double[] x) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < x.length; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(x[i]);
        }
        return sb.append(')').toString();
    }
}
