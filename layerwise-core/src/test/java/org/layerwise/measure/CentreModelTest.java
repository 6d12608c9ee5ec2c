package org.layerwise.measure;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;

import org.junit.jupiter.api.Test;
import org.layerwise.function.BuiltinCatalog;
import org.layerwise.function.Target;
import org.layerwise.function.formula.FormulaTarget;
import org.layerwise.grid.CellMeans;
import org.layerwise.grid.CellMeansBuilder;
import org.layerwise.grid.Cells;

import ch.obermuhlner.math.big.BigDecimalMath;

/**
 * The first pass of the error enclosure on compiled formulas (the centre model: value and gradient from the
 * first-order tape, the patch's Hessian; the box's own Taylor enclosure where the patch has none), against
 * references computed independently in BigDecimal at 50 digits from closed-form integrals, on smooth targets and on
 * a kink and a cusp that force the fallback on the patches around them; and the tightness the issue asks for
 * (relative width below 1 % at levels >= 3 for smooth targets).
 */
class CentreModelTest {

    static final MathContext MC = new MathContext(50);
    static final CertifiedNorms NORMS = CertifiedNorms.DEFAULT;

    /** A function of one coordinate with closed-form integrals of itself and of its square over [a, b]. */
    interface Axis {
        BigDecimal integral(BigDecimal a, BigDecimal b);

        BigDecimal integralOfSquare(BigDecimal a, BigDecimal b);
    }

    /** sin(3x): int = (cos 3a - cos 3b)/3, int sin^2 = (b - a)/2 - (sin 6b - sin 6a)/12. */
    static final Axis SIN3 = new Axis() {
        public BigDecimal integral(BigDecimal a, BigDecimal b) {
            return cos(a.multiply(BigDecimal.valueOf(3))).subtract(cos(b.multiply(BigDecimal.valueOf(3))), MC)
                    .divide(BigDecimal.valueOf(3), MC);
        }

        public BigDecimal integralOfSquare(BigDecimal a, BigDecimal b) {
            BigDecimal six = BigDecimal.valueOf(6);
            return b.subtract(a).divide(BigDecimal.valueOf(2), MC).subtract(
                    sin(b.multiply(six)).subtract(sin(a.multiply(six)), MC).divide(BigDecimal.valueOf(12), MC), MC);
        }
    };

    /** exp(y): int = e^b - e^a, int e^2y = (e^2b - e^2a)/2. */
    static final Axis EXP = new Axis() {
        public BigDecimal integral(BigDecimal a, BigDecimal b) {
            return exp(b).subtract(exp(a), MC);
        }

        public BigDecimal integralOfSquare(BigDecimal a, BigDecimal b) {
            return exp(b.multiply(BigDecimal.valueOf(2))).subtract(exp(a.multiply(BigDecimal.valueOf(2))), MC)
                    .divide(BigDecimal.valueOf(2), MC);
        }
    };

    /** |x - 1/3| (a kink, never on a cell boundary of N = 2), or sqrt(|x - 1/3|) (a cusp), exactly integrated. */
    static Axis kink(boolean cusp) {
        BigDecimal k = BigDecimal.ONE.divide(BigDecimal.valueOf(3), MC);
        // F(s) = int_0^s g(t) dt for the distance s = |x - k| >= 0: s^2/2 (kink) or 2/3 s^(3/2) (cusp);
        // int_0^s g^2 = s^3/3 (kink) or s^2/2 (cusp)
        java.util.function.BiFunction<BigDecimal, Boolean, BigDecimal> prim = (s, square) -> {
            if (cusp) {
                return square ? s.pow(2, MC).divide(BigDecimal.valueOf(2), MC)
                        : BigDecimal.valueOf(2).multiply(BigDecimalMath.sqrt(s, MC).multiply(s, MC), MC)
                                .divide(BigDecimal.valueOf(3), MC);
            }
            return square ? s.pow(3, MC).divide(BigDecimal.valueOf(3), MC) : s.pow(2, MC).divide(BigDecimal.valueOf(2), MC);
        };
        return new Axis() {
            BigDecimal over(BigDecimal a, BigDecimal b, boolean square) {
                if (b.compareTo(k) <= 0) {
                    return prim.apply(k.subtract(a, MC), square).subtract(prim.apply(k.subtract(b, MC), square), MC);
                }
                if (a.compareTo(k) >= 0) {
                    return prim.apply(b.subtract(k, MC), square).subtract(prim.apply(a.subtract(k, MC), square), MC);
                }
                return prim.apply(k.subtract(a, MC), square).add(prim.apply(b.subtract(k, MC), square), MC);
            }

            public BigDecimal integral(BigDecimal a, BigDecimal b) {
                return over(a, b, false);
            }

            public BigDecimal integralOfSquare(BigDecimal a, BigDecimal b) {
                return over(a, b, true);
            }
        };
    }

