package org.layerwise.grid;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.layerwise.InvalidInputException;
import org.layerwise.function.Target;
import org.layerwise.function.Targets;

import ch.obermuhlner.math.big.BigDecimalMath;

/**
 * Certified cell means contain the true mean at every cell of every level, for d = 1, 2, 3 and N = 2, 3, 5, on
 * targets whose cell means are known exactly (antiderivatives and exact areas, evaluated at 50 digits); the table
 * of L levels equals the first L levels of the table of L + 1 levels bit for bit.
 */
class CertifiedMeansTest {

    private static final MathContext MC = new MathContext(50);

    /** The exact mean over a box {@code [a_i, b_i]} (50 digits). */
    interface ExactMean {
        BigDecimal over(BigDecimal[] a, BigDecimal[] b);
    }

    private static BigDecimal width(BigDecimal a, BigDecimal b) {
        return b.subtract(a);
    }

    /** Mean of g(x1) over [a, b] from an antiderivative G. */
    private static ExactMean oneD(Function<BigDecimal, BigDecimal> antiderivative) {
        return (a, b) -> antiderivative.apply(b[0]).subtract(antiderivative.apply(a[0])).divide(width(a[0], b[0]), MC);
    }

    private static final BigDecimal THIRD = BigDecimal.ONE.divide(BigDecimal.valueOf(3), MC);

    /** Area of {x + y >= 1} in [a0, a1] x [b0, b1], divided by the area: integral of a piecewise-linear g(x). */
    private static BigDecimal stepSumMean(BigDecimal[] a, BigDecimal[] b) {
        BigDecimal a0 = a[0];
        BigDecimal a1 = b[0];
        BigDecimal b0 = a[1];
        BigDecimal b1 = b[1];
        BigDecimal hy = b1.subtract(b0);
        // g(x) = clamp(b1 - max(b0, 1 - x), 0, hy), breakpoints 1 - b1 and 1 - b0
        BigDecimal[] pts = {a0, BigDecimal.ONE.subtract(b1), BigDecimal.ONE.subtract(b0), a1};
        java.util.Arrays.sort(pts, 1, 3);
        BigDecimal sum = BigDecimal.ZERO;
        BigDecimal prev = a0;
        for (int i = 1; i < pts.length; i++) {
            BigDecimal x = pts[i].max(a0).min(a1);
            if (x.compareTo(prev) > 0) {
                BigDecimal gl = g(prev, b0, b1, hy);
                BigDecimal gr = g(x, b0, b1, hy);
                sum = sum.add(gl.add(gr).multiply(x.subtract(prev)).divide(BigDecimal.valueOf(2), MC));
                prev = x;
            }
        }
        return sum.divide(a1.subtract(a0).multiply(hy), MC);
    }

    private static BigDecimal g(BigDecimal x, BigDecimal b0, BigDecimal b1, BigDecimal hy) {
        BigDecimal v = b1.subtract(b0.max(BigDecimal.ONE.subtract(x)));
        return v.max(BigDecimal.ZERO).min(hy);
    }

    /** Mean of |x - y| over the box: minus the mixed difference of |x - y|^3 / 6. */
    private static BigDecimal absDiffMean(BigDecimal[] a, BigDecimal[] b) {
        Function<BigDecimal[], BigDecimal> gg = p -> p[0].subtract(p[1]).abs().pow(3).divide(BigDecimal.valueOf(6), MC);
        BigDecimal s = gg.apply(new BigDecimal[] {b[0], b[1]}).subtract(gg.apply(new BigDecimal[] {b[0], a[1]}))
                .subtract(gg.apply(new BigDecimal[] {a[0], b[1]})).add(gg.apply(new BigDecimal[] {a[0], a[1]}));
        return s.negate().divide(width(a[0], b[0]).multiply(width(a[1], b[1])), MC);
    }

