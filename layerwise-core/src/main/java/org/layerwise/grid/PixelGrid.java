package org.layerwise.grid;

import org.layerwise.InvalidInputException;
import org.layerwise.NonFiniteValueException;
import org.layerwise.function.PiecewiseConstantTarget;

/**
 * The overlaps between the pixels of a {@link PiecewiseConstantTarget} and the cells of one level,
 * in exact integer arithmetic. Along an axis with {@code s} pixels {@code [j/s, (j+1)/s)} and
 * {@code m = N^l} cells {@code [k/m, (k+1)/m)}, both are integer intervals in units of {@code 1/(s m)}:
 * {@code [j m, (j+1) m)} and {@code [k s, (k+1) s)}. Their overlap {@code ov in [0, s]} is an integer
 * and {@code ov / s} is the fraction of the cell's side covered by the pixel. A pixel covers the
 * fraction {@code prod_i ov_i / prod_i s_i} of a cell (separable 1-D weights). Both are exact doubles: the pixel count
 * {@code prod_i s_i} is below {@code 2^53} (checked), and so is every overlap product.
 */
public final class PixelGrid {

    /** Receives one pixel value and its integer overlap weight {@code prod_i ov_i > 0} with a cell. */
    @FunctionalInterface
    public interface Visitor {
        void visit(double value, double weight);
    }

    private final PiecewiseConstantTarget target;
    private final int[] pixels;
    private final long cellsPerAxis;
    private final double denominator;

    /** The pixels of {@code target} against the {@code cellsPerAxis^d} cells of one level. */
    public PixelGrid(PiecewiseConstantTarget target, long cellsPerAxis) {
        this.target = target;
        this.pixels = target.shape();
        this.cellsPerAxis = cellsPerAxis;
        if (pixels.length != target.dim()) {
            throw new InvalidInputException("grid target " + target.name() + " has a shape of length "
                    + pixels.length + " for dimension " + target.dim());
        }
        double den = 1;
        for (int s : pixels) {
            if (s < 1) {
                throw new InvalidInputException("a grid target needs >= 1 pixel per axis, got " + s);
            }
            try {
                Math.multiplyExact(Math.addExact(cellsPerAxis, 1), (long) s + 1); // s*m must fit in a long
            } catch (ArithmeticException e) {
                throw new InvalidInputException(s + " pixels against " + cellsPerAxis + " cells per axis overflow", e);
            }
            den *= s;
        }
        if (den >= 0x1p53) {
            throw new InvalidInputException("grid target " + target.name() + " has " + den
                    + " pixels, more than 2^53: the overlap weights would not be exact");
        }
        this.denominator = den;
    }

    /** {@code prod_i s_i}: a weight divided by it is the fraction of the cell. */
    public double denominator() {
        return denominator;
    }

    /** The dimension {@code d}. */
    public int dim() {
        return pixels.length;
    }

    /** First pixel meeting cell {@code k} of axis {@code i} with positive length: {@code floor(k s / m)}. */
    int first(int i, long k) {
        return (int) (k * pixels[i] / cellsPerAxis);
    }

    /** Last pixel meeting cell {@code k} with positive length: {@code ceil((k+1) s / m) - 1}. */
    int last(int i, long k) {
        long end = (k + 1) * pixels[i];
        return (int) ((end + cellsPerAxis - 1) / cellsPerAxis - 1);
    }

    /** Overlap of cell {@code k} and pixel {@code j} on axis {@code i}, in units of {@code 1/(s m)}. */
    long overlap(int i, long k, int j) {
        long lo = Math.max(k * pixels[i], j * cellsPerAxis);
        long hi = Math.min((k + 1) * pixels[i], (j + 1) * cellsPerAxis);
        return Math.max(0, hi - lo);
    }

    /**
     * Visits every pixel that overlaps the cell with integer corner {@code corner} with positive area,
     * in a fixed order (first axis fastest). Returns a cell-less {@link NonFiniteValueException} for the
     * first non-finite pixel value (at the pixel centre) instead of visiting it, else null.
     *
     * @param scratch an {@code int[d]} work array
     */
    public NonFiniteValueException visit(long[] corner, int[] scratch, Visitor visitor) {
        int d = pixels.length;
        int[] j = scratch;
        for (int i = 0; i < d; i++) {
            j[i] = first(i, corner[i]);
        }
        while (true) {
            double weight = 1;
            for (int i = 0; i < d; i++) {
                weight *= overlap(i, corner[i], j[i]);
            }
            double v = target.cellValue(j);
            if (!Double.isFinite(v)) {
                double[] x = new double[d];
                for (int i = 0; i < d; i++) {
                    x[i] = (j[i] + 0.5) / pixels[i];
                }
                return new NonFiniteValueException("pixel " + java.util.Arrays.toString(j), v, x);
            }
            visitor.visit(v, weight);
            int i = 0;
            while (i < d) {
                j[i]++;
                if (j[i] <= last(i, corner[i])) {
                    break;
                }
                j[i] = first(i, corner[i]);
                i++;
            }
            if (i == d) {
                return null;
            }
        }
    }
}