    /** y^2: int = (b^3 - a^3)/3, int y^4 = (b^5 - a^5)/5. */
    static final Axis SQUARE = new Axis() {
        public BigDecimal integral(BigDecimal a, BigDecimal b) {
            return b.pow(3, MC).subtract(a.pow(3, MC), MC).divide(BigDecimal.valueOf(3), MC);
        }

        public BigDecimal integralOfSquare(BigDecimal a, BigDecimal b) {
            return b.pow(5, MC).subtract(a.pow(5, MC), MC).divide(BigDecimal.valueOf(5), MC);
        }
    };

    static BigDecimal sin(BigDecimal x) {
        return BigDecimalMath.sin(x, MC);
    }

    static BigDecimal cos(BigDecimal x) {
        return BigDecimalMath.cos(x, MC);
    }

    static BigDecimal exp(BigDecimal x) {
        return BigDecimalMath.exp(x, MC);
    }

    /**
     * The table of exact cell means (rounded to doubles) of {@code f(x1, x2) = g(x1) h(x2)} ({@code product}) or
     * {@code g(x1) + h(x2)}, N = 2, levels {@code 0..levels}, and per level the exact {@code ||f - T_l||_2} from
     * {@code sum_K int_K f^2 - 2 t_K int_K f + t_K^2 |K|}.
     */
    record Reference(CellMeans table, double[] norm) {
    }

    static Reference reference(Axis g, Axis h, boolean product, int levels) {
        Cells cells = new Cells(2, 2);
        double[][] means = new double[levels + 1][];
        double[] norm = new double[levels + 1];
        long[] corner = new long[2];
        for (int l = 0; l <= levels; l++) {
            int n = 1 << l;
            BigDecimal w = BigDecimal.ONE.divide(BigDecimal.valueOf(n), MC);
            BigDecimal area = w.multiply(w, MC);
            BigDecimal[] ig = new BigDecimal[n];
            BigDecimal[] ig2 = new BigDecimal[n];
            BigDecimal[] ih = new BigDecimal[n];
            BigDecimal[] ih2 = new BigDecimal[n];
            for (int j = 0; j < n; j++) {
                BigDecimal a = w.multiply(BigDecimal.valueOf(j), MC);
                BigDecimal b = w.multiply(BigDecimal.valueOf(j + 1), MC);
                ig[j] = g.integral(a, b);
                ig2[j] = g.integralOfSquare(a, b);
                ih[j] = h.integral(a, b);
                ih2[j] = h.integralOfSquare(a, b);
            }
            means[l] = new double[n * n];
            BigDecimal sum = BigDecimal.ZERO;
            for (int k = 0; k < n * n; k++) {
                cells.corner(k, l, corner);
                int i = (int) corner[0];
                int j = (int) corner[1];
                BigDecimal intF;
                BigDecimal intF2;
                if (product) {
                    intF = ig[i].multiply(ih[j], MC);
                    intF2 = ig2[i].multiply(ih2[j], MC);
                } else {
                    intF = ig[i].multiply(w, MC).add(ih[j].multiply(w, MC), MC);
                    intF2 = ig2[i].multiply(w, MC).add(ih2[j].multiply(w, MC), MC)
                            .add(ig[i].multiply(ih[j], MC).multiply(BigDecimal.valueOf(2), MC), MC);
                }
                double t = intF.divide(area, MC).doubleValue();
                means[l][k] = t;
                BigDecimal bt = new BigDecimal(t);
                sum = sum.add(intF2.subtract(bt.multiply(intF, MC).multiply(BigDecimal.valueOf(2), MC), MC)
                        .add(bt.multiply(bt, MC).multiply(area, MC), MC), MC);
            }
            norm[l] = BigDecimalMath.sqrt(sum, MC).doubleValue();
        }
        return new Reference(CellMeans.of(cells, means), norm);
    }

