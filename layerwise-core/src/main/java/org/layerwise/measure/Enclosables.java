package org.layerwise.measure;

import java.util.Optional;

import org.layerwise.function.BuiltinTarget;
import org.layerwise.function.PiecewiseConstantTarget;
import org.layerwise.function.Target;
import org.layerwise.function.formula.CompiledFormula;
import org.layerwise.function.formula.FormulaTarget;
import org.layerwise.numeric.Interval;
import org.layerwise.numeric.Taylor;

/**
 * The {@link Enclosable} form of a target, when it has one: formulas (and built-ins, through their formula) whose
 * compiled tree supports interval evaluation, and piecewise-constant targets (images, grids: the range over a
 * box is the minimum and maximum of the grid cells it meets; the derivatives are 0 inside one grid cell and
 * unknown across cells). Java lambdas have none: their numbers stay estimates. Only {@code d <= }
 * {@link Taylor#MAX_DIM}.
 */
public final class Enclosables {

    private Enclosables() {
    }

    /** The enclosable form of {@code f}, or empty. */
    public static Optional<Enclosable> of(Target f) {
        if (f.dim() > Taylor.MAX_DIM) {
            return Optional.empty();
        }
        if (f instanceof FormulaTarget ft) {
            return formula(ft);
        }
        if (f instanceof BuiltinTarget b) {
            return formula(FormulaTarget.parse(b.formula(), b.dim()));
        }
        if (f instanceof PiecewiseConstantTarget pc) {
            return Optional.of(pixels(pc));
        }
        return Optional.empty();
    }

    private static Optional<Enclosable> formula(FormulaTarget ft) {
        if (!ft.compiled().canEnclose()) {
            return Optional.empty();
        }
        CompiledFormula c = ft.compiled();
        return Optional.of(new Enclosable() {
            @Override
            public Taylor taylor(Taylor[] x) {
                return c.taylor(x);
            }

            @Override
            public Interval range(double[] lo, double[] hi) {
                return c.enclose(lo, hi); // the interval mode: the real function's range, no derivatives
            }

            @Override
            public boolean firstOrder(double[] lo, double[] hi, double[] out) {
                return c.firstOrder(lo, hi, out);
            }

            @Override
            public void firstOrder(int d, double[] x, int n, double[] out, boolean[] ok) {
                c.firstOrder(d, x, n, out, ok);
            }
        });
    }

    private static Enclosable pixels(PiecewiseConstantTarget f) {
        int[] shape = f.shape();
        int d = shape.length;
        return x -> {
            int[] lo = new int[d];
            int[] hi = new int[d];
            for (int i = 0; i < d; i++) {
                Interval v = x[i].value();
                // one ulp outward so that rounding of v n never drops a grid cell the box meets
                lo[i] = cell(Math.nextDown(v.lo() * shape[i]), shape[i]);
                hi[i] = cell(Math.nextUp(v.hi() * shape[i]), shape[i]);
            }
            int[] j = lo.clone();
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            while (true) {
                double v = f.cellValue(j);
                min = Math.min(min, v);
                max = Math.max(max, v);
                int i = 0;
                while (i < d && j[i] == hi[i]) {
                    j[i] = lo[i];
                    i++;
                }
                if (i == d) {
                    break;
                }
                j[i]++;
            }
            if (min == max) {
                return Taylor.constant(Interval.point(min), d);
            }
            Interval range = Interval.of(min, max);
            // unknown derivatives (a jump inside the box)
            return Taylor.variable(0, range, d).compose(range, Interval.ENTIRE, Interval.ENTIRE);
        };
    }

    /** The grid cell {@code floor(vn)} along an axis of {@code n} cells, clamped to {@code 0..n-1}. */
    private static int cell(double vn, int n) {
        if (!(vn > 0)) {
            return 0;
        }
        return (int) Math.min(n - 1, Math.floor(vn));
    }
}
