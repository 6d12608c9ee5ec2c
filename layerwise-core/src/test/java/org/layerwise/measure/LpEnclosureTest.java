package org.layerwise.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;

import org.junit.jupiter.api.Test;
import org.layerwise.grid.CellMeans;
import org.layerwise.grid.Cells;
import org.layerwise.numeric.Interval;
import org.layerwise.numeric.Taylor;

/**
 * Containment of the certified enclosures against closed forms (independent of the formula compiler: the
 * functions are written as Taylor expressions here). Tables hold the exact cell means (rounded to doubles).
 */
class LpEnclosureTest {

    static final PNorm[] PS = {new PNorm(1), PNorm.TWO, new PNorm(7), new PNorm(1000), PNorm.INF};
    static final CertifiedNorms NORMS = CertifiedNorms.DEFAULT;
    static final CertifiedNorms LOOSE = new CertifiedNorms(new LpEnclosure(0.05, 1 << 14, 24), NORMS.modulus());

    /** step(u) over a box: exact value, derivatives 0 off the jump and unknown across it. */
    static Taylor step(Taylor u) {
        Interval v = u.value().step();
        boolean across = u.value().lo() < 0 && u.value().hi() >= 0;
        Interval z = across ? Interval.ENTIRE : Interval.ZERO;
        return u.compose(v, z, z);
    }

    static Taylor abs(Taylor u) {
        Interval v = u.value();
        if (v.lo() >= 0) {
            return u;
        }
        if (v.hi() <= 0) {
            return u.negate();
        }
        return u.withUnknownDerivatives().withValue(v.abs());
    }

    static Taylor c(double v, int d) {
        return Taylor.constant(Interval.point(v), d);
    }

    interface Means {
        double mean(long[] corner, double w);
    }

    static CellMeans table(int d, int base, int levels, Means m) {
        Cells cells = new Cells(d, base);
        double[][] t = new double[levels + 1][];
        long[] corner = new long[d];
        for (int l = 0; l <= levels; l++) {
            t[l] = new double[Math.toIntExact(cells.count(l))];
            for (int k = 0; k < t[l].length; k++) {
                cells.corner(k, l, corner);
                t[l][k] = m.mean(corner, 1.0 / cells.perAxis(l));
            }
        }
        return CellMeans.of(cells, t);
    }

    static void assertIn(Enclosure e, double exact, String what) {
        assertTrue(e.lo() <= exact && exact <= e.hi(), what + ": " + exact + " not in " + e);
    }

    /** f = x (d = 1): ||f - A_l f||_p = (h/2)(p+1)^(-1/p), p = inf: h/2; omega_p(f, t) = t (1-t)^(1/p). */
    @Test
    void identityIn1d() {
        Enclosable f = x -> x[0];
        for (int base : new int[] {2, 3}) {
            CellMeans t = table(1, base, 6, (k, w) -> (k[0] + 0.5) * w);
            for (PNorm p : PS) {
                for (int l = 0; l <= 6; l++) {
                    double h = Math.pow(base, -l);
                    double exact = p.isInfinite() ? h / 2 : h / 2 * Math.pow(p.p() + 1, -1 / p.p());
                    Enclosure e = NORMS.tableError(f, t, l, p).norm();
                    assertIn(e, exact, "N=" + base + " l=" + l + " p=" + p);
                    if (l >= 3) {
                        assertTrue(e.relativeWidth() < 0.01, "width " + e + " p=" + p + " l=" + l);
                    }
                }
            }
        }
        for (PNorm p : PS) {
            for (double tt : new double[] {0.5, 1.0 / 27, 1.0 / 64}) {
                double exact = p.isInfinite() ? tt : tt * Math.pow(1 - tt, 1 / p.p());
                double lo = NORMS.modulusLowerBound(f, 1, new double[] {tt}, p);
                assertTrue(lo <= exact && lo >= 0.99 * exact, "omega lower bound " + lo + " vs " + exact + " p=" + p);
                assertEquals(lo, NORMS.modulusLowerBound(f, 1, new double[] {-tt}, p), 0.01 * exact);
            }
        }
    }

