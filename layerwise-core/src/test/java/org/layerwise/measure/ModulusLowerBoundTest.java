package org.layerwise.measure;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.layerwise.measure.LpEnclosureTest.PS;
import static org.layerwise.measure.LpEnclosureTest.abs;
import static org.layerwise.measure.LpEnclosureTest.c;
import static org.layerwise.measure.LpEnclosureTest.step;

import org.junit.jupiter.api.Test;

/**
 * The certified lower bound of {@code ||f(. + h) - f||_{L^p(Omega_h)}} against closed forms, from long shifts down to
 * shifts far below the size of the boxes it uses (deep levels: {@code |h| = 2^-11 .. 2^-20}), where a difference of
 * two separate enclosures of {@code f(x + h)} and {@code f(x)} would cancel nothing. Every bound is below the exact
 * value and within the factor stated in each test.
 */
class ModulusLowerBoundTest {

    static final CertifiedNorms NORMS = CertifiedNorms.DEFAULT;

    static void assertBelowAndNear(double lo, double exact, double factor, String what) {
        assertTrue(lo <= exact && lo >= factor * exact, what + ": lower bound " + lo + ", exact " + exact);
    }

    /** f = x: ||f(.+t) - f||_p = t (1 - t)^(1/p) (= omega_p(f, t)); p = inf: t. Within 1 %. */
    @Test
    void identity() {
        Enclosable f = x -> x[0];
        for (double t : new double[] {0.3, Math.scalb(1.0, -11), Math.scalb(1.0, -20)}) {
            for (PNorm p : PS) {
                double exact = p.isInfinite() ? t : t * Math.pow(1 - t, 1 / p.p());
                assertBelowAndNear(NORMS.modulusLowerBound(f, 1, new double[] {t}, p), exact, 0.99, "t=" + t + " p=" + p);
            }
        }
    }

    /** A smooth non-linear f = x^3 - x/2 at a deep shift: f(x+t) - f(x) = t (3x^2 + 3xt + t^2 - 1/2), exact mean of |.|. */
    @Test
    void cubicAtDeepShifts() {
        Enclosable f = x -> x[0].multiply(x[0]).multiply(x[0]).subtract(x[0].multiply(c(0.5, 1)));
        double t = Math.scalb(1.0, -12);
        // p = 2: int_0^{1-t} t^2 q(x)^2 dx with q = 3x^2 + 3tx + t^2 - 1/2, by exact polynomial integration
        double b = 1 - t;
        double[] q = {t * t - 0.5, 3 * t, 3}; // q(x) = q0 + q1 x + q2 x^2
        double integral = 0;
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                integral += q[i] * q[j] * Math.pow(b, i + j + 1) / (i + j + 1);
            }
        }
        double exact = t * Math.sqrt(integral);
        assertBelowAndNear(NORMS.modulusLowerBound(f, 1, new double[] {t}, PNorm.TWO), exact, 0.98, "x^3 - x/2");
    }

    /** A step at a = 0.3: f(.+t) - f is 1 on [a - t, a), so the norm is t^(1/p) for t <= a; p = inf: 1. Within 2 %. */
    @Test
    void step1d() {
        Enclosable f = x -> step(x[0].subtract(c(0.3, 1)));
        for (double t : new double[] {0.1, 1.0 / 729, Math.scalb(1.0, -11)}) {
            for (PNorm p : PS) {
                double exact = p.isInfinite() ? 1 : Math.pow(t, 1 / p.p());
                assertBelowAndNear(NORMS.modulusLowerBound(f, 1, new double[] {t}, p), exact, 0.98, "t=" + t + " p=" + p);
            }
        }
    }

    /**
     * {@code |x1 - x2|}, {@code h = (t, 0)}: for every {@code x1 in [0, 1-t]},
     * {@code int_0^1 |g|^p dx2 = t^p (1 - t) + t^(p+1) / (p+1)} (g = t left of the diagonal, -t right of its shift,
     * linear in between), so the norm is {@code ((1-t)(t^p (1-t) + t^(p+1)/(p+1)))^(1/p)}; p = inf: t. Within 3 %.
     */
    @Test
    void absoluteDifference() {
        Enclosable f = x -> abs(x[0].subtract(x[1]));
        for (double t : new double[] {0.25, Math.scalb(1.0, -10)}) {
            for (PNorm p : PS) {
                double exact;
                if (p.isInfinite()) {
                    exact = t;
                } else {
                    double q = p.p();
                    // in logarithms: t^q underflows for q = 1000
                    exact = Math.exp((Math.log1p(-t) + q * Math.log(t) + Math.log((1 - t) + t / (q + 1))) / q);
                }
                assertBelowAndNear(NORMS.modulusLowerBound(f, 2, new double[] {t, 0}, p), exact, 0.97, "t=" + t + " p=" + p);
            }
        }
    }

    /**
     * {@code step(x1 + x2 - 1)}, {@code h = (s, s)}: the difference is the indicator of the strip
     * {@code 1 - 2s <= x1 + x2 < 1} inside {@code [0, 1-s]^2}, of area {@code 2s - 3s^2}; the norm is
     * {@code (2s - 3s^2)^(1/p)}, p = inf: 1. Within 3 % for s = 1/16; within a factor 2.2 (p = 1; less for larger p)
     * for s = 2^-11, 32 times thinner than the boxes: a jump along a diagonal is resolved by sub-boxes inside the
     * strip only, until the sub-box budget is spent.
     */
    @Test
    void diagonalStep() {
        Enclosable f = x -> step(x[0].add(x[1]).subtract(c(1, 2)));
        for (double s : new double[] {0.0625, Math.scalb(1.0, -11)}) {
            for (PNorm p : PS) {
                double exact = p.isInfinite() ? 1 : Math.pow(2 * s - 3 * s * s, 1 / p.p());
                assertBelowAndNear(NORMS.modulusLowerBound(f, 2, new double[] {s, s}, p), exact, s > 0.01 ? 0.97 : 0.45,
                        "s=" + s + " p=" + p);
            }
        }
    }
}
