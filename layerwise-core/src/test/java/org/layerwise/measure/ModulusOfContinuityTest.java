package org.layerwise.measure;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.layerwise.function.Target;
import org.layerwise.function.TestTargets;

class ModulusOfContinuityTest {

    /** f(x) = x: ||f(.+h) - f||_{L^p(0, 1-|h|)} = |h| (1-|h|)^(1/p), increasing in |h| for |h| <= p/(p+1). */
    @Test
    void identityIn1dHasTheExactModulus() {
        Target f = TestTargets.of(1, x -> x[0]);
        for (double t : new double[] {1.0 / 3, 0.25, 0.1, 1.0 / 64}) {
            for (double p : new double[] {1, 2, 3, 1000, 1e4, 1e6}) {
                double exact = t * Math.pow(1 - t, 1 / p);
                ErrorEstimate e = ModulusOfContinuity.DEFAULT.estimate(f, t, new PNorm(p));
                assertEquals(exact, e.value(), 1e-12 * exact, "t=" + t + " p=" + p);
                assertTrue(e.method().contains("estimate"));
            }
            assertEquals(t, ModulusOfContinuity.DEFAULT.estimate(f, t, PNorm.INF).value(), 1e-15);
        }
        // t = 1: the sup of h sqrt(1-h) is at h = 2/3 (sqrt(4/27)); the shift 5/8 comes close from below
        double est = ModulusOfContinuity.DEFAULT.estimate(f, 1.0, PNorm.TWO).value();
        assertTrue(est <= Math.sqrt(4.0 / 27) && est >= 0.625 * Math.sqrt(0.375) * (1 - 1e-12), "omega(1) = " + est);
    }

    @Test
    void isAnEstimateFromBelowIn2d() {
        // f = x + y: ||f(.+h) - f||_{L^2(Omega_h)} = |h1 + h2| sqrt((1-|h1|)(1-|h2|)), maximised over the circle
        Target f = TestTargets.of(2, x -> x[0] + x[1]);
        double t = 0.2;
        double sup = 0;
        for (int k = 0; k < 100000; k++) {
            double a = 2 * Math.PI * k / 100000;
            double h1 = t * Math.cos(a);
            double h2 = t * Math.sin(a);
            sup = Math.max(sup, Math.abs(h1 + h2) * Math.sqrt((1 - Math.abs(h1)) * (1 - Math.abs(h2))));
        }
        double coordinate = t * Math.sqrt(1 - t);
        double est = new ModulusOfContinuity(4096, 16, 3).estimate(f, t, PNorm.TWO).value();
        assertTrue(est <= sup * (1 + 1e-9), est + " > " + sup);
        assertTrue(est >= coordinate * (1 - 1e-12), est + " < " + coordinate);
    }

    /** The worst shift of x1 + x2 is diagonal and (for t = 1) not at full length: the search finds it within 0.1 %. */
    @Test
    void findsDiagonalWorstShifts() {
        Target f = TestTargets.of(2, x -> x[0] + x[1]);
        for (double t : new double[] {1.0, 0.3}) {
            // ||f(.+h) - f||_1 = |h1 + h2| (1-|h1|)(1-|h2|): scan the disc finely
            double sup = 0;
            for (int a = 0; a <= 2000; a++) {
                for (int k = 1; k <= 400; k++) {
                    double len = t * k / 400;
                    double h1 = len * Math.cos(Math.PI / 2 * a / 2000);
                    double h2 = len * Math.sin(Math.PI / 2 * a / 2000);
                    sup = Math.max(sup, (h1 + h2) * (1 - h1) * (1 - h2));
                }
            }
            double est = ModulusOfContinuity.DEFAULT.estimate(f, t, new PNorm(1)).value();
            assertEquals(sup, est, 1e-3 * sup, "t=" + t);
        }
    }

    @Test
    void deterministicForASeed() {
        Target f = TestTargets.of(2, x -> Math.signum(x[0] - 0.37) * Math.sin(5 * x[1]));
        ModulusOfContinuity m = new ModulusOfContinuity(2048, 8, 17);
        ErrorEstimate a = m.estimate(f, 0.1, new PNorm(1.5));
        ErrorEstimate b = m.estimate(f, 0.1, new PNorm(1.5));
        assertEquals(a, b);
        List<double[]> s1 = m.shifts(2, 0.1);
        List<double[]> s2 = m.shifts(2, 0.1);
        assertEquals(s1.size(), s2.size());
        for (int i = 0; i < s1.size(); i++) {
            assertArrayEquals(s1.get(i), s2.get(i));
            assertTrue(Math.hypot(s1.get(i)[0], s1.get(i)[1]) <= 0.1 * (1 + 1e-15));
        }
        List<double[]> other = m.withSeed(18).shifts(2, 0.1);
        assertTrue(other.get(other.size() - 1)[0] != s1.get(s1.size() - 1)[0]);
        assertEquals((4 + 8) * 18, s1.size()); // 4 coordinate/diagonal + 8 random directions, 18 lengths
    }

    @Test
    void jumpHasModulusOfOrderRootT() {
        // step at 0.3 in 1-D: ||f(.+h) - f||_p^p = |h| (the jump is crossed on an interval of length |h|)
        Target f = TestTargets.of(1, x -> x[0] >= 0.3 ? 1 : 0);
        for (double t : new double[] {0.1, 0.01}) {
            double e = ModulusOfContinuity.DEFAULT.estimate(f, t, PNorm.TWO).value();
            // about 8192 t QMC points fall in the strip where the difference is 1: a few per cent of noise
            assertEquals(Math.sqrt(t), e, 0.05 * Math.sqrt(t), "t=" + t);
        }
    }
}