    /**
     * f = x^3 (d = 1, N = 2): a curved target, so the Taylor remainder (its L^p norm, and the own-Hessian step of the
     * refinement) is what is tested. References in BigDecimal at 60 digits on each cell [a, b] with mean
     * mu = (b^4 - a^4) / (4w): p = 2 from int (x^3 - mu)^2 = (b^7 - a^7)/7 - mu (b^4 - a^4)/2 + mu^2 w; p = 1 from
     * 2 int_a^x* (mu - x^3) with x* = mu^(1/3) (the positive and negative parts are equal); p = inf
     * max(b^3 - mu, mu - a^3).
     */
    @Test
    void cubeIn1d() {
        Enclosable f = x -> x[0].multiply(x[0]).multiply(x[0]);
        MathContext mc = new MathContext(60);
        int levels = 6;
        CellMeans t = table(1, 2, levels, (k, w) -> (Math.pow((k[0] + 1) * w, 4) - Math.pow(k[0] * w, 4)) / (4 * w));
        for (int l = 0; l <= levels; l++) {
            long n = 1L << l;
            BigDecimal w = BigDecimal.ONE.divide(BigDecimal.valueOf(n), mc);
            BigDecimal sum1 = BigDecimal.ZERO;
            BigDecimal sum2 = BigDecimal.ZERO;
            BigDecimal max = BigDecimal.ZERO;
            long[] corner = new long[1];
            for (long k = 0; k < n; k++) {
                t.cells().corner(k, l, corner); // the index order of the cells is the library's
                BigDecimal a = w.multiply(BigDecimal.valueOf(corner[0]), mc);
                BigDecimal b = a.add(w, mc);
                // the table's (rounded) value is the constant of the norm, as in the library
                BigDecimal mu = new BigDecimal(t.mean(l, k));
                sum2 = sum2.add(b.pow(7, mc).subtract(a.pow(7, mc), mc).divide(BigDecimal.valueOf(7), mc)
                        .subtract(mu.multiply(b.pow(4, mc).subtract(a.pow(4, mc), mc), mc).divide(BigDecimal.valueOf(2), mc), mc)
                        .add(mu.pow(2, mc).multiply(w, mc), mc), mc);
                BigDecimal star = ch.obermuhlner.math.big.BigDecimalMath.root(mu, BigDecimal.valueOf(3), mc);
                star = star.max(a).min(b);
                // int_a^b |x^3 - mu| = int_a^b (x^3 - mu) + 2 int_a^x* (mu - x^3)
                BigDecimal whole = b.pow(4, mc).subtract(a.pow(4, mc), mc).divide(BigDecimal.valueOf(4), mc).subtract(mu.multiply(w, mc), mc);
                BigDecimal below = mu.multiply(star.subtract(a, mc), mc)
                        .subtract(star.pow(4, mc).subtract(a.pow(4, mc), mc).divide(BigDecimal.valueOf(4), mc), mc);
                sum1 = sum1.add(whole.add(below.multiply(BigDecimal.valueOf(2), mc), mc), mc);
                max = max.max(b.pow(3, mc).subtract(mu, mc).abs()).max(mu.subtract(a.pow(3, mc), mc).abs());
            }
            double[] exact = {sum1.doubleValue(), Math.sqrt(sum2.doubleValue()), max.doubleValue()};
            PNorm[] ps = {new PNorm(1), PNorm.TWO, PNorm.INF};
            for (int q = 0; q < 3; q++) {
                Enclosure e = NORMS.tableError(f, t, l, ps[q]).norm();
                assertIn(e, exact[q], "x^3 l=" + l + " p=" + ps[q]);
                if (l >= 3) {
                    assertTrue(e.relativeWidth() < 0.01, "x^3 width " + e + " p=" + ps[q] + " l=" + l);
                }
            }
        }
    }