    private static void check(String formula, int d, int n, int levels, ExactMean exact, double maxEta) {
        Cells cells = new Cells(d, n);
        Target f = Targets.formula(formula, d);
        // a small sub-box budget keeps the test fast; containment holds for any budget
        CellMeans t = CellMeansBuilder.of(cells).withLevelBudget(1 << 13).build(f, levels);
        assertTrue(t.isCertified(), formula);
        long[] corner = new long[d];
        for (int l = 0; l <= levels; l++) {
            BigDecimal den = BigDecimal.valueOf(cells.perAxis(l));
            double eta = t.halfWidth(l);
            assertTrue(eta <= maxEta, formula + " d=" + d + " N=" + n + " level " + l + ": eta " + eta);
            for (int k = 0; k < t.size(l); k++) {
                cells.corner(k, l, corner);
                BigDecimal[] a = new BigDecimal[d];
                BigDecimal[] b = new BigDecimal[d];
                for (int i = 0; i < d; i++) {
                    a[i] = BigDecimal.valueOf(corner[i]).divide(den, MC);
                    b[i] = BigDecimal.valueOf(corner[i] + 1).divide(den, MC);
                }
                BigDecimal mu = exact.over(a, b);
                BigDecimal diff = new BigDecimal(t.mean(l, k)).subtract(mu).abs();
                final int level = l;
                final int cell = k;
                assertTrue(diff.compareTo(new BigDecimal(eta).add(new BigDecimal("1e-40"))) <= 0,
                        () -> formula + " d=" + d + " N=" + n + " level " + level + " cell " + cell + ": stored "
                                + t.mean(level, cell) + " true " + mu + " eta " + eta);
            }
        }
    }

    private static final ExactMean X = oneD(x -> x.pow(2).divide(BigDecimal.valueOf(2), MC));
    private static final ExactMean X2 = oneD(x -> x.pow(3).divide(BigDecimal.valueOf(3), MC));
    private static final ExactMean EXP3 = oneD(x -> BigDecimalMath.exp(x.multiply(BigDecimal.valueOf(3)), MC)
            .divide(BigDecimal.valueOf(3), MC));
    private static final ExactMean STEP = oneD(x -> x.subtract(THIRD).max(BigDecimal.ZERO));

    @Test
    void oneDimensionalTargetsAreEnclosedAtEveryLevel() {
        int[][] nl = {{2, 8}, {3, 5}, {5, 4}};
        for (int[] c : nl) {
            check("x", 1, c[0], c[1], X, 1e-12);
            check("x^2", 1, c[0], c[1], X2, 1e-6);
            check("exp(3*x)", 1, c[0], c[1], EXP3, 1e-2);
            check("step(x - 1/3)", 1, c[0], c[1], STEP, 1e-2);
        }
    }

    @Test
    void twoAndThreeDimensionalTargetsAreEnclosedAtEveryLevel() {
        int[][] nl2 = {{2, 5}, {3, 3}, {5, 2}};
        for (int[] c : nl2) {
            check("x1^2", 2, c[0], c[1], X2, 1e-6);
            check("exp(3*x1)", 2, c[0], c[1], EXP3, 1e-2);
            check("step(x1 + x2 - 1)", 2, c[0], c[1], CertifiedMeansTest::stepSumMean, 0.25);
            check("abs(x1 - x2)", 2, c[0], c[1], CertifiedMeansTest::absDiffMean, 0.25);
        }
        int[][] nl3 = {{2, 3}, {3, 2}, {5, 1}};
        for (int[] c : nl3) {
            check("x1", 3, c[0], c[1], X, 1e-12);
            check("step(x1 + x2 - 1) + 0*x3", 3, c[0], c[1], CertifiedMeansTest::stepSumMean, 0.5);
            check("abs(x1 - x2) * (1 + 0*x3)", 3, c[0], c[1], CertifiedMeansTest::absDiffMean, 0.5);
        }
    }

    /** Mean of sin(3 x1) exp(x2) over the box: the product of the two one-dimensional means. */
    private static BigDecimal sinExpMean(BigDecimal[] a, BigDecimal[] b) {
        BigDecimal three = BigDecimal.valueOf(3);
        BigDecimal s = BigDecimalMath.cos(a[0].multiply(three), MC).subtract(BigDecimalMath.cos(b[0].multiply(three), MC))
                .divide(three.multiply(width(a[0], b[0])), MC);
        BigDecimal e = BigDecimalMath.exp(b[1], MC).subtract(BigDecimalMath.exp(a[1], MC)).divide(width(a[1], b[1]), MC);
        return s.multiply(e, MC);
    }

