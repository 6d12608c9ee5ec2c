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

    /**
     * A non-finite value in a cell: the message is {@code "level <level>: cell <cell> has f = <value> at x = <point>"}.
     *
     * @param level the level whose computation failed ({@code >= 0})
     * @param cell  the cell's index at that level
     * @param value the offending value, NaN or an infinity
     * @param point where the target was evaluated (copied)
     */
    public NonFiniteValueException(int level, long cell, double value, double[] point) {
        super("level " + level + ": cell " + cell + " has f = " + value + " at x = " + format(point));
        this.level = level;
        this.cell = cell;
        this.value = value;
        this.point = point.clone();
    }

    /**
     * A non-finite value outside a cell (for example at a shifted point of the modulus of continuity): the message
     * is {@code "<message>: f = <value> at x = <point>"}; {@link #level()} and {@link #cell()} are -1.
     *
     * @param message what was being computed
     * @param value   the offending value, NaN or an infinity
     * @param point   where the target was evaluated (copied)
     */
    public NonFiniteValueException(String message, double value, double[] point) {
        super(message + ": f = " + value + " at x = " + format(point));
        this.level = -1;
        this.cell = -1;
        this.value = value;
        this.point = point.clone();
    }

    /** @return the level whose computation failed, or -1 when the value was not met in a cell */
    public int level() {
        return level;
    }

    /** @return the cell's index at {@link #level()}, or -1 when the value was not met in a cell */
    public long cell() {
        return cell;
    }

    /** @return the offending value (NaN or an infinity) */
    public double value() {
        return value;
    }

    /** @return the point where the target was evaluated (a copy) */
    public double[] point() {
        return point.clone();
    }

    /**
     * A point as messages show it.
     *
     * @param x the coordinates
     * @return {@code "(x1, x2, ...)"}, each coordinate as {@link Double#toString(double)} (which reads back to the
     *         same double), e.g. {@code "(0.1, 0.7)"}
     */
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