    /** A step at a (p = 1): 2 w theta (1 - theta) on the one cell holding a; omega_1(f, t) = t. */
    @Test
    void stepIn1d() {
        double a = 0.3;
        Enclosable f = x -> step(x[0].subtract(c(a, 1)));
        CellMeans t = table(1, 3, 6, (k, w) -> {
            double lo = k[0] * w;
            double hi = lo + w;
            return a <= lo ? 1 : (a >= hi ? 0 : (hi - a) / w);
        });
        for (int l = 0; l <= 6; l++) {
            double w = Math.pow(3, -l);
            double theta = (a - Math.floor(a / w) * w) / w;
            double exact = 2 * w * theta * (1 - theta);
            Enclosure e = NORMS.tableError(f, t, l, new PNorm(1)).norm();
            assertIn(e, exact, "l=" + l);
            assertTrue(e.relativeWidth() < 0.05, "l=" + l + " " + e);
        }
        for (double tt : new double[] {0.1, 1.0 / 729}) {
            double lo = NORMS.modulusLowerBound(f, 1, new double[] {tt}, new PNorm(1));
            assertTrue(lo <= tt && lo >= 0.98 * tt, "omega_1 lower bound " + lo + " vs " + tt);
        }
    }

    /** |x1 - x2| on cells of N = 2: diagonal cells hold |u - v| on [0, w]^2 (mean w/3), the others an affine function. */
    @Test
    void absoluteDifferenceIn2d() {
        Enclosable f = x -> abs(x[0].subtract(x[1]));
        CellMeans t = table(2, 2, 5, (k, w) -> k[0] == k[1] ? w / 3 : Math.abs(k[0] - k[1]) * w);
        for (PNorm p : PS) {
            for (int l = 0; l <= 5; l++) {
                long n = 1L << l;
                double w = 1.0 / n;
                double exact;
                if (p.isInfinite()) {
                    exact = n == 1 ? 2.0 / 3 : w;
                } else {
                    double q = p.p();
                    double cc = 1.0 / 3;
                    // E| |U-V| - 1/3 |^q with |U-V| of density 2(1-z)
                    double diag = 2 * ((1 - cc) * Math.pow(cc, q + 1) / (q + 1) + Math.pow(cc, q + 2) / (q + 2)
                            + Math.pow(1 - cc, q + 2) / ((q + 1) * (q + 2)));
                    double off = 2 / ((q + 1) * (q + 2)); // E|U - V|^q
                    exact = w * Math.pow((n * diag + (n * n - n) * off) / (n * n), 1 / q);
                }
                Enclosure e = NORMS.tableError(f, t, l, p).norm();
                assertIn(e, exact, "l=" + l + " p=" + p);
                if (l >= 3 && !p.isInfinite()) {
                    assertTrue(e.relativeWidth() < 0.05, "l=" + l + " p=" + p + " " + e);
                }
            }
        }
    }

    /** step(x1 + x2 - 1), N = 2: the cells with j1 + j2 = 2^l - 1 are halved by the line (mean 1/2), the others constant. */
    @Test
    void diagonalStepIn2d() {
        Enclosable f = x -> step(x[0].add(x[1]).subtract(c(1, 2)));
        CellMeans t = table(2, 2, 5, (k, w) -> {
            long s = k[0] + k[1];
            long n = Math.round(1 / w);
            return s == n - 1 ? 0.5 : (s >= n ? 1 : 0);
        });
        for (PNorm p : PS) {
            for (int l = 0; l <= 5; l++) {
                double w = Math.pow(2, -l);
                double exact = p.isInfinite() ? 0.5 : 0.5 * Math.pow(w, 1 / p.p()); // (n w^2 2^-p)^(1/p)
                // a jump along a diagonal: the default 0.2 % width costs the whole sub-box budget; 5 % is enough here
                Enclosure e = LOOSE.tableError(f, t, l, p).norm();
                assertIn(e, exact, "l=" + l + " p=" + p);
            }
        }
        // omega_1 at a diagonal shift of length t is at most the strip between x1 + x2 = 1 - s and 1, s = sqrt(2) t
        double tt = 0.125;
        double s = Math.sqrt(2) * tt;
        double lo = NORMS.modulusLowerBound(f, 2, new double[] {tt / Math.sqrt(2), tt / Math.sqrt(2)}, new PNorm(1));
        assertTrue(lo <= s - s * s / 2 && lo > 0.9 * (s - s * s / 2 - 2 * s * tt), "omega lower bound " + lo);
    }