    /** {@code (2/3) sign(t) |t|^(3/2)}, an antiderivative of {@code sqrt(|t|)}. */
    private static BigDecimal sqrtAbsAntiderivative(BigDecimal t) {
        BigDecimal r = BigDecimalMath.sqrt(t.abs(), MC).multiply(t, MC);
        return r.multiply(BigDecimal.valueOf(2)).divide(BigDecimal.valueOf(3), MC);
    }

    /** Mean of sqrt(|x1 - 1/3|) + x2^2 over the box: the sum of the two one-dimensional means. */
    private static BigDecimal sqrtKinkMean(BigDecimal[] a, BigDecimal[] b) {
        BigDecimal u = sqrtAbsAntiderivative(b[0].subtract(THIRD)).subtract(sqrtAbsAntiderivative(a[0].subtract(THIRD)))
                .divide(width(a[0], b[0]), MC);
        BigDecimal v = b[1].pow(3).subtract(a[1].pow(3)).divide(BigDecimal.valueOf(3).multiply(width(a[1], b[1])), MC);
        return u.add(v);
    }

    /**
     * The block path (one Hessian enclosure for up to 4^d cells, each cell from its centre value): a smooth target
     * down to level 5 (1024 cells, blocks at every level from 1 on), and a target whose blocks must split around
     * the line x1 = 1/3 where sqrt(|t|) has no bounded second derivative (the cells there take their own boxes and
     * are refined), both against their exact means at every cell; N = 3 uses blocks of one parent.
     */
    @Test
    void blockEnclosuresHoldTheTrueMeans() {
        check("sin(3*x1) * exp(x2)", 2, 2, 5, CertifiedMeansTest::sinExpMean, 2e-3);
        check("sqrt(abs(x1 - 1/3)) + x2^2", 2, 2, 5, CertifiedMeansTest::sqrtKinkMean, 1e-2);
        check("sin(3*x1) * exp(x2)", 2, 3, 3, CertifiedMeansTest::sinExpMean, 2e-3);
        check("sqrt(abs(x1 - 1/3)) + x2^2", 2, 3, 3, CertifiedMeansTest::sqrtKinkMean, 1e-2);
    }

    @Test
    void levelsDoNotDependOnTheNumberOfLevels() {
        for (String s : new String[] {"step(x1 - 0.3)", "abs(x1 - x2)", "sin(7*x1)*x2",
            "1 - sqrt((x1-0.5)^2 + (x2-0.5)^2)", "sqrt(abs(x1 - 1/3)) + x2^2"}) {
            int d = s.contains("x2") ? 2 : 1;
            Cells cells = new Cells(d, d == 1 ? 3 : 2);
            CellMeansBuilder b = CellMeansBuilder.of(cells).withLevelBudget(1 << 13);
            CellMeans small = b.build(Targets.formula(s, d), 4);
            CellMeans large = b.build(Targets.formula(s, d), 5);
            for (int l = 0; l <= 4; l++) {
                assertArrayEquals(small.level(l), large.level(l), s + " level " + l);
                assertEquals(small.halfWidth(l), large.halfWidth(l), s + " level " + l);
            }
        }
    }

    @Test
    void undefinedRegionsAndPolesAreBadInput() {
        Cells cells = new Cells(1, 2);
        InvalidInputException sqrt = assertThrows(InvalidInputException.class,
                () -> CellMeansBuilder.of(cells).build(Targets.formula("sqrt(x1 - 0.5)", 1), 3));
        assertTrue(sqrt.getMessage().contains("undefined"), sqrt.getMessage());
        assertThrows(InvalidInputException.class,
                () -> CellMeansBuilder.of(cells).build(Targets.formula("log(x1 - 0.5)", 1), 3));
        InvalidInputException pole = assertThrows(InvalidInputException.class,
                () -> CellMeansBuilder.of(cells).build(Targets.formula("1/(x1 - 0.3)", 1), 3));
        assertTrue(pole.getMessage().contains("cell"), pole.getMessage());
        // an integrable singularity with a bounded value (sqrt at 0) is fine
        assertTrue(CellMeansBuilder.of(cells).build(Targets.formula("sqrt(x1)", 1), 4).isCertified());
    }
}