    static Enclosable compiled(String formula, int d) {
        return Enclosables.of(FormulaTarget.parse(formula, d)).orElseThrow();
    }

    static void check(String formula, Reference ref, double maxWidth, int fromLevel) {
        Enclosable f = compiled(formula, 2);
        for (int l = 0; l < ref.norm.length; l++) {
            Enclosure e = NORMS.tableError(f, ref.table, l, PNorm.TWO).norm();
            double exact = ref.norm[l];
            assertTrue(e.lo() <= exact && exact <= e.hi(), formula + " l=" + l + ": " + exact + " not in " + e);
            if (l >= fromLevel) {
                assertTrue(e.relativeWidth() < maxWidth, formula + " l=" + l + " width " + e.relativeWidth() + " " + e);
            }
        }
    }

    @Test
    void smoothProductAgainstClosedForm() {
        check("sin(3*x1)*exp(x2)", reference(SIN3, EXP, true, 7), 0.01, 3);
    }

    /** A kink along x1 = 1/3: the patches it crosses have no bounded Hessian and take the boxes' own path. */
    @Test
    void kinkForcesTheFallback() {
        check("abs(x1 - 1/3) + x2^2", reference(kink(false), SQUARE, false, 7), 0.05, 3);
    }

    /** A cusp sqrt(|x1 - 1/3|) (infinite slope): the fallback and the refinement near it. */
    @Test
    void cuspForcesTheFallback() {
        check("sqrt(abs(x1 - 1/3)) + x2^2", reference(kink(true), SQUARE, false, 6), 1.0, 7);
    }

    /**
     * Relative width below 1 % at levels >= 3 for smooth targets, with the library's tables: sin(3 x1) exp(x2) and
     * smooth1d for p = 1, 2, 7, inf; ripple2d for p = 2, inf (p = 1 and 7 take seconds per level there: the
     * refinement, unchanged, brings the coarse levels to the 0.2 % tolerance).
     */
    @Test
    void smoothTargetsAreTight() {
        PNorm[] all = {new PNorm(1), PNorm.TWO, new PNorm(7), PNorm.INF};
        tight(FormulaTarget.parse("sin(3*x1)*exp(x2)", 2), 6, all);
        tight(BuiltinCatalog.get("smooth1d"), 10, all);
        tight(BuiltinCatalog.get("ripple2d"), 6, new PNorm[] {PNorm.TWO, PNorm.INF});
    }

    static void tight(Target t, int levels, PNorm[] ps) {
        Enclosable f = Enclosables.of(t).orElseThrow();
        CellMeans table = CellMeansBuilder.of(new Cells(t.dim(), 2)).build(t, levels);
        for (PNorm p : ps) {
            for (int l = 3; l <= levels; l++) {
                Enclosure e = NORMS.tableError(f, table, l, p).norm();
                assertTrue(e.relativeWidth() < 0.01, t.name() + " l=" + l + " p=" + p + " width " + e.relativeWidth());
            }
        }
    }
}