    /** x1 + x2 + x3 (d = 3): f - mu = sum of three uniforms on [-w/2, w/2]; E|S|^p from its piecewise density. */
    @Test
    void sumIn3d() {
        Enclosable f = x -> x[0].add(x[1]).add(x[2]);
        CellMeans t = table(3, 2, 3, (k, w) -> (k[0] + k[1] + k[2] + 1.5) * w);
        for (PNorm p : PS) {
            double unit = p.isInfinite() ? 1.5 : sumOfThreeUniforms((int) p.p());
            for (int l = 0; l <= 3; l++) {
                double w = Math.pow(2, -l);
                Enclosure e = NORMS.tableError(f, t, l, p).norm();
                assertIn(e, unit * w, "l=" + l + " p=" + p);
                assertTrue(e.relativeWidth() < 1e-3, "affine: nearly exact, " + e);
            }
        }
        double lo = NORMS.modulusLowerBound(f, 3, new double[] {0.1, 0.1, 0.1}, PNorm.TWO);
        double exact = 0.3 * Math.pow(0.9, 1.5); // |h1+h2+h3| vol(Omega_h)^(1/2)
        assertTrue(lo <= exact && lo > 0.9 * exact, lo + " vs " + exact);
    }

    /** (E|U1+U2+U3|^p)^(1/p), U_i uniform on [-1/2, 1/2], integer p, in BigDecimal. */
    static double sumOfThreeUniforms(int p) {
        MathContext mc = new MathContext(80);
        BigDecimal half = new BigDecimal("0.5");
        BigDecimal threeHalves = new BigDecimal("1.5");
        // density 3/4 - s^2 on [0, 1/2], (3/2 - s)^2 / 2 on [1/2, 3/2]
        BigDecimal a = new BigDecimal("0.75").multiply(half.pow(p + 1, mc), mc).divide(BigDecimal.valueOf(p + 1), mc)
                .subtract(half.pow(p + 3, mc).divide(BigDecimal.valueOf(p + 3), mc), mc);
        BigDecimal b = BigDecimal.ZERO;
        for (BigDecimal[] bound : new BigDecimal[][] {{threeHalves, BigDecimal.ONE}, {half, BigDecimal.ONE.negate()}}) {
            BigDecimal s = bound[0];
            BigDecimal v = new BigDecimal("2.25").multiply(s.pow(p + 1, mc), mc).divide(BigDecimal.valueOf(p + 1), mc)
                    .subtract(BigDecimal.valueOf(3).multiply(s.pow(p + 2, mc), mc).divide(BigDecimal.valueOf(p + 2), mc), mc)
                    .add(s.pow(p + 3, mc).divide(BigDecimal.valueOf(p + 3), mc), mc);
            b = b.add(v.multiply(bound[1], mc), mc);
        }
        BigDecimal moment = a.add(b.multiply(half, mc), mc).multiply(BigDecimal.valueOf(2), mc);
        double log = Math.log(moment.unscaledValue().doubleValue()) - moment.scale() * Math.log(10);
        if (!Double.isFinite(log)) {
            BigDecimal r = moment.round(new MathContext(17));
            log = Math.log(r.unscaledValue().doubleValue()) - r.scale() * Math.log(10);
        }
        return Math.exp(log / p);
    }
}
